"""``ualign claims``: the claim table (statements only; no solver is imported)."""

from __future__ import annotations

import click

from ualign.cli.common import emit


def register(main: click.Group) -> None:
    """Attach ``claims`` to the ``ualign`` group."""

    @main.command()
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def claims(as_json: bool) -> None:
        """List every claim with its status, its Coq theorems and their Print Assumptions."""
        from ualign.proofs.claims import CLAIMS
        from ualign.proofs.verify_report import coq_report
        coq = coq_report()

        def theorems(c) -> list[dict[str, str]]:
            return [{"theorem": name, "assumptions": coq["theorems"].get(name, {}).get(
                "assumptions", coq["build"])} for name in c.coq]

        if as_json:
            emit({"coq_build": coq["build"],
                  "claims": [{"id": c.id, "status": c.status.value, "tie_rule": c.tie_rule,
                              "scope": c.scope, "words": c.words, "formula": c.formula,
                              "source": c.source, "evidence": c.evidence, "coq": theorems(c),
                              "derivations": list(c.derivations), "note": c.note}
                             for c in CLAIMS]})
            return
        from rich.console import Console
        from rich.table import Table
        table = Table(title=f"claims (PROVED = a Coq theorem; Coq development: {coq['build']})")
        for col in ("id", "status", "ties", "scope", "Coq theorem [Print Assumptions]",
                    "evidence"):
            table.add_column(col, overflow="fold")
        for c in CLAIMS:
            coq_text = "\n".join(f"{t['theorem'].rsplit('.', 1)[-1]} [{t['assumptions']}]"
                                  for t in theorems(c)) or "-"
            table.add_row(c.id, c.status.value, c.tie_rule, c.scope, coq_text, c.evidence)
        Console(width=180).print(table)
