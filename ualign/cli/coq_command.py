"""``ualign coq eval``: the engine's numbers on a small instance, recomputed in the Coq kernel."""

from __future__ import annotations

import sys

import click

from ualign.cli.common import TIE_RULE, emit, load_profile, progress_bar, quiet_option
from ualign.model.ties import TieRule


def register(main: click.Group) -> None:
    """Attach the ``coq`` group to the ``ualign`` group."""

    @main.group()
    def coq() -> None:
        """Cross-checks with the Coq development (proofs/coq)."""

    @coq.command("eval")
    @click.argument("profile", metavar="PROFILE")
    @click.option("--policy", "policy_file", required=True, metavar="FILE",
                  help="policy JSON file (see README)")
    @click.option("--k", "k", type=int, required=True, help="outputs shown (must match the file's k)")
    @click.option("--l", "l", type=int, default=1, show_default=True,
                  help="competitor outputs: every pure l-multiset is evaluated")
    @click.option("--ties", "ties", type=TIE_RULE, default="share", show_default=True,
                  help="tie rule: share, half, weak or strict")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def coq_eval(profile: str, policy_file: str, k: int, l: int, ties: TieRule,
                 as_json: bool) -> None:
        """Recompute the win rates against every pure competitor (and, for a product, the
        deviation payoffs) in the Coq kernel, with the definitions the theorems use; exit 1
        on any difference from the Python engine."""
        from ualign.io.policy_json import load_policy
        from ualign.model.policies import check_k
        from ualign.proofs.coq_eval import coq_job, run_coq_job
        check_k(k, "--k")
        check_k(l, "--l")
        p = load_profile(profile)
        job = coq_job(p, load_policy(policy_file, p, k), l, ties)
        with progress_bar(as_json) as bar:
            bar.add_task(f"coqc: {len(job.labels)} values in the kernel", total=None)
            result = run_coq_job(job)
        rows = [{"value": label, "engine": str(e), "kernel": None if c is None else str(c),
                 "agree": e == c} for label, e, c in zip(result.labels, result.engine,
                                                         result.kernel)]
        if as_json:
            emit({"profile": profile, "k": k, "l": l, "tie_rule": ties.value, "ok": result.ok,
                  "lemmas_checked": result.lemmas_checked, "values": rows,
                  "coq_message": result.message})
        else:
            for r in rows:
                mark = "ok  " if r["agree"] else "DIFF"
                click.echo(f"  [{mark}] {r['value']}: engine {r['engine']}, kernel {r['kernel']}")
            if result.lemmas_checked:
                click.echo(f"the kernel proved all {len(rows)} values equal to the model's "
                           f"definitions (Exec.v refinement, vm_compute)")
            else:
                click.echo(f"the kernel refused: {result.message}")
            click.echo("agree" if result.ok else "DIFFERENT")
        if not result.ok:
            sys.exit(1)
