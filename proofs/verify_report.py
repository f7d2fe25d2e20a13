"""``ualign verify``: every claim's fast tier and the example checks, as a table and a report.

Writes ``verify-report.md`` and ``verify-report.json``; the command exits 1 when a recorded
status is contradicted or an example check fails.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ualign.proofs.claims import CLAIMS
from ualign.proofs.fast_checks import run_fast_check
from ualign.proofs.symbolic_proofs import PROOFS, proof

__all__ = ["verify_claims", "write_reports"]


def verify_claims(progress=None) -> list[dict[str, Any]]:
    """Run each claim's fast tier; one row per claim."""
    rows = []
    for c in CLAIMS:
        start = time.perf_counter()
        consistent, detail = run_fast_check(c.id)
        if c.id in PROOFS:
            d = proof(c.id)
            consistent = consistent and d.passed
            detail = f"proof object: {len(d.steps)} steps {'pass' if d.passed else 'FAIL'}; {detail}"
        rows.append({"id": c.id, "status": c.status.value, "tie_rule": c.tie_rule,
                     "scope": c.scope, "consistent": consistent, "checked": detail,
                     "seconds": round(time.perf_counter() - start, 3), "note": c.note})
        if progress:
            progress(c.id)
    return rows


def write_reports(rows: list[dict[str, Any]], examples: list[dict[str, Any]],
                  out_dir: str | Path = ".") -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "verify-report.md", out / "verify-report.json"
    lines = ["# ualign verify", "", "Exact arithmetic throughout; derivations re-checked by sympy.",
             "", "| claim | status | ties | scope | stands | checked |", "|---|---|---|---|---|---|"]
    lines += [f"| `{r['id']}` | {r['status']} | {r['tie_rule']} | {r['scope']} | "
              f"{'yes' if r['consistent'] else '**CONTRADICTED**'} | {r['checked']} |" for r in rows]
    lines += ["", "## Example checks", ""]
    lines += [f"- [{'ok' if e['passed'] else 'FAIL'}] {e['name']}: {e['statement']}" for e in examples]
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    js.write_text(json.dumps({"claims": rows, "examples": examples}, indent=1) + "\n",
                  encoding="utf-8")
    return md, js
