"""CLI commands that run experiments: ``selfplay`` (with a progress bar and a plot) and
``compare`` (NLHF product vs equilibrium product vs optimal joint policy, per k).
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from ualign.certify.certificates import bundle, robustness_certificate
from ualign.cli.common import emit, load_profile, progress_bar, quiet_option
from ualign.io.policy_json import lottery_to_json
from ualign.model.policies import check_k
from ualign.model.ties import TieRule
from ualign.report.compare import check_kmax, compare_rows


def register(main: click.Group) -> None:
    """Attach the experiment commands to the ``ualign`` group."""

    @main.command()
    @click.argument("profile", metavar="PROFILE")
    @click.option("--k", "k", type=int, required=True, help="draws shown")
    @click.option("--steps", "steps", type=int, required=True, help="self-play steps T")
    @click.option("--algorithm", type=click.Choice(["hedge", "optimistic-hedge"]),
                  default="hedge", show_default=True,
                  help="the no-regret learner (optimistic: the latest reward counted once more as a prediction)")
    @click.option("--eta", type=float, default=None, help="step size (default sqrt(8 ln n / T))")
    @click.option("--plot", default=None, metavar="PNG", help="plot regret/T and exploitability")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    @click.option("--certificate", default=None, metavar="FILE",
                  help="write the exact robustness certificate of the mixture Pi_T")
    def selfplay(profile: str, k: int, steps: int, algorithm: str, eta: float | None,
                 plot: str | None, as_json: bool, certificate: str | None) -> None:
        """No-regret self-play; Pi_T (a past iterate, then k draws) loses at most Regret_T/T."""
        from ualign.solvers.selfplay import certify_mixture, check_certifiable
        from ualign.solvers.selfplay import selfplay as run_selfplay
        check_k(k, "--k")
        p = load_profile(profile)
        check_certifiable(p, steps)  # before the run, not after it
        with progress_bar(as_json) as bar:
            task = bar.add_task(f"{algorithm} self-play", total=steps)
            run = run_selfplay(p, k, steps, algorithm, eta,
                               progress=lambda t: bar.update(task, completed=t))
        with progress_bar(as_json) as bar:
            task = bar.add_task("exact certificate of Pi_T", total=steps)
            cert = certify_mixture(p, run, progress=lambda t: bar.update(task, completed=t))
        data = {"profile": profile, "k": k, "steps": steps, "algorithm": algorithm,
                "eta": run.eta, "arithmetic": "float run, exact mixture certificate",
                "regret_float": float(run.regret[-1]),
                "regret_bound_float": math.sqrt(steps * math.log(max(p.n, 2)) / 2),
                "exploitability_last_float": float(run.exploitability_last[-1]),
                "exploitability_average_float": float(run.exploitability_average[-1]),
                "mixture_robustness": str(cert.robustness), "regret": str(cert.regret),
                "bound": str(cert.bound),
                "lottery": lottery_to_json(run.average_lottery().to_exact())}
        if plot:
            from ualign.report.figures import selfplay_run_figure
            name = profile.split(":", 1)[1] if profile.startswith("example:") else \
                Path(profile).name
            selfplay_run_figure(run, p.n, name, plot)
        if as_json:
            emit(data)
        else:
            click.echo(f"{algorithm}, T={steps}, eta={run.eta:.4g}: regret {data['regret_float']:.4g}"
                       f" (Hedge bound sqrt(T ln n / 2) = {data['regret_bound_float']:.4g})")
            click.echo(f"exploitability: last iterate {data['exploitability_last_float']:.3e}, "
                       f"average {data['exploitability_average_float']:.3e} (float)")
            click.echo(f"Pi_T robustness (exact): {float(cert.robustness):.10f} = k/(k+1) - "
                       f"Regret_T/T = {float(cert.bound):.10f}")
            if plot:
                click.echo(f"plot written to {plot}")
        if certificate:
            from ualign.certify.certificates import save_certificate
            save_certificate(robustness_certificate(p, cert.mixture, 1, TieRule.SHARE), certificate)
            click.echo(f"certificate written to {certificate} (re-check with `ualign check "
                       f"{certificate}`)", err=True)

    @main.command()
    @click.argument("profile", metavar="PROFILE")
    @click.option("--kmax", type=int, required=True, help="largest k in the table")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    @click.option("--certificate", default=None, metavar="FILE",
                  help="write a bundle certifying every exact number in the table")
    def compare(profile: str, kmax: int, as_json: bool, certificate: str | None) -> None:
        """Per k: robustness of the NLHF product, the equilibrium product, the optimum, k/(k+1)."""
        check_kmax(kmax)
        p = load_profile(profile)
        with progress_bar(as_json) as bar:
            task = bar.add_task("compare, k = 1..kmax", total=kmax)
            rows, certs = compare_rows(p, kmax, lambda k: bar.update(task, completed=k - 1))
        if as_json:
            emit({"profile": profile, "tie_rule": "share", "arithmetic": "exact",
                  "rows": [{key: (str(v) if isinstance(v, Fraction) else v)
                            for key, v in row.items() if key != "certs"} for row in rows]})
        else:
            from rich.console import Console
            from rich.table import Table
            table = Table(title=f"robustness vs single-response competitors on {profile} "
                                "(exact; equilibrium via certified eps)")
            for col in ("k", "NLHF product", "equilibrium product", "optimal joint", "k/(k+1)"):
                table.add_column(col, justify="right")
            for row in rows:
                table.add_row(str(row["k"]), *(_cell(row[c]) for c in
                                               ("nlhf_product", "equilibrium_product",
                                                "optimal_joint", "bound")))
            Console().print(table)
        if certificate:
            from ualign.certify.certificates import save_certificate
            save_certificate(bundle(certs, source=f"ualign compare {profile}"),
                             certificate)


def _cell(value: Any) -> str:
    return "-" if value is None else f"{float(value):.6f}"
