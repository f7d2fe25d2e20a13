"""The figures of ``ualign report`` (matplotlib, Agg backend, PNG).

* :func:`robustness_figure`: robustness versus k for one profile, every policy of the table;
* :func:`selfplay_figure`: regret and exploitability of the k = K self-play run versus t,
  with the ``O(sqrt t)`` Hedge reference ``sqrt(t ln n / 2)``;
* :func:`summary_figure`: robustness at k = K across all profiles;
* :func:`selfplay_float_figure`: the figure of ``ualign selfplay --plot``.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["robustness_figure", "selfplay_figure", "summary_figure", "selfplay_float_figure"]

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
    ax.plot(ks, [float(row["bound"]) for row in report.rows], "k--", label="bound k/(k+1)")
    series = (("nlhf_product", "NLHF product", "o-"),
              ("equilibrium_product", "equilibrium product (certified)", "s-"),
              ("optimal_joint", "optimal joint policy (exact LP)", "^-"),
              ("selfplay_mixture_float", "self-play mixture Pi_T (float)", "x:"))
    for key, label, style in series:
        pts = [(row["k"], float(row[key])) for row in report.rows if row[key] is not None]
        if len(pts) < len(ks):
            label += "; k > %d too large for the exact LP" % max([k for k, _ in pts], default=0)
        if pts:
            ax.plot(*zip(*pts), style, label=label, alpha=0.9)
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
    run = report.runs[-1]
    t = run.recorded.astype(float)
    n = report.profile.n
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.loglog(t, [max(v, 1e-17) for v in run.regret], label="Regret_t (Hedge)")
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
    fig.suptitle(f"{_short(report.spec)}: Hedge self-play, k = {run.k}, eta = {run.eta:.3g}",
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
        if pts:
            ax.bar(*zip(*pts), width=width, label=label)
    bound = kmax / (kmax + 1)
    ax.axhline(bound, color="k", ls="--", label=f"bound k/(k+1) = {bound:.3f}")
    values = [float(row[key]) for row in rows for key in
              ("nlhf_product", "equilibrium_product", "optimal_joint") if row[key] is not None]
    ax.set_ylim(max(0.0, min(values) - 0.05), min(1.0, max(values + [bound]) + 0.05))
    ax.set_xticks(list(xs))
    ax.set_xticklabels(names, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(f"robustness at k = {kmax}")
    ax.set_xlabel("profile")
    ax.set_title(f"robustness at k = {kmax} across profiles (exact)", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return _save(fig, path)


def selfplay_float_figure(run, k: int, path: str | Path) -> Path:
    """Regret/t and the exploitability of the last and average iterates of one self-play run."""
    t = run.recorded
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.loglog(t, run.regret / t, label="Regret_t / t  (= k/(k+1) - robustness of Pi_t)")
    ax.loglog(t, [max(v, 1e-17) for v in run.exploitability_last], label="exploitability, last")
    ax.loglog(t, [max(v, 1e-17) for v in run.exploitability_average],
              label="exploitability, average")
    ax.set_xlabel("step t")
    ax.set_title(f"{run.algorithm} self-play, k = {k} (float)")
    ax.legend()
    return _save(fig, Path(path))
