"""``ualign claims``: the claim table (statements only; no solver is imported)."""

from __future__ import annotations

import click

from ualign.cli.common import emit


def register(main: click.Group) -> None:
    """Attach ``claims`` to the ``ualign`` group."""

    @main.command()
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def claims(as_json: bool) -> None:
        """List every claim with its tie rule, scope and recorded status."""
        from ualign.proofs.claims import CLAIMS
        if as_json:
            emit({"claims": [{"id": c.id, "status": c.status.value, "tie_rule": c.tie_rule,
                              "scope": c.scope, "words": c.words, "formula": c.formula,
                              "source": c.source, "evidence": c.evidence,
                              "derivations": list(c.derivations), "note": c.note}
                             for c in CLAIMS]})
            return
        from rich.console import Console
        from rich.table import Table
        table = Table(title="claims (recorded status; `ualign derive NAME` re-checks derivations)")
        for col in ("id", "status", "ties", "scope", "evidence"):
            table.add_column(col, overflow="fold")
        for c in CLAIMS:
            table.add_row(c.id, c.status.value, c.tie_rule, c.scope, c.evidence)
        Console(width=160).print(table)
