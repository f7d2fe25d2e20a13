"""Single-field tamperings of certificates, and the corpus they are applied to.

Used by ``tests/test_tampering.py`` (a derandomised sample in CI) and by ``make fuzz`` (every
tampering of every certificate). Each tampering changes one thing: a number nudged, a string
changed, a key deleted or added, a list item dropped, swapped or repeated, or the instance text
edited. :func:`neutral_reason` names the few changes that claim nothing new (from
:data:`ualign.certify.schema.NEUTRAL_FIELDS`); every other change must be rejected.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.certify.schema import NEUTRAL_FIELDS

ROOT = Path(__file__).resolve().parents[1]
Path_ = tuple[Any, ...]
_FRACTION = re.compile(r"-?\d+(/\d+)?")
RULES = ("share", "half", "weak", "strict")


def corpus() -> dict[str, tuple[dict[str, Any], Path]]:
    """Every archived and stored certificate, plus one fresh certificate of every kind.

    Returns ``{name: (certificate, folder it is checked in)}``.
    """
    out = {}
    for folder in (ROOT / "counterexamples" / "archive", ROOT / "proofs" / "certificates"):
        for path in sorted(folder.glob("*.json")):
            out[f"{folder.name}/{path.stem}"] = (json.loads(path.read_text()), folder)
    for name, cert in fresh_certificates().items():
        out[f"fresh/{name}"] = (cert, ROOT)
    return out


def fresh_certificates() -> dict[str, dict[str, Any]]:
    """One small certificate of each kind, made by the library's own writers."""
    from ualign.certify import certificates as c
    from ualign.certify.lemma_polynomials import lemma_certificate
    from ualign.game.deviation_payoffs import deviation_payoffs
    from ualign.model.examples import example
    from ualign.model.lottery import Lottery
    from ualign.model.policies import JointPolicy, MixturePolicy, ProductPolicy
    from ualign.model.ties import TieRule
    from ualign.solvers.maximal_lottery import maximal_lottery
    from ualign.solvers.optimal_policy import optimal_policy
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    from ualign.model.generators import impartial_culture
    from ualign.report.compare import compare_rows
    p, ties, ic4 = example("five-voter"), example("ties"), impartial_culture(4)
    ml = maximal_lottery(p)
    exact = next(e for e in symmetric_equilibria(example("condorcet-cycle"), 2).equilibria
                 if e.field is not None)
    mixture = MixturePolicy.of([("1/3", Lottery.point(0, 3)), ("2/3", Lottery.uniform(3))], k=2)
    return {
        "maximal-lottery": c.maximal_lottery_certificate(p, ml),
        "optimal-policy": c.optimal_policy_certificate(p, optimal_policy(p, 2, 1, TieRule.SHARE)),
        "optimal-policy-l2-weak": c.optimal_policy_certificate(
            ties, optimal_policy(ties, 2, 2, TieRule.WEAK)),
        "equilibrium": c.equilibrium_certificate(p, ml, 2, deviation_payoffs(p, ml, 2)),
        "robustness-mixture": c.robustness_certificate(p, mixture, 1, TieRule.HALF),
        "robustness-joint": c.robustness_certificate(
            ties, JointPolicy.of({(0, 1): "1/3", (2, 2): "2/3"}, n=ties.n), 2, TieRule.STRICT),
        "exact-equilibrium": c.exact_equilibrium_certificate(example("condorcet-cycle"), 2, exact),
        "pure-equilibrium": c.pure_equilibrium_certificate(
            __import__("ualign.model.profile", fromlist=["Profile"]).Profile.of(
                [(0, 1), (1, 0)], weights=[5, 3]), (1, 0, 0)),
        "bounded-lemmas": lemma_certificate(3, 2, 1, TieRule.SHARE, "weak"),
        "bundle": c.bundle([c.maximal_lottery_certificate(p, ml),
                            c.robustness_certificate(p, ProductPolicy(ml, 2))],
                           source="tests/tampering.py"),
        "compare-bundle": c.bundle(compare_rows(p, 3)[1], source="ualign compare five-voter"),
        "refutation-optimal": _optimal_refutation(),
        "refutation-uniqueness": c.uniqueness_refutation(1, [
            c.equilibrium_certificate(ic4, lot, 1, deviation_payoffs(ic4, lot, 1))
            for lot in (Lottery.point(0, 4), Lottery.point(3, 4), Lottery.uniform(4))], ic4),
    }


def _optimal_refutation() -> dict[str, Any]:
    """ "The optimal policy is (2, 1, k/(k+1) + 1/4)-robust" fails on five-voter (it wins 9/10)."""
    from ualign.counterexamples.claim_language import RobustnessClaim
    from ualign.counterexamples.instance_classes import InstanceClass
    from ualign.counterexamples.witness_archive import witness_record
    from ualign.model.examples import example
    claim = RobustnessClaim("optimal", "k/(k+1) + 1/4", k=2,
                            instances=InstanceClass(n=3, max_types=3, max_count=10))
    return witness_record(claim, claim.evaluate(example("five-voter")), "tests/tampering.py")


def _leaves(obj: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, obj
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _leaves(value, path + (i,))


def _get(obj: Any, path: Path_) -> Any:
    for key in path:
        obj = obj[key]
    return obj


def _with(cert: dict[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(cert)
    _get(out, path[:-1])[path[-1]] = value
    return out


def _string_changes(path: Path_, s: str) -> Iterator[tuple[str, Any]]:
    if _FRACTION.fullmatch(s):
        v = Fraction(s)
        yield "nudged up", str(v + Fraction(1, 1000))
        yield "nudged down", str(v - Fraction(1, 1000))
        if v.denominator > 1:
            yield "not reduced", f"{2 * v.numerator}/{2 * v.denominator}"
    if s in RULES:
        for other in RULES:
            if other != s:
                yield f"rule {other}", other
    if path and path[-1] == "rate":
        yield "rate 1/2", "1/2"
    if path and path[-1] == "preflib":
        yield from _text_edits(s)
        return
    yield "appended", s + "x"
    yield "emptied", ""


def _text_edits(text: str) -> Iterator[tuple[str, str]]:
    lines = text.split("\n")
    data = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    header = {line.split(":", 1)[0]: i for i, line in enumerate(lines) if line.startswith("#")}
    if data:
        i = data[0]
        count, order = lines[i].split(":", 1)
        voters = header.get("# NUMBER VOTERS")
        moved = lines.copy()
        moved[i] = f"{int(count) + 1}:{order}"
        if voters is not None:  # a consistent edit: one more voter with this order
            total = int(lines[voters].split(":", 1)[1]) + 1
            moved[voters] = f"# NUMBER VOTERS: {total}"
        yield "one more voter", "\n".join(moved)
        items = order.split(",")
        if len(items) > 1:
            swapped = lines.copy()
            swapped[i] = f"{count}:{','.join([items[1], items[0]] + items[2:])}"
            yield "two alternatives swapped in an order", "\n".join(swapped)
        dropped = lines.copy()
        del dropped[i]
        yield "an order dropped", "\n".join(dropped)
    if "# TITLE" in header:
        retitled = lines.copy()
        retitled[header["# TITLE"]] = "# TITLE: tampered"
        yield "header title", "\n".join(retitled)
    names = [key for key in header if key.startswith("# ALTERNATIVE NAME")]
    if names:
        renamed = lines.copy()
        renamed[header[names[0]]] = f"{names[0]}: tampered"
        yield "alternative name", "\n".join(renamed)


def tamperings(cert: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every single-field change of ``cert``, each with a description."""
    for path, value in list(_leaves(cert)):
        where = "/".join(map(str, path)) or "(root)"
        if isinstance(value, bool):
            yield f"{where}: flipped", _with(cert, path, not value)
        elif isinstance(value, int):
            yield f"{where}: +1", _with(cert, path, value + 1)
            yield f"{where}: -1", _with(cert, path, value - 1)
            yield f"{where}: as a string", _with(cert, path, str(value))
        elif isinstance(value, str):
            for how, new in _string_changes(path, value):
                yield f"{where}: {how}", _with(cert, path, new)
        elif isinstance(value, dict):
            for key in value:
                out = copy.deepcopy(cert)
                del _get(out, path)[key]
                yield f"{where}: key {key!r} deleted", out
            for key in ("extra", "source"):
                if key not in value:
                    out = copy.deepcopy(cert)
                    _get(out, path)[key] = "added"
                    yield f"{where}: key {key!r} added", out
        elif isinstance(value, list) and value:
            for i in range(min(len(value), 3)):
                out = copy.deepcopy(cert)
                del _get(out, path)[i]
                yield f"{where}: item {i} dropped", out
            if len(value) > 1 and value[0] != value[1]:
                out = copy.deepcopy(cert)
                items = _get(out, path)
                items[0], items[1] = items[1], items[0]
                yield f"{where}: items 0 and 1 swapped", out
            out = copy.deepcopy(cert)
            _get(out, path).append(copy.deepcopy(value[-1]))
            yield f"{where}: last item repeated", out


def _kind_at(cert: dict[str, Any], where: str) -> str:
    """The kind of the innermost certificate on the path ``where``."""
    kind, node = cert.get("kind"), cert
    for key in where.split("/"):
        if not isinstance(node, (dict, list)):
            break
        node = node[int(key)] if isinstance(node, list) else node.get(key)
        if isinstance(node, dict) and "kind" in node and "ualign_certificate" in node:
            kind = node["kind"]
    return str(kind)


def neutral_reason(cert: dict[str, Any], description: str) -> str | None:
    """The reason a change of ``cert`` is semantically neutral, or None when it must be
    rejected."""
    where, _, how = description.partition(": ")
    last = where.split("/")[-1]
    parts = where.split("/")
    if _kind_at(cert, where) == "optimal-policy" and ("policy" in parts or "competitor" in parts):
        return NEUTRAL_FIELDS["optimal strategies"]
    if last == "components" and how == "items 0 and 1 swapped":
        return NEUTRAL_FIELDS["mixture order"]
    if last == "source" or how in ("key 'source' added", "key 'source' deleted"):
        return NEUTRAL_FIELDS["source"]
    if where.endswith("certificates") and how == "items 0 and 1 swapped":
        return NEUTRAL_FIELDS["certificates order"]
    if "/field/interval/" in f"/{where}/" and how in ("nudged up", "nudged down", "not reduced"):
        return NEUTRAL_FIELDS["field.interval"] if how != "not reduced" else None
    if last == "preflib" and how == "header title":
        return NEUTRAL_FIELDS["preflib header text"]
    if last == "preflib" and how == "alternative name":
        return NEUTRAL_FIELDS["alternative names"]
    return None
