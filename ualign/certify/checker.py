"""The solver-free certificate checker behind ``ualign check``.

It rebuilds the instance from the certificate, recomputes every claimed number in exact
Fractions with the core engine (closed forms and enumeration, never an LP or SMT solver), and
compares. It imports neither z3 nor scipy, so a certificate's validity never rests on the
solver that produced it.

Nothing is taken on trust: the format version must be one this checker knows, ``arithmetic``
must be ``exact``, every field must be one the kind has (:mod:`ualign.certify.schema`), every
exact number and policy must be written canonically, and the ``statement`` must be the one the
verified fields make. A refutation bundle is checked for exactly what it refutes
(:mod:`ualign.certify.refutations`).
"""

from __future__ import annotations

import hashlib
from math import lcm
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.certify.lemma_polynomials import check_lemma_certificate
from ualign.certify.refutations import check_refutation
from ualign.certify.schema import FIELDS, FORMAT_VERSION, field_problem, statement
from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_over, pure_payoffs
from ualign.game.robustness import competitor_multisets
from ualign.game.value_checks import is_maximal_lottery, verify_matrix_game
from ualign.game.win_rates import competitor_table, contest_matrix
from ualign.io.json_input import read_text_file
from ualign.io.policy_json import (lottery_from_json, lottery_to_json, policy_from_json,
                                   policy_to_json)
from ualign.io.preflib import DATA_TYPES, parse_preflib
from ualign.model.algebraic import RootField
from ualign.model.errors import InputError, UnsafePathError
from ualign.model.exact import as_fraction
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, parse_tie_rule

__all__ = ["CheckResult", "check_certificate"]


@dataclass(frozen=True)
class CheckResult:
    """Whether a certificate holds, and why not when it does not."""

    ok: bool
    kind: str
    statement: str
    reason: str | None = None


def _exact(cert: dict[str, Any], key: str) -> Fraction:
    """An exact number field, which must be written canonically (``"1/2"``, not ``"2/4"``)."""
    value = cert[key]
    if not isinstance(value, str):
        raise InputError(f"{key} must be an exact number written as a string, got {value!r}")
    number = as_fraction(value, key)
    if str(number) != value:
        raise InputError(f"{key} is {value!r}; write it canonically as {str(number)!r}")
    return number


def _whole(cert: dict[str, Any], key: str, least: int = 1) -> int:
    value = cert[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError(f"{key} must be a whole number >= {least}, got {value!r}")
    return value


def _canonical_policy(data: Any, p: Profile, k: int, key: str):
    policy = policy_from_json(data, p, k)
    if policy_to_json(policy) != data:
        raise InputError(f"{key} is not in canonical policy JSON (responses by index, exact "
                         f"reduced fractions, no zero entries)")
    return policy


def _canonical_lottery(data: Any, p: Profile, key: str):
    lottery = lottery_from_json(data, p, key)
    if lottery_to_json(lottery) != data:
        raise InputError(f"{key} is not a canonical lottery (responses by index, exact reduced "
                         f"fractions, no zero entries)")
    return lottery


def _inline(text: str, kind: str, what: str) -> Profile:
    """An inline PrefLib text, whose counts must be the smallest integers in proportion."""
    data = parse_preflib(text, f"<{what}.{kind}>", kind)
    scale = lcm(*(w.denominator for w in data.profile.weights))
    if data.voters != scale:
        raise InputError(f"{what}: the counts must be the smallest integers in proportion "
                         f"({data.voters} voters where {scale} give the same weights)")
    return data.profile


def _instance(cert: dict[str, Any], base: Path) -> Profile:
    inst = cert["instance"]
    if "preflib" in inst:
        if not isinstance(inst["preflib"], str) or inst["format"] not in DATA_TYPES:
            raise InputError("instance.preflib must be PrefLib text and instance.format its type")
        return _inline(inst["preflib"], inst["format"], "instance")
    name = inst["file"]
    if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
        raise InputError(f"instance.file must be a bare file name beside the certificate, "
                         f"not {name!r}")
    folder = base.resolve()
    path = folder / name
    # A link beside the certificate that leads elsewhere is refused, and never read.
    if path.resolve().parent != folder:
        raise UnsafePathError(f"the instance file {name!r} leads outside the certificate's "
                              f"folder; it was not read")
    data = read_text_file(path, "instance file").encode("utf-8")
    if hashlib.sha256(data).hexdigest() != inst["sha256"]:
        raise InputError(f"the instance file {name!r} does not match the recorded SHA-256")
    return parse_preflib(data.decode("utf-8"), name).profile


def _maximal_lottery(cert: dict[str, Any], p: Profile) -> str | None:
    if _exact(cert, "value") != Fraction(1, 2):
        return f"the NLHF value is 1/2 for every profile, not {cert['value']}"
    lottery = _canonical_lottery(cert["lottery"], p, "lottery")
    return None if is_maximal_lottery(p, lottery) else "the lottery loses to some response"


def _optimal_policy(cert: dict[str, Any], p: Profile) -> str | None:
    k, l, rule = _whole(cert, "k"), _whole(cert, "l"), _rule(cert)
    policy = _canonical_policy(cert["policy"], p, k, "policy").distribution()
    competitor = _canonical_policy(cert["competitor"], p, l, "competitor").distribution()
    rows, cols = competitor_multisets(p.n, k), competitor_multisets(p.n, l)
    G = contest_matrix(p, rows, cols, rule)
    x = [policy.get(S, Fraction(0)) for S in rows]
    y = [competitor.get(T, Fraction(0)) for T in cols]
    return verify_matrix_game(G, x, y, _exact(cert, "value"))


def _equilibrium(cert: dict[str, Any], p: Profile) -> str | None:
    k, lottery = _whole(cert, "k"), _canonical_lottery(cert["lottery"], p, "lottery")
    V = deviation_payoffs(p, lottery, k)
    if [str(v) for v in V] != cert["deviation_payoffs"]:
        return "the deviation-payoff table does not match the recomputed one"
    eps = max(V) - Fraction(1, k + 1)
    if eps != _exact(cert, "exploitability"):
        return f"exploitability is {eps}, not {cert['exploitability']}"
    if Fraction(k, k + 1) - eps != _exact(cert, "robustness_at_least"):
        return "robustness_at_least is not k/(k+1) - exploitability"
    # The product's win rate against y is 1 - V(y), so its robustness is exactly that bound.
    return None


def _robustness(cert: dict[str, Any], p: Profile) -> str | None:
    k, l, rule = _whole(cert, "k"), _whole(cert, "l"), _rule(cert)
    policy = _canonical_policy(cert["policy"], p, k, "policy")
    table = competitor_table(p, policy, competitor_multisets(p.n, l), rule)
    value = min(table.values())
    if value != _exact(cert, "value"):
        return f"the robustness is {value}, not {cert['value']}"
    expected = [{"multiset": list(t), "win_rate": str(v)} for t, v in table.items()]
    if cert["table"] != expected:
        return "the recorded competitor table does not match the recomputed one (in order)"
    worst = min(table, key=lambda t: (table[t], t))
    if cert["worst_competitor"] != list(worst):
        return (f"worst_competitor {cert['worst_competitor']} is not the first competitor "
                f"attaining the robustness, {list(worst)}")
    return None


def _exact_equilibrium(cert: dict[str, Any], p: Profile) -> str | None:
    k, support = _whole(cert, "k"), cert["support"]
    if not isinstance(support, list) or support != sorted(set(support)):
        return "the support must be a sorted list of distinct responses"
    modulus, interval = cert["field"]["modulus"], cert["field"]["interval"]
    if set(cert["field"]) != {"modulus", "interval"}:
        return "the field must have exactly a modulus and an interval"
    if not all(isinstance(c, int) and not isinstance(c, bool) for c in modulus) or \
            len(interval) != 2:
        return "bad number field: the modulus needs integer coefficients and the interval two ends"
    ends = [as_fraction(v) for v in interval]
    if [str(v) for v in ends] != interval:
        return "the interval's ends must be written canonically"
    try:
        field = RootField.of(modulus, ends)
    except ValueError as err:
        return f"bad number field: {err}"
    if len(cert["coordinates"]) != p.n:
        return f"{len(cert['coordinates'])} coordinates for {p.n} responses"
    coeffs = [[as_fraction(c) for c in cs] for cs in cert["coordinates"]]
    if any((cs and cs[-1] == 0) or [str(c) for c in cs] != raw
           for cs, raw in zip(coeffs, cert["coordinates"])):
        return "each coordinate must be canonical: exact coefficients, no trailing zero"
    probs = [field.element(cs) for cs in coeffs]
    zero, target = field.element([]), Fraction(1, k + 1)
    if field.sign(sum(probs, zero) - 1) != 0:
        return "the coordinates do not sum to 1"
    for y in range(p.n):
        if field.sign(probs[y]) != (1 if y in support else 0):
            return f"response {y} has the wrong sign for the stated support"
    V = deviation_payoffs_over(p, probs, k, zero)
    for y in range(p.n):
        sign = field.sign(V[y] - target)
        if (y in support and sign != 0) or sign > 0:
            return f"the deviation payoff of response {y} is {'above' if sign > 0 else 'off'} " \
                   f"1/(k+1)"
    approx = _canonical_lottery(cert["approximation"], p, "approximation")
    eps = max(deviation_payoffs(p, approx, k)) - target
    if eps != _exact(cert, "approximation_exploitability"):
        return f"the approximation's exploitability is {eps}, not the one recorded"
    return None


def _pure_equilibrium(cert: dict[str, Any], p: Profile) -> str | None:
    k, choice = _whole(cert, "k"), cert["choice"]
    if not isinstance(choice, list) or len(choice) != k + 1 or \
            not all(isinstance(y, int) and not isinstance(y, bool) and 0 <= y < p.n
                    for y in choice):
        return f"choice must list one response of 0..{p.n - 1} for each of the {k + 1} players"
    pay = pure_payoffs(p, tuple(choice))
    if cert["payoffs"] != [str(v) for v in pay]:
        return "the payoffs do not match the recomputed ones"
    best = [max(pure_payoffs(p, tuple(choice[:i] + [y] + choice[i + 1:]))[i] for y in range(p.n))
            for i in range(k + 1)]
    if cert["best_deviation_payoffs"] != [str(v) for v in best]:
        return "the best deviation payoffs do not match the recomputed ones"
    gain = [i for i in range(k + 1) if best[i] > pay[i]]
    return f"player {gain[0]} gains by switching" if gain else None


def _rule(cert: dict[str, Any]):
    if not isinstance(cert["tie_rule"], str) or cert["tie_rule"] not in [r.value for r in TieRule]:
        raise InputError(f"unknown tie rule {cert['tie_rule']!r}")
    return parse_tie_rule(cert["tie_rule"])


def _bundle(cert: dict[str, Any], base: Path) -> str | None:
    inner_certs = cert["certificates"]
    if not isinstance(inner_certs, list) or not inner_certs:
        return "a bundle needs a non-empty list of certificates"
    profiles = []
    for i, inner in enumerate(inner_certs):
        result, profile = _check(inner, base)
        if not result.ok:
            return f"certificate {i} ({result.kind}) fails: {result.reason}"
        profiles.append(profile)
    if "refutes" not in cert:
        stray = [key for key in ("witness", "value", "shortfall", "slack", "worst_competitor")
                 if key in cert]
        return f"{stray[0]} belongs to a refutation bundle (one with 'refutes')" if stray else None
    if "witness" not in cert or not isinstance(cert["witness"], dict):
        return "a refutation bundle needs its witness"
    if any(p is None for p in profiles):
        return "a refutation bundle holds certificates about one instance, not about all of them"
    w = cert["witness"]
    if not isinstance(w.get("preflib"), str) or w.get("format") not in ("soc", "toc"):
        return "witness.preflib must be PrefLib text and witness.format soc or toc"
    witness = _inline(w["preflib"], w["format"], "witness")
    return check_refutation(cert, inner_certs, profiles, witness)


CHECKS = {"maximal-lottery": _maximal_lottery, "optimal-policy": _optimal_policy,
          "equilibrium": _equilibrium, "robustness": _robustness,
          "exact-equilibrium": _exact_equilibrium, "pure-equilibrium": _pure_equilibrium}


def _check(cert: Any, base: Path) -> tuple[CheckResult, Profile | None]:
    """The verdict, and the instance the certificate is about (None for bundles and lemmas)."""
    if not isinstance(cert, dict):
        return CheckResult(False, "?", "", "malformed certificate: not a JSON object"), None
    kind = cert.get("kind")
    if kind not in FIELDS:
        return CheckResult(False, "?", "", f"unknown certificate kind {str(kind)[:40]!r}"), None
    profile = None
    try:
        version = cert.get("ualign_certificate")
        if isinstance(version, bool) or version != FORMAT_VERSION:
            reason = (f"format version {str(version)[:20]!r} is not one this checker knows "
                      f"({FORMAT_VERSION})")
        elif cert.get("arithmetic") != "exact":
            reason = f"arithmetic must be 'exact', not {str(cert.get('arithmetic'))[:20]!r}"
        else:
            reason = field_problem(cert)
        if reason is None:
            if kind == "bundle":
                reason = _bundle(cert, base)
            elif kind == "bounded-lemmas":  # about every profile of a size, so no instance
                reason = check_lemma_certificate(cert)
            else:
                profile = _instance(cert, base)
                reason = CHECKS[kind](cert, profile)
        if reason is None and cert["statement"] != statement(cert):
            reason = "the statement is not the one these fields certify: " + statement(cert)
    except UnsafePathError:
        raise
    except InputError as err:
        reason = f"malformed certificate: {err}"
    except KeyError as err:
        reason = f"malformed certificate: missing or invalid field {err}"
    except (TypeError, AttributeError, IndexError, ValueError, ArithmeticError, OSError,
            RecursionError) as err:
        reason = f"malformed certificate: invalid field ({type(err).__name__}: {str(err)[:200]})"
    if reason is not None:
        return CheckResult(False, kind, "", reason), None
    return CheckResult(True, kind, statement(cert)), profile


def check_certificate(cert: dict[str, Any], base: str | Path = ".") -> CheckResult:
    """Re-verify a certificate (a parsed JSON object) exactly.

    On success ``statement`` is what the certificate certifies, in the checker's own words;
    on failure it is empty and ``reason`` says why.

    >>> from ualign.certify.certificates import maximal_lottery_certificate
    >>> from ualign.model.examples import example
    >>> from ualign.model.lottery import Lottery
    >>> p = example("five-voter")
    >>> check_certificate(maximal_lottery_certificate(p, Lottery.of(["3/5", "1/5", "1/5"]))).ok
    True
    >>> check_certificate(maximal_lottery_certificate(p, Lottery.uniform(3))).reason
    'the lottery loses to some response'
    """
    return _check(cert, Path(base))[0]
