"""QF_NRA encoding of the ``asymmetric-ne`` claim: the (k+1)-player game's Nash equilibria.

Each of the k+1 players has her own lottery; a Nash equilibrium means no player gains by a
pure deviation. The query asks for one whose player-0 product ``pi_0^k`` loses more than
``1/(k+1)`` to response 0 (players and responses are interchangeable, so these suffice).

>>> from types import SimpleNamespace
>>> from fractions import Fraction as F
>>> ring = SimpleNamespace(RealVal=F, Sum=lambda ts: sum(ts, F(0)))
>>> nash_payoffs(ring, (0, 1), [[F(1), F(0)], [F(0), F(1)]], 0)  # 0 beats 1; 1 ties it
[Fraction(1, 1), Fraction(1, 2)]
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from ualign.model.ties import TieRule
from ualign.proofs.bounded_encoding import (Query, Ranks, _monomials, _simplex, _sum, _weights,
                                            order_class, product_win_rate)

__all__ = ["nash_payoffs", "asymmetric_ne_query"]


def nash_payoffs(m, ranks: Ranks, P: list[list], i: int) -> list:
    """One user's share to player ``i`` for each pure response, others mixing by ``P``.

    The user picks uniformly among the players whose response lies in her top class.
    """
    n, players = len(P[0]), len(P)
    others = [j for j in range(players) if j != i]
    out = []
    for y in range(n):
        groups: dict[Fraction, list] = {}
        for resp in product(range(n), repeat=len(others)):
            c = min([ranks[y]] + [ranks[t] for t in resp])
            if ranks[y] != c:
                continue
            share = Fraction(1, 1 + sum(1 for t in resp if ranks[t] == c))
            term = P[others[0]][resp[0]] if others else m.RealVal(1)
            for j, t in zip(others[1:], resp[1:]):
                term = term * P[j][t]
            groups.setdefault(share, []).append(term)
        out.append(_sum(m, [v * _sum(m, ts) for v, ts in sorted(groups.items())]))
    return out


def asymmetric_ne_query(n: int, k: int, rule: TieRule, orders: str) -> Query:
    """A Nash equilibrium ``(pi_0..pi_k)`` whose ``pi_0^k`` loses more than 1/(k+1) to response 0.

    Players are interchangeable and so are responses, so player 0 and response 0 suffice.
    """
    ords = order_class(n, orders)

    def build(m):
        w, groups = _weights(m, len(ords))
        P = []
        for i in range(k + 1):
            p, c = _simplex(m, f"p{i}_", n)
            P.append(p)
            groups.append((f"player {i} plays a distribution", c))
        for i in range(k + 1):
            per_user = [nash_payoffs(m, o, P, i) for o in ords]
            U = [_sum(m, [wo * u[y] for wo, u in zip(w, per_user)]) for y in range(n)]
            value = _sum(m, [P[i][y] * U[y] for y in range(n)])
            groups += [(f"player {i}: no gain deviating to {y}", [U[y] <= value])
                       for y in range(n)]
        monos = _monomials(P[0], k)
        W = _sum(m, [wo * product_win_rate(m, o, P[0], k, (0,), rule, monos)
                     for wo, o in zip(w, ords)])
        groups.append((f"conclusion fails: W(p0^k, (0,)) < {Fraction(k, k + 1)}",
                       [W < Fraction(k, k + 1)]))
        return groups, {"w": w, "p": P}
    return Query("nash_T0", "violation", build, {"T": (0,), "orders": ords})
