"""The solver-free certificate checker behind ``ualign check``.

It rebuilds the instance from the certificate, recomputes every claimed number in exact
Fractions with the core engine (closed forms and enumeration, never an LP or SMT solver), and
compares. It imports neither z3 nor scipy, so a certificate's validity never rests on the
solver that produced it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ualign.certify.lemma_polynomials import check_lemma_certificate
from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_over
from ualign.game.robustness import competitor_multisets
from ualign.game.value_checks import is_maximal_lottery, verify_matrix_game
from ualign.game.win_rates import competitor_table, contest_matrix
from ualign.io.policy_json import lottery_from_json, policy_from_json
from ualign.io.preflib import parse_preflib
from ualign.model.algebraic import RootField
from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.policies import check_k, multisets
from ualign.model.profile import Profile
from ualign.model.ties import parse_tie_rule

__all__ = ["CheckResult", "check_certificate"]


@dataclass(frozen=True)
class CheckResult:
    """Whether a certificate holds, and why not when it does not."""

    ok: bool
    kind: str
    statement: str
    reason: str | None = None


def _instance(cert: dict[str, Any], base: Path) -> Profile:
    inst = cert.get("instance")
    if not isinstance(inst, dict):
        raise InputError("certificate has no 'instance'")
    if "preflib" in inst:
        if not isinstance(inst["preflib"], str):
            raise InputError("instance.preflib must be the PrefLib text")
        return parse_preflib(inst["preflib"], f"<instance.{inst.get('format', 'toi')}>").profile
    name = str(inst.get("file"))
    if Path(name).name != name:  # never read files outside the certificate's folder
        raise InputError(f"instance.file must be a bare file name beside the certificate, "
                         f"not {name!r}")
    path = base / name
    if not path.is_file():
        raise InputError(f"the instance file {path} is missing")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != inst.get("sha256"):
        raise InputError(f"the instance file {path} has SHA-256 {digest}, not the one recorded")
    return parse_preflib(path.read_text(encoding="utf-8"), str(path)).profile


def _maximal_lottery(cert: dict[str, Any], p: Profile) -> str | None:
    if as_fraction(cert["value"]) != Fraction(1, 2):
        return f"the NLHF value is 1/2 for every profile, not {cert['value']}"
    lottery = lottery_from_json(cert["lottery"], p)
    return None if is_maximal_lottery(p, lottery) else "the lottery loses to some response"


def _optimal_policy(cert: dict[str, Any], p: Profile) -> str | None:
    k, l, rule = cert["k"], cert["l"], parse_tie_rule(cert["tie_rule"])
    policy = policy_from_json(cert["policy"], p, k).distribution()
    competitor = policy_from_json(cert["competitor"], p, l).distribution()
    rows, cols = list(multisets(p.n, k)), list(multisets(p.n, l))
    G = contest_matrix(p, rows, cols, rule)
    x = [policy.get(S, Fraction(0)) for S in rows]
    y = [competitor.get(T, Fraction(0)) for T in cols]
    return verify_matrix_game(G, x, y, as_fraction(cert["value"]))


def _equilibrium(cert: dict[str, Any], p: Profile) -> str | None:
    k, lottery = cert["k"], lottery_from_json(cert["lottery"], p)
    V = deviation_payoffs(p, lottery, k)
    if [str(v) for v in V] != cert["deviation_payoffs"]:
        return "the deviation-payoff table does not match the recomputed one"
    eps = max(V) - Fraction(1, k + 1)
    if eps != as_fraction(cert["exploitability"]):
        return f"exploitability is {eps}, not {cert['exploitability']}"
    if Fraction(k, k + 1) - eps != as_fraction(cert["robustness_at_least"]):
        return "robustness_at_least is not k/(k+1) - exploitability"
    # The product's win rate against y is 1 - V(y), so its robustness is exactly that bound.
    return None


def _robustness(cert: dict[str, Any], p: Profile) -> str | None:
    policy = policy_from_json(cert["policy"], p, cert["k"])
    table = competitor_table(p, policy, competitor_multisets(p.n, cert["l"]),
                             parse_tie_rule(cert["tie_rule"]))
    value = min(table.values())
    if value != as_fraction(cert["value"]):
        return f"the robustness is {value}, not {cert['value']}"
    recorded = {tuple(row["multiset"]): as_fraction(row["win_rate"]) for row in cert["table"]}
    if recorded != table:
        return "the recorded competitor table does not match the recomputed one"
    if table.get(tuple(cert["worst_competitor"])) != value:
        return f"worst_competitor {cert['worst_competitor']} does not attain the robustness"
    if value < as_fraction(cert["robustness_at_least"]):
        return f"the robustness {value} is below the claimed {cert['robustness_at_least']}"
    return None


def _exact_equilibrium(cert: dict[str, Any], p: Profile) -> str | None:
    k, support = check_k(cert["k"], "k"), set(cert["support"])
    modulus, interval = cert["field"]["modulus"], cert["field"]["interval"]
    if not all(isinstance(c, int) for c in modulus) or len(interval) != 2:
        return "bad number field: the modulus needs integer coefficients and the interval two ends"
    try:
        field = RootField.of(modulus, [as_fraction(v) for v in interval])
    except ValueError as err:
        return f"bad number field: {err}"
    if len(cert["coordinates"]) != p.n:
        return f"{len(cert['coordinates'])} coordinates for {p.n} responses"
    probs = [field.element([as_fraction(c) for c in coeffs]) for coeffs in cert["coordinates"]]
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
    approx = lottery_from_json(cert["approximation"], p)
    eps = max(deviation_payoffs(p, approx, k)) - target
    if eps != as_fraction(cert["approximation_exploitability"]):
        return f"the approximation's exploitability is {eps}, not the one recorded"
    return None


def _bundle(cert: dict[str, Any], base: Path) -> str | None:
    inner_certs = cert["certificates"]
    if not isinstance(inner_certs, list) or not inner_certs:
        return "a bundle needs a non-empty list of certificates"
    for i, inner in enumerate(inner_certs):
        result = check_certificate(inner, base)
        if not result.ok:
            return f"certificate {i} ({result.kind}) fails: {result.reason}"
    if "refutes" in cert:  # a witness: some checked robustness value falls below the bound
        bound = as_fraction(cert["refutes"]["bound"], "bound")
        values = [Fraction(c["value"]) for c in inner_certs if c.get("kind") == "robustness"]
        if not values or min(values) >= bound:
            return f"no robustness certificate in the bundle falls below the bound {bound}"
        if "value" in cert and Fraction(cert["value"]) != min(values):
            return f"the recorded value {cert['value']} is not the certified {min(values)}"
    return None


CHECKS = {"maximal-lottery": _maximal_lottery, "optimal-policy": _optimal_policy,
          "equilibrium": _equilibrium, "robustness": _robustness,
          "exact-equilibrium": _exact_equilibrium}


def check_certificate(cert: dict[str, Any], base: str | Path = ".") -> CheckResult:
    """Re-verify a certificate (a parsed JSON object) exactly.

    >>> from ualign.certify.certificates import maximal_lottery_certificate
    >>> from ualign.model.examples import example
    >>> from ualign.model.lottery import Lottery
    >>> p = example("five-voter")
    >>> check_certificate(maximal_lottery_certificate(p, Lottery.of(["3/5", "1/5", "1/5"]))).ok
    True
    >>> check_certificate(maximal_lottery_certificate(p, Lottery.uniform(3))).reason
    'the lottery loses to some response'
    """
    if not isinstance(cert, dict):
        return CheckResult(False, "?", "", "malformed certificate: not a JSON object")
    kind = str(cert.get("kind", "?"))
    statement = str(cert.get("statement", ""))
    try:
        if kind == "bundle":
            reason = _bundle(cert, Path(base))
        elif kind == "bounded-lemmas":  # about every profile of a size, so no instance
            reason = check_lemma_certificate(cert)
        elif kind not in CHECKS:
            reason = f"unknown certificate kind {kind!r}"
        else:
            reason = CHECKS[kind](cert, _instance(cert, Path(base)))
    except InputError as err:
        reason = f"malformed certificate: {err}"
    except KeyError as err:
        reason = f"malformed certificate: missing or invalid field {err}"
    except (TypeError, AttributeError, IndexError, ValueError, ArithmeticError, OSError) as err:
        reason = f"malformed certificate: invalid field ({type(err).__name__}: {err})"
    return CheckResult(reason is None, kind, statement, reason)
