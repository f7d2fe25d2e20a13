"""Policy constructions that a robustness claim can name: a registry of ``(profile, k) -> Policy``.

Each :class:`Construction` builds an *exact* k-output policy (Fraction probabilities), so that
a claim about it is decided in exact arithmetic. Some are computed exactly; others run a float
method and round its answer to a rational lottery, and then the claim is about that rounded
policy (``exact=False`` says so). ``polynomial=True`` marks the constructions whose lottery is
pinned down by polynomial conditions on (weights, lottery), which the z3 engine encodes.

===============================  =====  ==========  ================================================
name(params)                     exact  polynomial  policy
===============================  =====  ==========  ================================================
``nlhf``                         yes    yes         k draws from a maximal lottery (any of them)
``nlhf_vertex``                  yes    no          k draws from the vertex ``ualign nlhf`` returns
``regularised_nlhf(tau)``        no     no          k draws from the KL-regularised NLHF solution
``symmetric_ne``                 mixed  yes         k draws from a symmetric equilibrium
``selfplay_average_product(T)``  no     no          k draws from the average of T Hedge iterates
``selfplay_mixture(T)``          no     no          pick one of T Hedge iterates, then k draws
``bradley_terry_best_of_k``      yes    no          the k responses with the best BT scores (top-k)
``best_of_n(N)``                 yes    no          k draws of best-of-N (N uniform draws, best BT reward)
``rlhf(beta)``                   no     no          k draws from softmax(BT reward / beta)
``uniform``                      yes    yes         k draws from the uniform lottery
``optimal(l)``                   yes    no          the exact optimal joint policy against l outputs
===============================  =====  ==========  ================================================

>>> from ualign.model.examples import example
>>> build_policy("nlhf", example("five-voter"), k=2).lottery
Lottery.of({0: '3/5', 1: '1/5', 2: '1/5'}, n=3)
>>> parse_construction("regularised_nlhf(0.1)")[1]
{'tau': Fraction(1, 10)}
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ualign.counterexamples.reward_constructions import (ROUNDING_DENOMINATOR, best_of_n,
                                                         bradley_terry_scores,
                                                         bradley_terry_top_k, rlhf)
from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, Policy, ProductPolicy, check_k
from ualign.model.profile import Profile

__all__ = ["Construction", "CONSTRUCTIONS", "parse_construction", "build_policy",
           "bradley_terry_scores", "ROUNDING_DENOMINATOR"]

#: ``symmetric_ne`` tries the exact enumeration only up to this many responses ...
EXACT_NE_MAX_RESPONSES = 5
#: ... and gives each support this long (seconds) before falling back to the numeric method.
EXACT_NE_SUPPORT_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Construction:
    """A named way to build a k-output policy from a profile (see the module table)."""

    name: str
    params: tuple[str, ...]
    exact: bool
    polynomial: bool
    summary: str
    build: Callable[..., Policy]

    def defaults(self) -> dict[str, Fraction | int]:
        """The default value of each parameter (taken from ``build``'s signature)."""
        signature = inspect.signature(self.build).parameters
        return {p: signature[p].default for p in self.params}


def _nlhf(profile: Profile, k: int) -> ProductPolicy:
    """Exact: ``k`` draws from :func:`~ualign.solvers.maximal_lottery.maximal_lottery` (its simplex
    vertex when the maximal lottery is not unique)."""
    from ualign.solvers.maximal_lottery import maximal_lottery
    return ProductPolicy(maximal_lottery(profile), k)


def _regularised_nlhf(profile: Profile, k: int, tau: Fraction = Fraction(1, 10)) -> ProductPolicy:
    """Rounded: the mirror-prox solution of KL-regularised NLHF (uniform reference), rounded
    to denominators at most :data:`ROUNDING_DENOMINATOR`."""
    from ualign.solvers.regularised_nlhf import regularised_nlhf
    if tau <= 0:
        raise InputError(f"regularised_nlhf needs tau > 0, got {tau}; tau = 0 is nlhf")
    solution = regularised_nlhf(profile, float(tau))
    return ProductPolicy(solution.lottery.to_exact(ROUNDING_DENOMINATOR), k)


def _symmetric_ne(profile: Profile, k: int) -> ProductPolicy:
    """Exact when possible, else rounded. For ``n <= EXACT_NE_MAX_RESPONSES`` the exact
    enumeration :func:`~ualign.solvers.symmetric_equilibria.symmetric_equilibria` runs (each support
    limited to ``EXACT_NE_SUPPORT_TIMEOUT_S``) and the first *rational* equilibrium it lists
    (smallest support, then lexicographic) is used: its exploitability is exactly 0. If there
    is none (every equilibrium is irrational, or the search timed out or was refused), the
    certified numeric equilibrium :func:`~ualign.solvers.numeric_equilibrium.
    symmetric_equilibrium_numeric` is used, rounded to a rational lottery whose exploitability
    is tiny but may be positive."""
    from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    if profile.n <= EXACT_NE_MAX_RESPONSES:
        search = symmetric_equilibria(profile, k, support_timeout_s=EXACT_NE_SUPPORT_TIMEOUT_S,
                                      z3_timeout_s=EXACT_NE_SUPPORT_TIMEOUT_S)
        for eq in search.equilibria:
            if eq.is_rational and eq.approximation_exploitability == 0:
                return ProductPolicy(eq.approximation, k)
    return ProductPolicy(symmetric_equilibrium_numeric(profile, k).lottery, k)


def _selfplay_run(profile: Profile, k: int, T: int):
    from ualign.solvers.selfplay import selfplay
    if isinstance(T, bool) or not isinstance(T, int) or T < 1:
        raise InputError(f"the number of self-play steps T must be a whole number >= 1, got {T}")
    return selfplay(profile, k, steps=T)


def _selfplay_average_product(profile: Profile, k: int, T: int = 100) -> ProductPolicy:
    """Rounded: each of the ``T`` Hedge self-play iterates (default step size, uniform start)
    is rounded onto the grid ``1/ROUNDING_DENOMINATOR``; the exact average of those is used."""
    iterates = [lot for _, lot in _selfplay_run(profile, k, T).mixture(
        ROUNDING_DENOMINATOR).components]
    average = tuple(sum(col, Fraction(0)) / T for col in zip(*(lot.probs for lot in iterates)))
    return ProductPolicy(Lottery(average), k)


def _selfplay_mixture(profile: Profile, k: int, T: int = 100) -> MixturePolicy:
    """Rounded: ``Pi_T`` of :mod:`ualign.solvers.selfplay`, weight ``1/T`` on each Hedge iterate
    rounded onto the grid ``1/ROUNDING_DENOMINATOR`` (as in :func:`~ualign.solvers.selfplay.
    certify_mixture`)."""
    return _selfplay_run(profile, k, T).mixture(ROUNDING_DENOMINATOR)


def _uniform(profile: Profile, k: int) -> ProductPolicy:
    """Exact: ``k`` draws from the uniform lottery."""
    return ProductPolicy(Lottery.uniform(profile.n), k)


def _optimal(profile: Profile, k: int, l: int = 1) -> JointPolicy:
    """Exact: the optimal joint policy of
    :func:`~ualign.solvers.optimal_policy.optimal_policy` against
    l-output competitors under the share rule (the simplex's vertex when not unique)."""
    from ualign.solvers.optimal_policy import optimal_policy
    return optimal_policy(profile, k, check_k(l, "l")).policy


def _entry(name, build, exact, polynomial, summary) -> tuple[str, Construction]:
    params = tuple(inspect.signature(build).parameters)[2:]
    return name, Construction(name, params, exact, polynomial, summary, build)


CONSTRUCTIONS: dict[str, Construction] = dict([
    _entry("nlhf", _nlhf, True, True,
           "exact: k draws from a maximal lottery (NLHF); the claim is about every maximal "
           "lottery (z3 searches them all; hypothesis tries the vertex `ualign nlhf` returns)"),
    _entry("nlhf_vertex", _nlhf, True, False,
           "exact: k draws from the one maximal lottery `ualign nlhf` returns (an optimal "
           "vertex); the claim is about that lottery only (hypothesis engine)"),
    _entry("regularised_nlhf", _regularised_nlhf, False, False,
           "rounded: k draws from the KL-regularised NLHF solution (tau, default 1/10)"),
    _entry("symmetric_ne", _symmetric_ne, False, True,
           "exact if rational, else rounded: k draws from a symmetric equilibrium of the "
           "(k+1)-player game"),
    _entry("selfplay_average_product", _selfplay_average_product, False, False,
           "rounded: k draws from the average of T Hedge self-play iterates (T, default 100)"),
    _entry("selfplay_mixture", _selfplay_mixture, False, False,
           "rounded: pick one of T Hedge self-play iterates, then k draws (T, default 100)"),
    _entry("bradley_terry_best_of_k", bradley_terry_top_k, True, False,
           "exact: the k responses with the best Bradley-Terry scores, ties to lower index "
           "(a deterministic top-k, not RLHF's best-of-N: see best_of_n)"),
    _entry("best_of_n", best_of_n, True, False,
           "exact: k independent best-of-N outputs (N uniform draws, keep the highest "
           "Bradley-Terry reward; N, default 4)"),
    _entry("rlhf", rlhf, False, False,
           "rounded: k draws from RLHF's KL-regularised reward maximiser, softmax of the "
           "Bradley-Terry reward at temperature beta (default 1/10), uniform reference"),
    _entry("uniform", _uniform, True, True, "exact: k draws from the uniform lottery"),
    _entry("optimal", _optimal, True, False,
           "exact: the optimal joint policy against l-output competitors (l, default 1)"),
])

_SPEC = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*(?:\((.*)\))?\s*$", re.S)


def _known() -> str:
    return ", ".join(f"{c.name}({', '.join(c.params)})" if c.params else c.name
                     for c in CONSTRUCTIONS.values())


def _value(name: str, param: str, text: str) -> Fraction | int:
    value = as_fraction(text, f"{name} parameter {param}")
    if param in ("tau", "beta"):
        if value <= 0:
            raise InputError(f"{name} needs {param} > 0, got {value}")
        return value
    if value.denominator != 1 or value < 1:
        raise InputError(f"{name} parameter {param} must be a whole number >= 1, got {text!r}")
    return int(value)


def parse_construction(spec: str) -> tuple[Construction, dict[str, Fraction | int]]:
    """Read ``"name"`` or ``"name(a, key=b)"``; every parameter is returned, defaults filled in.

    Values are exact: ``0.1`` is ``1/10``.

    >>> parse_construction("selfplay_mixture(T=50)")[1]
    {'T': 50}
    >>> parse_construction("optimal")[1]
    {'l': 1}
    """
    match = _SPEC.match(spec) if isinstance(spec, str) else None
    if match is None:
        raise InputError(f"cannot read the construction {spec!r}; known: {_known()}")
    name = match.group(1).replace("-", "_")
    if name not in CONSTRUCTIONS:
        raise InputError(f"unknown construction {name!r}; known: {_known()}")
    construction = CONSTRUCTIONS[name]
    values = construction.defaults()
    args = [a.strip() for a in (match.group(2) or "").split(",") if a.strip()]
    given: set[str] = set()
    for i, arg in enumerate(args):
        key, eq, text = arg.partition("=")
        if not eq and i >= len(construction.params):
            raise InputError(f"{name} takes parameters ({', '.join(construction.params)}), got "
                             f"{len(args)}: {spec!r}")
        key, text = (key.strip(), text.strip()) if eq else (construction.params[i], arg)
        if key not in construction.params:
            raise InputError(f"{name} has no parameter {key!r}; its parameters are "
                             f"({', '.join(construction.params)})")
        if key in given:
            raise InputError(f"{name} parameter {key} is given twice in {spec!r}")
        given.add(key)
        values[key] = _value(name, key, text)
    return construction, values


def build_policy(spec: str | Callable, profile: Profile, k: int) -> Policy:
    """The exact k-output policy of a named construction, or of a user's callable.

    A callable ``(profile, k)`` may return a policy, or a :class:`~ualign.model.lottery.Lottery`
    meaning its k-fold product. The result must be an exact distribution over k-multisets of
    the profile's responses, or :class:`~ualign.model.errors.InputError` is raised.

    >>> build_policy(lambda p, k: Lottery.point(0, p.n), Profile.of([(0, 1)]), k=2)
    ProductPolicy(lottery=Lottery.of({0: '1'}, n=2), k=2)
    """
    k = check_k(k)
    if isinstance(spec, str):
        construction, params = parse_construction(spec)
        result, what = construction.build(profile, k, **params), f"construction {spec!r}"
    elif callable(spec):
        result, what = spec(profile, k), f"callable {getattr(spec, '__name__', spec)!r}"
    else:
        raise InputError(f"a construction is a name or a callable, got {spec!r}; known: "
                         f"{_known()}")
    if isinstance(result, Lottery):
        result = ProductPolicy(result, k)
    if not isinstance(result, (ProductPolicy, MixturePolicy, JointPolicy)):
        raise InputError(f"{what} returned {type(result).__name__}, not a Lottery or a policy")
    if not result.exact:
        raise InputError(f"{what} returned float probabilities; return exact Fractions "
                         f"(for example Lottery.to_exact())")
    if result.n != profile.n or result.k != k:
        raise InputError(f"{what} returned a policy with n={result.n}, k={result.k}; the "
                         f"instance needs n={profile.n}, k={k}")
    law = result.distribution()
    if any(p < 0 for p in law.values()) or sum(law.values(), Fraction(0)) != 1:
        raise InputError(f"{what} did not return a probability distribution over multisets")
    return result
