"""The ``ualign`` command line: a thin layer over the library.

Every command takes ``--json`` for stable machine-readable output, in which exact values are
strings such as ``"2/3"``. A problem with the input prints one line, ``ualign: error:
FILE:LINE: problem``, and exits with code 2; a failed verification exits with code 1.
"""

from __future__ import annotations

import sys

import click

from ualign.cli.common import (TIE_RULE, UalignGroup, emit, exact_json, load_profile, progress_bar,
                               quiet_option, working)
from ualign.game.pairwise import condorcet_winner, pairwise_matrix
from ualign.game.robustness import best_competitor
from ualign.io.policy_json import load_policy, policy_to_json
from ualign.model.policies import check_k
from ualign.model.ties import TieRule

MATRIX_PRINT_LIMIT = 15
CLOSED_LINE = "Closed under the global context"
OUTPUT_DIGITS = 200_000


@click.group(cls=UalignGroup)
@click.version_option(package_name="ualign")
def main() -> None:
    """Exact checks of robust alignment with k outputs (Cai and Zheng, ICML 2026)."""
    # Exact results at k near MAX_K have tens of thousands of digits; inputs are capped at
    # 4,000 digits by their own parsers, so raising Python's printing limit is safe here.
    sys.set_int_max_str_digits(max(sys.get_int_max_str_digits(), OUTPUT_DIGITS))


@main.command()
@click.argument("profile", metavar="PROFILE")
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def info(profile: str, as_json: bool) -> None:
    """Sizes, Condorcet winner and exact pairwise matrix of PROFILE (a PrefLib file or example:NAME)."""
    p = load_profile(profile)
    winner = condorcet_winner(p)
    P = pairwise_matrix(p)
    if as_json:
        emit({"profile": profile, "responses": p.n, "user_types": p.num_users,
              "strict": p.is_strict, "names": list(p.names), "condorcet_winner": winner,
              "pairwise": [[exact_json(v) for v in row] for row in P]})
        return
    click.echo(f"{profile}: {p.n} responses, {p.num_users} user types, "
               f"{'strict' if p.is_strict else 'weak'} orders (exact weights)")
    click.echo("Condorcet winner: " + ("none" if winner is None else
                                       f"{winner} ({p.names[winner]})"))
    if p.n > MATRIX_PRINT_LIMIT:
        click.echo(f"pairwise matrix: {p.n} x {p.n}, too wide to print; use --json")
        return
    click.echo("pairwise matrix P(row beats column), exact:")
    cells = [[str(v) for v in row] for row in P]
    width = max(len(c) for row in cells for c in row + [str(p.n - 1)])
    click.echo(" " * (width + 2) + " ".join(f"{y:>{width}}" for y in range(p.n)))
    for y, row in enumerate(cells):
        click.echo(f"{y:>{width}}  " + " ".join(f"{c:>{width}}" for c in row))


@main.command()
@click.argument("profile", metavar="PROFILE")
@click.option("--policy", "policy_file", required=True, metavar="FILE", help="policy JSON file (see README)")
@click.option("--k", "k", type=int, default=None, help="outputs shown (must match the file's k)")
@click.option("--l", "l", type=int, default=1, show_default=True, help="competitor outputs")
@click.option("--ties", "ties", type=TIE_RULE, default="share", show_default=True,
              help="tie rule: share, half, weak or strict")
@quiet_option
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
@click.option("--certificate", default=None, metavar="FILE",
              help="write a robustness certificate that `ualign check` re-verifies")
def evaluate(profile: str, policy_file: str, k: int | None, l: int, ties: TieRule,
             as_json: bool, certificate: str | None) -> None:
    """Exact robustness of a k-output policy on PROFILE against its worst l-output competitor."""
    rule = ties
    if k is not None:
        check_k(k, "--k")
    check_k(l, "--l")
    p = load_profile(profile)
    policy = load_policy(policy_file, p, k)
    with working(f"the exact win rate against every {l}-output competitor", as_json):
        worst = best_competitor(p, policy, l, rule)
    names = [p.names[y] for y in worst.multiset]
    if certificate:
        from ualign.certify.certificates import robustness_certificate, save_certificate
        source = None if profile.startswith("example:") else profile
        save_certificate(robustness_certificate(p, policy, l, rule, file=source), certificate)
        click.echo(f"certificate written to {certificate} (re-check with `ualign check "
                   f"{certificate}`)", err=True)
    if as_json:
        emit({"profile": profile, "policy": policy_to_json(policy), "k": policy.k, "l": l,
              "tie_rule": rule.value, "robustness": exact_json(worst.value),
              "robustness_decimal": float(worst.value),
              "worst_competitor": {"multiset": list(worst.multiset), "names": names}})
        return
    click.echo(f"robustness (exact): {worst.value}  ~ {float(worst.value):.10f}")
    click.echo(f"  k={policy.k} {type(policy).__name__} vs l={l} competitors, tie rule {rule}")
    click.echo(f"worst competitor: {list(worst.multiset)} ({', '.join(names)})")


@main.command()
@quiet_option
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
@click.option("--out", "out_dir", default=".", show_default=True, metavar="DIR",
              help="folder for verify-report.md and verify-report.json")
def verify(as_json: bool, out_dir: str) -> None:
    """The main job: Coq theorems, every claim's fast tier, the example checks; exit 1 on a
    contradiction."""
    from ualign.proofs.claims import CLAIMS
    from ualign.proofs.example_checks import example_checks
    from ualign.proofs.verify_report import start_coq_report, verify_claims, write_reports
    with progress_bar(as_json) as bar:
        pending = start_coq_report()  # Coq's own process, beside the checks below
        task = bar.add_task("example checks", total=None)
        checks = example_checks()
        bar.update(task, total=1, completed=1)
        task = bar.add_task("claims (Coq's Print Assumptions alongside)", total=len(CLAIMS))
        rows = verify_claims(lambda _: bar.advance(task), pending)
        coq = pending.result()
    examples = [{"name": c.name, "statement": c.statement, "computed": c.computed,
                 "expected": c.expected, "passed": c.passed} for c in checks]
    md, js = write_reports(rows, examples, out_dir, coq)
    unallowed = [name for name, a in coq["theorems"].items() if not a["allowed"]]
    bad = ([r["id"] for r in rows if not r["consistent"]] + unallowed
           + [e["name"] for e in examples if not e["passed"]] + ([] if coq["built"] else ["coq"]))
    if as_json:
        emit({"coq": coq, "claims": rows, "examples": examples, "contradicted": bad,
              "reports": [str(md), str(js)]})
    else:
        axioms = sorted({a["assumptions"] for a in coq["theorems"].values()} - {CLOSED_LINE})
        click.echo(f"Coq development (proofs/coq): {coq['build']}; {len(coq['theorems'])} "
                   f"theorems, {len(coq['theorems']) - len(unallowed)} with only allowed "
                   f"assumptions" + (f" ({'; '.join(axioms)})" if axioms else ""))
        click.echo("Claims (recorded status, and what stands behind it):")
        for r in rows:
            mark = "ok  " if r["consistent"] else "FAIL"
            click.echo(f"  [{mark}] {r['id']:20s} {r['status']:12s} ({r['tie_rule']}) {r['checked']}")
        click.echo(f"Example checks: {sum(e['passed'] for e in examples)} of {len(examples)} pass")
        for e in examples:
            if not e["passed"]:
                click.echo(f"  [FAIL] {e['name']}: computed {e['computed']}, expected {e['expected']}")
        click.echo(f"reports: {md}, {js}")
        click.echo("all recorded statuses stand" if not bad else f"CONTRADICTED: {bad}")
    if bad:
        sys.exit(1)


from ualign.cli.claims_command import register as _register_claims  # noqa: E402
from ualign.cli.coq_command import register as _register_coq  # noqa: E402
from ualign.cli.derive_command import register as _register_derive  # noqa: E402
from ualign.cli.experiment_commands import register as _register_experiments  # noqa: E402
from ualign.cli.export_command import register as _register_export  # noqa: E402
from ualign.cli.lower_bound_command import register as _register_lower_bound  # noqa: E402
from ualign.cli.prove_command import register as _register_prove  # noqa: E402
from ualign.cli.refute_command import register as _register_refute  # noqa: E402
from ualign.cli.report_command import register as _register_report  # noqa: E402
from ualign.cli.solver_commands import register as _register_solvers  # noqa: E402

_register_solvers(main)
_register_experiments(main)
_register_derive(main)
_register_claims(main)
_register_coq(main)
_register_prove(main)
_register_refute(main)
_register_lower_bound(main)
_register_report(main)
_register_export(main)
