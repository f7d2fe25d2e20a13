"""Bounded proofs: a claim for fixed ``n``, ``k``, tie rule and order class, for ALL profiles.

The profile's weights over every order of the class and the lottery are real variables, and
the solver (Z3 or cvc5, nonlinear real arithmetic) is asked for a counterexample:

* ``unsat`` for every query: ``PROVED-UP-TO`` for this ``(n, k, l, rule, orders)``;
* ``sat``: the model is turned into an exact profile and lottery, a robustness certificate of
  the product policy is built and re-checked by the solver-free :mod:`ualign.checker`, and only
  then is the claim ``REFUTED``;
* ``unknown`` or a timeout: ``UNKNOWN``.

Encodings live in :mod:`proofs.bounded_encoding`. Strategies: ``monolithic`` (one query per
canonical competitor), ``supports`` (also split over lottery supports), ``lemmas`` (per-user
lemmas in the lottery alone, combined linearly by hand; see that module), and ``auto``
(lemmas, then monolithic if a lemma fails).

>>> r = prove_bounded("achievability", n=2, k=1, timeout_s=20)
>>> r.status, r.seconds < 20
('PROVED-UP-TO', True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from proofs.bounded_encoding import (Query, asymmetric_ne_query, lemma_queries, ne_unique_query,
                                     nash_payoffs, violation_queries)
from ualign.errors import InputError
from ualign.ties import TieRule, parse_tie_rule

__all__ = ["BoundedResult", "SolverDisagreement", "prove_bounded", "BOUNDED_CLAIMS",
           "STRATEGIES", "SOLVERS"]

#: Claim ids with a bounded encoding, and the tie rule each fixes (None: the ``tie_rule`` arg).
BOUNDED_CLAIMS: dict[str, TieRule | None] = {
    "achievability": None, "achievability-weak": TieRule.WEAK,
    "achievability-half": TieRule.HALF, "achievability-strict": TieRule.STRICT,
    "multi-opponent": None, "ne-unique": TieRule.SHARE, "asymmetric-ne": None}
STRATEGIES = ("auto", "monolithic", "supports", "lemmas")
SOLVERS = ("z3", "cvc5", "both")


class SolverDisagreement(RuntimeError):
    """Z3 and cvc5 gave opposite definite answers (sat vs unsat) on the same query."""


@dataclass(frozen=True)
class BoundedResult:
    """The outcome of :func:`prove_bounded`.

    ``status`` is ``PROVED-UP-TO``, ``REFUTED`` (with a re-checked ``witness``) or ``UNKNOWN``.
    """

    status: str
    claim_id: str
    n: int
    k: int
    l: int
    tie_rule: str
    orders: str
    solver: str
    seconds: float
    witness: dict | None = None
    smt2_files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    strategy: str = "auto"
    queries: int = 0


def _backend(name: str):
    if name == "z3":
        import z3
        return z3
    import cvc5.pythonic
    return cvc5.pythonic


def _check(args: dict) -> tuple[str, int, int, int, TieRule, str, str, str]:
    cid, n, k, l = args["claim_id"], args["n"], args["k"], args["l"]
    if cid not in BOUNDED_CLAIMS:
        raise InputError(f"no bounded proof for claim {cid!r}; use one of "
                         f"{', '.join(BOUNDED_CLAIMS)}")
    for name, value, low in (("n", n, 2), ("k", k, 1), ("l", l, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InputError(f"{name} must be a whole number >= {low}, got {value!r}")
    rule = parse_tie_rule(args["tie_rule"])
    fixed = BOUNDED_CLAIMS[cid]
    if fixed is not None:
        if rule not in (TieRule.SHARE, fixed):
            raise InputError(f"claim {cid!r} is about the {fixed} rule, not {rule}")
        rule = fixed
    if l != 1 and cid != "multi-opponent":
        raise InputError(f"l = {l} only makes sense for 'multi-opponent'")
    if args["orders"] not in ("strict", "weak"):
        raise InputError(f"unknown order class {args['orders']!r}; use 'strict' or 'weak'")
    if args["solver"] not in SOLVERS:
        raise InputError(f"unknown solver {args['solver']!r}; use one of {', '.join(SOLVERS)}")
    if args["strategy"] not in STRATEGIES:
        raise InputError(f"unknown strategy {args['strategy']!r}; use one of "
                         f"{', '.join(STRATEGIES)}")
    if cid == "asymmetric-ne" and k > 3:
        raise InputError("asymmetric-ne enumerates n^k pure profiles per player; use k <= 3")
    if not args["timeout_s"] > 0:
        raise InputError(f"timeout_s must be positive, got {args['timeout_s']!r}")
    return cid, n, k, l, rule, args["orders"], args["solver"], args["strategy"]


def prove_bounded(claim_id: str, n: int, k: int, tie_rule: str = "share",
                  orders: str = "strict", l: int = 1, timeout_s: float = 60,
                  smt2_dir: str | Path | None = None, solver: str = "z3", *,
                  strategy: str = "auto") -> BoundedResult:
    """Prove or refute a claim for every profile over ``n`` responses with orders of a class.

    Parameters
    ----------
    claim_id : str
        One of :data:`BOUNDED_CLAIMS` (ids from :mod:`proofs.claims`).
    n, k, l : int
        Responses, policy outputs and competitor outputs (``l`` only for multi-opponent).
    tie_rule : str
        The rule of the conclusion's contest (the ``achievability-*`` variants fix their own).
        The hypothesis is always the symmetric equilibrium under ``share``.
    orders : {"strict", "weak"}
        Users' orders: all strict orders, or all weak orders (ties allowed).
    timeout_s : float
        Total time budget over all queries.
    smt2_dir : path, optional
        Write each query as an SMT-LIB2 file (QF_NRA) there.
    solver : {"z3", "cvc5", "both"}
        ``both`` runs the two and raises :class:`SolverDisagreement` on sat vs unsat.
    strategy : {"auto", "monolithic", "supports", "lemmas"}
        How the claim is split into queries (see the module docstring).

    Returns
    -------
    BoundedResult

    Examples
    --------
    >>> prove_bounded("achievability-strict", n=2, k=1, timeout_s=20).status
    'REFUTED'
    """
    cid, n, k, l, rule, orders, solver, strategy = _check(dict(locals()))
    start = time.monotonic()
    deadline = start + timeout_s
    smt2_files: list[str] = []
    notes: list[str] = []
    used = 0

    def finish(status: str, witness: dict | None = None) -> BoundedResult:
        return BoundedResult(status, cid, n, k, l, rule.value, orders, solver,
                             round(time.monotonic() - start, 3), witness, tuple(smt2_files),
                             tuple(notes), strategy, used)

    def run(queries: list[Query]):
        """Solve queries in order until one is sat or unknown.

        Returns ``('unsat'|'sat'|'unknown', the sat query, its exact model values)``.
        """
        nonlocal used
        if smt2_dir is not None:
            smt2_files.extend(str(_write_smt2(q, Path(smt2_dir), cid, n, k, l, rule, orders))
                              for q in queries)
        answered = 0
        for i, status, values, note in _solve_all(queries, solver, deadline):
            used, answered = used + 1, answered + 1
            name = queries[i].name if i is not None else "batch"
            if note:
                notes.append(f"{name}: {note}")
            if status == "sat":
                return "sat", queries[i], values
            if status == "unknown":
                return "unknown", None, None
        if answered < len(queries):
            notes.append(f"only {answered} of {len(queries)} queries answered")
            return "unknown", None, None
        return "unsat", None, None

    if cid == "ne-unique":
        status, q, values = run([ne_unique_query(n, k, orders)])
        if status == "sat":
            return _refute_non_unique(finish, notes, q, values, n, k)
        return finish("PROVED-UP-TO" if status == "unsat" else "UNKNOWN")

    if cid == "asymmetric-ne":
        status, q, values = run([asymmetric_ne_query(n, k, rule, orders)])
    else:
        bound = Fraction(k + 1 - l, k + 1)
        status = "lemmas-failed"
        if strategy in ("auto", "lemmas"):
            status, q, values = run(lemma_queries(n, k, l, rule, orders))
            if status == "unsat":
                notes.append("every per-user lemma W_o(T) >= 1 - sum_t V_o(t) holds; weighting "
                             "by w_o and using V(t) <= 1/(k+1) gives the bound")
                return finish("PROVED-UP-TO")
            if status == "sat":
                notes.append(f"lemma {q.name} fails (this refutes nothing); "
                             f"{'falling back to monolithic' if strategy == 'auto' else 'stop'}")
            if strategy == "lemmas" or status == "unknown":
                return finish("UNKNOWN")
        status, q, values = run(violation_queries(n, k, l, rule, orders, bound,
                                                  split_supports=strategy == "supports"))
    if status == "unsat":
        return finish("PROVED-UP-TO")
    if status == "unknown":
        return finish("UNKNOWN")
    return _refute(finish, notes, cid, q, values, n, k, l, rule)


def _solve(q: Query, solver: str, seconds: float) -> tuple[str, dict | None, str | None]:
    """``(status, exact model values or None, note)`` for one query."""
    if solver != "both":
        return _solve_here(q, solver, seconds)
    a = _solve_here(q, "z3", seconds / 2)
    b = _solve_here(q, "cvc5", seconds / 2)
    if {a[0], b[0]} == {"sat", "unsat"}:
        raise SolverDisagreement(f"query {q.name}: z3 says {a[0]}, cvc5 says {b[0]}")
    notes = "; ".join(f"{s}: {r[0]}" + (f" ({r[2]})" if r[2] else "")
                      for s, r in (("z3", a), ("cvc5", b)))
    if a[0] == b[0]:
        return a[0], a[1] or b[1], None if a[0] != "unknown" else notes
    definite = a if a[0] != "unknown" else b
    return definite[0], definite[1], notes


#: Extra seconds the solver child process gets beyond the deadline before it is killed.
GRACE_S = 3.0


def _solve_all(queries: list[Query], solver: str, deadline: float):
    """Yield ``(index, status, values, note)`` per query, stopping after a sat or unknown.

    The queries run in one forked child, killed at the deadline (plus :data:`GRACE_S`):
    cvc5's nonlinear coverings and Z3's nlsat do not always poll their own time limits.
    Where fork is unavailable they run in-process.
    """
    import multiprocessing as mp
    try:
        ctx = mp.get_context("fork")
    except ValueError:
        for i, q in enumerate(queries):
            status, values, note = _solve(q, solver, max(0.001, deadline - time.monotonic()))
            yield i, status, values, note
            if status != "unsat":
                return
        return
    for name in (("z3", "cvc5") if solver == "both" else (solver,)):
        _backend(name)  # import before forking, so each child does not pay for it again
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_batch, args=(sender, queries, solver, deadline), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            left = deadline + GRACE_S - time.monotonic()
            if left <= 0 or not receiver.poll(left):
                yield None, "unknown", None, f"{solver} ran past the time budget and was stopped"
                return
            try:
                msg = receiver.recv()
            except EOFError:
                yield None, "unknown", None, f"solver process exited with code {child.exitcode}"
                return
            if msg[0] == "done":
                return
            if msg[0] == "disagree":
                raise SolverDisagreement(msg[1])
            yield msg[1:]
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _batch(sender, queries: list[Query], solver: str, deadline: float) -> None:
    try:
        for i, q in enumerate(queries):
            left = deadline - time.monotonic()
            if left <= 0:
                sender.send(("result", i, "unknown", None, "time budget spent"))
                break
            status, values, note = _solve(q, solver, left)
            sender.send(("result", i, status, values, note))
            if status != "unsat":
                break
        sender.send(("done",))
    except SolverDisagreement as err:
        sender.send(("disagree", str(err)))
    except Exception as err:  # report solver crashes as unknown rather than hanging the parent
        sender.send(("result", None, "unknown", None, f"solver failed: {type(err).__name__}: {err}"))
    finally:
        sender.close()


def _solve_here(q: Query, name: str, seconds: float) -> tuple[str, dict | None, str | None]:
    m = _backend(name)
    cons, variables = q.build(m)
    s = m.SolverFor("QF_NRA")
    ms = max(1, int(seconds * 1000))
    s.set("timeout" if name == "z3" else "tlimit-per", ms)
    s.add(*cons)
    result = s.check()
    if result == m.unsat:
        return "unsat", None, None
    if result != m.sat:
        reason = s.reason_unknown() if hasattr(s, "reason_unknown") else "unknown"
        return "unknown", None, f"{name} returned unknown ({reason})"
    values, note = _rational_model(m, s, variables)
    if values is None and name == "cvc5":
        # cvc5 reports algebraic numbers without a rational approximation API; let Z3 pin them.
        status, values, note2 = _solve_here(q, "z3", seconds)
        return ("sat", values, f"cvc5 model irrational; z3 re-solve: {note2 or status}")
    return ("sat", values, note) if values is not None else ("unknown", None, note)


def _flat(variables: dict) -> list:
    return list(variables["w"]) + [x for p in variables["p"] for x in p]


def _rational_model(m, s, variables: dict, attempts: int = 4):
    """Exact Fraction values for every variable, pinning irrational ones to nearby rationals.

    Each pin is an added equation followed by a re-check, so the final model still satisfies
    every constraint; it fails (None) only when the solution set near the model is irrational.
    """
    xs = _flat(variables)
    model = s.model()
    pinned = 0
    for x in xs:
        v = model.eval(x, model_completion=True)
        if m.is_rational_value(v):
            continue
        if not hasattr(v, "approx"):
            return None, "model value is an algebraic number"
        for digits in range(6, 6 + 4 * attempts, 4):
            s.push()
            s.add(x == v.approx(digits))
            if s.check() == m.sat:
                model, pinned = s.model(), pinned + 1
                break
            s.pop()
        else:
            return None, "irrational model value that no nearby rational replaces"
    values = {str(x): _as_fraction(model.eval(x, model_completion=True)) for x in xs}
    note = f"pinned {pinned} irrational model values to rationals" if pinned else None
    return {"w": [values[str(x)] for x in variables["w"]],
            "p": [[values[str(x)] for x in p] for p in variables["p"]]}, note


def _as_fraction(v) -> Fraction:
    f = v.as_fraction()
    return Fraction(int(f.numerator), int(f.denominator))


def _write_smt2(q: Query, folder: Path, cid: str, n: int, k: int, l: int, rule: TieRule,
                orders: str) -> Path:
    import z3
    cons, _ = q.build(z3)
    s = z3.Solver()
    s.add(*cons)
    body = s.to_smt2()
    header = (f"; ualign bounded proof query: claim {cid}, n={n}, k={k}, l={l}, rule={rule}, "
              f"orders={orders}, query {q.name} ({q.kind}: sat = "
              f"{'counterexample' if q.kind == 'violation' else q.kind})\n(set-logic QF_NRA)\n")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{cid}_n{n}_k{k}_l{l}_{rule}_{orders}_{q.name}.smt2"
    path.write_text(header + body, encoding="utf-8")
    return path


def _profile(orders_ranks, weights):
    from ualign.profile import Profile
    pairs = [(o, w) for o, w in zip(orders_ranks, weights) if w]
    return Profile.from_ranks([o for o, _ in pairs], [w for _, w in pairs])


def _refute(finish, notes, cid, q, values, n, k, l, rule) -> "BoundedResult":
    """Turn a sat model into a checked witness, or report UNKNOWN if anything disagrees."""
    from ualign.certificates import equilibrium_certificate, robustness_certificate
    from ualign.checker import check_certificate
    from ualign.deviation_payoffs import deviation_payoffs
    from ualign.lottery import Lottery
    from ualign.policies import ProductPolicy
    from ualign.policy_json import lottery_to_json
    from ualign.preflib import to_preflib
    try:
        profile = _profile(q.info["orders"], values["w"])
        lotteries = [Lottery(tuple(p)) for p in values["p"]]
    except (InputError, ValueError) as err:
        notes.append(f"model does not decode to a profile and lottery: {err}")
        return finish("UNKNOWN")
    lottery = lotteries[0]
    bound = Fraction(k + 1 - l, k + 1)
    cert = robustness_certificate(profile, ProductPolicy(lottery, k), l, rule)
    checked = check_certificate(cert)
    witness: dict[str, Any] = {"profile": repr(profile), "preflib": to_preflib(profile)[0],
                               "lottery": lottery_to_json(lottery), "certificate": cert,
                               "competitor": list(q.info["T"])}
    problems = []
    if not checked.ok:
        problems.append(f"the checker rejects the robustness certificate: {checked.reason}")
    if Fraction(cert["value"]) >= bound:
        problems.append(f"the product's robustness {cert['value']} is not below {bound}")
    if cid == "asymmetric-ne":
        witness["players"] = [lottery_to_json(p) for p in lotteries]
        gap = _nash_gap(profile, values["p"])
        witness["nash_gap"] = str(gap)
        if gap > 0:
            problems.append(f"the lotteries are not a Nash equilibrium (gain {gap})")
    else:
        V = deviation_payoffs(profile, lottery, k)
        eq = equilibrium_certificate(profile, lottery, k, V)
        witness["equilibrium_certificate"] = eq
        if not check_certificate(eq).ok or Fraction(eq["exploitability"]) > 0:
            problems.append("the lottery is not a symmetric equilibrium (exact re-check)")
    if problems:
        notes.extend(problems)
        return finish("UNKNOWN")
    notes.append(f"counterexample re-checked by ualign.checker: {profile!r} with lottery "
                 f"{lottery!r} wins {cert['value']} < {bound} against {cert['worst_competitor']}")
    return finish("REFUTED", witness)


def _nash_gap(profile, P: list[list[Fraction]]) -> Fraction:
    """Exact best gain of a unilateral pure deviation in the (k+1)-player game (<= 0 at Nash)."""
    from types import SimpleNamespace
    ring = SimpleNamespace(RealVal=Fraction, Sum=lambda ts: sum(ts, Fraction(0)))
    gap = Fraction(-1)
    for i in range(len(P)):
        U = [Fraction(0)] * profile.n
        for ranks, w in zip(profile.ranks, profile.weights):
            U = [u + w * v for u, v in zip(U, nash_payoffs(ring, ranks, P, i))]
        value = sum((p * u for p, u in zip(P[i], U)), Fraction(0))
        gap = max(gap, max(U) - value)
    return gap


def _refute_non_unique(finish, notes, q, values, n, k) -> "BoundedResult":
    from ualign.certificates import bundle, equilibrium_certificate
    from ualign.checker import check_certificate
    from ualign.deviation_payoffs import deviation_payoffs
    from ualign.lottery import Lottery
    from ualign.policy_json import lottery_to_json
    from ualign.preflib import to_preflib
    profile = _profile(q.info["orders"], values["w"])
    lots = [Lottery(tuple(p)) for p in values["p"]]
    certs = [equilibrium_certificate(profile, lot, k, deviation_payoffs(profile, lot, k))
             for lot in lots]
    cert = bundle(certs, "two different symmetric equilibria of one profile")
    ok = (check_certificate(cert).ok and lots[0] != lots[1]
          and all(Fraction(c["exploitability"]) <= 0 for c in certs))
    if not ok:
        notes.append("the two equilibria did not survive the exact re-check")
        return finish("UNKNOWN")
    notes.append(f"{profile!r} has equilibria {lots[0]!r} and {lots[1]!r}")
    return finish("REFUTED", {"profile": repr(profile), "preflib": to_preflib(profile)[0],
                              "lottery": lottery_to_json(lots[0]),
                              "lotteries": [lottery_to_json(x) for x in lots],
                              "certificate": cert})
