"""What a certificate may contain, and the one statement each certificate makes.

A certificate's ``statement`` is not free text: it is :func:`statement` of the certificate's
own fields, written by the same function when the certificate is made and when it is
checked. So the words a reader sees after ``VALID`` say exactly what was re-derived, and a
certificate whose words were edited no longer checks.

Every kind has a closed set of fields (:data:`FIELDS`). An unknown field is refused: a field
the checker does not read would be a claim nobody checked. The only fields that carry no
claim are :data:`NEUTRAL_FIELDS`, each with the reason it is neutral.

>>> statement({"kind": "maximal-lottery"})
'the lottery is a maximal lottery: it wins at least 1/2 against every single response (NLHF optimum, value 1/2)'
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMAT_VERSION", "FIELDS", "NEUTRAL_FIELDS", "COMMON_FIELDS", "INSTANCE_FIELDS",
           "statement", "field_problem", "class_text"]

#: The certificate format this checker knows; any other version is refused.
FORMAT_VERSION = 1
COMMON_FIELDS = ("ualign_certificate", "kind", "arithmetic", "statement")

#: kind -> (required fields, optional fields), besides the common ones.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "maximal-lottery": (("instance", "lottery", "value"), ("source",)),
    "optimal-policy": (("instance", "k", "l", "tie_rule", "value", "policy", "competitor"),
                       ("source",)),
    "equilibrium": (("instance", "k", "lottery", "exploitability", "robustness_at_least",
                     "deviation_payoffs"), ("source",)),
    "robustness": (("instance", "k", "l", "tie_rule", "policy", "value", "worst_competitor",
                    "table"), ("source",)),
    "exact-equilibrium": (("instance", "k", "support", "field", "coordinates", "approximation",
                           "approximation_exploitability"), ("source",)),
    "pure-equilibrium": (("instance", "k", "choice", "payoffs", "best_deviation_payoffs"),
                         ("source",)),
    "bounded-lemmas": (("n", "k", "l", "tie_rule", "orders", "bound", "lemmas", "combination"),
                       ("source",)),
    "bundle": (("certificates",), ("refutes", "witness", "value", "shortfall", "slack",
                                   "worst_competitor", "source")),
}
#: An instance is inline PrefLib text, or a file beside the certificate with its SHA-256.
INSTANCE_FIELDS = {"inline": ("format", "preflib"), "beside": ("file", "sha256")}

#: Fields whose value claims nothing, and why (the tampering suite allows changes to these).
NEUTRAL_FIELDS = {
    "source": "provenance (which command or file produced the certificate); never checked, "
              "never printed as a claim",
    "certificates order": "a bundle is a conjunction: the order of its certificates does not "
                          "change what it says",
    "field.interval": "an exact-equilibrium's root is any interval that isolates the same "
                      "single root of the modulus; the checker verifies that it does",
    "preflib header text": "TITLE, DESCRIPTION and the other free-text header lines of the "
                           "instance do not enter any computation",
    "alternative names": "every claim is about responses by index; names only label them",
    "mixture order": "a mixture policy is a weighted set of lotteries: the order of its "
                     "components does not change the policy",
    "optimal strategies": "an optimal-policy certificate gives one optimal primal and one "
                          "optimal dual; any other optimal pair certifies the same value, and the "
                          "checker verifies optimality of the pair it is given",
}


def field_problem(cert: dict[str, Any]) -> str | None:
    """The first missing or unknown field of ``cert`` (a dict with a known ``kind``), or None."""
    required, optional = FIELDS[cert["kind"]]
    for key in COMMON_FIELDS + required:
        if key not in cert:
            return f"missing field {key!r}"
    allowed = set(COMMON_FIELDS) | set(required) | set(optional)
    extra = sorted(set(cert) - allowed)
    if extra:
        return f"unknown field {extra[0]!r} for a {cert['kind']} certificate"
    if "instance" in required:
        inst = cert["instance"]
        if not isinstance(inst, dict):
            return "the instance must be an object"
        if set(inst) not in (set(v) for v in INSTANCE_FIELDS.values()):
            return ("the instance must be {format, preflib} (inline text) or {file, sha256} "
                    "(a file beside the certificate)")
    return None


def class_text(instances: dict[str, Any]) -> str:
    """The instance class of a refuted claim in words.

    >>> class_text({"orders": "strict", "responses": [2, 3], "max_user_types": 3,
    ...             "max_count": 10, "domain": "any"})
    'strict orders on 2..3 responses, at most 3 user types, integer counts 1..10'
    """
    lo, hi = instances["responses"]
    text = (f"{instances['orders']} orders on {lo}..{hi} responses, at most "
            f"{instances['max_user_types']} user types, integer counts 1..{instances['max_count']}")
    if instances["domain"] == "single-peaked":
        text += ", single-peaked on the axis 0 < 1 < ..."
    elif instances["domain"] == "mallows":
        text += (f", within Kendall tau {instances['radius']} of the order "
                 f"{tuple(instances['centre'])}")
    return text


def _witness_text(w: dict[str, Any]) -> str:
    types = w["user_types"]
    return f"{w['responses']} responses, {types} user type{'' if types == 1 else 's'}"


def _tie_phrase(construction: str, slack: str, k: int) -> str:
    if construction == "nlhf":
        return "the product of a certified maximal lottery"
    if construction == "symmetric_ne":
        return f"the {k}-sample product of a certified eps-symmetric equilibrium (eps = {slack})"
    if construction == "uniform":
        return "the uniform product"
    if construction == "optimal":
        return "the optimal joint policy (a certified optimum: no k-output policy does better)"
    if construction == "asymmetric_ne":
        return "a player's k-sample policy at a certified pure Nash equilibrium"
    return (f"the policy recorded as the output of {construction} (taken as given: the "
            f"checker cannot re-run {construction}, so only the shortfall is certified)")


def _refutation(cert: dict[str, Any]) -> str:
    r, w = cert["refutes"], cert["witness"]
    if r["kind"] == "uniqueness":
        return (f"refutes uniqueness of the symmetric equilibrium of the {r['k'] + 1}-player "
                f"alignment game: the witness ({_witness_text(w)}) has {r['equilibria']} "
                f"distinct certified exact equilibria")
    slack = "" if cert["slack"] == "0" else f" - {cert['slack']} (its exploitability)"
    return (f"refutes '{r['construction']} is ({r['k']}, {r['l']}, {r['rate']})-robust under "
            f"{r['tie_rule']} on {class_text(r['instances'])}': on the witness "
            f"({_witness_text(w)}) "
            f"{_tie_phrase(r['construction'], cert['slack'], r['k'])} wins {cert['value']} < "
            f"{r['bound']}{slack} against the competitor {cert['worst_competitor']}")


def statement(cert: dict[str, Any]) -> str:
    """The statement a certificate of this kind with these fields makes (see the module)."""
    kind = cert["kind"]
    if kind == "maximal-lottery":
        return ("the lottery is a maximal lottery: it wins at least 1/2 against every single "
                "response (NLHF optimum, value 1/2)")
    if kind == "optimal-policy":
        return (f"no k={cert['k']}-output policy wins more than {cert['value']} against every "
                f"l={cert['l']}-output competitor, and the policy given wins at least that "
                f"(tie rule {cert['tie_rule']})")
    if kind == "equilibrium":
        k = cert["k"]
        return (f"the lottery is an eps-symmetric equilibrium of the {k + 1}-player alignment "
                f"game with eps = {cert['exploitability']}, so its {k}-sample product is "
                f"({k}, {cert['robustness_at_least']})-robust under the share rule")
    if kind == "robustness":
        return (f"the k={cert['k']}-output policy wins at least {cert['value']} against every "
                f"l={cert['l']}-output competitor (tie rule {cert['tie_rule']}), and exactly "
                f"that against {cert['worst_competitor']}")
    if kind == "exact-equilibrium":
        k = cert["k"]
        return (f"the lottery with these algebraic coordinates is a symmetric equilibrium of "
                f"the {k + 1}-player alignment game (exactly), so its {k}-sample product is "
                f"({k}, {k}/{k + 1})-robust under the share rule")
    if kind == "pure-equilibrium":
        return (f"the pure profile {tuple(cert['choice'])} is a Nash equilibrium of the "
                f"{cert['k'] + 1}-player alignment game: no player gains by switching response")
    if kind == "bounded-lemmas":
        return (f"for every profile over {cert['n']} responses with {cert['orders']} orders and "
                f"every symmetric equilibrium p (share), W_{cert['tie_rule']}(p^{cert['k']}, T) "
                f">= {cert['bound']} for every {cert['l']}-multiset T")
    if kind == "bundle":
        if "refutes" in cert:
            return _refutation(cert)
        return f"each of the {len(cert['certificates'])} certificates in the bundle holds"
    raise KeyError(kind)
