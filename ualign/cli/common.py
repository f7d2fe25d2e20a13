"""What every command shares: the click group that turns errors into one line, and loading."""

from __future__ import annotations

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
           "with_decimals", "PROFILE_HELP", "LONG_EXACT"]

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
