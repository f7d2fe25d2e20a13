"""The solver benchmarks of issue 3, with sizes and wall-clock times.

Run from the repository root with ``make bench`` (or ``.venv/bin/python -m benchmarks.run``;
``--only NAME`` runs one, ``--json`` prints machine-readable results). Each benchmark checks its
own answer exactly before reporting a time, so a fast wrong answer cannot pass.

* ``numeric-equilibrium``: Mallows(200 responses, phi = 0.95, 2000 sampled users, seed 1),
  k = 4: float search to exploitability <= 1e-10, then exact certification in Fractions.
* ``exact-equilibria``: every symmetric equilibrium for n = 4, k = 3 (the shared Netflix file
  00004-00000102 and the mallows-4 example), and pygambit's ``enumpoly_solve`` on the same
  4-player normal form (in a child process, with a time limit).
* ``optimal-policy``: the exact LP for n = 12, k = 3 (Mallows, phi = 1/2, 60 users, seed 1).
* ``maximal-lottery``: n = 29, the largest shared PrefLib file (00007-00000016.toc).
* ``bounded-proofs``: achievability (share) for all profiles, z3: monolithic at (6, 2) strict
  against per-user lemmas at (16, 4) strict and (8, 4) weak, and the solver-free coefficient
  certificate at (30, 4) strict (the README's scale table).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time
from fractions import Fraction
from itertools import product
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "preflib"
GAMBIT_TIMEOUT_S = 600


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def numeric_equilibrium() -> dict:
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.model.generators import mallows
    from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
    profile, t_gen = _timed(lambda: mallows(200, "0.95", voters=2000, seed=1))
    eq, t_solve = _timed(lambda: symmetric_equilibrium_numeric(profile, 4))
    payoffs, t_cert = _timed(lambda: deviation_payoffs(profile, eq.lottery, 4))
    eps = max(payoffs) - Fraction(1, 5)
    assert eps == eq.exploitability and eps <= Fraction(1, 10**10), eps
    return {"responses": profile.n, "users": profile.num_users, "k": 4,
            "support": len(eq.support), "exploitability": float(eps),
            "seconds_generate": t_gen, "seconds_solve_incl_certificate": t_solve,
            "seconds_exact_recheck": t_cert}


def _gambit_symmetric(profile, k: int, queue) -> None:
    import pygambit as gbt

    from ualign.game.deviation_payoffs import pure_payoffs
    n = profile.n
    game = gbt.StrategicGame([n] * (k + 1))
    players = list(game.players)
    for choice in product(range(n), repeat=k + 1):
        game.make_outcome({pl: str(y + 1) for pl, y in zip(players, choice)},
                          dict(zip(players, pure_payoffs(profile, choice))),
                          label="-".join(map(str, choice)))
    result = gbt.nash.enumpoly_solve(game, max_rectangles=200_000)
    symmetric = []
    for eq in result.equilibria:
        rows = [[float(eq[pl][str(y + 1)]) for y in range(n)] for pl in players]
        if all(max(abs(a - b) for a, b in zip(rows[0], r)) < 1e-6 for r in rows):
            symmetric.append(rows[0])
    queue.put(symmetric)


def exact_equilibria() -> dict:
    from ualign.io.preflib import read_preflib
    from ualign.model.examples import example
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    cases = {"mallows-4": example("mallows-4")}
    netflix = SHARED / "00004-00000102.soc"
    if netflix.exists():
        cases[netflix.name] = read_preflib(netflix)
    out = {}
    for name, profile in cases.items():
        found, t_exact = _timed(lambda: symmetric_equilibria(profile, 3))
        ours = [[float(q) for q in e.approximation.probs] for e in found.equilibria]
        ctx = mp.get_context("fork")
        queue = ctx.Queue()
        child = ctx.Process(target=_gambit_symmetric, args=(profile, 3, queue))
        start = time.perf_counter()
        child.start()
        child.join(GAMBIT_TIMEOUT_S)
        t_gambit = time.perf_counter() - start
        if child.is_alive():
            child.kill()
            gambit, agree = None, None
        else:
            gambit = queue.get()
            agree = all(any(max(abs(a - b) for a, b in zip(g, o)) < 1e-6 for o in ours)
                        for g in gambit)
        out[name] = {"responses": profile.n, "k": 3, "equilibria": len(found.equilibria),
                     "complete": found.complete, "seconds_exact": t_exact,
                     "pygambit_symmetric_equilibria": None if gambit is None else len(gambit),
                     "pygambit_found_only_ours": agree, "seconds_pygambit_enumpoly": t_gambit}
    return out


def optimal_policy_lp() -> dict:
    from ualign.game.robustness import robustness
    from ualign.model.generators import mallows
    from ualign.solvers.optimal_policy import optimal_policy
    profile = mallows(12, "1/2", voters=60, seed=1)
    best, seconds = _timed(lambda: optimal_policy(profile, 3))
    assert robustness(profile, best.policy) == best.value
    return {"responses": 12, "users": profile.num_users, "k": 3, "value": str(best.value),
            "seconds": seconds}


def maximal_lottery_29() -> dict:
    from ualign.game.value_checks import is_maximal_lottery
    from ualign.io.preflib import read_preflib
    from ualign.solvers.maximal_lottery import maximal_lottery
    profile = read_preflib(SHARED / "00007-00000016.toc")
    lottery, seconds = _timed(lambda: maximal_lottery(profile))
    assert is_maximal_lottery(profile, lottery)
    return {"responses": profile.n, "users": profile.num_users, "support": len(lottery.support),
            "seconds": seconds}


def bounded_proofs() -> dict:
    from ualign.proofs.bounded import prove_bounded
    out = {}
    for n, k, orders, strategy in ((6, 2, "strict", "monolithic"), (16, 4, "strict", "lemmas"),
                                   (8, 4, "weak", "lemmas"), (30, 4, "strict", "coefficients")):
        result, seconds = _timed(lambda: prove_bounded("achievability", n, k, orders=orders,
                                                       strategy=strategy, timeout_s=600))
        out[f"{strategy} n={n} k={k} {orders}"] = {"status": result.status, "seconds": seconds,
                                                   "queries": result.queries}
    return out


BENCHMARKS = {"numeric-equilibrium": numeric_equilibrium, "exact-equilibria": exact_equilibria,
              "optimal-policy": optimal_policy_lp, "maximal-lottery": maximal_lottery_29,
              "bounded-proofs": bounded_proofs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(BENCHMARKS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    for name, bench in BENCHMARKS.items():
        if args.only and name != args.only:
            continue
        results[name] = bench()
        if not args.json:
            print(f"{name}: {json.dumps(results[name], indent=1)}", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
