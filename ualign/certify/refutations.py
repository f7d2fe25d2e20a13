"""Refutation bundles, checked for exactly what they claim.

A refutation bundle says "the claim in ``refutes`` is false, and here is the instance". The
checker rebuilds the claim from ``refutes`` and re-derives every other field from the inner
certificates (which :mod:`ualign.certify.checker` has already verified one by one):

* every inner certificate is about the instance in ``witness``, which lies in the claim's
  instance class (:func:`class_problem`);
* ``bound`` is the claim's rate at ``(k, l)``, read by the safe formula grammar;
* the robustness certificate is of the witness policy, with the claim's ``k``, ``l`` and tie
  rule; ``value``, ``worst_competitor``, ``shortfall`` and ``slack`` equal what it and the
  construction's certificate give, and the value falls short by more than the slack;
* the construction is tied to the policy by the certificate it needs (:data:`TIES`);
* a uniqueness refutation needs two distinct exact equilibria.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

from ualign.io.policy_json import policy_from_json, policy_to_json
from ualign.model.exact import as_fraction
from ualign.model.formula import parse_formula
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.profile import Profile

__all__ = ["check_refutation", "class_problem", "TIES", "CLASS_FIELDS"]

#: construction -> the inner certificate kind that ties the policy to it (None: checked
#: directly, or not checkable).
TIES = {"nlhf": "maximal-lottery", "symmetric_ne": "equilibrium", "optimal": "optimal-policy",
        "asymmetric_ne": "pure-equilibrium", "uniform": None}
CLASS_FIELDS = ("orders", "responses", "max_user_types", "max_count", "domain")
ROBUSTNESS_FIELDS = ("kind", "construction", "rate", "k", "l", "tie_rule", "bound", "instances")
UNIQUENESS_FIELDS = ("kind", "k", "equilibria")
WITNESS_FIELDS = {"robustness": ("preflib", "format", "policy", "responses", "user_types"),
                  "uniqueness": ("preflib", "format", "responses", "user_types")}


def _kendall(r: tuple[int, ...], s: tuple[int, ...]) -> int:
    n = len(r)
    return sum(1 for y in range(n) for z in range(y + 1, n) if (r[y] - r[z]) * (s[y] - s[z]) < 0)


def _admits(instances: dict[str, Any], ranks: tuple[int, ...]) -> bool:
    m = len(ranks)
    if instances["orders"] == "strict" and max(ranks) != m - 1:
        return False
    if instances["domain"] == "single-peaked":
        return all(max(top) - min(top) + 1 == len(top)
                   for c in range(max(ranks) + 1)
                   for top in [[y for y in range(m) if ranks[y] <= c]])
    if instances["domain"] == "mallows":
        order = [y for y in instances["centre"] if y < m]
        centre = tuple(order.index(y) for y in range(m))
        return _kendall(ranks, centre) <= instances["radius"]
    return True


def class_problem(instances: dict[str, Any], profile: Profile) -> str | None:
    """Why ``profile`` is not in the instance class recorded as ``instances``, or None.

    >>> cls = {"orders": "strict", "responses": [2, 3], "max_user_types": 3, "max_count": 2,
    ...        "domain": "any"}
    >>> class_problem(cls, Profile.of([(0, 1), (1, 0)], weights=[3, 1]))
    'a count of 3 is above the class maximum 2'
    """
    extra = {"centre", "radius"} if instances.get("domain") == "mallows" else set()
    if set(instances) != set(CLASS_FIELDS) | extra:
        return f"the instance class must have exactly the fields {sorted(set(CLASS_FIELDS) | extra)}"
    if instances["orders"] not in ("strict", "weak") or \
            instances["domain"] not in ("any", "single-peaked", "mallows"):
        return "unknown order kind or domain in the instance class"
    lo, hi = instances["responses"]
    if not lo <= profile.n <= hi:
        return f"the witness has {profile.n} responses, outside the class's {lo}..{hi}"
    if profile.num_users > instances["max_user_types"]:
        return f"the witness has {profile.num_users} user types, more than the class allows"
    scale = lcm(*(w.denominator for w in profile.weights))
    top = max(w * scale for w in profile.weights)
    if top > instances["max_count"]:
        return f"a count of {top} is above the class maximum {instances['max_count']}"
    bad = next((r for r in profile.ranks if not _admits(instances, r)), None)
    return None if bad is None else f"the order {bad} is not in the class's domain"


def _same(fields: dict[str, Any], names: tuple[str, ...], what: str) -> str | None:
    if not isinstance(fields, dict) or set(fields) != set(names):
        return f"{what} must have exactly the fields {list(names)}"
    return None


def check_refutation(cert: dict[str, Any], inner: list[dict[str, Any]],
                     profiles: list[Profile], witness: Profile) -> str | None:
    """The reason the refutation bundle ``cert`` does not establish its claim, or None.

    ``inner`` are its (already verified) certificates and ``profiles`` their instances;
    ``witness`` is the profile read from ``cert["witness"]["preflib"]``.
    """
    r = cert["refutes"]
    kind = r.get("kind") if isinstance(r, dict) else None
    if kind not in WITNESS_FIELDS:
        return "refutes.kind must be 'robustness' or 'uniqueness'"
    problem = (_same(r, ROBUSTNESS_FIELDS if kind == "robustness" else UNIQUENESS_FIELDS,
                     "refutes")
               or _same(cert["witness"], WITNESS_FIELDS[kind], "witness"))
    if problem:
        return problem
    w = cert["witness"]
    if w["format"] != ("soc" if witness.is_strict else "toc"):
        return f"witness.format {w['format']!r} does not match the witness's orders"
    if (w["responses"], w["user_types"]) != (witness.n, witness.num_users):
        return "witness.responses or witness.user_types do not match the witness instance"
    if any(p != witness for p in profiles):
        return "an inner certificate is about a different instance than the witness"
    if kind == "uniqueness":
        return _uniqueness(cert, r, inner)
    return _robustness(cert, r, inner, witness)


def _uniqueness(cert: dict[str, Any], r: dict[str, Any], inner: list[dict[str, Any]]
                ) -> str | None:
    if set(cert) - {"ualign_certificate", "kind", "arithmetic", "statement", "certificates",
                    "refutes", "witness", "source"}:
        return "a uniqueness refutation has no value, shortfall, slack or worst_competitor"
    eqs = [c for c in inner if c["kind"] == "equilibrium"]
    if len(eqs) != len(inner) or any(c["k"] != r["k"] for c in eqs):
        return f"a uniqueness refutation holds only equilibrium certificates with k = {r['k']}"
    if any(as_fraction(c["exploitability"]) != 0 for c in eqs):
        return "every equilibrium in a uniqueness refutation must be exact (exploitability 0)"
    distinct = {tuple(sorted(c["lottery"].items())) for c in eqs}
    if len(distinct) < 2 or len(distinct) != len(eqs):
        return "a uniqueness refutation needs two or more distinct equilibria"
    if r["equilibria"] != len(eqs):
        return f"refutes.equilibria says {r['equilibria']}, the bundle holds {len(eqs)}"
    return None


def _robustness(cert: dict[str, Any], r: dict[str, Any], inner: list[dict[str, Any]],
                witness: Profile) -> str | None:
    for key in ("value", "shortfall", "slack", "worst_competitor"):
        if key not in cert:
            return f"a robustness refutation needs {key!r}"
    k, l, n = r["k"], r["l"], witness.n
    bound = parse_formula(r["rate"], ("k", "l", "n"), "refutes.rate").evaluate(k=k, l=l, n=n)
    if not isinstance(r["bound"], str) or as_fraction(r["bound"]) != bound \
            or r["bound"] != str(bound):
        return (f"refutes.bound {r['bound']} is not the rate {r['rate']} at k={k}, l={l}, "
                f"n={n} (the witness's responses) = {bound}")
    problem = class_problem(r["instances"], witness)
    if problem:
        return f"the witness is not in the claim's instance class: {problem}"
    shown = [c for c in inner if c["kind"] == "robustness"]
    if len(shown) != 1:
        return "a robustness refutation holds exactly one robustness certificate"
    (rob,) = shown
    if (rob["k"], rob["l"], rob["tie_rule"]) != (k, l, r["tie_rule"]):
        return "the robustness certificate's k, l or tie rule differs from the claim's"
    policy = policy_from_json(cert["witness"]["policy"], witness, k)
    if policy_to_json(policy) != cert["witness"]["policy"] or \
            policy_to_json(policy_from_json(rob["policy"], witness, k)) != cert["witness"]["policy"]:
        return "witness.policy is not the policy of the robustness certificate"
    value = as_fraction(rob["value"])
    slack, problem = _tie(r["construction"], inner, rob, policy, witness, k, l, r["tie_rule"])
    if problem:
        return problem
    if not value < bound - slack:
        return f"the policy wins {value}, not less than the bound {bound} - slack {slack}"
    checks = [("value", str(value)), ("worst_competitor", rob["worst_competitor"]),
              ("shortfall", str(bound - value)), ("slack", str(slack))]
    for key, expected in checks:
        if cert[key] != expected:
            return f"{key} is {cert[key]!r}, but the certificates give {expected!r}"
    return None


def _tie(construction: str, inner: list[dict[str, Any]], rob: dict[str, Any], policy,
         witness: Profile, k: int, l: int, rule: str) -> tuple[Fraction, str | None]:
    """The slack and a problem, from the certificate that ties the policy to the construction."""
    name = construction.split("(", 1)[0].strip().replace("-", "_")
    others = [c for c in inner if c is not rob]
    needed = TIES.get(name, "")
    if name == "uniform":
        if others:
            return Fraction(0), "a uniform refutation holds only the robustness certificate"
        if policy != ProductPolicy(Lottery.uniform(witness.n), k):
            return Fraction(0), "the policy is not the uniform product"
        return Fraction(0), None
    if needed == "":  # a float or learned construction: nothing can tie it, and nothing may
        if others:
            return Fraction(0), f"{construction} has no certificate that ties it to the policy"
        return Fraction(0), None
    ties = [c for c in others if c["kind"] == needed]
    if len(ties) != 1 or len(others) != 1:
        return Fraction(0), (f"a refutation of {name} needs exactly one {needed} certificate "
                             f"beside the robustness certificate")
    (tie,) = ties
    if needed == "optimal-policy":
        if (tie["k"], tie["l"], tie["tie_rule"]) != (k, l, rule) or tie["policy"] != rob["policy"]:
            return Fraction(0), "the optimal-policy certificate is not about this policy and claim"
        return Fraction(0), None
    if needed == "pure-equilibrium":
        if tie["k"] != k:
            return Fraction(0), "the pure equilibrium is of a different game (k)"
        choices = [ProductPolicy(Lottery.point(y, witness.n), k) for y in tie["choice"]]
        if policy not in choices:
            return Fraction(0), "the policy is no player's k-sample policy at the pure equilibrium"
        return Fraction(0), None
    if not isinstance(policy, ProductPolicy) or tie["lottery"] != policy_to_json(policy)["lottery"]:
        return Fraction(0), f"the {needed} certificate is not about the policy's lottery"
    if needed == "equilibrium":
        if tie["k"] != k:
            return Fraction(0), "the equilibrium certificate is for a different k"
        return max(Fraction(0), as_fraction(tie["exploitability"])), None
    return Fraction(0), None
