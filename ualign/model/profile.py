"""Exact preference profiles: a finite population of weighted users, each with a weak order.

A :class:`Profile` is in canonical form, so two profiles that describe the same population
compare equal: every user is stored as the rank of each response (0 is the top indifference
class, ranks are consecutive), identical users are merged, users are sorted, and the weights
are exact positive :class:`~fractions.Fraction` values that sum to 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction

__all__ = ["Profile", "ranks_from_order", "order_from_ranks"]

Ranks = tuple[int, ...]


def ranks_from_order(order: Sequence[object], n: int) -> Ranks:
    """Turn an order, best class first, into the rank of each response.

    A class is a response index or a collection of indices that the user is indifferent
    between. Every response must appear exactly once.

    >>> ranks_from_order([2, (0, 1)], n=3)
    (1, 1, 0)
    """
    ranks: list[int | None] = [None] * n
    for position, cls in enumerate(order):
        members = [cls] if isinstance(cls, int) else list(cls)
        if not members:
            raise InputError(f"order {list(order)!r} has an empty indifference class")
        for y in members:
            if isinstance(y, bool) or not isinstance(y, int) or not 0 <= y < n:
                raise InputError(f"order {list(order)!r} names {y!r}, which is not a response "
                                 f"index in 0..{n - 1}")
            if ranks[y] is not None:
                raise InputError(f"order {list(order)!r} names response {y} twice")
            ranks[y] = position
    missing = [y for y, r in enumerate(ranks) if r is None]
    if missing:
        raise InputError(f"order {list(order)!r} does not rank responses {missing}; orders must "
                         f"be complete (PrefLib incomplete orders are completed when read)")
    return _compress(ranks)  # type: ignore[arg-type]


def _compress(ranks: Sequence[int]) -> Ranks:
    """Renumber ranks to 0, 1, 2, ... keeping their order."""
    levels = {r: i for i, r in enumerate(sorted(set(ranks)))}
    return tuple(levels[r] for r in ranks)


def order_from_ranks(ranks: Ranks) -> tuple[tuple[int, ...], ...]:
    """The indifference classes of a user, best first.

    >>> order_from_ranks((1, 1, 0))
    ((2,), (0, 1))
    """
    return tuple(tuple(y for y, r in enumerate(ranks) if r == c) for c in range(max(ranks) + 1))


@dataclass(frozen=True)
class Profile:
    """A population of users with exact weights over ``n`` responses.

    Build one with :meth:`Profile.of`; the fields are already in canonical form.

    Attributes
    ----------
    n : int
        Number of responses, indexed ``0..n-1``.
    ranks : tuple of tuple of int
        ``ranks[u][y]`` is the indifference class of response ``y`` for user ``u`` (0 = best).
    weights : tuple of Fraction
        Positive user weights summing to exactly 1.
    names : tuple of str
        Response names; the default name of response ``y`` is ``str(y)``.

    Examples
    --------
    >>> p = Profile.of([(0, 1, 2), (1, 0, 2), (0, 1, 2)], weights=[1, 1, 2])
    >>> p
    Profile.of([(0, 1, 2), (1, 0, 2)], weights=[3, 1])
    >>> p.weights
    (Fraction(3, 4), Fraction(1, 4))
    """

    n: int
    ranks: tuple[Ranks, ...]
    weights: tuple[Fraction, ...]
    names: tuple[str, ...]

    @classmethod
    def of(cls, orders: Iterable[Sequence[object]], weights: Iterable[object] | None = None,
           n: int | None = None, names: Sequence[str] | None = None) -> "Profile":
        """Build a canonical profile from orders (best class first) and optional weights.

        Weights may be ints, Fractions or exact strings; they need not sum to 1, must be
        nonnegative and must not all be zero. Zero-weight users are dropped.
        """
        orders = [tuple(o) for o in orders]
        if not orders:
            raise InputError("a profile needs at least one user")
        if n is None:
            n = len(names) if names is not None else _count_responses(orders)
        if n < 1:
            raise InputError("a profile needs at least one response")
        ws = [Fraction(1)] * len(orders) if weights is None else [
            as_fraction(w, "user weight") for w in weights]
        if len(ws) != len(orders):
            raise InputError(f"{len(orders)} orders but {len(ws)} weights")
        return cls.from_ranks([ranks_from_order(o, n) for o in orders], ws, names)

    @classmethod
    def from_ranks(cls, ranks: Iterable[Sequence[int]], weights: Iterable[Fraction],
                   names: Sequence[str] | None = None) -> "Profile":
        """Canonicalise rank vectors and weights (the fast path used by readers and generators)."""
        merged: dict[Ranks, Fraction] = {}
        n = None
        for r, w in zip(ranks, weights, strict=True):
            if w < 0:
                raise InputError(f"user weight {w} is negative; weights must be nonnegative")
            r = _compress(r)
            if n is not None and len(r) != n:
                raise InputError("users rank different numbers of responses")
            n = len(r)
            if w:
                merged[r] = merged.get(r, Fraction(0)) + w
        if n is None:
            raise InputError("a profile needs at least one user")
        total = sum(merged.values(), Fraction(0))
        if total == 0:
            raise InputError("user weights are all zero; at least one must be positive")
        if names is None:
            names = [str(y) for y in range(n)]
        names = tuple(str(s) for s in names)
        if len(names) != n:
            raise InputError(f"{len(names)} names given for {n} responses")
        if len(set(names)) != n:
            raise InputError(f"response names are not distinct: {list(names)}")
        users = sorted(merged)
        return cls(n, tuple(users), tuple(merged[u] / total for u in users), names)

    def __repr__(self) -> str:
        orders = [_order_repr(r) for r in self.ranks]
        scale = lcm(*(w.denominator for w in self.weights))
        counts = [int(w * scale) for w in self.weights]
        parts = [f"[{', '.join(orders)}]"]
        if any(c != counts[0] for c in counts):
            parts.append(f"weights={counts}")
        if self.names != tuple(str(y) for y in range(self.n)):
            parts.append(f"names={list(self.names)}")
        return f"Profile.of({', '.join(parts)})"

    def integer_weights(self) -> tuple[list[int], int]:
        """The weights as integer counts over their least common denominator, and that total.

        >>> Profile.of([(0, 1), (1, 0)], weights=[1, 3]).integer_weights()
        ([1, 3], 4)
        """
        scale = lcm(*(w.denominator for w in self.weights))
        return [w.numerator * (scale // w.denominator) for w in self.weights], scale

    @property
    def num_users(self) -> int:
        """Number of distinct user types (after merging identical users)."""
        return len(self.ranks)

    @property
    def is_strict(self) -> bool:
        """True when every user has a strict (linear) order."""
        return all(max(r) == self.n - 1 for r in self.ranks)

    def orders(self) -> list[tuple[tuple[int, ...], ...]]:
        """Each user's indifference classes, best first."""
        return [order_from_ranks(r) for r in self.ranks]

    def index(self, key: object) -> int:
        """The response index for a 0-based index or a name (an integer key is an index)."""
        if isinstance(key, int) and not isinstance(key, bool):
            if 0 <= key < self.n:
                return key
            raise InputError(f"response index {key} is out of range 0..{self.n - 1}")
        text = str(key).strip()
        if text.lstrip("-").isdigit():
            y = int(text)
            if 0 <= y < self.n and (text not in self.names or self.names[y] == text):
                return y
        if text in self.names:
            return self.names.index(text)
        raise InputError(f"unknown response {key!r}: use a 0-based index below {self.n} or one "
                         f"of the names {list(self.names)[:8]}{'...' if self.n > 8 else ''}")


def _count_responses(orders: list[tuple[object, ...]]) -> int:
    seen = [y for o in orders for c in o for y in ([c] if isinstance(c, int) else c)]
    return max(seen) + 1 if seen else 0


def _order_repr(ranks: Ranks) -> str:
    classes = order_from_ranks(ranks)
    inner = ", ".join(str(c[0]) if len(c) == 1 else str(c) for c in classes)
    return f"({inner},)" if len(classes) == 1 else f"({inner})"
