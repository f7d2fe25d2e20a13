"""Exact symmetric equilibria: known values, an independent high-precision re-check of every
equilibrium found, and a cross-check against Gambit on the full normal form of the game.

The (k+1)-player alignment game: each player names a response; each user (with its weight)
looks at the k+1 named responses and awards a unit prize shared equally among the players
whose response lies in the user's best class among them. The Gambit game below is built from
that definition alone, in Fractions, without ualign's closed forms.
"""

from __future__ import annotations

import multiprocessing
import time
from fractions import Fraction
from functools import cache
from itertools import product
from math import prod

import mpmath
import pytest
import sympy

from tests.conftest import TEST_DATA
from ualign.game.value_checks import is_maximal_lottery
from ualign.io.preflib import read_preflib
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.lottery import Lottery
from ualign.model.profile import Profile
from ualign.solvers.symmetric_equilibria import MAX_EXACT_RESPONSES, symmetric_equilibria

NETFLIX = TEST_DATA / "00004-00000006.soc"
DIGITS = 50
EXACT_EPS = Fraction(1, 10**30)
FLOAT_MATCH = 1e-6
ENUMPOLY_RECTANGLES = 200_000  # the default 20_000 gives up on five-voter's full support at k=2
ENUMPOLY_TIMEOUT_S = 120


@cache
def _search(profile: Profile, k: int):
    return symmetric_equilibria(profile, k)


def _probs(e) -> list[Fraction]:
    return list(e.approximation.probs)


# --- known values -------------------------------------------------------------------------

def test_netflix_k3_has_one_irrational_equilibrium():
    found = _search(read_preflib(NETFLIX), 3)
    assert found.complete and len(found.equilibria) == 1
    (e,) = found.equilibria
    assert e.support == (1, 2) and e.coordinates[0] is None and not e.is_rational
    c = e.coordinates[1]
    assert c.poly == (848, -1129, 189) and c.index == 1  # the smaller root of 189x^2 - 1129x + 848
    x = sympy.Symbol("x")
    closed_form = (1129 - sympy.sqrt(633553)) / 378
    assert sympy.minimal_polynomial(c.sympy() - closed_form, x) == x  # exactly equal
    assert sympy.minimal_polynomial(e.coordinates[2].sympy() - (1 - closed_form), x) == x
    assert abs(e.approximation.probs[1] - Fraction(str(sympy.N(closed_form, 60)))) < EXACT_EPS


def test_five_voter_k1_is_the_maximal_lottery():
    found = _search(example("five-voter"), 1)
    assert found.complete
    assert [e.approximation for e in found.equilibria] == [Lottery.of(["3/5", "1/5", "1/5"])]
    assert all(e.is_rational and e.approximation_exploitability == 0 for e in found.equilibria)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_condorcet_cycle_is_uniform(k):
    found = _search(example("condorcet-cycle"), k)
    assert found.complete
    assert [e.approximation for e in found.equilibria] == [Lottery.uniform(3)]


def test_nlhf_ceiling_k2_is_four_fifths_one_fifth():
    # Weights 3/5 (0 > 1) and 2/5 (1 > 0); pi = (p, 1 - p), two iid opponents. A deviator on 0
    # shares the majority's prize with the j opponents who also play 0 and wins the
    # minority's only when both opponents play 0 (then a third each):
    # V(0) = 3/5 (1 - p + p^2/3) + 2/5 p^2/3 = 3/5 - 3p/5 + p^2/3. V(0) = 1/3 gives
    # 5p^2 - 9p + 4 = 0, so p = 4/5 or p = 1; p = 1 fails as V(1) = 2/5 > 1/3 against two 0s,
    # and the point mass on 1 fails as V(0) = 3/5. So (4/5, 1/5) is the only one.
    found = _search(example("nlhf-ceiling"), 2)
    assert found.complete
    assert [e.approximation for e in found.equilibria] == [Lottery.of(["4/5", "1/5"])]
    assert found.equilibria[0].is_rational


# --- every equilibrium found, re-checked independently ------------------------------------

# Small profiles sampled once with ualign.model.generators (the id names the call: impartial culture
# or Mallows phi = 1/2, with voters and seed) and pinned as literals, so that a change in the
# samplers cannot silently change the cases or how long Gambit takes on them.
RANDOM_PROFILES = {
    "ic3-v4-s0": Profile.of([(2, 0, 1), (1, 2, 0)], weights=[1, 3]),
    "ic3-v4-s2": Profile.of([(0, 2, 1), (1, 0, 2), (2, 0, 1)], weights=[1, 2, 1]),
    "ic3-v6-s0": Profile.of([(1, 0, 2), (2, 0, 1), (1, 2, 0), (2, 1, 0)], weights=[1, 1, 3, 1]),
    "ic3-v6-s1": Profile.of([(0, 1, 2), (0, 2, 1), (1, 2, 0), (2, 1, 0)], weights=[2, 1, 2, 1]),
    "ic3-v6-s2": Profile.of([(0, 2, 1), (1, 0, 2), (2, 0, 1), (2, 1, 0)], weights=[1, 2, 1, 2]),
    "mallows3-v5-s0": Profile.of([(0, 1, 2), (0, 2, 1), (2, 0, 1)], weights=[2, 2, 1]),
    "mallows3-v5-s1": Profile.of([(0, 1, 2), (1, 0, 2), (2, 0, 1), (2, 1, 0)],
                                 weights=[2, 1, 1, 1]),
    "ic4-v5-s0": Profile.of([(2, 0, 3, 1), (1, 3, 0, 2), (3, 1, 0, 2), (2, 3, 0, 1),
                             (3, 1, 2, 0)]),
    "ic4-v5-s1": Profile.of([(0, 1, 2, 3), (3, 0, 2, 1), (1, 2, 0, 3), (3, 1, 0, 2)],
                            weights=[2, 1, 1, 1]),
}
EXAMPLES = ["five-voter", "condorcet-cycle", "nlhf-ceiling", "mallows-4", "impartial-culture-4",
            "ties"]
PROFILES = {**{name: example(name) for name in EXAMPLES}, "netflix-6": read_preflib(NETFLIX),
            **RANDOM_PROFILES}
SLOW_SEARCHES = {("ties", 3)}
SEARCH_CASES = [pytest.param(name, k, id=f"{name}-k{k}",
                             marks=[pytest.mark.slow] if (name, k) in SLOW_SEARCHES else [])
                for name in PROFILES for k in (1, 2, 3)
                if k < 3 or name in EXAMPLES or name == "netflix-6"]


def _deviation_payoffs_mp(profile: Profile, pi: list, k: int) -> list:
    """``V(y)`` in mpmath by enumerating every k-tuple of opponents' draws, user by user."""
    V = [mpmath.mpf(0)] * profile.n
    for draws in product(range(profile.n), repeat=k):
        chance = prod((pi[t] for t in draws), start=mpmath.mpf(1))
        if not chance:
            continue
        for y in range(profile.n):
            for ranks, w in zip(profile.ranks, profile.weights):
                best = min(ranks[t] for t in (y, *draws))
                if ranks[y] == best:
                    tied = sum(1 for t in draws if ranks[t] == best)
                    V[y] += chance * mpmath.mpf(w.numerator) / w.denominator / (1 + tied)
    return V


@pytest.mark.parametrize("name, k", SEARCH_CASES)
def test_every_equilibrium_checks_out_to_50_digits(name, k):
    profile = PROFILES[name]
    found = _search(profile, k)
    assert found.equilibria, "every finite symmetric game has a symmetric equilibrium (Nash)"
    with mpmath.workdps(DIGITS + 10):
        fair, tol = mpmath.mpf(1) / (k + 1), mpmath.mpf(10) ** -(DIGITS - 5)
        approx_tol = mpmath.mpf(EXACT_EPS.numerator) / EXACT_EPS.denominator
        for e in found.equilibria:
            # The exploitability of any lottery is >= 0, since sum_y pi(y) V(y) = 1/(k+1).
            assert 0 <= e.approximation_exploitability <= EXACT_EPS
            assert e.approximation.support == e.support
            pi = [mpmath.mpf(0) if c is None else
                  sympy.N(c.sympy(), DIGITS + 10)._to_mpmath(mpmath.mp.prec) for c in e.coordinates]
            assert all(pi[y] > 0 for y in e.support)
            assert abs(mpmath.fsum(pi) - 1) <= tol
            for y, q in enumerate(e.approximation.probs):
                assert abs(pi[y] - mpmath.mpf(q.numerator) / q.denominator) <= approx_tol
            for y, v in enumerate(_deviation_payoffs_mp(profile, pi, k)):
                if y in e.support:
                    assert abs(v - fair) <= tol, (e.support, y, v)
                else:
                    assert v <= fair + tol, (e.support, y, v)


@pytest.mark.parametrize("name", PROFILES)
def test_k1_equilibria_are_maximal_lotteries(name):
    # With two players the game is constant-sum with payoff P[y][z], so the symmetric
    # equilibria are exactly the maximal lotteries.
    profile = PROFILES[name]
    for e in _search(profile, 1).equilibria:
        assert e.is_rational and is_maximal_lottery(profile, e.approximation)


# --- Gambit on the full normal form -------------------------------------------------------

def _alignment_game(profile: Profile, k: int):
    """The (k+1)-player game as a Gambit table, payoffs written out from the definition."""
    import pygambit as gbt
    players = [str(i + 1) for i in range(k + 1)]
    game = gbt.StrategicGame([profile.n] * (k + 1))
    for index, named in enumerate(product(range(profile.n), repeat=k + 1)):
        payoff = [Fraction(0)] * (k + 1)
        for ranks, w in zip(profile.ranks, profile.weights):
            best = min(ranks[y] for y in named)
            winners = [i for i, y in enumerate(named) if ranks[y] == best]
            for i in winners:
                payoff[i] += w / len(winners)
        game.make_outcome({p: str(y + 1) for p, y in zip(players, named)},
                          dict(zip(players, payoff)), f"o{index}")
    return game


def _strategies(profile_or_eq, game) -> list[list]:
    return [[v for _, v in profile_or_eq[player]] for player in game.players]


def _gambit_symmetric(equilibria: list[list[list]], tol) -> list[list]:
    return [eq[0] for eq in equilibria
            if all(abs(a - b) <= tol for other in eq[1:] for a, b in zip(eq[0], other))]


GAMBIT_PROFILES = [name for name in PROFILES if PROFILES[name].n <= 4]
SLOW_ENUMPOLY = {"impartial-culture-4", "ties", "mallows3-v5-s1", "ic4-v5-s1", "ic3-v4-s2"}
GAMBIT_K2 = [pytest.param(name, id=name, marks=[pytest.mark.slow] if name in SLOW_ENUMPOLY else [])
             for name in GAMBIT_PROFILES]


@pytest.mark.parametrize("k", [1, 2])
@pytest.mark.parametrize("name", GAMBIT_PROFILES)
def test_every_equilibrium_is_a_nash_equilibrium_of_the_normal_form(name, k):
    pytest.importorskip("pygambit")
    profile = PROFILES[name]
    game = _alignment_game(profile, k)
    for e in _search(profile, k).equilibria:
        regret = game.mixed_strategy_profile([_probs(e)] * (k + 1), rational=True).max_regret()
        if e.is_rational:
            assert regret == 0
        else:  # a 40-digit rational approximation of an irrational equilibrium
            assert 0 <= regret <= EXACT_EPS


def test_netflix_k3_equilibrium_is_a_nash_equilibrium_of_the_four_player_game():
    pytest.importorskip("pygambit")
    profile = PROFILES["netflix-6"]
    game = _alignment_game(profile, 3)
    (e,) = _search(profile, 3).equilibria
    regret = game.mixed_strategy_profile([_probs(e)] * 4, rational=True).max_regret()
    assert 0 < regret <= EXACT_EPS  # irrational: the rational approximation is not exact


@pytest.mark.parametrize("name", GAMBIT_PROFILES)
def test_enummixed_symmetric_equilibria_are_ours(name):
    gbt = pytest.importorskip("pygambit")
    profile = PROFILES[name]
    game = _alignment_game(profile, 1)
    result = gbt.nash.enummixed_solve(game, rational=True)
    equilibria = [_strategies(eq, game) for eq in result.equilibria]
    assert equilibria
    # Two players, constant sum: every equilibrium strategy is a maximal lottery.
    for eq in equilibria:
        for strategy in eq:
            assert is_maximal_lottery(profile, Lottery(tuple(Fraction(v) for v in strategy)))
    symmetric = {tuple(Fraction(v) for v in s) for s in _gambit_symmetric(equilibria, 0)}
    # The extreme equilibria are the pairs of vertices of the maximal-lottery polytope, so each
    # vertex v appears as the symmetric pair (v, v).
    assert symmetric
    found = _search(profile, 1)
    ours = {tuple(_probs(e)) for e in found.equilibria}
    if found.complete:
        # Finitely many symmetric equilibria of a constant-sum game means exactly one, which
        # is then every extreme equilibrium Gambit lists.
        assert symmetric == ours and len(ours) == 1


def _enumpoly_worker(profile: Profile, k: int, conn) -> None:
    import pygambit as gbt
    game = _alignment_game(profile, k)
    events: list = []
    result = gbt.nash.enumpoly_solve(game, max_rectangles=ENUMPOLY_RECTANGLES,
                                     event_callback=events.append)
    conn.send(([[[float(v) for v in s] for s in _strategies(eq, game)] for eq in result.equilibria],
               sorted({type(ev).__name__ for ev in events} - {"EnumPolyCandidateSupportEvent"})))


def _enumpoly(profile: Profile, k: int) -> tuple[list, list[str]]:
    """Gambit's enumpoly in a forked child, so a slow support cannot hang the suite.

    Returns the equilibria (float strategies per player) and the names of the events that
    mean some support was not fully solved (singular systems, exhausted rectangle budget).
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_enumpoly_worker, args=(profile, k, send), daemon=True)
    child.start()
    deadline = time.monotonic() + ENUMPOLY_TIMEOUT_S
    try:
        while not receive.poll(0.05):
            if not child.is_alive() and not receive.poll():
                pytest.fail(f"gambit enumpoly died (exit code {child.exitcode})")
            if time.monotonic() > deadline:
                pytest.fail(f"gambit enumpoly took more than {ENUMPOLY_TIMEOUT_S} s")
        return receive.recv()
    finally:
        child.kill()
        child.join()


@pytest.mark.parametrize("name", GAMBIT_K2)
def test_enumpoly_symmetric_equilibria_are_ours(name):
    pytest.importorskip("pygambit")
    profile = PROFILES[name]
    equilibria, gaps = _enumpoly(profile, 2)
    found = _search(profile, 2)
    ours = [[float(p) for p in _probs(e)] for e in found.equilibria]
    theirs = _gambit_symmetric(equilibria, FLOAT_MATCH)

    def close(a, b):
        return max(abs(x - y) for x, y in zip(a, b)) <= FLOAT_MATCH

    if found.complete:
        for s in theirs:
            assert any(close(s, o) for o in ours), f"Gambit found {s}, which we did not"
    if not gaps:  # Gambit solved every support, so it found every equilibrium
        for o in ours:
            assert any(close(o, s) for s in theirs), f"we found {o}, which Gambit did not"


# --- input errors and time limits ---------------------------------------------------------

def test_too_many_responses_is_an_input_error():
    profile = Profile.of([tuple(range(MAX_EXACT_RESPONSES + 1))])
    words = rf"n <= {MAX_EXACT_RESPONSES} responses.*--method numeric"
    with pytest.raises(InputError, match=words):
        symmetric_equilibria(profile, 2)
    with pytest.raises(InputError, match="k must be at least 1"):
        symmetric_equilibria(example("five-voter"), 0)


def test_a_support_over_the_time_limit_makes_the_search_incomplete():
    # ties at k=4: the full support's Groebner basis takes about 15 s, the others well under 0.5 s.
    found = symmetric_equilibria(example("ties"), 4, support_timeout_s=0.5)
    assert not found.complete
    assert any(note.startswith("support (0, 1, 2, 3): undecided") for note in found.notes)
    assert all(0 <= e.approximation_exploitability <= EXACT_EPS for e in found.equilibria)


def test_a_tiny_time_limit_never_escapes_as_an_exception():
    for _ in range(30):  # a timer armed outside the try used to escape about half the time
        found = symmetric_equilibria(example("five-voter"), 2, support_timeout_s=1e-6)
        assert not found.complete
