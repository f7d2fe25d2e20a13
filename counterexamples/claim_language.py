"""A reviewer's robustness claim: a construction, a rate f(k, l), and a class of instances.

The claim reads "on every instance of the class, the construction's k-output policy is
(k, l, f)-robust": it wins at least ``f(k, l)`` against every l-output competitor under the
tie rule. For ``symmetric_ne``, whose equilibrium may be a rounded numeric one, a shortfall
counts only beyond that lottery's exact exploitability (rounding alone explains less). A claim is only ever *refuted* (by an instance where the exact robustness falls
short) or *not refuted within a budget*; this module never calls one true.

>>> from ualign.counterexamples.instance_classes import InstanceClass
>>> from ualign.model.generators import two_group_condorcet
>>> claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2))
>>> claim.bound
Fraction(2, 3)
>>> check = claim.evaluate(two_group_condorcet("1/100"))
>>> check.value, check.violated
(Fraction(51, 100), True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ualign.counterexamples.constructions import build_policy, parse_construction
from ualign.counterexamples.instance_classes import InstanceClass
from ualign.model.errors import InputError
from ualign.model.formula import Formula, parse_formula
from ualign.model.policies import Policy, check_k
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, parse_tie_rule

__all__ = ["RobustnessClaim", "Evaluation", "parse_rate", "RATE_VARIABLES"]


RATE_VARIABLES = ("k", "l", "n")


def parse_rate(rate: str | Formula, k: int, l: int, n: int | None = None) -> Fraction:
    """The exact value of the rate ``f(k, l, n)``, read by the safe formula grammar.

    The grammar (:mod:`ualign.model.formula`) allows ``k``, ``l``, ``n`` (the instance's number
    of responses), numbers, ``+ - * / ^``, parentheses, ``min`` and ``max``; nothing is
    evaluated as code. ``n`` is needed only when the rate mentions it.

    >>> parse_rate("(k+1-l)/(k+1)", 3, 2), parse_rate("1/2 + 1/100", 1, 1)
    (Fraction(1, 2), Fraction(51, 100))
    >>> parse_rate("0.67", 2, 1)  # decimals are read exactly
    Fraction(67, 100)
    >>> parse_rate("min(1, k/n)", 2, 1, n=3)  # uniform sampling's rate
    Fraction(2, 3)
    """
    formula = rate if isinstance(rate, Formula) else parse_formula(rate, RATE_VARIABLES, "rate")
    values = {"k": k, "l": l} if n is None else {"k": k, "l": l, "n": n}
    out = formula.evaluate(**values)
    if not 0 <= out <= 1:
        at = f"k={k}, l={l}" + ("" if n is None else f", n={n}")
        raise InputError(f"the rate {formula.text!r} at {at} is {out}, outside [0, 1]")
    return out


@dataclass(frozen=True)
class Evaluation:
    """The exact verdict of a claim on one instance."""

    profile: Profile
    policy: Policy
    value: Fraction              # the exact robustness of the construction's policy
    bound: Fraction              # f(k, l, n) at the instance's n
    worst_competitor: tuple[int, ...]
    slack: Fraction = Fraction(0)  # a rounded equilibrium's exploitability (see evaluate)

    @property
    def violated(self) -> bool:
        """A shortfall beyond the slack: rounding alone cannot explain it."""
        return self.value < self.bound - self.slack

    @property
    def shortfall(self) -> Fraction:
        return self.bound - self.value


@dataclass(frozen=True)
class RobustnessClaim:
    """"On every instance of ``instances``, ``construction``'s k-output policy is
    (k, l, rate)-robust under ``tie_rule``."

    ``construction`` is a name from :data:`ualign.counterexamples.constructions.CONSTRUCTIONS`
    (with parameters, such as ``"regularised_nlhf(tau=1/10)"``) or a callable
    ``(profile, k) -> Policy | Lottery``.
    """

    construction: str | Callable[..., Any]
    rate: str | Formula
    k: int
    l: int = 1
    tie_rule: TieRule | str = TieRule.SHARE
    instances: InstanceClass = field(default_factory=lambda: InstanceClass(n=3))

    def __post_init__(self) -> None:
        check_k(self.k)
        check_k(self.l, "l")
        if not isinstance(self.rate, Formula):
            object.__setattr__(self, "rate", parse_formula(self.rate, RATE_VARIABLES, "rate"))
        object.__setattr__(self, "tie_rule", parse_tie_rule(self.tie_rule))
        if isinstance(self.construction, str):
            parse_construction(self.construction)  # fail early on unknown names
        elif not callable(self.construction):
            raise InputError(f"the construction must be a name or a callable, got "
                             f"{self.construction!r}")
        for n in self.sizes():  # the rate must be a rate at every size the class allows
            self.bound_at(n)

    def sizes(self) -> range:
        """The numbers of responses the instance class allows."""
        return range(2, self.instances.n + 1)

    @property
    def uses_n(self) -> bool:
        return "n" in self.rate.variables

    def bound_at(self, n: int) -> Fraction:
        """The rate at this claim's k and l, on instances with ``n`` responses."""
        return parse_rate(self.rate, self.k, self.l, n)

    @property
    def bound(self) -> Fraction:
        """The rate when it does not mention ``n`` (else use :meth:`bound_at`)."""
        if self.uses_n:
            raise InputError(f"the rate {self.rate.text!r} depends on n; use bound_at(n)")
        return parse_rate(self.rate, self.k, self.l)

    @property
    def name(self) -> str:
        c = self.construction if isinstance(self.construction, str) else getattr(
            self.construction, "__name__", "callable")
        return f"{c} is ({self.k}, {self.l}, {self.rate})-robust under {self.tie_rule.value}"

    @property
    def construction_name(self) -> str:
        """The registry name (``"nlhf"``, ``"symmetric_ne"``, ...), or ``""`` for a callable."""
        if not isinstance(self.construction, str):
            return ""
        return parse_construction(self.construction)[0].name

    @property
    def polynomial(self) -> bool:
        """Whether the z3 engine can encode the construction."""
        return isinstance(self.construction, str) and \
            parse_construction(self.construction)[0].polynomial

    def describe(self, n: int | None = None) -> dict[str, Any]:
        """The claim as certificate data, the ``refutes`` block of a witness (a callable is
        named, not serialised). ``bound`` is the rate at ``n`` (the witness's size) when the
        rate mentions n."""
        bound = self.bound_at(n) if n is not None else (
            None if self.uses_n else self.bound)
        return {"construction": self.construction if isinstance(self.construction, str)
                else f"callable {getattr(self.construction, '__name__', '?')}",
                "rate": self.rate.text, "k": self.k, "l": self.l, "tie_rule": self.tie_rule.value,
                "bound": None if bound is None else str(bound),
                "instances": self.instances.record()}

    @property
    def construction_spec(self) -> str | Callable[..., Any]:
        """The construction as built: a bare ``optimal`` means optimal against this claim's l."""
        spec = self.construction
        if isinstance(spec, str) and spec.strip() == "optimal":
            return f"optimal({self.l})"
        return spec

    @property
    def construction_params(self) -> dict[str, Any]:
        """The construction's parameters, defaults filled in (``{}`` for a callable)."""
        spec = self.construction_spec
        return parse_construction(spec)[1] if isinstance(spec, str) else {}

    def policy(self, profile: Profile) -> Policy:
        return build_policy(self.construction_spec, profile, self.k)

    def evaluate(self, profile: Profile, policy: Policy | None = None) -> Evaluation:
        """Build the construction's policy on ``profile`` and compute its robustness exactly."""
        from ualign.game.robustness import best_competitor
        policy = self.policy(profile) if policy is None else policy
        worst = best_competitor(profile, policy, self.l, self.tie_rule)
        return Evaluation(profile, policy, worst.value, self.bound_at(profile.n),
                          tuple(worst.multiset),
                          self._slack(profile, policy))

    def _slack(self, profile: Profile, policy: Policy) -> Fraction:
        """For ``symmetric_ne``: the exploitability of the (possibly rounded) equilibrium.

        An eps-equilibrium's product can fall short of the exact bound by up to eps through
        rounding alone, so only a shortfall beyond eps counts as a violation.
        """
        from ualign.game.deviation_payoffs import exploitability
        from ualign.model.policies import ProductPolicy
        if self.construction_name != "symmetric_ne" or not isinstance(policy, ProductPolicy):
            return Fraction(0)
        return max(Fraction(0), exploitability(profile, policy.lottery, self.k))
