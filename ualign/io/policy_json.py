"""The policy JSON format: exact policies as files.

Responses are keyed by 0-based index or by name, and every probability is an exact string
(``"1/3"``) or an integer; a JSON float such as ``0.5`` is refused because it is not exact::

    {"kind": "product", "k": 3, "lottery": {"0": "1/2", "2": "1/2"}}
    {"kind": "mixture", "k": 3, "components": [{"weight": "1/2", "lottery": {"0": "1"}}, ...]}
    {"kind": "joint", "k": 2, "support": [{"multiset": [0, 2], "p": "1/3"}, ...]}

Written files always key responses by index, list lottery entries in index order and leave out
zero probabilities, so the output is stable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ualign.io.json_input import parse_json, read_text_file
from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, Policy, ProductPolicy, check_k
from ualign.model.profile import Profile

__all__ = ["policy_from_json", "policy_to_json", "lottery_from_json", "lottery_to_json",
           "load_policy"]

KINDS = ("product", "mixture", "joint")


def lottery_from_json(data: Any, profile: Profile, where: str = "lottery") -> Lottery:
    """``{"response": "probability"}`` to an exact lottery over the profile's responses."""
    if not isinstance(data, dict) or not data:
        raise InputError(f"{where} must be a non-empty object {{response: probability}}")
    probs: dict[int, Any] = {}
    for key, value in data.items():
        y = profile.index(key)
        if y in probs:
            raise InputError(f"{where} names response {key!r} twice")
        probs[y] = as_fraction(value, f"{where}[{key!r}]")
    try:
        return Lottery.of(probs, n=profile.n)
    except InputError as err:
        raise InputError(f"{where} is not a distribution: {err.message}") from None


def lottery_to_json(lottery: Lottery) -> dict[str, str]:
    """An exact lottery as ``{"index": "p/q"}`` without zero entries."""
    if not lottery.exact:
        raise InputError("only exact lotteries are written as policy JSON; call to_exact() first")
    return {str(y): str(p) for y, p in enumerate(lottery.probs) if p}


def policy_from_json(data: Any, profile: Profile, k: int | None = None) -> Policy:
    """Build a policy from parsed policy JSON; ``k`` (if given) must agree with the file's.

    >>> p = Profile.of([(0, 1, 2)])
    >>> policy_from_json({"kind": "product", "k": 2, "lottery": {"0": "1/2", "2": "1/2"}}, p)
    ProductPolicy(lottery=Lottery.of({0: '1/2', 2: '1/2'}, n=3), k=2)
    """
    if not isinstance(data, dict):
        raise InputError("a policy must be a JSON object with a 'kind'")
    kind = data.get("kind")
    if kind not in KINDS:
        raise InputError(f"policy kind {kind!r} is unknown; use one of {', '.join(KINDS)}")
    file_k = data.get("k")
    if file_k is not None:
        check_k(file_k, "the policy's 'k'")
    if k is not None and file_k is not None and k != file_k:
        raise InputError(f"the policy file says k={file_k} but k={k} was asked for")
    k = check_k(file_k if file_k is not None else k if k is not None else _missing_k())
    if kind == "product":
        return ProductPolicy(lottery_from_json(data.get("lottery"), profile), k)
    if kind == "mixture":
        comps = data.get("components")
        if not isinstance(comps, list) or not comps:
            raise InputError("a mixture needs a non-empty list 'components'")
        pairs = []
        for i, comp in enumerate(comps):
            if not isinstance(comp, dict):
                raise InputError(f"components[{i}] must be an object with weight and lottery")
            pairs.append((as_fraction(comp.get("weight"), f"components[{i}].weight"),
                          lottery_from_json(comp.get("lottery"), profile,
                                            f"components[{i}].lottery")))
        return MixturePolicy.of(pairs, k)
    support = data.get("support")
    if not isinstance(support, list) or not support:
        raise InputError("a joint policy needs a non-empty list 'support'")
    law = []
    for i, entry in enumerate(support):
        if not isinstance(entry, dict) or not isinstance(entry.get("multiset"), list):
            raise InputError(f"support[{i}] must be an object with a list 'multiset' and 'p'")
        law.append(([profile.index(y) for y in entry["multiset"]],
                    as_fraction(entry.get("p"), f"support[{i}].p")))
    return JointPolicy.of(law, n=profile.n, k=k)


def _missing_k() -> int:
    raise InputError("the policy file has no 'k'; give it in the file or with --k")


def policy_to_json(policy: Policy) -> dict[str, Any]:
    """Policy JSON for an exact policy (the inverse of :func:`policy_from_json`)."""
    if isinstance(policy, ProductPolicy):
        return {"kind": "product", "k": policy.k, "lottery": lottery_to_json(policy.lottery)}
    if isinstance(policy, MixturePolicy):
        return {"kind": "mixture", "k": policy.k,
                "components": [{"weight": str(w), "lottery": lottery_to_json(lot)}
                               for w, lot in policy.components]}
    return {"kind": "joint", "k": policy.k,
            "support": [{"multiset": list(ms), "p": str(p)} for ms, p in policy.support]}


def load_policy(path: str | Path, profile: Profile, k: int | None = None) -> Policy:
    """Read a policy JSON file; errors name the file (and the line, for JSON syntax errors)."""
    path = Path(path)
    text = read_text_file(path, "policy file")
    data = parse_json(text, str(path))
    try:
        return policy_from_json(data, profile, k)
    except InputError as err:
        raise err.located(str(path), _line_of(text, err.message)) from None


def _line_of(text: str, message: str) -> int | None:
    """The line of the JSON key (or quoted response) that an error message is about."""
    m = re.match(r"(components|support|lottery)\b", message)
    quoted = re.findall(r"'([^']+)'", message)
    if m:
        needles = [f'"{m.group(1)}"']
    elif "kind" in message:
        needles = ['"kind"']
    elif "k=" in message or "'k'" in message:
        needles = ['"k"']
    else:
        needles = [f'"{q}"' for q in quoted] + [q for q in quoted]
    for needle in needles:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if needle in line:
                return lineno
    return None
