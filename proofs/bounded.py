"""Bounded proofs: a claim for fixed ``n``, ``k``, tie rule and order class, for ALL profiles.

The profile's weights over every order of the class and the lottery are real variables, and
the solver (Z3 or cvc5, nonlinear real arithmetic) is asked for a counterexample:

* ``unsat`` for every query: ``PROVED-UP-TO`` for this ``(n, k, l, rule, orders)``;
* ``sat``: the model is turned into an exact profile and lottery, a robustness certificate of
  the product policy is built and re-checked by the solver-free
  :mod:`ualign.certify.checker`, and only then is the claim ``REFUTED``;
* ``unknown`` or a timeout: ``UNKNOWN``.

Encodings live in :mod:`ualign.proofs.bounded_encoding`. Strategies: ``monolithic`` (one query per
canonical competitor), ``supports`` (also split over lottery supports), ``lemmas`` (per-user
lemmas in the lottery alone, combined linearly by hand; see that module), ``coefficients``
(the same lemmas proved *without a solver*, by nonnegative coefficients, giving a
``bounded-lemmas`` certificate that ``ualign check`` replays, combination step included; see
:mod:`ualign.certify.lemma_polynomials`), and ``auto`` (coefficients, then solver lemmas, then
monolithic if a lemma fails; without the coefficients when SMT-LIB2 files or cores are asked
for).

>>> r = prove_bounded("achievability", n=2, k=1, timeout_s=20)
>>> r.status, r.seconds < 20
('PROVED-UP-TO', True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb
from pathlib import Path

from ualign.model.budgets import check_seconds
from ualign.model.errors import InputError
from ualign.model.policies import multiset_count
from ualign.model.ties import TieRule, require_tie_rule
from ualign.proofs.bounded_encoding import Query, lemma_queries, ne_unique_query, violation_queries
from ualign.proofs.bounded_witnesses import refute, refute_non_unique
from ualign.proofs.nash_encoding import asymmetric_ne_query
from ualign.proofs.solver_runs import SOLVERS, SolverDisagreement, solve_all, write_smt2

__all__ = ["BoundedResult", "SolverDisagreement", "prove_bounded", "BOUNDED_CLAIMS",
           "STRATEGIES", "SOLVERS"]

#: Claim ids with a bounded encoding, and the tie rule each fixes (None: the ``tie_rule`` arg).
BOUNDED_CLAIMS: dict[str, TieRule | None] = {
    "achievability": None, "achievability-weak": TieRule.WEAK,
    "achievability-half": TieRule.HALF, "achievability-strict": TieRule.STRICT,
    "multi-opponent": None, "ne-unique": TieRule.SHARE, "asymmetric-ne": None}
STRATEGIES = ("auto", "monolithic", "supports", "lemmas", "coefficients")
#: Claims whose bound follows from the per-user lemma (the l-output family).
LEMMA_CLAIMS = ("achievability", "achievability-weak", "achievability-half",
                "achievability-strict", "multi-opponent")


@dataclass(frozen=True)
class BoundedResult:
    """The outcome of :func:`prove_bounded`.

    ``status`` is ``PROVED-UP-TO``, ``REFUTED`` (with a re-checked ``witness``) or ``UNKNOWN``.
    ``cores`` maps each unsat query's name to the labels of a minimal unsat core (when asked);
    ``certificate`` is the solver-free ``bounded-lemmas`` certificate when the coefficient
    strategy proved it.
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
    cores: dict[str, list[str]] = field(default_factory=dict)
    certificate: dict | None = None


def _check(args: dict) -> tuple[str, int, int, int, TieRule, str, str, str]:
    cid, n, k, l = args["claim_id"], args["n"], args["k"], args["l"]
    if cid not in BOUNDED_CLAIMS:
        raise InputError(f"no bounded proof for claim {cid!r}; use one of "
                         f"{', '.join(BOUNDED_CLAIMS)}")
    for name, value, low in (("n", n, 2), ("k", k, 1), ("l", l, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InputError(f"{name} must be a whole number >= {low}, got {value!r}")
    rule = require_tie_rule(args["tie_rule"])
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
    _check_size(n, k, l, args["orders"], args["strategy"])
    check_seconds(args["timeout_s"], "timeout_s")
    return cid, n, k, l, rule, args["orders"], args["solver"], args["strategy"]


#: Largest encodings the bounded proofs build: monomials of one degree-k form, orders of the
#: class (monolithic and supports weight every order), and weak order types (lemmas).
MAX_ENCODED_MONOMIALS = 200_000
MAX_ENCODED_ORDERS = 50_000
MAX_ORDER_TYPES = 2 ** 14


def _check_size(n: int, k: int, l: int, orders: str, strategy: str) -> None:
    """Refuse, before building anything, sizes the encodings cannot reach."""
    from math import factorial
    monomials = multiset_count(n, max(k, l))
    if monomials > MAX_ENCODED_MONOMIALS:
        raise InputError(f"n={n}, k={k} gives {monomials:,} monomials per polynomial, too large "
                         f"for the exact method (at most {MAX_ENCODED_MONOMIALS:,}); use smaller "
                         f"n or k (`ualign claims` says what backs the claim for all sizes)")
    if orders == "weak" and 2 ** (n - 1) > MAX_ORDER_TYPES:
        raise InputError(f"{2 ** (n - 1):,} weak order types on n={n} responses is too large for "
                         f"the exact method; use strict orders or n <= 15")
    count = factorial(n) if orders == "strict" else _fubini(n)
    if strategy in ("monolithic", "supports") and count > MAX_ENCODED_ORDERS:
        raise InputError(f"the {strategy} strategy weights all {count:,} {orders} orders on "
                         f"n={n}, too large for the exact method; use --strategy lemmas or "
                         f"coefficients")


def _fubini(n: int) -> int:
    """The number of weak orders on n items (ordered Bell numbers)."""
    a = [1]
    for m in range(1, n + 1):
        a.append(sum(comb(m, j) * a[m - j] for j in range(1, m + 1)))
    return a[n]


def prove_bounded(claim_id: str, n: int, k: int, tie_rule: TieRule = TieRule.SHARE,
                  orders: str = "strict", l: int = 1, timeout_s: float = 60,
                  smt2_dir: str | Path | None = None, solver: str = "z3", *,
                  strategy: str = "auto", cores: bool = False) -> BoundedResult:
    """Prove or refute a claim for every profile over ``n`` responses with orders of a class.

    Parameters
    ----------
    claim_id : str
        One of :data:`BOUNDED_CLAIMS` (ids from :mod:`ualign.proofs.claims`).
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
    strategy : {"auto", "monolithic", "supports", "lemmas", "coefficients"}
        How the claim is split into queries (see the module docstring).
    cores : bool
        For every unsat query, also find a minimal unsat core over its named hypothesis groups
        (:mod:`ualign.proofs.unsat_cores`): cvc5's own core minimised by deletion, or deletion alone
        for Z3 (whose nlsat has no assumptions).

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
    found_cores: dict[str, list[str]] = {}
    used = 0

    def finish(status: str, witness: dict | None = None,
               certificate: dict | None = None) -> BoundedResult:
        return BoundedResult(status, cid, n, k, l, rule.value, orders, solver,
                             round(time.monotonic() - start, 3), witness, tuple(smt2_files),
                             tuple(notes), strategy, used, found_cores, certificate)

    def run(queries: list[Query]):
        """Solve queries in order until one is sat or unknown.

        Returns ``('unsat'|'sat'|'unknown', the sat query, its exact model values)``.
        """
        nonlocal used
        if smt2_dir is not None:
            smt2_files.extend(str(_smt2(q, Path(smt2_dir), cid, n, k, l, rule, orders))
                              for q in queries)
        answered = 0
        for i, status, values, note, core in solve_all(queries, solver, deadline, cores):
            used, answered = used + 1, answered + 1
            name = queries[i].name if i is not None else "batch"
            if note:
                notes.append(f"{name}: {note}")
            if core is not None:
                found_cores[name] = core
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
            return refute_non_unique(finish, notes, q, values, n, k)
        return finish("PROVED-UP-TO" if status == "unsat" else "UNKNOWN")

    if cid == "asymmetric-ne":
        status, q, values = run([asymmetric_ne_query(n, k, rule, orders)])
    else:
        bound = Fraction(k + 1 - l, k + 1)
        # --smt2 and cores ask for solver queries, so auto then leaves the coefficients out
        wants_queries = smt2_dir is not None or cores
        if strategy == "coefficients" or (strategy == "auto" and not wants_queries):
            cert = _coefficients(cid, n, k, l, rule, orders, deadline, notes)
            if cert is not None:
                return finish("PROVED-UP-TO", certificate=cert)
            if strategy == "coefficients":
                return finish("UNKNOWN")
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
    return refute(finish, notes, cid, q, values, n, k, l, rule)


def _coefficients(cid: str, n: int, k: int, l: int, rule: TieRule, orders: str,
                  deadline: float, notes: list[str]) -> dict | None:
    """The solver-free lemma certificate, re-checked by :mod:`ualign.certify.checker`, or None."""
    from ualign.certify.checker import check_certificate
    from ualign.certify.lemma_polynomials import lemma_certificate
    if cid not in LEMMA_CLAIMS:
        return None
    try:
        cert = lemma_certificate(n, k, l, rule, orders, deadline=deadline)
    except (InputError, TimeoutError) as err:
        notes.append(f"coefficients: {err}")
        return None
    checked = check_certificate(cert)
    if not checked.ok:  # cannot happen unless the two code paths disagree; never trust it
        notes.append(f"coefficients: the checker rejects the certificate: {checked.reason}")
        return None
    notes.append(f"every per-user lemma has nonnegative coefficients ({len(cert['lemmas'])} "
                 "lemmas; solver-free, re-checked by ualign.certify.checker); weighting by w_o and "
                 "using V(t) <= 1/(k+1) gives the bound")
    return cert


def _smt2(q: Query, folder: Path, cid: str, n: int, k: int, l: int, rule: TieRule,
          orders: str) -> Path:
    what = "counterexample" if q.kind == "violation" else q.kind
    header = (f"ualign bounded proof query: claim {cid}, n={n}, k={k}, l={l}, rule={rule}, "
              f"orders={orders}, query {q.name} ({q.kind}: sat = {what})")
    return write_smt2(q, folder, f"{cid}_n{n}_k{k}_l{l}_{rule}_{orders}", header)
