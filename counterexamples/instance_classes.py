"""Classes of instances that a robustness claim quantifies over, with a Hypothesis strategy each.

An :class:`InstanceClass` is a set of profiles: ``2..n`` responses, at most ``max_types``
distinct user orders, integer voter counts ``1..max_count`` per type, and orders drawn from a
domain. Orders are rank vectors (``r[y]`` is the class of response ``y``, 0 = best, ranks
``0..c-1``), as in :class:`~ualign.model.profile.Profile`.

Domains
-------
``None``
    every strict (or weak) order.
``"single-peaked"``
    with respect to the axis ``0 < 1 < ... < m-1``: every *upper contour set* (the union of the
    top ``c`` classes) is an interval of the axis. For strict orders this is Black's
    definition (each prefix of the order is an interval), ``2^(m-1)`` orders; for weak orders
    it allows ties on either side of the peak as long as the contour sets stay intervals.
``"mallows"``
    strict orders within Kendall tau distance ``radius`` of ``centre`` (the support of a
    truncated Mallows model). ``centre`` is an order, best first, of ``0..n-1`` (the identity
    by default); on ``m < n`` responses its restriction to ``0..m-1`` is the centre.

>>> cls = InstanceClass(n=4, domain="single-peaked")
>>> len(cls.allowed_orders()), cls.allowed_orders(3)[:2]
(8, [(0, 1, 2), (1, 0, 2)])
>>> cls.contains(Profile.of([(1, 0, 2), (2, 1, 0)], weights=[3, 1]))
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import permutations
from math import comb, factorial

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ualign.certify.refutations import class_problem
from ualign.certify.schema import class_text
from ualign.model.errors import InputError
from ualign.model.profile import Profile

__all__ = ["InstanceClass", "parse_instance_class", "MAX_ORDERS", "ORDER_KINDS", "DOMAINS"]

#: ``allowed_orders`` refuses to list more orders than this.
MAX_ORDERS = 50_000
ORDER_KINDS = ("strict", "weak")
DOMAINS = ("single-peaked", "mallows")

Ranks = tuple[int, ...]


def _whole(value: object, what: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError(f"{what} must be a whole number >= {least}, got {value!r}")
    return value


def _fubini(m: int) -> int:
    """The number of weak orders on ``m`` items (ordered Bell numbers)."""
    a = [1]
    for size in range(1, m + 1):
        a.append(sum(comb(size, i) * a[size - i] for i in range(1, size + 1)))
    return a[m]


def _ranks_of(order: Sequence[int]) -> Ranks:
    ranks = [0] * len(order)
    for position, y in enumerate(order):
        ranks[y] = position
    return tuple(ranks)


def _compress(ranks: Sequence[int]) -> Ranks:
    levels = {r: i for i, r in enumerate(sorted(set(ranks)))}
    return tuple(levels[r] for r in ranks)


def _too_many(count: int, what: str) -> InputError:
    return InputError(f"{what} has {count:,}+ orders, above the limit of {MAX_ORDERS:,}; "
                      f"use fewer responses or a domain")


def _weak_orders(m: int) -> list[Ranks]:
    """Every weak order: response ``y`` joins an existing class or opens one in any slot."""
    layouts: list[list[list[int]]] = [[]]
    for y in range(m):
        layouts = [out for classes in layouts for out in (
            [classes[:i] + [classes[i] + [y]] + classes[i + 1:] for i in range(len(classes))]
            + [classes[:i] + [[y]] + classes[i:] for i in range(len(classes) + 1)])]
    return [tuple(next(c for c, cl in enumerate(classes) if y in cl) for y in range(m))
            for classes in layouts]


def _single_peaked(m: int, strict: bool) -> list[Ranks]:
    """Grow the upper contour set as an interval ``[lo, hi]``, one class at a time."""
    out: list[Ranks] = []

    def grow(lo: int, hi: int, ranks: list[int], level: int) -> None:
        if len(out) > MAX_ORDERS:
            raise _too_many(len(out), f"the single-peaked domain on {m} responses")
        if lo == 0 and hi == m - 1:
            out.append(tuple(ranks))
            return
        for a in range(lo + 1):
            for b in range(m - hi):
                if a + b == 0 or (strict and a + b != 1):
                    continue
                new = ranks.copy()
                for y in [*range(lo - a, lo), *range(hi + 1, hi + b + 1)]:
                    new[y] = level
                grow(lo - a, hi + b, new, level + 1)

    for lo in range(m):
        for hi in range(lo, lo + 1 if strict else m):
            grow(lo, hi, [0] * m, 1)
    return out


def _kendall(r: Ranks, s: Ranks) -> int:
    n = len(r)
    return sum(1 for y in range(n) for z in range(y + 1, n) if (r[y] - r[z]) * (s[y] - s[z]) < 0)


def _mallows_ball(centre: tuple[int, ...], radius: int) -> list[Ranks]:
    """Breadth-first search by adjacent swaps: each swap changes the distance by exactly 1."""
    seen, frontier = {centre}, [centre]
    for _ in range(radius):
        nxt = []
        for order in frontier:
            for i in range(len(order) - 1):
                swapped = order[:i] + (order[i + 1], order[i]) + order[i + 2:]
                if swapped not in seen:
                    seen.add(swapped)
                    nxt.append(swapped)
        if len(seen) > MAX_ORDERS:
            raise _too_many(len(seen), f"the Mallows ball of radius {radius}")
        frontier = nxt
    return sorted((_ranks_of(o) for o in seen), key=lambda r: (_kendall(r, _ranks_of(centre)), r))


@lru_cache(maxsize=128)
def _allowed(kind: str, domain: str | None, centre: tuple[int, ...], radius: int,
             m: int) -> tuple[Ranks, ...]:
    if domain == "single-peaked":
        return tuple(sorted(_single_peaked(m, kind == "strict")))
    if domain == "mallows":
        return tuple(_mallows_ball(tuple(y for y in centre if y < m), radius))
    count = factorial(m) if kind == "strict" else _fubini(m)
    if count > MAX_ORDERS:
        raise _too_many(count, f"the {kind} domain on {m} responses")
    if kind == "strict":
        return tuple(sorted(_ranks_of(o) for o in permutations(range(m))))
    return tuple(sorted(_weak_orders(m)))


@dataclass(frozen=True)
class InstanceClass:
    """Profiles on ``2..n`` responses with at most ``max_types`` distinct orders of the domain
    and integer counts ``1..max_count`` (see the module docstring for the domains).

    >>> InstanceClass(n=3, orders="weak").describe()
    'weak orders on 2..3 responses, at most 3 user types, integer counts 1..10'
    """

    n: int
    max_types: int = 3
    orders: str = "strict"
    domain: str | None = None
    centre: tuple[int, ...] | None = None
    radius: int = 1
    max_count: int = 10

    def __post_init__(self) -> None:
        _whole(self.n, "the number of responses n", 2)
        _whole(self.max_types, "the number of user types", 1)
        _whole(self.max_count, "the largest voter count", 1)
        _whole(self.radius, "the Mallows radius", 0)
        if self.orders not in ORDER_KINDS:
            raise InputError(f"orders must be one of {', '.join(ORDER_KINDS)}, got "
                             f"{self.orders!r}")
        if self.domain not in (None, *DOMAINS):
            raise InputError(f"unknown domain {self.domain!r}; use one of "
                             f"{', '.join(DOMAINS)} (or none)")
        if self.domain == "mallows" and self.orders != "strict":
            raise InputError("the mallows domain (a Kendall tau ball) is for strict orders")
        if self.centre is not None:
            if self.domain != "mallows":
                raise InputError("a centre is only meaningful for the mallows domain")
            centre = tuple(self.centre)
            if sorted(centre) != list(range(self.n)):
                raise InputError(f"the centre {list(centre)} is not an order of 0..{self.n - 1}")
            object.__setattr__(self, "centre", centre)

    def _centre(self) -> tuple[int, ...]:
        return tuple(range(self.n)) if self.centre is None else self.centre

    def _size(self, m: int) -> int:
        if not 1 <= m <= self.n:
            raise InputError(f"this class has 2..{self.n} responses, not {m!r}")
        return m

    def allowed_orders(self, n: int | None = None) -> list[Ranks]:
        """Every order of the class on ``n`` responses (default ``self.n``) as rank vectors,
        sorted (for mallows: by distance from the centre, the centre first).

        >>> len(InstanceClass(n=3).allowed_orders()), len(InstanceClass(n=3, orders="weak")
        ...                                                   .allowed_orders())
        (6, 13)
        """
        m = self._size(self.n if n is None else n)
        return list(_allowed(self.orders, self.domain, self._centre(), self.radius, m))

    def contains(self, profile: Profile) -> bool:
        """Whether ``profile`` is in the class. Its weights are read as the smallest integer
        counts in the same proportions, which must not exceed ``max_count``. (The same test
        the certificate checker applies to a refutation's witness.)

        >>> InstanceClass(n=3, max_count=2).contains(Profile.of([(0, 1), (1, 0)], weights=[3, 1]))
        False
        """
        return class_problem(self.record(), profile) is None

    def record(self) -> dict[str, object]:
        """The class as certificate data (:data:`ualign.certify.refutations.CLASS_FIELDS`).

        >>> InstanceClass(n=3).record()
        {'orders': 'strict', 'responses': [2, 3], 'max_user_types': 3, 'max_count': 10, 'domain': 'any'}
        """
        out: dict[str, object] = {"orders": self.orders, "responses": [2, self.n],
                                  "max_user_types": self.max_types, "max_count": self.max_count,
                                  "domain": self.domain or "any"}
        if self.domain == "mallows":
            out.update({"centre": list(self._centre()), "radius": self.radius})
        return out

    def _order_strategy(self, m: int) -> tuple[SearchStrategy[Ranks], int]:
        """Orders on ``m`` responses and how many there are; each shrinks to the first order."""
        if self.domain is None and self.orders == "strict":
            return st.permutations(range(m)).map(_ranks_of), factorial(m)
        if self.domain is None:
            return (st.lists(st.integers(0, m - 1), min_size=m, max_size=m).map(_compress),
                    _fubini(m))
        allowed = self.allowed_orders(m)
        return st.integers(0, len(allowed) - 1).map(allowed.__getitem__), len(allowed)

    def strategy(self) -> SearchStrategy[Profile]:
        """Profiles of the class, built directly; they shrink towards fewer responses, then
        fewer user types, then smaller counts.

        >>> from hypothesis import find
        >>> find(InstanceClass(n=4, orders="weak").strategy(), lambda p: True)
        Profile.of([((0, 1),)])
        """
        return _profiles(self)

    def describe(self) -> str:
        """One line for reports (the words a refutation certificate uses)."""
        return class_text(self.record())


@st.composite
def _profiles(draw: Callable, cls: InstanceClass) -> Profile:
    # Drawn in shrinking priority: responses, then the number of types, then orders, counts.
    m = draw(st.integers(2, cls.n))
    orders, available = cls._order_strategy(m)
    types = draw(st.integers(1, min(cls.max_types, available)))
    # Distinct orders, so that merging identical users never pushes a count past max_count.
    ranks = draw(st.lists(orders, min_size=types, max_size=types, unique=True))
    counts = draw(st.lists(st.integers(1, cls.max_count), min_size=types, max_size=types))
    return Profile.from_ranks(ranks, [Fraction(c) for c in counts])


def parse_instance_class(n: int, types: int = 3, orders: str = "strict",
                         domain: str | None = None, centre: Sequence[int] | str | None = None,
                         radius: int = 1, max_count: int = 10) -> InstanceClass:
    """An :class:`InstanceClass` from command-line values, with spelling variants accepted.

    ``domain`` may be ``None``, ``"any"``, ``"none"``, ``"single-peaked"`` (or
    ``"single_peaked"``) or ``"mallows"``; ``centre`` may be a string such as ``"2,0,1"``.

    >>> parse_instance_class(3, types=2, domain="mallows", centre="2,0,1").allowed_orders()[0]
    (1, 2, 0)
    """
    if isinstance(domain, str):
        domain = domain.strip().lower().replace("_", "-")
        domain = None if domain in ("", "any", "none") else domain
    if isinstance(centre, str):
        try:
            centre = tuple(int(y) for y in centre.replace(" ", "").strip("()[]").split(","))
        except ValueError:
            raise InputError(f"the centre must list responses such as 2,0,1, got "
                             f"{centre!r}") from None
    return InstanceClass(n=n, max_types=types, orders=str(orders).strip().lower(), domain=domain,
                         centre=None if centre is None else tuple(centre), radius=radius,
                         max_count=max_count)
