"""The (k+1)-player alignment game as a Gambit normal form: ``.nfg`` text, or a pygambit game.

Every player names a response; every user gives the unit prize (times its weight) to the
players holding the user's favourite named response, shared equally
(:func:`ualign.game.deviation_payoffs.pure_payoffs`, the definition with no closed form).
The file is Gambit's payoff-version ``NFG 1 R`` format: the players ``"1"`` .. ``"k+1"``,
each with the strategies ``"1"`` .. ``"n"`` (response ``y`` is strategy ``y + 1``, named by
the profile's names in the comment), and then one payoff per player for every contingency,
the first player's strategy changing fastest. Payoffs are exact rationals (``3/8``), which
Gambit reads exactly, so its solvers see the same game as ualign.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from ualign.game.deviation_payoffs import pure_payoffs
from ualign.model.errors import InputError
from ualign.model.policies import check_k
from ualign.model.profile import Profile

__all__ = ["alignment_game_nfg", "alignment_game_pygambit", "MAX_GAMBIT_ENTRIES"]

#: contingencies times players; a larger table is refused (Gambit's own solvers stop far below).
MAX_GAMBIT_ENTRIES = 2_000_000


def _number(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def alignment_game_nfg(profile: Profile, k: int, title: str = "ualign alignment game") -> str:
    """The game's ``.nfg`` text (exact payoffs).

    >>> text = alignment_game_nfg(Profile.of([(0, 1), (1, 0)], weights=[5, 3]), 1)
    >>> print(text.splitlines()[0])
    NFG 1 R "ualign alignment game" { "1" "2" } { 2 2 }
    >>> text.splitlines()[-1]   # contingencies (1,1), (2,1), (1,2), (2,2); both payoffs each
    '1/2 1/2 3/8 5/8 5/8 3/8 1/2 1/2'
    """
    k = check_k(k)
    players = k + 1
    entries = profile.n ** players * players
    if entries > MAX_GAMBIT_ENTRIES:
        raise InputError(f"the {players}-player game on {profile.n} responses has {entries:,} "
                         f"payoff entries, more than the {MAX_GAMBIT_ENTRIES:,} an export "
                         f"writes; use a smaller k, or `ualign solve --method numeric`")
    names = " ".join(_quoted(str(i + 1)) for i in range(players))
    counts = " ".join(str(profile.n) for _ in range(players))
    legend = ", ".join(f"{y + 1} = {profile.names[y]}" for y in range(profile.n))
    payoffs = []
    for reversed_choice in product(range(profile.n), repeat=players):
        choice = tuple(reversed(reversed_choice))  # the first player changes fastest
        payoffs.extend(_number(v) for v in pure_payoffs(profile, choice))
    return (f"NFG 1 R {_quoted(title)} {{ {names} }} {{ {counts} }}\n"
            f"{_quoted('strategies: ' + legend)}\n\n" + " ".join(payoffs) + "\n")


def alignment_game_pygambit(profile: Profile, k: int):
    """The same game as a ``pygambit`` game (read from the ``.nfg`` text; needs pygambit)."""
    import os
    import tempfile
    try:
        import pygambit
    except ImportError:
        raise InputError("pygambit is not installed (pip install pygambit)") from None
    text = alignment_game_nfg(profile, k)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "game.nfg")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return pygambit.read_nfg(path)
