"""Solver-free proofs of the per-user lemma by nonnegative coefficients (a Polya certificate).

The lemma behind the bounded proofs of achievability and the l-output bound: for one user with
order ``o``, every lottery ``p`` and every l-multiset ``T`` of competitor responses,

    W_o(p^k, T) >= 1 - sum_{t in T} V_o(t),

where ``W_o`` is the user's win rate of ``k`` iid draws against ``T`` under the conclusion's
tie rule, and ``V_o(t)`` is the deviation payoff (``t`` against ``k`` draws, ties shared).
Both sides are homogeneous of degree ``k`` in ``p`` once ``1`` is written as ``(sum p)^k``,
so the gap

    f = W_o(T) - (sum p)^k + sum_t V_o(t)

is a form whose coefficient on the monomial ``p^S`` (``S`` a k-multiset) is, straight from
the definitions, ``multinomial(S) * (share(S vs T) + sum_t share(t vs S) - 1)``. If every
coefficient of ``f * (sum p)^r`` is >= 0 for some ``r``, then ``f >= 0`` on the simplex:
an exact certificate that needs only Fraction arithmetic to re-check.

Weighting the lemma by the users' weights and using the equilibrium inequality
``V(t) <= 1/(k+1)`` at each of the ``l`` slots gives ``W(p^k, T) >= (k+1-l)/(k+1)`` for every
profile. Every order is a relabelling of one with ranks nondecreasing in the response (a
*type*), and relabelling maps l-multisets to l-multisets, so checking every type against
every l-multiset covers every (order, competitor) pair.

>>> lemma_min_coefficient((0, 1, 2), 2, (0,), TieRule.SHARE)  # the lemma holds, tight at p = e_0
Fraction(0, 1)
>>> lemma_min_coefficient((0, 1), 2, (0,), TieRule.STRICT)  # strict ties: negative coefficients
Fraction(-1, 1)
>>> lemma_coefficients((0, 1), 2, (0,), TieRule.STRICT)[(0, 0)]  # ... and f(e_0) < 0: it fails
Fraction(-2, 3)
"""

from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations_with_replacement, product
from typing import Any

from ualign.certify.schema import FORMAT_VERSION, statement
from ualign.game.win_rates import best_slots
from ualign.model.errors import InputError
from ualign.model.policies import multinomial, multiset_count
from ualign.model.ties import TieRule, contest_share, parse_tie_rule, require_tie_rule

#: The combining step the checker replays, in words.
COMBINATION = ("sum_o w_o [W_o(T) - 1 + sum_t V_o(t)] >= 0 and V(t) <= 1/(k+1) "
               "give W(T) >= 1 - l/(k+1)")

__all__ = ["order_types", "lemma_coefficients", "lemma_min_coefficient",
           "lemma_certificate", "check_lemma_certificate", "MAX_MONOMIALS"]

Ranks = tuple[int, ...]
#: Largest (multisets x types x competitors) the exact coefficient check takes on.
MAX_MONOMIALS = 20_000_000


def order_types(n: int, orders: str) -> list[Ranks]:
    """One order per relabelling orbit: ranks nondecreasing in the response (compositions of n).

    >>> order_types(3, "weak")
    [(0, 0, 0), (0, 0, 1), (0, 1, 1), (0, 1, 2)]
    """
    if orders == "strict":
        return [tuple(range(n))]
    if orders != "weak":
        raise InputError(f"unknown order class {orders!r}; use 'strict' or 'weak'")
    out = []
    for cuts in product((0, 1), repeat=n - 1):
        ranks = [0]
        for c in cuts:
            ranks.append(ranks[-1] + c)
        out.append(tuple(ranks))
    return sorted(out)


def _gap(ranks: Ranks, S: tuple[int, ...], T: tuple[int, ...], rule: TieRule) -> Fraction:
    """``share(S vs T) + sum_t share(t vs S) - 1`` at the pure draw ``S``."""
    cS, a = best_slots(ranks, S)
    cT, b = best_slots(ranks, T)
    w = Fraction(1) if cS < cT else Fraction(0) if cS > cT else contest_share(rule, a, b)
    v = sum((Fraction(1) if ranks[t] < cS else Fraction(1, a + 1) if ranks[t] == cS
             else Fraction(0)) for t in T)
    return w + v - 1


def lemma_coefficients(ranks: Ranks, k: int, T: tuple[int, ...], rule: TieRule,
                       r: int = 0) -> dict[tuple[int, ...], Fraction]:
    """Coefficients of ``f * (sum p)^r`` by monomial (a sorted (k+r)-multiset of responses).

    >>> lemma_coefficients((0, 1), 1, (1,), TieRule.SHARE)  # k = 1: W + V = 1 exactly
    {(0,): Fraction(0, 1), (1,): Fraction(0, 1)}
    """
    rule = require_tie_rule(rule)
    n = len(ranks)
    poly = {S: multinomial(S) * _gap(ranks, S, T, rule)
            for S in combinations_with_replacement(range(n), k)}
    for _ in range(r):
        nxt: dict[tuple[int, ...], Fraction] = {}
        for S, c in poly.items():
            for y in range(n):
                key = tuple(sorted(S + (y,)))
                nxt[key] = nxt.get(key, Fraction(0)) + c
        poly = nxt
    return poly


def lemma_min_coefficient(ranks: Ranks, k: int, T: tuple[int, ...], rule: TieRule,
                          r: int = 0) -> Fraction:
    """The smallest coefficient of ``f * (sum p)^r`` (>= 0 proves the lemma for this pair)."""
    return min(lemma_coefficients(ranks, k, T, rule, r).values())


def _sizes(n: int, k: int, l: int, orders: str) -> int:
    return multiset_count(n, k) * len(order_types(n, orders)) * multiset_count(n, l)


def lemma_certificate(n: int, k: int, l: int = 1, tie_rule: TieRule = TieRule.SHARE,
                      orders: str = "strict", max_r: int = 2,
                      deadline: float | None = None) -> dict[str, Any]:
    """A ``bounded-lemmas`` certificate, or an ``InputError`` naming the failing lemma.

    For each type and each l-multiset, the smallest ``r <= max_r`` whose coefficients are all
    nonnegative is recorded. Past ``deadline`` (a ``time.monotonic()`` value) it raises
    ``TimeoutError``.

    >>> cert = lemma_certificate(4, 3, 2)
    >>> cert["bound"], len(cert["lemmas"]), check_lemma_certificate(cert) is None
    ('1/2', 10, True)
    """
    rule = require_tie_rule(tie_rule)
    for name, value, low in (("n", n, 2), ("k", k, 1), ("l", l, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InputError(f"{name} must be a whole number >= {low}, got {value!r}")
    size = _sizes(n, k, l, orders)
    if size > MAX_MONOMIALS:
        raise InputError(f"{size:,} coefficients for n={n}, k={k}, l={l} ({orders}) is more "
                         f"than {MAX_MONOMIALS:,}; use `ualign prove --strategy lemmas` (z3)")
    lemmas = []
    for o in order_types(n, orders):
        for T in combinations_with_replacement(range(n), l):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"coefficient check stopped after {len(lemmas)} lemmas")
            for r in range(max_r + 1):
                low = lemma_min_coefficient(o, k, T, rule, r)
                if low >= 0:
                    break
            else:
                coefficients = lemma_coefficients(o, k, T, rule)
                at = [y for y in range(n) if coefficients[(y,) * k] < 0]
                why = (f"f(e_{at[0]}) = {coefficients[(at[0],) * k]} < 0, so the lemma is false"
                       if at else f"a coefficient of f*(sum p)^{max_r} is {low}")
                raise InputError(f"lemma fails for order {o} against {T} under {rule}: {why}")
            lemmas.append({"order": list(o), "competitor": list(T), "r": r})
    bound = Fraction(k + 1 - l, k + 1)
    cert = {"ualign_certificate": FORMAT_VERSION, "kind": "bounded-lemmas", "arithmetic": "exact",
            "statement": "", "n": n, "k": k, "l": l, "tie_rule": rule.value, "orders": orders,
            "bound": str(bound), "lemmas": lemmas, "combination": COMBINATION}
    cert["statement"] = statement(cert)
    return cert


def check_lemma_certificate(cert: dict[str, Any]) -> str | None:
    """Re-check a ``bounded-lemmas`` certificate; ``None`` if it holds, else the reason.

    The lemma list must be exactly the one :func:`lemma_certificate` writes: every (order
    type, competitor) pair once, in order, each with the *smallest* exponent ``r`` that works.
    """
    n, k, l = (cert[key] for key in ("n", "k", "l"))
    if any(isinstance(v, bool) or not isinstance(v, int) for v in (n, k, l)) or n < 2 or \
            k < 1 or l < 1:
        return "n, k and l must be whole numbers with n >= 2, k >= 1 and l >= 1"
    if cert["orders"] not in ("strict", "weak") or \
            cert["tie_rule"] not in [r.value for r in TieRule]:
        return "orders must be strict or weak, and the tie rule one of share, half, weak, strict"
    rule, orders = parse_tie_rule(cert["tie_rule"]), cert["orders"]
    if _sizes(n, k, l, orders) > MAX_MONOMIALS:
        return f"too large to re-check exactly (more than {MAX_MONOMIALS:,} coefficients)"
    if cert["bound"] != str(1 - l * Fraction(1, k + 1)):
        return f"the bound {cert['bound']} is not 1 - l/(k+1) = {Fraction(k + 1 - l, k + 1)}"
    if cert["combination"] != COMBINATION:
        return "the combining step is not the one this checker replays"
    needed = [(o, T) for o in order_types(n, orders)
              for T in combinations_with_replacement(range(n), l)]
    lemmas = cert["lemmas"]
    if not isinstance(lemmas, list) or len(lemmas) != len(needed):
        return f"{len(needed)} lemmas are needed, one per order type and competitor, in order"
    for (o, T), x in zip(needed, lemmas):
        if not isinstance(x, dict) or set(x) != {"order", "competitor", "r"} or \
                (tuple(x["order"]), tuple(x["competitor"])) != (o, T):
            return f"the lemma list must be, in order, one entry per pair; expected {o} vs {T}"
        r = x["r"]
        if isinstance(r, bool) or not isinstance(r, int) or not 0 <= r <= 8:
            return f"multiplier exponent r = {r!r} out of range"
        low = lemma_min_coefficient(o, k, T, rule, r)
        if low < 0:
            return f"lemma for order {o} against {T}: coefficient {low} < 0 at r = {r}"
        if r > 0 and lemma_min_coefficient(o, k, T, rule, r - 1) >= 0:
            return f"lemma for order {o} against {T}: r = {r} is not the smallest that works"
    return None
