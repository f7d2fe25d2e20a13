"""``ualign verify``: every claim's Coq theorem, its fast tier and the example checks.

For each claim: the Coq theorems it names, with their ``Print Assumptions`` line (a PROVED
claim stands only if the development is built and current and every theorem is closed, or
uses only the axioms allowed for it); its derivation chain, if any (re-run, reported as a
derivation); and its fast tier of exact replays. Writes ``verify-report.md`` and
``verify-report.json``; the command exits 1 when a recorded status is contradicted or an
example check fails.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ualign.proofs.claims import CLAIMS, Status
from ualign.proofs.coq_theorems import build_status, print_assumptions, theorem_names
from ualign.proofs.derivation_chains import CHAINS, chain
from ualign.proofs.fast_checks import run_fast_check

__all__ = ["verify_claims", "coq_report", "start_coq_report", "write_reports"]


def coq_report() -> dict[str, Any]:
    """The development's build status and ``Print Assumptions`` of every theorem in it."""
    status = build_status()
    report: dict[str, Any] = {"built": status.ok, "build": status.describe(), "theorems": {}}
    if not status.ok:
        return report
    try:
        found = print_assumptions(theorem_names())
    except RuntimeError as err:
        report.update({"built": False, "build": str(err)})
        return report
    report["theorems"] = {name: {"assumptions": a.line(), "allowed": a.allowed}
                          for name, a in found.items()}
    return report


def _coq_rows(c, coq: dict[str, Any]) -> tuple[bool, list[dict[str, Any]], str]:
    rows = [{"theorem": name, **coq["theorems"].get(name, {"assumptions": "not found",
                                                            "allowed": False})}
            for name in c.coq]
    ok = coq["built"] and all(r["allowed"] for r in rows)
    if c.status is Status.PROVED and not c.coq:
        return False, rows, "PROVED but names no Coq theorem"
    if not c.coq:
        return True, rows, ""
    if not coq["built"]:
        return False, rows, f"Coq: {coq['build']}"
    words = ", ".join(f"{r['theorem'].rsplit('.', 1)[-1]} [{r['assumptions']}]" for r in rows)
    return ok, rows, f"Coq {words}"


def start_coq_report() -> Future:
    """:func:`coq_report` in a background thread: Coq is its own process, so the fast tiers
    and example checks can run meanwhile (``Print Assumptions`` takes about 10 s)."""
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(coq_report)
    pool.shutdown(wait=False)
    return future


def verify_claims(progress=None, coq: dict[str, Any] | Future | None = None,
                  claims=CLAIMS) -> list[dict[str, Any]]:
    """Each claim's Coq theorems, derivation chain and fast tier; one row per claim.

    ``coq`` is a :func:`coq_report`, or a pending one from :func:`start_coq_report`
    (None starts one): its verdicts are joined to the rows once the fast tiers have run.
    """
    pending = start_coq_report() if coq is None else coq
    checked = []
    for c in claims:
        start = time.perf_counter()
        consistent, detail = run_fast_check(c.id)
        if c.id in CHAINS:
            d = chain(c.id)
            consistent = consistent and d.passed
            detail = (f"derivation chain: {len(d.steps)} steps "
                      f"{'re-run' if d.passed else 'FAIL'}; {detail}")
        checked.append((c, consistent, detail, round(time.perf_counter() - start, 3)))
        if progress:
            progress(c.id)
    coq = pending.result() if isinstance(pending, Future) else pending
    rows = []
    for c, consistent, detail, seconds in checked:
        coq_ok, coq_rows, coq_words = _coq_rows(c, coq)
        if coq_words:
            detail = f"{coq_words}; {detail}"
        rows.append({"id": c.id, "status": c.status.value, "tie_rule": c.tie_rule,
                     "scope": c.scope, "consistent": consistent and coq_ok, "checked": detail,
                     "coq": coq_rows, "seconds": seconds, "note": c.note})
    return rows


def write_reports(rows: list[dict[str, Any]], examples: list[dict[str, Any]],
                  out_dir: str | Path = ".", coq: dict[str, Any] | None = None
                  ) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "verify-report.md", out / "verify-report.json"
    lines = ["# ualign verify", "", "PROVED means a Coq theorem (listed with its Print Assumptions); "
             "the other checks are exact replays and derivations re-run by sympy.",
             "", "| claim | status | ties | scope | stands | checked |", "|---|---|---|---|---|---|"]
    lines += [f"| `{r['id']}` | {r['status']} | {r['tie_rule']} | {r['scope']} | "
              f"{'yes' if r['consistent'] else '**CONTRADICTED**'} | {r['checked']} |" for r in rows]
    if coq is not None:
        lines += ["", f"## Coq theorems ({coq['build']})", "",
                  "| theorem | Print Assumptions |", "|---|---|"]
        lines += [f"| `{name}` | {a['assumptions']} |" for name, a in coq["theorems"].items()]
    lines += ["", "## Example checks", ""]
    lines += [f"- [{'ok' if e['passed'] else 'FAIL'}] {e['name']}: {e['statement']}" for e in examples]
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    js.write_text(json.dumps({"coq": coq, "claims": rows, "examples": examples}, indent=1) + "\n",
                  encoding="utf-8")
    return md, js
