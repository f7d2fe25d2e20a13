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
exact-equilibrium an algebraic point is a symmetric equilibrium   the field ``Q(r)`` (minimal
                                                                  polynomial, isolating
                                                                  interval) and each
                                                                  coordinate as a polynomial
                                                                  in ``r``
bundle            every certificate in ``certificates`` holds     the certificates
bounded-lemmas    for every profile of size (n, k, l, orders),    per-user lemma list, each
                  every symmetric equilibrium's product wins      with the exponent ``r`` of
                  >= ``bound`` (no instance: all of them)         its Polya certificate
                                                                  (:mod:`ualign.certify.lemma_polynomials`)
================  ==============================================  ===========================

:mod:`ualign.certify.checker` re-verifies all of them in exact arithmetic without z3 or scipy.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.game.robustness import competitor_multisets
from ualign.game.win_rates import competitor_table
from ualign.io.policy_json import lottery_to_json, policy_to_json
from ualign.io.preflib import to_preflib
from ualign.model.lottery import Lottery
from ualign.model.policies import Policy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule

__all__ = ["instance_record", "maximal_lottery_certificate", "optimal_policy_certificate",
           "equilibrium_certificate", "robustness_certificate",
           "exact_equilibrium_certificate", "bundle", "save_certificate",
           "load_certificate", "FORMAT_VERSION"]

FORMAT_VERSION = 1


def instance_record(profile: Profile, file: str | Path | None = None,
                    beside: bool = False) -> dict[str, str]:
    """The instance as inline PrefLib text; ``file`` adds its name and SHA-256 as provenance.

    With ``beside=True`` the text is left out and the checker reads ``file`` from the
    certificate's folder instead, refusing it unless the SHA-256 matches.
    """
    text, kind = to_preflib(profile)
    record = {} if beside else {"format": kind, "preflib": text}
    if file is not None:
        data = Path(file).read_bytes()
        record.update({"file": Path(file).name, "sha256": hashlib.sha256(data).hexdigest()})
    return record


def _base(kind: str, profile: Profile, statement: str, file: str | Path | None) -> dict[str, Any]:
    return {"ualign_certificate": FORMAT_VERSION, "kind": kind, "arithmetic": "exact",
            "statement": statement, "instance": instance_record(profile, file)}


def maximal_lottery_certificate(profile: Profile, lottery: Lottery,
                                file: str | Path | None = None) -> dict[str, Any]:
    """``lottery`` wins at least 1/2 against every response, so it solves NLHF."""
    cert = _base("maximal-lottery", profile, "the lottery is a maximal lottery: it wins at least "
                 "1/2 against every single response (NLHF optimum, value 1/2)", file)
    cert.update({"lottery": lottery_to_json(lottery), "value": "1/2"})
    return cert


def optimal_policy_certificate(profile: Profile, result: Any,
                               file: str | Path | None = None) -> dict[str, Any]:
    """From :class:`~ualign.solvers.optimal_policy.OptimalPolicy`: primal and dual."""
    cert = _base("optimal-policy", profile, f"no k={result.k}-output policy wins more than "
                 f"{result.value} against every l={result.l}-output competitor, and the policy "
                 f"given wins at least that (tie rule {result.tie_rule})", file)
    cert.update({"k": result.k, "l": result.l, "tie_rule": result.tie_rule.value,
                 "value": str(result.value), "policy": policy_to_json(result.policy),
                 "competitor": policy_to_json(result.competitor)})
    return cert


def equilibrium_certificate(profile: Profile, lottery: Lottery, k: int,
                            payoffs: list[Fraction], file: str | Path | None = None,
                            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Exploitability ``eps = max_y V(y) - 1/(k+1)`` and the robustness it certifies."""
    eps = max(payoffs) - Fraction(1, k + 1)
    bound = Fraction(k, k + 1) - eps
    cert = _base("equilibrium", profile, f"the lottery is an eps-symmetric equilibrium of the "
                 f"{k + 1}-player alignment game with eps = {eps}, so its {k}-sample product is "
                 f"({k}, {bound})-robust under the share rule", file)
    cert.update({"k": k, "lottery": lottery_to_json(lottery), "exploitability": str(eps),
                 "robustness_at_least": str(bound),
                 "deviation_payoffs": [str(v) for v in payoffs]})
    cert.update(extra or {})
    return cert


def robustness_certificate(profile: Profile, policy: Policy, l: int = 1,
                           tie_rule: TieRule = TieRule.SHARE,
                           at_least: Fraction | None = None,
                           file: str | Path | None = None) -> dict[str, Any]:
    """The policy's exact win rate against every l-multiset; its minimum is the robustness."""
    rule = require_tie_rule(tie_rule)
    table = competitor_table(profile, policy, competitor_multisets(profile.n, l), rule)
    worst = min(table, key=lambda t: (table[t], t))
    value = table[worst]
    claim = value if at_least is None else at_least
    if claim > value:
        raise ValueError(f"claimed lower bound {claim} exceeds the robustness {value}")
    cert = _base("robustness", profile, f"the k={policy.k}-output policy wins at least {claim} "
                 f"against every l={l}-output competitor (tie rule {rule})", file)
    cert.update({"k": policy.k, "l": l, "tie_rule": rule.value, "policy": policy_to_json(policy),
                 "value": str(value), "robustness_at_least": str(claim),
                 "worst_competitor": list(worst),
                 "table": [{"multiset": list(t), "win_rate": str(v)} for t, v in table.items()]})
    return cert


def exact_equilibrium_certificate(profile: Profile, k: int, equilibrium: Any,
                                  file: str | Path | None = None) -> dict[str, Any]:
    """From an :class:`~ualign.solvers.symmetric_equilibria.ExactEquilibrium`."""
    if equilibrium.field is None:
        raise ValueError("only equilibria with a number-field representation can be certified "
                         "exactly (this one is a Z3 sample point of a continuum)")
    modulus, (lo, hi) = equilibrium.field
    cert = _base("exact-equilibrium", profile, f"the lottery with these algebraic coordinates is "
                 f"a symmetric equilibrium of the {k + 1}-player alignment game (exactly), so "
                 f"its {k}-sample product is ({k}, {k}/{k + 1})-robust under the share rule", file)
    cert.update({"k": k, "support": list(equilibrium.support),
                 "field": {"modulus": list(modulus), "interval": [str(lo), str(hi)]},
                 "coordinates": [[str(c) for c in coeffs]
                                 for coeffs in equilibrium.field_coordinates],
                 "approximation": lottery_to_json(equilibrium.approximation),
                 "approximation_exploitability": str(equilibrium.approximation_exploitability)})
    return cert


def bundle(certificates: list[dict[str, Any]], statement: str) -> dict[str, Any]:
    """Several certificates in one file; it holds when every one of them does."""
    return {"ualign_certificate": FORMAT_VERSION, "kind": "bundle", "arithmetic": "exact",
            "statement": statement, "certificates": certificates}


def save_certificate(cert: dict[str, Any], path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(cert, indent=1) + "\n", encoding="utf-8")
    return path


def load_certificate(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
