"""ualign.cli: the ``ualign`` command line, the only place that knows about click and rich.

Its job is to parse arguments (tie rules, profiles, policy files) once at the boundary, call
the library, and print the result as text or ``--json``. Each command is a thin call into
the library; an ``InputError`` becomes one line, ``ualign: error: ...``, and exit code 2.

May import: everything.
"""

from ualign.cli.main import main

__all__ = ["main"]
