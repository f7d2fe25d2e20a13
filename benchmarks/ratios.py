"""Side-by-side timings: ualign's exact answers against the float tools a user would pick.

``make bench`` runs this. Each task is timed for ualign (A) and for the alternative (B) on the
same input, alternating A, B, A, B, ... for ``--repeats`` rounds, and the table reports the
medians and their ratio A/B (below 1: ualign is faster). ualign's answer is exact and
verified; the alternatives are floats, checked against it to 1e-6 so that a fast wrong answer
cannot pass.

* maximal lottery (NLHF), 501 uniform random strict orders, n = 30, 60, 120 (seed 0):
  ``ualign.solvers.maximal_lottery`` against pref_voting's ``maximal_lottery`` (float LP; its
  time includes building its profile from the rankings, as ualign's includes building the
  pairwise matrix) and HiGHS alone (SciPy's ``linprog`` on a float pairwise matrix built
  with numpy);
* optimal joint policy, k = 3, Mallows(n, phi = 1/2, 60 users, seed 1), n = 12 and 20:
  ``ualign.solvers.optimal_policy`` against HiGHS alone on the same LP (float contest matrix
  from the same integer counts), and, at n = 12, z3's ``Optimize`` on the exact LP;
* all exact symmetric equilibria, n = 4, k = 3 (the mallows-4 example and the Netflix file
  00004-00000102): against pygambit's ``enumpoly_solve`` on the 4-player normal form (in a
  child process, float); and the 5-response ERS file 00007-00000013 at k = 4, where enumpoly
  does not finish, against ualign's own numeric solver (one equilibrium, not all of them);
* the certified numeric equilibrium, Mallows(200, 0.95, 2000 users, seed 1), k = 4: against
  300 steps of a plain numpy Hedge (float, last iterate; it stalls near 1e-14).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from fractions import Fraction

import numpy as np


def _time(fn):
    gc.collect()  # each side starts without the other's garbage
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def _random_strict(n: int, users: int = 501, seed: int = 0):
    from ualign.model.profile import Profile
    rng = np.random.default_rng(seed)
    return Profile.from_ranks([list(map(int, rng.permutation(n))) for _ in range(users)],
                              [Fraction(1)] * users)


def _highs_game_value(M: np.ndarray) -> tuple[float, np.ndarray]:
    from scipy.optimize import linprog
    A = M - M.min() + 1.0
    res = linprog(-np.ones(A.shape[1]), A_ub=A, b_ub=np.ones(A.shape[0]), bounds=(0, None),
                  method="highs")
    return 1.0 / res.x.sum() - (1.0 - M.min()), -res.ineqlin.marginals / res.x.sum()


def _float_pairwise(profile) -> np.ndarray:
    R = np.array(profile.ranks)
    w = np.array([float(x) for x in profile.weights])
    return np.stack([w @ ((R[:, [y]] < R) + 0.5 * (R[:, [y]] == R)) for y in range(profile.n)])


def maximal_lottery_tasks():
    from pref_voting.probabilistic_methods import maximal_lottery as pv_maximal_lottery
    from pref_voting.profiles import Profile as PvProfile

    from ualign.solvers.maximal_lottery import maximal_lottery
    for n in (30, 60, 120):
        profile = _random_strict(n)
        rankings = [sorted(range(n), key=r.__getitem__) for r in profile.ranks]
        counts = [int(w * 501) for w in profile.weights]

        def ours(profile=profile):
            return maximal_lottery(profile)

        def check(lot, probs) -> None:
            assert max(abs(float(p) - probs[y]) for y, p in enumerate(lot.probs)) < 1e-6

        def check_dict(lot, d) -> None:
            check(lot, [d.get(y, 0.0) for y in range(len(lot.probs))])

        def pref_voting(rankings=rankings, counts=counts):  # from the rankings, as ualign is
            return pv_maximal_lottery(PvProfile(rankings, rcounts=counts))

        def highs(profile=profile):
            return _highs_game_value(_float_pairwise(profile))[1]

        yield (f"maximal lottery, n = {n}, 501 users", ours,
               {"pref_voting (float)": (pref_voting, check_dict),
                "HiGHS alone (float)": (highs, check)})


def optimal_policy_tasks():
    from ualign.game.win_rates import contest_counts
    from ualign.model.generators import mallows
    from ualign.model.policies import multisets
    from ualign.solvers.optimal_policy import optimal_policy
    for n in (12, 20):
        profile = mallows(n, "1/2", voters=60, seed=1)

        def ours(profile=profile):
            return optimal_policy(profile, 3)

        def highs(profile=profile):
            rows, cols = list(multisets(profile.n, 3)), list(multisets(profile.n, 1))
            numer, denom = contest_counts(profile, rows, cols)
            return _highs_game_value(np.array(numer, dtype=float) / denom)[0]

        def check(best, value) -> None:
            assert abs(float(best.value) - value) < 1e-6

        def z3_optimize(profile=profile):  # exact too, so the answers must agree exactly
            import z3
            rows, cols = list(multisets(profile.n, 3)), list(multisets(profile.n, 1))
            numer, denom = contest_counts(profile, rows, cols)
            opt, v = z3.Optimize(), z3.Real("v")
            x = [z3.Real(f"x{i}") for i in range(len(rows))]
            opt.add(*[xi >= 0 for xi in x], z3.Sum(x) == 1)
            for j in range(len(cols)):
                opt.add(z3.Sum([z3.RealVal(numer[i][j]) * x[i] for i in range(len(rows))])
                        >= v * denom)
            opt.maximize(v)
            opt.check()
            value = opt.model()[v].as_fraction()
            return float(value)

        others = {"HiGHS alone (float)": (highs, check)}
        if n <= 12:
            others["z3 Optimize (exact)"] = (z3_optimize, check)
        yield (f"optimal joint policy, k = 3, Mallows n = {n}", ours, others)


def exact_equilibria_tasks():
    import multiprocessing as mp
    from pathlib import Path

    from benchmarks.run import GAMBIT_TIMEOUT_S, _gambit_symmetric
    from ualign.io.preflib import read_preflib
    from ualign.model.examples import example
    from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    data = Path(__file__).resolve().parent.parent / "tests" / "data"

    def ours_for(profile, k):
        def ours():
            found = symmetric_equilibria(profile, k)
            assert found.complete
            return found
        return ours

    def gambit_for(profile, k):
        def gambit():
            ctx = mp.get_context("fork")
            queue = ctx.Queue()
            child = ctx.Process(target=_gambit_symmetric, args=(profile, k, queue))
            child.start()
            child.join(GAMBIT_TIMEOUT_S)
            return queue.get() if not child.is_alive() else None
        return gambit

    def check(found, symmetric) -> None:
        assert symmetric is not None
        ours_float = [[float(q) for q in e.approximation.probs] for e in found.equilibria]
        assert all(any(max(abs(a - b) for a, b in zip(g, o)) < 1e-6 for o in ours_float)
                   for g in symmetric)

    def numeric_check(found, numeric) -> None:  # the float search lands on an exact one
        assert any(max(abs(float(a) - float(b)) for a, b in
                       zip(e.approximation.probs, numeric.lottery.probs)) < 1e-9
                   for e in found.equilibria)

    for label, profile in [("mallows-4", example("mallows-4")),
                           ("Netflix 00004-00000102", read_preflib(data / "00004-00000102.soc"))]:
        yield (f"all exact symmetric equilibria, n = 4, k = 3 ({label})", ours_for(profile, 3),
               {"pygambit enumpoly (float)": (gambit_for(profile, 3), check)})
    ers = read_preflib(data / "00007-00000013.toc")
    yield ("all exact symmetric equilibria, n = 5, k = 4 (ERS 00007-00000013)", ours_for(ers, 4),
           {"ualign numeric (one equilibrium, eps certified)":
            (lambda: symmetric_equilibrium_numeric(ers, 4), numeric_check)})


def numeric_equilibrium_tasks():
    from ualign.model.generators import mallows
    from ualign.game.deviation_payoffs import payoffs_float_from_arrays, rank_arrays
    from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
    profile = mallows(200, "0.95", voters=2000, seed=1)

    def ours():
        eq = symmetric_equilibrium_numeric(profile, 4)
        assert eq.exploitability <= Fraction(1, 10**12)
        return eq

    def hedge(steps: int = 300, eta: float = 10.0):  # plain numpy Hedge, last iterate
        arrays = rank_arrays(profile)
        log_w = np.zeros(profile.n)
        pi = np.full(profile.n, 1 / profile.n)
        for _ in range(steps):
            log_w += eta * payoffs_float_from_arrays(arrays, pi, 4)
            pi = np.exp(log_w - log_w.max())
            pi /= pi.sum()
        return float(payoffs_float_from_arrays(arrays, pi, 4).max() - 1 / 5)

    def check(eq, eps_float) -> None:  # Hedge is only float; ours is exact and at least as good
        assert float(eq.exploitability) <= max(eps_float, 1e-15)

    yield ("certified equilibrium, Mallows(200, 0.95, 2000 users), k = 4 (exact eps <= 1e-12)",
           ours, {"plain numpy Hedge, 300 steps (float)": (hedge, check)})


def run(repeats: int, only: str | None = None) -> list[dict]:
    rows = []
    tasks = [*maximal_lottery_tasks(), *optimal_policy_tasks(), *exact_equilibria_tasks(),
             *numeric_equilibrium_tasks()]
    for task, ours, others in tasks:
        if only and only not in task:
            continue
        for name, (other, check) in others.items():
            a_times, b_times = [], []
            for _ in range(repeats):
                answer, ta = _time(ours)
                theirs, tb = _time(other)
                check(answer, theirs)
                a_times.append(ta)
                b_times.append(tb)
            a, b = statistics.median(a_times), statistics.median(b_times)
            rows.append({"task": task, "ualign_exact_s": a, "alternative": name,
                         "alternative_s": b, "ratio": a / b})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| task | ualign (exact) | alternative | alternative time | ratio ualign / alternative |",
             "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['task']} | {r['ualign_exact_s']:.3f} s | {r['alternative']} | "
                     f"{r['alternative_s']:.3f} s | {r['ratio']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="alternated rounds per pair")
    parser.add_argument("--json", action="store_true", help="machine-readable rows")
    parser.add_argument("--only", metavar="TEXT", help="run only the tasks whose name contains TEXT")
    args = parser.parse_args()
    rows = run(args.repeats, args.only)
    print(json.dumps(rows, indent=1) if args.json else table(rows))


if __name__ == "__main__":
    main()
