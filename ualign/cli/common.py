"""What every command shares: the click group that turns errors into one line, and loading."""

from __future__ import annotations

import contextlib
import json
import sys
from fractions import Fraction
from typing import Any

import click

from ualign.io.preflib import read_preflib
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.exact import LONG_EXACT, exact_text, with_decimals
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, parse_tie_rule

__all__ = ["UalignGroup", "TIE_RULE", "load_profile", "emit", "exact_json", "exact_text",
           "with_decimals", "PROFILE_HELP", "LONG_EXACT", "quiet_option", "progress_bar",
           "working"]

PROFILE_HELP = "a PrefLib file (.soc/.soi/.toc/.toi) or example:NAME"


class UalignGroup(click.Group):
    """Turn input errors into one line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as err:
            click.echo(f"ualign: error: {err}", err=True)
            sys.exit(2)


def load_profile(spec: str) -> Profile:
    """A profile from a PrefLib path or ``example:NAME``."""
    if spec.startswith("example:"):
        return example(spec.split(":", 1)[1])
    return read_preflib(spec)


def exact_json(value: Fraction) -> str:
    return str(value)


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    ctx.meta["ualign.quiet"] = value
    return value


#: ``--quiet``: no progress on stderr (``--json`` implies it). Read by :func:`progress_bar`.
quiet_option = click.option("--quiet", is_flag=True, expose_value=False, callback=_set_quiet,
                            help="no progress on stderr (implied by --json)")


def _quiet(as_json: bool) -> bool:
    ctx = click.get_current_context(silent=True)
    return as_json or bool(ctx is not None and ctx.meta.get("ualign.quiet"))


def progress_bar(as_json: bool = False):
    """A rich progress bar on stderr, shown also when stdout is piped; off with --quiet/--json."""
    from rich.console import Console
    from rich.progress import Progress
    return Progress(console=Console(stderr=True), transient=True, disable=_quiet(as_json))


def working(text: str, as_json: bool = False):
    """A spinner on stderr while one long step runs; nothing with --quiet or --json."""
    if _quiet(as_json):
        return contextlib.nullcontext()
    from rich.console import Console
    return Console(stderr=True).status(text)


def emit(data: dict[str, Any]) -> None:
    """Print ``data`` as JSON; long exact values get a ``*_decimal`` sibling (reading aid)."""
    click.echo(json.dumps(with_decimals(data), indent=2))


class _TieRuleType(click.ParamType):
    """``--ties NAME``, parsed once here into a :class:`TieRule` that the library takes."""

    name = "RULE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> TieRule:
        if isinstance(value, TieRule):
            return value
        try:
            return parse_tie_rule(value)
        except InputError as err:
            raise InputError(f"--ties: {err}") from None


#: The click type of every ``--ties`` option.
TIE_RULE = _TieRuleType()
