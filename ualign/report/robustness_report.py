"""The ``ualign report`` computations: robustness versus k on many profiles, with certificates.

For each profile and each ``k = 1..K`` the report puts side by side (single-response
competitors, share tie rule):

* the exact robustness of the NLHF product (``k`` draws from the maximal lottery), of the
  certified numeric equilibrium product, and of the optimal joint policy when the exact LP is
  small enough; these three come from the ``compare`` command's own computation
  (:func:`ualign.report.compare.compare_rows`), not a copy of it;
* the exact exploitability ``eps`` of the rounded equilibrium, saved as an ``equilibrium``
  certificate, so the product is certified ``(k, k/(k+1) - eps)``-robust;
* the float robustness of the self-play mixture ``Pi_T`` after a short Hedge run
  (:mod:`ualign.solvers.selfplay`; its exact certificate costs ``2T`` exact payoff evaluations, too
  slow for thousands of voters, so the report keeps the float value and says so);
* the bound ``k/(k+1)`` and, with a Condorcet winner, ``1/2 + margin``: what the NLHF product
  wins when the maximal lottery collapses onto that winner.

Exact values are kept as ``Fraction`` in :class:`ProfileReport` and written to JSON as
strings; the Markdown table shows decimals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.certify.certificates import bundle, equilibrium_certificate, save_certificate
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.pairwise import condorcet_margin, condorcet_winner
from ualign.model.errors import InputError
from ualign.model.examples import example_names
from ualign.model.exact import with_decimals
from ualign.model.profile import Profile
from ualign.report.compare import compare_rows
from ualign.solvers.numeric_equilibrium import NumericEquilibrium, symmetric_equilibrium_numeric
from ualign.solvers.selfplay import SelfPlayRun, selfplay

__all__ = ["ProfileReport", "default_profile_specs", "profile_report", "report_json",
           "report_markdown", "write_report", "SELFPLAY_STEPS", "TOO_LARGE"]

#: Self-play steps per k: short, since the run is only illustrative (float).
SELFPLAY_STEPS = 200
#: What the table says when the exact optimal-policy LP was refused for its size.
TOO_LARGE = "too large for the exact LP"
PREFLIB_SUFFIXES = (".soc", ".soi", ".toc", ".toi")
#: Real PrefLib files shipped in the package (see its README for provenance and citations).
SHIPPED_PREFLIB = Path(__file__).resolve().parents[1] / "data" / "preflib"


@dataclass
class ProfileReport:
    """Every number the report shows for one profile (exact ``Fraction`` unless ``_float``)."""

    spec: str
    profile: Profile
    rows: list[dict[str, Any]]
    equilibria: list[NumericEquilibrium]
    runs: list[SelfPlayRun]
    compare_certificates: list[dict[str, Any]]
    condorcet_winner: int | None
    condorcet_margin: Fraction | None
    files: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """A file-name stem for this profile, e.g. ``example-five-voter``."""
        if self.spec.startswith("example:"):
            stem = "example-" + self.spec.split(":", 1)[1]
        else:
            stem = Path(self.spec).name.replace(".", "_")
        return re.sub(r"[^A-Za-z0-9_-]+", "_", stem)


def default_profile_specs(preflib_dir: str | Path | None = None) -> list[str]:
    """The built-in examples, then every PrefLib order file in ``preflib_dir``.

    ``preflib_dir`` defaults to the files shipped in ``ualign/data/preflib``. A folder that
    does not exist, or holds no PrefLib order file, is refused: a report must not quietly
    run on the examples alone.

    >>> specs = default_profile_specs()
    >>> specs[:2], sum(s.endswith((".soc", ".toc")) for s in specs)
    (['example:five-voter', 'example:condorcet-cycle'], 12)
    """
    folder = Path(SHIPPED_PREFLIB if preflib_dir is None else preflib_dir)
    if not folder.is_dir():
        raise InputError(f"no data folder {folder}: give --data DIR with PrefLib files "
                         f"(.soc/.soi/.toc/.toi), or PROFILE arguments")
    files = [str(f) for f in sorted(folder.iterdir()) if f.suffix in PREFLIB_SUFFIXES]
    if not files:
        raise InputError(f"{folder} holds no PrefLib order file (.soc/.soi/.toc/.toi)")
    return [f"example:{name}" for name in example_names()] + files


def profile_report(spec: str, profile: Profile, kmax: int, steps: int = SELFPLAY_STEPS,
                   progress: Callable[[str], object] | None = None) -> ProfileReport:
    """Compute one profile's rows for ``k = 1..kmax`` (see the module docstring).

    ``progress(stage)`` is called after each stage ("compare", "equilibrium k=..", ...).

    >>> from ualign.model.examples import example
    >>> r = profile_report("example:five-voter", example("five-voter"), 2, steps=20)
    >>> [str(row["nlhf_product"]) for row in r.rows], str(r.rows[1]["bound"])
    (['1/2', '238/375'], '2/3')
    """
    tick = progress or (lambda _: None)
    rows, certs = compare_rows(profile, kmax)
    tick("compare")
    equilibria, runs = [], []
    for row in rows:
        k = row["k"]
        # The numeric solver is deterministic, so this is the lottery `compare` evaluated;
        # it is re-run (cheaply) because `compare` keeps only its robustness.
        eq = symmetric_equilibrium_numeric(profile, k)
        equilibria.append(eq)
        row["exploitability"] = eq.exploitability
        row["certified_lower_bound"] = eq.certified_robustness
        tick(f"equilibrium k={k}")
        run = selfplay(profile, k, steps)
        runs.append(run)
        row["selfplay_mixture_float"] = run.mixture_robustness_float
        row["selfplay_regret_float"] = float(run.regret[-1])
        tick(f"self-play k={k}")
    margin = condorcet_margin(profile)
    for row in rows:
        row["half_plus_condorcet_margin"] = None if margin is None else Fraction(1, 2) + margin
    return ProfileReport(spec, profile, rows, equilibria, runs, certs,
                         condorcet_winner(profile), margin)


def write_certificates(report: ProfileReport, out: Path) -> list[Path]:
    """Each k's ``equilibrium`` certificate, and a bundle of the ``compare`` certificates."""
    paths = []
    for eq in report.equilibria:
        payoffs = deviation_payoffs(report.profile, eq.lottery, eq.k)
        cert = equilibrium_certificate(report.profile, eq.lottery, eq.k, payoffs,
                                       source=f"ualign report, {report.spec}")
        paths.append(save_certificate(cert, out / f"{report.slug}-equilibrium-k{eq.k}.json"))
    paths.append(save_certificate(
        bundle(report.compare_certificates, source=f"ualign report table, {report.spec}"),
        out / f"{report.slug}-compare.json"))
    return paths


def _exact(value: Any) -> Any:
    return str(value) if isinstance(value, Fraction) else value


def report_json(reports: list[ProfileReport], kmax: int) -> dict[str, Any]:
    """The machine-readable summary: exact values as strings, floats marked ``_float``."""
    return {"kmax": kmax, "tie_rule": "share", "competitors": "single responses (l = 1)",
            "selfplay_steps": SELFPLAY_STEPS,
            "profiles": [{"profile": r.spec, "responses": r.profile.n,
                          "user_types": r.profile.num_users,
                          "condorcet_winner": r.condorcet_winner,
                          "condorcet_margin": _exact(r.condorcet_margin),
                          "rows": [{key: _exact(v) for key, v in row.items()} | (
                              {"optimal_joint_note": TOO_LARGE}
                              if row["optimal_joint"] is None else {}) for row in r.rows],
                          "files": r.files} for r in reports]}


COLUMNS = (("k", "k"), ("nlhf_product", "NLHF product"),
           ("equilibrium_product", "equilibrium product"), ("exploitability", "eq. eps (exact)"),
           ("optimal_joint", "optimal joint"), ("selfplay_mixture_float", "self-play Pi_T (float)"),
           ("bound", "k/(k+1)"), ("half_plus_condorcet_margin", "1/2 + Condorcet margin"))


def _cell(key: str, value: Any) -> str:
    if key == "k":
        return str(value)
    if value is None:
        return TOO_LARGE if key == "optimal_joint" else "no Condorcet winner" \
            if key == "half_plus_condorcet_margin" else "-"
    if key == "exploitability":
        return "0" if value == 0 else f"{float(value):.3e}"
    return f"{float(value):.6f}"


def report_markdown(reports: list[ProfileReport], kmax: int, summary_png: str | None) -> str:
    """The text of ``report.md``: one table and its figures per profile, then the summary."""
    lines = ["# ualign report: robustness versus k", "",
             f"Single-response competitors, share tie rule, k = 1..{kmax}. Every number is exact "
             "(shown as a decimal; the exact fraction is in `report.json` / `--json`) except the "
             f"self-play column, a float value after T = {SELFPLAY_STEPS} Hedge steps. The "
             "equilibrium product's robustness is exactly k/(k+1) - eps, with eps certified in "
             "the `*-equilibrium-k*.json` files; `*-compare.json` certifies the other exact "
             "columns. Re-check any of them with `ualign check FILE`. The last column is what "
             "the NLHF product wins when the maximal lottery is the Condorcet winner itself "
             "(strict orders; with ties the share rule splits tied wins further).", ""]
    if summary_png:
        lines += [f"![robustness at k = {kmax} across profiles]({summary_png})", ""]
    for r in reports:
        p = r.profile
        cw = "none" if r.condorcet_winner is None else \
            f"{p.names[r.condorcet_winner]} (margin {r.condorcet_margin})"
        lines += [f"## {r.spec}", "",
                  f"{p.n} responses, {p.num_users} user types, "
                  f"{'strict' if p.is_strict else 'weak'} orders; Condorcet winner: {cw}.", "",
                  "| " + " | ".join(title for _, title in COLUMNS) + " |",
                  "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(_cell(key, row[key]) for key, _ in COLUMNS) + " |"
                  for row in r.rows]
        lines.append("")
        for name, caption in (("robustness", "robustness vs k"), ("selfplay", "self-play")):
            if name in r.files:
                lines += [f"![{r.spec}: {caption}]({r.files[name]})", ""]
        certs = [v for key, v in r.files.items() if key.startswith("certificate")]
        lines += ["Certificates: " + ", ".join(f"`{c}`" for c in certs), ""]
    return "\n".join(lines)


def write_report(specs: list[str], kmax: int, out: str | Path,
                 load_profile: Callable[[str], Profile],
                 progress: Callable[[str, str], object] | None = None,
                 figures: bool = True) -> tuple[list[ProfileReport], Path]:
    """Compute every profile, write certificates, figures, ``report.md`` and ``report.json``.

    ``progress(spec, stage)`` is called after each stage of each profile.
    """
    import json
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    reports = []
    for spec in specs:
        profile = load_profile(spec)
        r = profile_report(spec, profile, kmax,
                           progress=None if progress is None else lambda s, sp=spec: progress(sp, s))
        for i, path in enumerate(write_certificates(r, out)):
            r.files[f"certificate_{i}"] = path.name
        if figures:
            from ualign.report.figures import robustness_figure, selfplay_figure
            r.files["robustness"] = robustness_figure(r, out / f"{r.slug}-robustness.png").name
            r.files["selfplay"] = selfplay_figure(r, out / f"{r.slug}-selfplay.png").name
        if progress is not None:
            progress(spec, "done")
        reports.append(r)
    summary = None
    if figures and reports:
        from ualign.report.figures import summary_figure
        summary = summary_figure(reports, kmax, out / "summary.png").name
    (out / "report.md").write_text(report_markdown(reports, kmax, summary), encoding="utf-8")
    data = report_json(reports, kmax)
    data["summary_figure"] = summary
    (out / "report.json").write_text(json.dumps(with_decimals(data), indent=1) + "\n",
                                     encoding="utf-8")
    return reports, out / "report.md"
