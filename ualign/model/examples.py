"""Built-in example instances, addressed on the command line as ``example:NAME``."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ualign.model.errors import InputError
from ualign.model.generators import impartial_culture, mallows, two_group_condorcet
from ualign.model.profile import Profile

__all__ = ["EXAMPLES", "example", "example_names"]


def _five_voter() -> Profile:
    # Margins a>b 1, b>c 3, c>a 1: the maximal lottery is (3/5, 1/5, 1/5).
    return Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)], weights=[2, 2, 1], names=["a", "b", "c"])


def _ties() -> Profile:
    return Profile.of([((0, 1), 2, 3), (2, (1, 3), 0), (3, 0, (1, 2))], weights=[3, 2, 2])


#: name -> (description, constructor)
EXAMPLES: dict[str, tuple[str, Callable[[], Profile]]] = {
    "five-voter": ("5 voters in a Condorcet cycle; maximal lottery (3/5, 1/5, 1/5)", _five_voter),
    "condorcet-cycle": ("3 voters, 3 responses in a perfect cycle",
                        lambda: Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])),
    "nlhf-ceiling": ("two groups, Condorcet winner 0 with margin eps = 1/10",
                     lambda: two_group_condorcet(Fraction(1, 10))),
    "impartial-culture-4": ("all 24 strict orders on 4 responses, equal weights",
                            lambda: impartial_culture(4)),
    "mallows-4": ("the exact Mallows distribution on 4 responses, phi = 1/2",
                  lambda: mallows(4, Fraction(1, 2))),
    "ties": ("3 user types with weak orders on 4 responses", _ties),
}


def example_names() -> list[str]:
    return list(EXAMPLES)


def example(name: str) -> Profile:
    """A built-in profile by name.

    >>> example("five-voter").weights
    (Fraction(2, 5), Fraction(1, 5), Fraction(2, 5))
    """
    if name not in EXAMPLES:
        raise InputError(f"unknown example {name!r}; choose one of {', '.join(EXAMPLES)}")
    return EXAMPLES[name][1]()
