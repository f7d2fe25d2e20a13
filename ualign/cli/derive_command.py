"""``ualign derive``: run a symbolic derivation and print it as text, LaTeX or JSON.

The derivations live in :mod:`symbolic`; each step is re-checked by sympy on every run, and the
command exits 1 when any check fails.
"""

from __future__ import annotations

import sys

import click

from ualign.cli.common import emit
from ualign.model.errors import InputError


def register(main: click.Group) -> None:
    """Attach ``derive`` to the ``ualign`` group."""

    @main.command()
    @click.argument("name", required=False)
    @click.option("--list", "show_list", is_flag=True, help="list the derivations")
    @click.option("--latex", is_flag=True, help="print LaTeX")
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def derive(name: str | None, show_list: bool, latex: bool, as_json: bool) -> None:
        """Re-check a derivation of the paper's bounds for symbolic k (sympy)."""
        from ualign.symbolic.registry import DERIVATIONS
        from ualign.symbolic.registry import derive as run
        if show_list or name is None:
            if as_json:
                emit({"derivations": [{"name": n, "summary": s} for n, (_, s) in
                                      DERIVATIONS.items()]})
            else:
                for n, (_, summary) in DERIVATIONS.items():
                    click.echo(f"{n:18s} {summary}")
            return
        if name not in DERIVATIONS:
            raise InputError(f"unknown derivation {name!r}; `ualign derive --list` shows "
                             f"{', '.join(DERIVATIONS)}")
        d = run(name)
        if as_json:
            emit(d.to_json())
        else:
            click.echo(d.to_latex() if latex else d.to_text())
        if not d.passed:
            sys.exit(1)
