"""Certificates: JSON records of an exact claim about an instance, with the witness proving it.

Every certificate holds the instance (PrefLib text inline, or a PrefLib file beside the
certificate with its SHA-256), the claim in words, the objects it is about in policy JSON,
every claimed value as an exact string, and a witness that makes re-checking cheap and
independent of any solver:

================  ==============================================  ===========================
kind              claim                                           witness
================  ==============================================  ===========================
maximal-lottery   ``lottery`` is a maximal lottery (NLHF optimum) the lottery itself (symmetry)
optimal-policy    ``value`` is the best k-output robustness       primal policy + dual competitor
equilibrium       ``lottery`` has exploitability <= ``eps``       the deviation-payoff table
robustness        ``policy`` wins >= ``value`` vs every l-output  the best-competitor table
pure-equilibrium  a pure profile is a Nash equilibrium of the     every player's payoff and
                  (k+1)-player game                               best deviation
exact-equilibrium an algebraic point is a symmetric equilibrium   the field ``Q(r)`` (minimal
                                                                  polynomial, isolating
                                                                  interval) and each
                                                                  coordinate as a polynomial
                                                                  in ``r``
bundle            every certificate in ``certificates`` holds;    the certificates, and for a
                  with ``refutes``, the claim there is false      refutation the ``witness``
bounded-lemmas    for every profile of size (n, k, l, orders),    per-user lemma list, each
                  every symmetric equilibrium's product wins      with the exponent ``r`` of
                  >= ``bound`` (no instance: all of them)         its Polya certificate
                                                                  (:mod:`ualign.certify.lemma_polynomials`)
================  ==============================================  ===========================

:mod:`ualign.certify.checker` re-verifies all of them in exact arithmetic without z3 or scipy.
The ``statement`` of each is :func:`ualign.certify.schema.statement` of its fields.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.certify.schema import FORMAT_VERSION, statement
from ualign.game.deviation_payoffs import pure_payoffs
from ualign.game.robustness import competitor_multisets
from ualign.game.win_rates import competitor_table
from ualign.io.json_input import read_json
from ualign.io.policy_json import lottery_to_json, policy_to_json
from ualign.io.preflib import to_preflib
from ualign.model.lottery import Lottery
from ualign.model.policies import Policy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule

__all__ = ["instance_record", "maximal_lottery_certificate", "optimal_policy_certificate",
           "equilibrium_certificate", "robustness_certificate", "pure_equilibrium_certificate",
           "exact_equilibrium_certificate", "bundle", "robustness_refutation",
           "uniqueness_refutation", "save_certificate", "load_certificate", "FORMAT_VERSION"]

def instance_record(profile: Profile, file: str | Path | None = None,
                    beside: bool = False) -> dict[str, str]:
    """The instance as inline PrefLib text, or (``beside=True``) as ``file`` and its SHA-256.

    With ``beside=True`` the checker reads ``file`` from the certificate's folder, refusing it
    unless the SHA-256 matches.
    """
    if beside:
        if file is None:
            raise ValueError("an instance beside the certificate needs its file")
        data = Path(file).read_bytes()
        return {"file": Path(file).name, "sha256": hashlib.sha256(data).hexdigest()}
    text, kind = to_preflib(profile)
    return {"format": kind, "preflib": text}


def _finish(cert: dict[str, Any], file: str | Path | None = None,
            source: str | None = None) -> dict[str, Any]:
    """Add the provenance and the statement the fields make (see :mod:`ualign.certify.schema`)."""
    if file is not None and source is None:
        source = f"PrefLib file {Path(file).name}"
    if source is not None:
        cert["source"] = source
    cert["statement"] = statement(cert)
    return cert


def _base(kind: str, profile: Profile) -> dict[str, Any]:
    return {"ualign_certificate": FORMAT_VERSION, "kind": kind, "arithmetic": "exact",
            "statement": "", "instance": instance_record(profile)}


def maximal_lottery_certificate(profile: Profile, lottery: Lottery,
                                file: str | Path | None = None) -> dict[str, Any]:
    """``lottery`` wins at least 1/2 against every response, so it solves NLHF."""
    cert = _base("maximal-lottery", profile)
    cert.update({"lottery": lottery_to_json(lottery), "value": "1/2"})
    return _finish(cert, file)


def optimal_policy_certificate(profile: Profile, result: Any, file: str | Path | None = None,
                               beside: bool = False) -> dict[str, Any]:
    """From :class:`~ualign.solvers.optimal_policy.OptimalPolicy`: primal and dual.

    With ``beside=True`` the instance is the PrefLib ``file`` next to the certificate, named
    with its SHA-256 (:func:`instance_record`), instead of inline text.
    """
    cert = _base("optimal-policy", profile)
    if beside:
        cert["instance"] = instance_record(profile, file, beside=True)
    cert.update({"k": result.k, "l": result.l, "tie_rule": result.tie_rule.value,
                 "value": str(result.value), "policy": policy_to_json(result.policy),
                 "competitor": policy_to_json(result.competitor)})
    return _finish(cert, file)


def equilibrium_certificate(profile: Profile, lottery: Lottery, k: int,
                            payoffs: list[Fraction], file: str | Path | None = None,
                            source: str | None = None) -> dict[str, Any]:
    """Exploitability ``eps = max_y V(y) - 1/(k+1)`` and the robustness it certifies."""
    eps = max(payoffs) - Fraction(1, k + 1)
    cert = _base("equilibrium", profile)
    cert.update({"k": k, "lottery": lottery_to_json(lottery), "exploitability": str(eps),
                 "robustness_at_least": str(Fraction(k, k + 1) - eps),
                 "deviation_payoffs": [str(v) for v in payoffs]})
    return _finish(cert, file, source)


def robustness_certificate(profile: Profile, policy: Policy, l: int = 1,
                           tie_rule: TieRule = TieRule.SHARE,
                           file: str | Path | None = None) -> dict[str, Any]:
    """The policy's exact win rate against every l-multiset; its minimum is the robustness."""
    rule = require_tie_rule(tie_rule)
    table = competitor_table(profile, policy, competitor_multisets(profile.n, l), rule)
    worst = min(table, key=lambda t: (table[t], t))
    cert = _base("robustness", profile)
    cert.update({"k": policy.k, "l": l, "tie_rule": rule.value, "policy": policy_to_json(policy),
                 "value": str(table[worst]), "worst_competitor": list(worst),
                 "table": [{"multiset": list(t), "win_rate": str(v)} for t, v in table.items()]})
    return _finish(cert, file)


def exact_equilibrium_certificate(profile: Profile, k: int, equilibrium: Any,
                                  file: str | Path | None = None) -> dict[str, Any]:
    """From an :class:`~ualign.solvers.symmetric_equilibria.ExactEquilibrium`."""
    if equilibrium.field is None:
        raise ValueError("only equilibria with a number-field representation can be certified "
                         "exactly (this one is a Z3 sample point of a continuum)")
    modulus, (lo, hi) = equilibrium.field
    cert = _base("exact-equilibrium", profile)
    cert.update({"k": k, "support": sorted(equilibrium.support),
                 "field": {"modulus": list(modulus), "interval": [str(lo), str(hi)]},
                 "coordinates": [[str(c) for c in _trim(coeffs)]
                                 for coeffs in equilibrium.field_coordinates],
                 "approximation": lottery_to_json(equilibrium.approximation),
                 "approximation_exploitability": str(equilibrium.approximation_exploitability)})
    return _finish(cert, file)


def _trim(coeffs) -> list:
    coeffs = list(coeffs)
    while coeffs and coeffs[-1] == 0:
        coeffs.pop()
    return coeffs


def pure_equilibrium_certificate(profile: Profile, choice: tuple[int, ...]) -> dict[str, Any]:
    """A pure profile of the (k+1)-player game, each player's payoff and best deviation."""
    k = len(choice) - 1
    pay = pure_payoffs(profile, tuple(choice))
    best = [max(pure_payoffs(profile, choice[:i] + (y,) + choice[i + 1:])[i]
                for y in range(profile.n)) for i in range(k + 1)]
    if any(b > v for b, v in zip(best, pay)):
        raise ValueError(f"{choice} is not a pure Nash equilibrium")
    cert = _base("pure-equilibrium", profile)
    cert.update({"k": k, "choice": list(choice), "payoffs": [str(v) for v in pay],
                 "best_deviation_payoffs": [str(v) for v in best]})
    return _finish(cert)


def bundle(certificates: list[dict[str, Any]], source: str | None = None) -> dict[str, Any]:
    """Several certificates in one file; it holds when every one of them does."""
    cert = {"ualign_certificate": FORMAT_VERSION, "kind": "bundle", "arithmetic": "exact",
            "statement": "", "certificates": certificates}
    return _finish(cert, source=source)


def _witness(profile: Profile, policy: Policy | None = None) -> dict[str, Any]:
    text, kind = to_preflib(profile, title="ualign counterexample")
    out = {"preflib": text, "format": kind, "responses": profile.n,
           "user_types": profile.num_users}
    if policy is not None:
        out["policy"] = policy_to_json(policy)
    return out


def robustness_refutation(claim: dict[str, Any], certificates: list[dict[str, Any]],
                          profile: Profile, policy: Policy, slack: Fraction = Fraction(0),
                          source: str | None = None) -> dict[str, Any]:
    """A bundle refuting "``claim['construction']`` is (k, l, rate)-robust on the class".

    ``claim`` has the fields of :data:`ualign.certify.refutations.ROBUSTNESS_FIELDS`;
    ``certificates`` are the construction's tie certificate (if any) and the robustness
    certificate of ``policy`` on ``profile``.
    """
    (rob,) = [c for c in certificates if c["kind"] == "robustness"]
    value, bound = Fraction(rob["value"]), Fraction(claim["bound"])
    cert = {"ualign_certificate": FORMAT_VERSION, "kind": "bundle", "arithmetic": "exact",
            "statement": "", "certificates": certificates, "refutes": {"kind": "robustness",
                                                                        **claim},
            "witness": _witness(profile, policy), "value": str(value),
            "shortfall": str(bound - value), "slack": str(slack),
            "worst_competitor": rob["worst_competitor"]}
    return _finish(cert, source=source)


def uniqueness_refutation(k: int, certificates: list[dict[str, Any]], profile: Profile,
                          source: str | None = None) -> dict[str, Any]:
    """A bundle refuting uniqueness: two or more distinct exact symmetric equilibria."""
    cert = {"ualign_certificate": FORMAT_VERSION, "kind": "bundle", "arithmetic": "exact",
            "statement": "", "certificates": certificates,
            "refutes": {"kind": "uniqueness", "k": k, "equilibria": len(certificates)},
            "witness": _witness(profile)}
    return _finish(cert, source=source)


def save_certificate(cert: dict[str, Any], path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(cert, indent=1) + "\n", encoding="utf-8")
    return path


def load_certificate(path: str | Path) -> dict[str, Any]:
    """A certificate file's JSON (size- and depth-limited; errors are ``InputError``)."""
    return read_json(path, "certificate")
