"""Time budgets: a number of seconds that is finite, positive and at most a day.

>>> check_seconds(30)
30.0
>>> check_seconds(float("inf"), "--budget")
Traceback (most recent call last):
...
ualign.model.errors.InputError: --budget must be a finite number of seconds in (0, 86400], got inf
"""

from __future__ import annotations

import math

from ualign.model.errors import InputError

__all__ = ["check_seconds", "MAX_SECONDS"]

#: The longest budget any search or solver run may be given.
MAX_SECONDS = 86_400.0


def check_seconds(value: object, what: str = "budget") -> float:
    """``value`` as float seconds, refusing NaN, infinity, zero, negatives and over a day."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not math.isfinite(value) or not 0 < value <= MAX_SECONDS:
        raise InputError(f"{what} must be a finite number of seconds in (0, {MAX_SECONDS:.0f}], "
                         f"got {value!r}")
    return float(value)
