"""Input errors that name their source.

Every problem with user input (a PrefLib file, a policy file, a command-line option or a
Python argument) is raised as :class:`InputError`. The CLI prints it as one line,
``file:line: problem``, and exits with code 2, so a researcher never sees a traceback for a
mistake in their own data.
"""

from __future__ import annotations

__all__ = ["InputError", "UnsafePathError"]


class InputError(ValueError):
    """A problem with user input, with the file and line it came from when known.

    Examples
    --------
    >>> str(InputError("count is not a positive integer", source="votes.soc", line=14))
    'votes.soc:14: count is not a positive integer'
    >>> str(InputError("k must be at least 1, got 0"))
    'k must be at least 1, got 0'
    """

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = f"{self.source}:{self.line}: " if self.line is not None else f"{self.source}: "
        return where + self.message

    def located(self, source: str, line: int | None = None) -> "InputError":
        """Return a copy that names ``source`` (and ``line``) unless it already names one."""
        if self.source is not None:
            return self
        return InputError(self.message, source=source, line=line if line is not None else self.line)


class UnsafePathError(InputError):
    """A file reference that would lead outside the folder it must stay in.

    The certificate checker raises it instead of calling the certificate invalid: the file is
    never read, and the command stops with exit code 2.
    """
