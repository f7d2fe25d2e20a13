"""Parsing and formatting of exact numbers.

Exact values travel as strings such as ``"2/3"`` in JSON and on the command line, so that no
float ever stands between a file and a certified result.
"""

from __future__ import annotations

import re
from fractions import Fraction
from numbers import Rational

from ualign.model.errors import InputError

__all__ = ["as_fraction", "fraction_str", "MAX_DIGITS", "LONG_EXACT", "exact_text",
           "with_decimals"]

#: An exact value longer than this many characters gets a decimal beside it (reading aid).
LONG_EXACT = 40
_RATIONAL = re.compile(r"-?\d+(/\d+)?")
_NAME = re.compile(r"[A-Za-z_]\w*")  # field names; a lottery's response keys stay data

#: The most digits an exact number in an input may have (Python refuses 4,300 or more).
MAX_DIGITS = 4000
_EXACT = re.compile(r"[+-]?(\d+(/\d+)?|\d*\.\d+|\d+\.)", re.ASCII)


def as_fraction(value: object, what: str = "value") -> Fraction:
    """Read an exact rational from an int, a Fraction or a string like ``"1/3"`` or ``"0.25"``.

    Floats are refused: they are not exact, and a silently rounded weight would make every
    later certificate wrong.

    >>> as_fraction("2/6")
    Fraction(1, 3)
    >>> as_fraction("0.25")
    Fraction(1, 4)
    >>> as_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    ualign.model.errors.InputError: value is not an exact number: '1e999999999' (write p/q or a decimal such as 0.25)
    """
    if isinstance(value, bool):
        raise InputError(f"{what} must be a number, got {value!r}")
    if isinstance(value, (int, Fraction, Rational)):
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_DIGITS + 2:
            raise InputError(f"{what} has more than {MAX_DIGITS} digits")
        # ASCII digits only, no exponent: Fraction('1e999999999') would try to build 10^1e9
        if not _EXACT.fullmatch(text):
            raise InputError(f"{what} is not an exact number: {value[:60]!r} (write p/q or a "
                             f"decimal such as 0.25)")
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InputError(f"{what} is not an exact number: {value[:60]!r}") from None
    if isinstance(value, float):
        raise InputError(f"{what} must be exact (an int, a Fraction or a string such as '1/3'), "
                         f"got the float {value!r}")
    raise InputError(f"{what} must be a number, got {value!r}")


def fraction_str(value: Fraction | int) -> str:
    """Format an exact value as ``"p/q"`` (or ``"p"`` for an integer).

    >>> fraction_str(Fraction(6, 4))
    '3/2'
    >>> fraction_str(Fraction(1))
    '1'
    """
    return str(Fraction(value))


def _decimal(text: str) -> str:
    """20 significant digits of an exact rational written ``p/q``, for reading only."""
    from decimal import Decimal, localcontext
    q = Fraction(text)
    with localcontext() as ctx:
        ctx.prec = 20
        return str(Decimal(q.numerator) / Decimal(q.denominator))


def exact_text(value: object) -> str:
    """``str(value)``, with ``(~ decimal)`` after an exact rational over :data:`LONG_EXACT` chars.

    >>> exact_text(Fraction(1, 3))
    '1/3'
    >>> exact_text(Fraction(10**30 + 1, 3 * 10**30))
    '1000000000000000000000000000001/3000000000000000000000000000000 (~ 0.33333333333333333333)'
    """
    text = str(value)
    if len(text) > LONG_EXACT and _RATIONAL.fullmatch(text):
        return f"{text} (~ {_decimal(text)})"
    return text


def with_decimals(data: Any) -> Any:
    """``data`` with ``KEY_decimal`` beside every exact rational string over LONG_EXACT chars.

    Only named fields get one: the keys of a lottery or policy map are responses, and the
    map must stay readable as a policy file.

    >>> with_decimals({"value": "1/3", "eps": "1" + "0" * 45 + "/3"})["eps_decimal"][:8]
    '3.333333'
    """
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out[key] = with_decimals(value)
            if (isinstance(value, str) and len(value) > LONG_EXACT and _NAME.fullmatch(key)
                    and _RATIONAL.fullmatch(value) and f"{key}_decimal" not in data):
                out[f"{key}_decimal"] = _decimal(value)
        return out
    if isinstance(data, list):
        return [with_decimals(v) for v in data]
    return data
