"""QF_NRA encodings behind :mod:`ualign.proofs.bounded`: one counterexample query per case.

Every query is a function of a solver *backend* (the ``z3`` module or ``cvc5.pythonic``, which
share an API) that returns the constraints and the variables. The profile is free: a weight
``w_o >= 0`` for every order ``o`` of the class (strict orders, or all weak orders), summing to 1.
Lotteries are free too (``p_y >= 0``, summing to 1).

* the hypothesis "pi is a symmetric equilibrium" is ``V(y) <= 1/(k+1)`` for every ``y``, with
  ``V`` from :func:`ualign.game.deviation_payoffs.deviation_payoffs_over` (share rule);
* the product's win rate is written from the *definition*: a sum over the k-multisets ``S`` of
  draws, multinomial probability times :func:`ualign.model.ties.contest_share` of the user's best
  slots, so the proof does not rest on the closed forms it is meant to check.

Relabelling responses maps the order class onto itself and keeps the hypothesis, so the
violating competitor can be fixed to a canonical multiset ``(0, .., 0, 1, .., 1, ..)``
(one per partition of ``l``). Per-user *lemmas* (see :func:`lemma_queries`) drop the weights
altogether: if ``W_o(T) >= 1 - sum_{t in T} V_o(t)`` holds for every order ``o`` and every
lottery, weighting by ``w_o`` and applying the hypothesis at each slot of ``T`` gives
``W(T) >= 1 - l/(k+1) = (k+1-l)/(k+1)``. The same lemmas also have a solver-free proof by
nonnegative coefficients, and there the combining step is replayed by ``ualign check``
(:mod:`ualign.certify.lemma_polynomials`).

>>> len(order_class(3, "strict")), len(order_class(3, "weak"))
(6, 13)
>>> canonical_competitors(3, 2)
[(0, 0), (0, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations_with_replacement, permutations, product
from typing import Any

from ualign.certify.lemma_polynomials import order_types
from ualign.game.deviation_payoffs import deviation_payoffs_over
from ualign.game.win_rates import best_slots
from ualign.model.errors import InputError
from ualign.model.policies import multinomial
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, contest_share

__all__ = ["Query", "order_class", "order_types", "canonical_competitors", "canonical_supports",
           "violation_queries", "lemma_queries", "ne_unique_query", "product_win_rate"]

Ranks = tuple[int, ...]
Groups = list[tuple[str, list]]
Build = Callable[[Any], tuple[Groups, dict[str, Any]]]


@dataclass(frozen=True)
class Query:
    """One satisfiability question; ``sat`` means what ``kind`` says.

    ``kind`` is ``"violation"`` (sat = a counterexample to the claim), ``"lemma"`` (sat = this
    per-user lemma fails, which refutes nothing) or ``"non-unique"`` (sat = two equilibria).
    ``build(m)`` returns the constraints in *named groups* (``[(label, [constraint, ..])]``:
    one group per hypothesis, such as "no gain deviating to 2", and one for the negated
    conclusion), so unsat cores can name the hypotheses a proof needs.
    """

    name: str
    kind: str
    build: Build
    info: dict = field(default_factory=dict)

    def constraints(self, m) -> tuple[list, dict[str, Any]]:
        """All constraints as one flat list, and the variables."""
        groups, variables = self.build(m)
        return [c for _, cs in groups for c in cs], variables


def _compress(ranks: Sequence[int]) -> Ranks:
    levels = {r: i for i, r in enumerate(sorted(set(ranks)))}
    return tuple(levels[r] for r in ranks)


def order_class(n: int, orders: str) -> list[Ranks]:
    """Every order of the class as rank vectors (0 = best), in a fixed order."""
    if orders == "strict":
        return sorted({tuple(perm.index(y) for y in range(n)) for perm in permutations(range(n))})
    if orders == "weak":
        return sorted(_weak_orders(n))
    raise InputError(f"unknown order class {orders!r}; use 'strict' or 'weak'")


def _weak_orders(n: int) -> list[Ranks]:
    """Every weak order as ranks: choose the top class, then order the rest (ordered partitions)."""
    def rec(items: tuple[int, ...]):
        if not items:
            yield {}
            return
        for mask in range(1, 1 << len(items)):
            top = [y for i, y in enumerate(items) if mask >> i & 1]
            rest = tuple(y for i, y in enumerate(items) if not mask >> i & 1)
            for tail in rec(rest):
                yield {**{y: 0 for y in top}, **{y: r + 1 for y, r in tail.items()}}
    return [tuple(r[y] for y in range(n)) for r in rec(tuple(range(n)))]


def canonical_competitors(n: int, l: int) -> list[tuple[int, ...]]:
    """One l-multiset per orbit under relabelling: the partitions of ``l`` into ``<= n`` parts."""
    def partitions(rest: int, largest: int, parts: int):
        if rest == 0:
            yield ()
            return
        if parts == 0:
            return
        for first in range(min(rest, largest), 0, -1):
            for tail in partitions(rest - first, first, parts - 1):
                yield (first,) + tail
    return sorted(tuple(y for y, c in enumerate(lam) for _ in range(c))
                  for lam in partitions(l, l, n))


def canonical_supports(n: int, T: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Lottery supports up to the relabellings that fix the competitor multiset ``T``.

    Responses with the same multiplicity in ``T`` are interchangeable, so a support is fixed by
    how many of each such group it holds (the first ones of the group, by convention).

    >>> canonical_supports(3, (0,))
    [(0,), (0, 1), (0, 1, 2), (1,), (1, 2)]
    """
    groups: dict[int, list[int]] = {}
    for y in range(n):
        groups.setdefault(T.count(y), []).append(y)
    blocks = list(groups.values())
    out = []
    for sizes in product(*(range(len(b) + 1) for b in blocks)):
        S = tuple(sorted(y for b, s in zip(blocks, sizes) for y in b[:s]))
        if S:
            out.append(S)
    return sorted(out)


def _sum(m, terms: list):
    return m.Sum(terms) if len(terms) > 1 else terms[0] if terms else m.RealVal(0)


def product_win_rate(m, ranks: Ranks, p: list, k: int, T: tuple[int, ...], rule: TieRule,
                     monomials: dict | None = None):
    """One user's win rate of ``p^k`` against multiset ``T``, from the definition.

    ``sum_S multinomial(S) prod_{y in S} p_y * share(S vs T)`` over sorted k-multisets ``S``,
    grouped by the share value. Works over any ring (``m`` only supplies ``Sum``/``RealVal``).
    """
    monomials = monomials if monomials is not None else _monomials(p, k)
    cT, b = best_slots(ranks, T)
    groups: dict[Fraction, list] = {}
    for S, mono in monomials.items():
        cS, a = best_slots(ranks, S)
        v = Fraction(1) if cS < cT else Fraction(0) if cS > cT else contest_share(rule, a, b)
        if v:
            groups.setdefault(v, []).append(mono)
    return _sum(m, [t if v == 1 else v * t
                    for v, ts in sorted(groups.items()) for t in [_sum(m, ts)]])


def _monomials(p: list, k: int) -> dict[tuple[int, ...], Any]:
    out = {}
    for S in combinations_with_replacement(range(len(p)), k):
        term = p[S[0]]
        for y in S[1:]:
            term = term * p[y]
        c = multinomial(S)
        out[S] = term if c == 1 else c * term
    return out


def _user_payoffs(m, ranks: Ranks, p: list, k: int) -> list:
    """One user's ``V_o(y)`` under share (weight 1), via the library's ring-generic form."""
    return deviation_payoffs_over(Profile.from_ranks([ranks], [Fraction(1)]), p, k, m.RealVal(0))


def _simplex(m, name: str, n: int, support: tuple[int, ...] | None = None):
    xs = [m.Real(f"{name}{y}") for y in range(n)]
    cons = [x >= 0 for x in xs] if support is None else (
        [xs[y] > 0 for y in support] + [xs[y] == 0 for y in range(n) if y not in support])
    return xs, cons + [_sum(m, xs) == 1]


def _equilibrium(m, orders, w, p, k, name: str = "p") -> Groups:
    """One group per response: "no gain deviating to y", i.e. ``V(y) <= 1/(k+1)``."""
    per_user = [_user_payoffs(m, o, p, k) for o in orders]
    bound = Fraction(1, k + 1)
    return [(f"{name}: no gain deviating to {y}",
             [_sum(m, [wo * V[y] for wo, V in zip(w, per_user)]) <= bound])
            for y in range(len(p))]


def _weights(m, count: int) -> tuple[list, Groups]:
    w = [m.Real(f"w{i}") for i in range(count)]
    return w, [("weights are a distribution", [x >= 0 for x in w] + [_sum(m, w) == 1])]


def violation_queries(n: int, k: int, l: int, rule: TieRule, orders: str, bound: Fraction,
                      split_supports: bool = False) -> list[Query]:
    """Counterexamples to ``symmetric equilibrium => W_rule(p^k, T) >= bound`` for |T| = l."""
    ords = order_class(n, orders)
    queries = []
    for T in canonical_competitors(n, l):
        for S in canonical_supports(n, T) if split_supports else [None]:
            def build(m, T=T, S=S):
                w, groups = _weights(m, len(ords))
                p, cons = _simplex(m, "p", n, S)
                groups.append(("p is a distribution" + ("" if S is None else f" on {S}"), cons))
                groups += _equilibrium(m, ords, w, p, k)
                monos = _monomials(p, k)
                W = _sum(m, [wo * product_win_rate(m, o, p, k, T, rule, monos)
                             for wo, o in zip(w, ords)])
                groups.append((f"conclusion fails: W(p^k, {T}) < {bound}", [W < bound]))
                return groups, {"w": w, "p": [p]}
            name = "T" + "".join(map(str, T)) + ("" if S is None else "_S" + "".join(map(str, S)))
            queries.append(Query(name, "violation", build, {"T": T, "support": S, "orders": ords}))
    return queries


def lemma_queries(n: int, k: int, l: int, rule: TieRule, orders: str) -> list[Query]:
    """Per-user lemmas ``W_o(T) >= 1 - sum_{t in T} V_o(t)``, one query per (order type, T).

    Relabelling acts on pairs (order, T), so each order is taken with its ranks nondecreasing
    in the response index (one per *type*: a composition of n) and ``T`` runs over all
    l-multisets.
    """
    types = order_types(n, orders)
    queries = []
    for o in types:
        for T in combinations_with_replacement(range(n), l):
            def build(m, o=o, T=T):
                p, cons = _simplex(m, "p", n)
                V = _user_payoffs(m, o, p, k)
                W = product_win_rate(m, o, p, k, T, rule)
                return [("p is a distribution", cons),
                        ("lemma fails", [W < 1 - _sum(m, [V[t] for t in T])])], \
                    {"w": [], "p": [p]}
            queries.append(Query("lemma_o" + "".join(map(str, o)) + "_T" + "".join(map(str, T)),
                                 "lemma", build, {"T": T, "order": o}))
    return queries


def ne_unique_query(n: int, k: int, orders: str) -> Query:
    """Two different symmetric equilibria of one profile (sat refutes uniqueness)."""
    ords = order_class(n, orders)

    def build(m):
        w, groups = _weights(m, len(ords))
        p, cons_p = _simplex(m, "p", n)
        q, cons_q = _simplex(m, "q", n)
        groups += [("p is a distribution", cons_p), ("q is a distribution", cons_q)]
        groups += _equilibrium(m, ords, w, p, k, "p") + _equilibrium(m, ords, w, q, k, "q")
        groups.append(("p differs from q", [m.Or([a != b for a, b in zip(p, q)])]))
        return groups, {"w": w, "p": [p, q]}
    return Query("two_equilibria", "non-unique", build, {"orders": ords})
