"""Tie rules for a contest between a k-slot side and an l-slot side.

A user looks at all ``k + l`` slots and finds their top indifference class among them. Say
the k-output side holds ``a`` of the slots in that class and the competitor holds ``b``
(``a + b >= 1``). The k-output side's share of the unit prize is then

========  =======================================================  ==========================
rule      k-side's share                                           meaning
========  =======================================================  ==========================
share     ``a / (a + b)``                                          pick a top slot uniformly
half      1 if ``b == 0``, 0 if ``a == 0``, else 1/2               a tie of the best counts 1/2
weak      1 if ``a > 0`` else 0                                    the k-output side wins ties
strict    1 if ``b == 0`` else 0                                   the k-output side loses ties
========  =======================================================  ==========================

``share`` is the default. It is the only rule that makes the contest constant-sum for every
``k`` and ``l`` (the two sides' shares add to 1), and for ``k = l = 1`` it agrees with ``half``.
Always ``strict <= half <= weak`` and ``strict <= share <= weak``.
"""

from __future__ import annotations

from enum import Enum
from fractions import Fraction

from ualign.model.errors import InputError

__all__ = ["TieRule", "parse_tie_rule", "require_tie_rule", "contest_share"]


class TieRule(str, Enum):
    """How a tie between the two sides' best slots is split (see the module docstring)."""

    SHARE = "share"
    HALF = "half"
    WEAK = "weak"
    STRICT = "strict"

    def __str__(self) -> str:
        return self.value

    def mirrored(self) -> "TieRule":
        """The rule seen from the other side of the contest (weak and strict swap)."""
        return {TieRule.WEAK: TieRule.STRICT, TieRule.STRICT: TieRule.WEAK}.get(self, self)


def parse_tie_rule(rule: object) -> TieRule:
    """Read a tie rule from its name: for the boundary (command line, JSON, claim language).

    The core takes a :class:`TieRule` and refuses a name (:func:`require_tie_rule`), so a rule
    is parsed once, where the text comes in.

    >>> parse_tie_rule("weak")
    <TieRule.WEAK: 'weak'>
    >>> parse_tie_rule("loose")
    Traceback (most recent call last):
    ...
    ualign.model.errors.InputError: unknown tie rule 'loose'; use one of share, half, weak, strict
    """
    if isinstance(rule, TieRule):
        return rule
    try:
        return TieRule(str(rule).strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in TieRule)
        raise InputError(f"unknown tie rule {rule!r}; use one of {known}") from None


def require_tie_rule(rule: object) -> TieRule:
    """``rule`` itself when it is a :class:`TieRule`; a name or anything else is refused.

    A bare string is a :class:`TypeError` (a programming error, not bad input): an unknown
    string once read silently as ``strict``, so the core never guesses.

    >>> require_tie_rule(TieRule.WEAK)
    <TieRule.WEAK: 'weak'>
    >>> require_tie_rule("weak")
    Traceback (most recent call last):
    ...
    TypeError: tie rule 'weak' is a str, not a TieRule; parse it once at the boundary with parse_tie_rule('weak')
    """
    if rule.__class__ is TieRule:
        return rule
    raise TypeError(f"tie rule {rule!r} is a {type(rule).__name__}, not a TieRule; parse it "
                    f"once at the boundary with parse_tie_rule({rule!r})")


_HALF = Fraction(1, 2)


def contest_share(rule: TieRule, a: int, b: int) -> Fraction:
    """The k-output side's share when it holds ``a`` and the competitor ``b`` top-class slots.

    >>> contest_share(TieRule.SHARE, 2, 1)
    Fraction(2, 3)
    >>> contest_share(TieRule.STRICT, 2, 1)
    Fraction(0, 1)
    >>> contest_share(TieRule.HALF, 2, 1)
    Fraction(1, 2)
    """
    if rule.__class__ is not TieRule:
        require_tie_rule(rule)
    if b == 0:
        return Fraction(1)
    if a == 0:
        return Fraction(0)
    if rule is TieRule.SHARE:
        return Fraction(a, a + b)
    if rule is TieRule.HALF:
        return _HALF
    return Fraction(1) if rule is TieRule.WEAK else Fraction(0)
