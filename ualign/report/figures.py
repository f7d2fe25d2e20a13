"""The figures of ``ualign report`` (matplotlib, Agg backend, PNG).

* :func:`robustness_figure`: robustness versus k for one profile, every policy of the table;
* :func:`selfplay_figure`: regret and exploitability of the k = K self-play run versus t,
  with the ``O(sqrt t)`` Hedge reference ``sqrt(t ln n / 2)``;
* :func:`summary_figure`: robustness at k = K across all profiles;
* :func:`selfplay_run_figure`: one self-play run, the report's figure and ``ualign selfplay --plot``.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["robustness_figure", "selfplay_figure", "selfplay_run_figure", "summary_figure"]

DPI = 120


def _save(fig, path: Path) -> Path:
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return Path(path)


def _short(spec: str) -> str:
    return spec.split(":", 1)[1] if spec.startswith("example:") else Path(spec).name


def robustness_figure(report, path: str | Path) -> Path:
    """Robustness against single responses versus k for one profile."""
    ks = [row["k"] for row in report.rows]
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    # drawn last and thick, so that it stays visible where the equilibrium product meets it
    ax.plot(ks, [float(row["bound"]) for row in report.rows], "k--", lw=2.2, zorder=6,
            label="bound k/(k+1)")
    series = (("nlhf_product", "NLHF product", "o-"),
              ("equilibrium_product", "equilibrium product (certified)", "s-"),
              ("optimal_joint", "optimal joint policy (exact LP)", "^-"),
              ("selfplay_mixture_float", "self-play mixture Pi_T (float)", "x:"))
    for key, label, style in series:
        pts = [(row["k"], float(row[key])) for row in report.rows if row[key] is not None]
        if len(pts) < len(ks):
            label += "; k > %d too large for the exact LP" % max([k for k, _ in pts], default=0)
        if pts:
            ax.plot(*zip(*pts), style, label=label, alpha=0.9, zorder=3)
    if report.condorcet_margin is not None:
        ax.axhline(0.5 + float(report.condorcet_margin), color="tab:gray", lw=1,
                   label="1/2 + Condorcet margin")
    ax.set_xticks(ks)
    ax.set_xlabel("k (responses shown)")
    ax.set_ylabel("robustness (worst win rate vs one response)")
    ax.set_title(f"{_short(report.spec)}: robustness vs k", fontsize=11)
    ax.grid(alpha=0.3)
    # Outside the axes so that no legend entry hides a curve.
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False)
    return _save(fig, path)


def selfplay_figure(report, path: str | Path) -> Path:
    """Regret_t and exploitability versus t for the largest k's self-play run (log-log)."""
    return selfplay_run_figure(report.runs[-1], report.profile.n, _short(report.spec), path)


def selfplay_run_figure(run, n: int, name: str, path: str | Path) -> Path:
    """One self-play run: regret with its O(sqrt t) bound, and the exploitability of the last
    and average iterates with Regret_t / t (the report's figure and ``selfplay --plot``)."""
    t = run.recorded.astype(float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.loglog(t, [max(v, 1e-17) for v in run.regret], label=f"Regret_t ({run.algorithm})")
    left.loglog(t, [math.sqrt(s * math.log(max(n, 2)) / 2) for s in t], "k--",
                label="sqrt(t ln n / 2), O(sqrt t) bound")
    left.set_xlabel("step t")
    left.set_ylabel("external regret")
    left.set_title("regret", fontsize=10)
    left.legend(fontsize=8)
    right.loglog(t, [max(v, 1e-17) for v in run.exploitability_last], label="last iterate")
    right.loglog(t, [max(v, 1e-17) for v in run.exploitability_average],
                 label="average iterate")
    right.loglog(t, [max(v, 1e-17) for v in run.regret / t], ":",
                 label="Regret_t / t (bounds the average)")
    right.set_xlabel("step t")
    right.set_ylabel("exploitability max_y V(y) - 1/(k+1)")
    right.set_title("exploitability (float)", fontsize=10)
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.grid(alpha=0.3, which="both")
    fig.suptitle(f"{name}: {run.algorithm} self-play, k = {run.k}, eta = {run.eta:.3g}",
                 fontsize=11)
    fig.tight_layout()
    return _save(fig, path)


def summary_figure(reports, kmax: int, path: str | Path) -> Path:
    """Grouped bars: robustness at the largest k of NLHF, equilibrium and optimum, per profile."""
    names = [_short(r.spec) for r in reports]
    rows = [r.rows[-1] for r in reports]
    width = 0.27
    fig, ax = plt.subplots(figsize=(max(7.0, 0.6 * len(reports) + 3), 4.8))
    xs = range(len(reports))
    for j, (key, label) in enumerate((("nlhf_product", "NLHF product"),
                                      ("equilibrium_product", "equilibrium product"),
                                      ("optimal_joint", "optimal joint (when the LP fits)"))):
        pts = [(x + (j - 1) * width, float(row[key])) for x, row in zip(xs, rows)
               if row[key] is not None]
        bars = ax.bar(*zip(*pts), width=width, label=label) if pts else None
        missing = [x + (j - 1) * width for x, row in zip(xs, rows) if row[key] is None]
        for x in missing:  # not computed (the exact LP was too large): say so where it would be
            ax.text(x, 0.02, "not computed", rotation=90, ha="center", va="bottom", fontsize=6,
                    color=bars.patches[0].get_facecolor() if bars else "tab:gray")
    bound = kmax / (kmax + 1)
    ax.axhline(bound, color="k", ls="--", lw=1.6, zorder=6, label=f"bound k/(k+1) = {bound:.3f}")
    ax.set_ylim(0.0, 1.0)  # from 0, so that bar heights compare honestly
    ax.set_xticks(list(xs))
    ax.set_xticklabels(names, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(f"robustness at k = {kmax}")
    ax.set_xlabel("profile")
    ax.set_title(f"robustness at k = {kmax} across profiles (exact)", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return _save(fig, path)
