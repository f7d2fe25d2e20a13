"""CLI command ``ualign report``: robustness versus k on many profiles, as Markdown and PNGs.

The computations live in :mod:`ualign.report.robustness_report`, the figures in
:mod:`ualign.report.figures`.
"""

from __future__ import annotations

import click

from ualign.cli.common import emit, load_profile
from ualign.report.compare import check_kmax


def register(main: click.Group) -> None:
    """Attach ``report`` to the ``ualign`` group."""

    @main.command()
    @click.argument("profiles", nargs=-1, metavar="[PROFILE ...]")
    @click.option("--kmax", type=int, default=4, show_default=True, help="largest k")
    @click.option("--out", "out_dir", default="report", show_default=True, metavar="DIR",
                  help="folder for report.md, report.json, PNG figures and certificates")
    @click.option("--data", "data_dir", default=None, metavar="DIR",
                  help="with no PROFILE: the folder of PrefLib files to report on (default: "
                       "the real files shipped in ualign/data/preflib)")
    @click.option("--quiet", is_flag=True, help="no progress bar")
    @click.option("--json", "as_json", is_flag=True, help="machine-readable summary on stdout")
    def report(profiles: tuple[str, ...], kmax: int, out_dir: str, data_dir: str | None,
               quiet: bool, as_json: bool) -> None:
        """Per profile and k: NLHF, equilibrium, optimal and self-play robustness vs k/(k+1).

        With no PROFILE: the built-in examples and every PrefLib file in --data DIR
        (default: the 12 real files shipped in ualign/data/preflib). Writes OUT/report.md, OUT/report.json, the figures and the
        certificates (re-check with `ualign check`).
        """
        from rich.console import Console
        from rich.progress import Progress

        from ualign.report.robustness_report import default_profile_specs, report_json, write_report
        check_kmax(kmax)
        if profiles and data_dir:
            raise click.UsageError("give PROFILE arguments or --data DIR, not both")
        specs = list(profiles) or default_profile_specs(data_dir)
        stages = 2 * kmax + 2  # compare, (equilibrium, self-play) per k, figures and files
        with Progress(console=Console(stderr=True), transient=True, disable=quiet) as bar:
            task = bar.add_task("report", total=len(specs) * stages)

            def progress(spec: str, stage: str) -> None:
                bar.update(task, advance=1, description=f"{spec}: {stage}")

            reports, md = write_report(specs, kmax, out_dir, load_profile, progress)
        if as_json:
            data = report_json(reports, kmax)
            data["report"] = str(md)
            emit(data)
        else:
            for r in reports:
                last = r.rows[-1]
                click.echo(f"{r.spec}: k={kmax} NLHF {float(last['nlhf_product']):.4f}, "
                           f"equilibrium {float(last['equilibrium_product']):.4f} "
                           f"(eps {float(last['exploitability']):.1e}), "
                           f"bound {float(last['bound']):.4f}")
            click.echo(f"report written to {md}")
