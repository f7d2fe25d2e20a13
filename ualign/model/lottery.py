"""Single-output policies: lotteries over responses, exact or float.

An exact lottery holds :class:`~fractions.Fraction` probabilities that sum to exactly 1. A
float lottery (``exact=False``) is what numerical solvers produce; it is converted explicitly
with :meth:`Lottery.to_exact` before anything is certified about it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction

__all__ = ["Lottery"]

FLOAT_SUM_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Lottery:
    """A probability distribution over responses ``0..n-1``.

    Examples
    --------
    >>> lot = Lottery.of({0: "1/2", 2: "1/2"}, n=3)
    >>> lot
    Lottery.of({0: '1/2', 2: '1/2'}, n=3)
    >>> lot.support
    (0, 2)
    >>> Lottery.of_float([0.3333333333, 0.6666666667]).to_exact(max_denominator=100)
    Lottery.of({0: '1/3', 1: '2/3'}, n=2)
    """

    probs: tuple[Fraction, ...] | tuple[float, ...]
    exact: bool = True

    def __post_init__(self) -> None:
        if not self.probs:
            raise InputError("a lottery needs at least one response")
        if self.exact:
            if not all(isinstance(p, Fraction) for p in self.probs):
                raise InputError("an exact lottery holds Fractions; use Lottery.of or of_float")
            if any(p < 0 for p in self.probs):
                raise InputError(f"lottery has a negative probability: {self._show()}")
            if sum(self.probs) != 1:
                raise InputError(f"lottery probabilities sum to {sum(self.probs)}, not 1: "
                                 f"{self._show()}")
        else:
            if not all(isinstance(p, float) and math.isfinite(p) for p in self.probs):
                raise InputError("a float lottery holds finite floats")
            if min(self.probs) < -FLOAT_SUM_TOLERANCE:
                raise InputError(f"lottery has a negative probability {min(self.probs)}")
            if abs(math.fsum(self.probs) - 1) > FLOAT_SUM_TOLERANCE:
                raise InputError(f"float lottery sums to {math.fsum(self.probs)!r}, not 1")

    @classmethod
    def of(cls, probs: Mapping[int, object] | Sequence[object], n: int | None = None) -> "Lottery":
        """An exact lottery from a sequence or a ``{response: probability}`` mapping.

        Probabilities are ints, Fractions or exact strings such as ``"1/3"``.
        """
        if isinstance(probs, Mapping):
            if n is None:
                n = max(probs) + 1 if probs else 0
            values = [Fraction(0)] * n
            for y, p in probs.items():
                if not isinstance(y, int) or not 0 <= y < n:
                    raise InputError(f"lottery names response {y!r}, not an index in 0..{n - 1}")
                values[y] = as_fraction(p, f"probability of response {y}")
        else:
            values = [as_fraction(p, "probability") for p in probs]
            if n is not None and len(values) != n:
                raise InputError(f"lottery has {len(values)} entries for {n} responses")
        return cls(tuple(values))

    @classmethod
    def of_float(cls, probs: Sequence[float]) -> "Lottery":
        """A float lottery (for searches and numerical solvers; not certified)."""
        return cls(tuple(float(p) for p in probs), exact=False)

    @classmethod
    def point(cls, y: int, n: int) -> "Lottery":
        """All mass on response ``y``."""
        return cls.of({y: 1}, n=n)

    @classmethod
    def uniform(cls, n: int, support: Sequence[int] | None = None) -> "Lottery":
        """Uniform over ``support`` (all responses by default)."""
        support = range(n) if support is None else support
        return cls.of({y: Fraction(1, len(support)) for y in support}, n=n)

    @property
    def n(self) -> int:
        return len(self.probs)

    @property
    def support(self) -> tuple[int, ...]:
        return tuple(y for y, p in enumerate(self.probs) if p > 0)

    def to_float(self) -> "Lottery":
        """The same lottery with float probabilities (explicitly no longer exact)."""
        return self if not self.exact else Lottery.of_float([float(p) for p in self.probs])

    def to_exact(self, max_denominator: int = 10**12) -> "Lottery":
        """Round to nearby rationals that sum to exactly 1.

        Each probability is rounded with ``Fraction.limit_denominator``; negative round-off is
        clipped to 0 and the largest entry absorbs the remaining difference.
        """
        if self.exact:
            return self
        values = [max(Fraction(p).limit_denominator(max_denominator), Fraction(0))
                  for p in self.probs]
        top = max(range(len(values)), key=values.__getitem__)
        values[top] += 1 - sum(values)
        if values[top] < 0:
            raise InputError("float lottery is too far from a distribution to round")
        return Lottery(tuple(values))

    def __repr__(self) -> str:
        return self._show()

    def _show(self) -> str:
        if not self.exact:
            return f"Lottery.of_float({list(self.probs)!r})"
        body = ", ".join(f"{y}: '{p}'" for y, p in enumerate(self.probs) if p != 0)
        return f"Lottery.of({{{body}}}, n={self.n})"
