"""k-output policies: products, mixtures of products, and joint distributions over multisets.

Every policy exposes ``k`` (how many responses it shows), ``n`` (how many responses exist),
``exact`` and :meth:`distribution`, its exact law as a distribution over sorted k-multisets.
Win rates are linear in that law, which is why any competitor can be reduced to a pure one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement
from math import comb, factorial, prod

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.lottery import Lottery

__all__ = ["MAX_K", "ProductPolicy", "MixturePolicy", "JointPolicy", "Policy", "multisets",
           "multiset_count", "multinomial", "check_k", "MAX_MULTISETS"]

Multiset = tuple[int, ...]

#: Largest number of multisets an exact expansion will enumerate.
MAX_MULTISETS = 200_000


#: The most outputs (k, or l) any method here takes. The closed forms hold powers of the
#: lottery's masses to the k-th power, so their exact size grows linearly in k, and the
#: float versions overflow past about k = 1,030.
MAX_K = 1000


def check_k(k: object, what: str = "k") -> int:
    """Validate a number of outputs (an int from 1 to :data:`MAX_K`).

    >>> check_k(10**6)
    Traceback (most recent call last):
    ...
    ualign.model.errors.InputError: k = 1000000 is too large for the exact method (at most 1000); for k -> infinity the bounds are in `ualign derive achievability` (symbolic k)
    """
    if isinstance(k, bool) or not isinstance(k, int):
        raise InputError(f"{what} must be a whole number, got {k!r}")
    if k < 1:
        raise InputError(f"{what} must be at least 1, got {k}")
    if k > MAX_K:
        raise InputError(f"{what} = {k} is too large for the exact method (at most {MAX_K}); "
                         f"for k -> infinity the bounds are in `ualign derive achievability` "
                         f"(symbolic k)")
    return k


def multisets(n: int, k: int) -> Iterator[Multiset]:
    """All sorted k-multisets of ``0..n-1`` in lexicographic order.

    >>> list(multisets(2, 2))
    [(0, 0), (0, 1), (1, 1)]
    """
    return combinations_with_replacement(range(n), k)


def multiset_count(n: int, k: int) -> int:
    """``C(n + k - 1, k)``, the number of k-multisets of n responses."""
    return comb(n + k - 1, k)


def multinomial(ms: Multiset) -> int:
    """Orderings of the multiset ``ms``: ``len(ms)! / prod(count!)``.

    >>> multinomial((0, 0, 1))
    3
    """
    counts: dict[int, int] = {}
    for y in ms:
        counts[y] = counts.get(y, 0) + 1
    return factorial(len(ms)) // prod(factorial(c) for c in counts.values())


def _require_exact(policy: "Policy") -> None:
    if not policy.exact:
        raise InputError(f"{type(policy).__name__} has float probabilities; convert it with "
                         f"to_exact() before an exact computation")


@dataclass(frozen=True)
class ProductPolicy:
    """Show ``k`` iid draws from one lottery.

    >>> ProductPolicy(Lottery.uniform(2), 2).distribution()
    {(0, 0): Fraction(1, 4), (0, 1): Fraction(1, 2), (1, 1): Fraction(1, 4)}
    """

    lottery: Lottery
    k: int

    def __post_init__(self) -> None:
        check_k(self.k)

    @property
    def n(self) -> int:
        return self.lottery.n

    @property
    def exact(self) -> bool:
        return self.lottery.exact

    def distribution(self) -> dict[Multiset, Fraction]:
        """The exact multinomial law of the sorted sample (support responses only)."""
        _require_exact(self)
        support = self.lottery.support
        if multiset_count(len(support), self.k) > MAX_MULTISETS:
            raise InputError(f"a product of {len(support)} responses with k={self.k} has more than "
                             f"{MAX_MULTISETS} multisets; use the closed forms (l = 1) instead")
        p = self.lottery.probs
        return {ms: multinomial(ms) * prod((p[y] for y in ms), start=Fraction(1))
                for ms in combinations_with_replacement(support, self.k)}


@dataclass(frozen=True)
class MixturePolicy:
    """Pick a lottery with the given weights, then show ``k`` iid draws from it."""

    components: tuple[tuple[Fraction, Lottery], ...]
    k: int

    def __post_init__(self) -> None:
        check_k(self.k)
        if not self.components:
            raise InputError("a mixture needs at least one component")
        if len({lot.n for _, lot in self.components}) != 1:
            raise InputError("mixture components are lotteries over different numbers of responses")
        weights = [w for w, _ in self.components]
        if any(not isinstance(w, Fraction) or w < 0 for w in weights) or sum(weights) != 1:
            raise InputError(f"mixture weights must be exact, nonnegative and sum to 1, got "
                             f"{[str(w) for w in weights]}")

    @classmethod
    def of(cls, components: Iterable[tuple[object, Lottery]], k: int) -> "MixturePolicy":
        """Build from ``(weight, lottery)`` pairs with exact weights."""
        return cls(tuple((as_fraction(w, "mixture weight"), lot) for w, lot in components), k)

    @property
    def n(self) -> int:
        return self.components[0][1].n

    @property
    def exact(self) -> bool:
        return all(lot.exact for _, lot in self.components)

    def products(self) -> list[tuple[Fraction, ProductPolicy]]:
        return [(w, ProductPolicy(lot, self.k)) for w, lot in self.components if w]

    def distribution(self) -> dict[Multiset, Fraction]:
        law: dict[Multiset, Fraction] = {}
        for w, product in self.products():
            for ms, p in product.distribution().items():
                law[ms] = law.get(ms, Fraction(0)) + w * p
        return law


@dataclass(frozen=True)
class JointPolicy:
    """Any distribution over k-multisets of responses (stored sorted and merged).

    >>> JointPolicy.of({(2, 0): "1/3", (1, 1): "2/3"}, n=3).support
    (((0, 2), Fraction(1, 3)), ((1, 1), Fraction(2, 3)))
    """

    support: tuple[tuple[Multiset, Fraction], ...]
    k: int
    n: int

    def __post_init__(self) -> None:
        check_k(self.k)
        for ms, p in self.support:
            if len(ms) != self.k:
                raise InputError(f"multiset {list(ms)} has {len(ms)} responses, not k={self.k}")
            if any(not 0 <= y < self.n for y in ms):
                raise InputError(f"multiset {list(ms)} names a response outside 0..{self.n - 1}")
            if p < 0:
                raise InputError(f"multiset {list(ms)} has negative probability {p}")
        total = sum((p for _, p in self.support), Fraction(0))
        if total != 1:
            raise InputError(f"joint policy probabilities sum to {total}, not 1")

    @classmethod
    def of(cls, law: dict[Iterable[int], object] | Iterable[tuple[Iterable[int], object]],
           n: int, k: int | None = None) -> "JointPolicy":
        """Build from ``{multiset: probability}`` (or pairs); multisets may be unsorted."""
        items = law.items() if isinstance(law, dict) else law
        merged: dict[Multiset, Fraction] = {}
        for ms, p in items:
            key = tuple(sorted(ms))
            merged[key] = merged.get(key, Fraction(0)) + as_fraction(p, "joint probability")
        if k is None and merged:
            k = len(next(iter(merged)))
        if not merged:
            raise InputError("a joint policy needs at least one multiset")
        return cls(tuple(sorted((ms, p) for ms, p in merged.items() if p != 0)), k, n)

    exact = True

    def distribution(self) -> dict[Multiset, Fraction]:
        return dict(self.support)


Policy = ProductPolicy | MixturePolicy | JointPolicy
