"""Bounded-proof models turned into witnesses that the solver-free checker accepts.

A ``sat`` answer of :mod:`ualign.proofs.bounded` only counts once its exact model has been decoded
into a :class:`~ualign.model.profile.Profile` and lotteries and every claimed property has been
re-checked in Fractions: the product's robustness certificate (checked by
:mod:`ualign.certify.checker`), the equilibrium's exploitability, or the Nash gap of the players'
lotteries. Anything that disagrees turns the answer into ``UNKNOWN`` with a note.

>>> from fractions import Fraction as F
>>> from ualign.model.profile import Profile
>>> profile = Profile.from_ranks([(0, 1), (1, 0)], [F(5, 8), F(3, 8)])
>>> nash_gap(profile, [[F(0), F(1)], [F(1), F(0)], [F(1), F(0)]])  # the asymmetric-ne witness
Fraction(0, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ualign.model.errors import InputError
from ualign.proofs.nash_encoding import nash_payoffs

__all__ = ["refute", "refute_non_unique", "nash_gap"]


def _profile(orders_ranks, weights):
    from ualign.model.profile import Profile
    pairs = [(o, w) for o, w in zip(orders_ranks, weights) if w]
    return Profile.from_ranks([o for o, _ in pairs], [w for _, w in pairs])


def refute(finish, notes, cid, q, values, n, k, l, rule) -> "BoundedResult":
    """Turn a sat model into a checked witness, or report UNKNOWN if anything disagrees."""
    from ualign.certify.certificates import equilibrium_certificate, robustness_certificate
    from ualign.certify.checker import check_certificate
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.io.policy_json import lottery_to_json
    from ualign.io.preflib import to_preflib
    from ualign.model.lottery import Lottery
    from ualign.model.policies import ProductPolicy
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
        gap = nash_gap(profile, values["p"])
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
    notes.append(f"counterexample re-checked by ualign.certify.checker: {profile!r} with lottery "
                 f"{lottery!r} wins {cert['value']} < {bound} against {cert['worst_competitor']}")
    return finish("REFUTED", witness)


def nash_gap(profile, P: list[list[Fraction]]) -> Fraction:
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


def refute_non_unique(finish, notes, q, values, n, k) -> "BoundedResult":
    from ualign.certify.certificates import equilibrium_certificate, uniqueness_refutation
    from ualign.certify.checker import check_certificate
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.io.policy_json import lottery_to_json
    from ualign.io.preflib import to_preflib
    from ualign.model.lottery import Lottery
    profile = _profile(q.info["orders"], values["w"])
    lots = [Lottery(tuple(p)) for p in values["p"]]
    certs = [equilibrium_certificate(profile, lot, k, deviation_payoffs(profile, lot, k))
             for lot in lots]
    cert = uniqueness_refutation(k, certs, profile, source="ualign prove ne-unique (bounded search)")
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
