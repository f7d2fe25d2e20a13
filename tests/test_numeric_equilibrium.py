"""The numeric equilibrium: float search, exact eps, agreement with the exact enumeration."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_DATA
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.value_checks import is_maximal_lottery
from ualign.io.preflib import read_preflib
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.generators import mallows
from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
from ualign.solvers.symmetric_equilibria import symmetric_equilibria

TIGHT = Fraction(1, 10**10)


@pytest.mark.parametrize("name,k", [("five-voter", 2), ("five-voter", 3), ("nlhf-ceiling", 2),
                                    ("nlhf-ceiling", 3), ("ties", 2), ("mallows-4", 3),
                                    ("condorcet-cycle", 3)])
def test_numeric_matches_the_unique_exact_equilibrium(name, k):
    profile = example(name)
    exact = symmetric_equilibria(profile, k)
    assert exact.complete and len(exact.equilibria) == 1
    numeric = symmetric_equilibrium_numeric(profile, k)
    assert 0 <= numeric.exploitability <= TIGHT
    target = exact.equilibria[0].approximation.probs
    assert max(abs(a - b) for a, b in zip(numeric.lottery.probs, target)) < Fraction(1, 10**8)


def test_the_irrational_netflix_equilibrium_is_approached_to_float_precision():
    profile = read_preflib(TEST_DATA / "00004-00000006.soc")
    numeric = symmetric_equilibrium_numeric(profile, 3)
    assert numeric.support == (1, 2)
    # (1129 - sqrt(633553)) / 378, the exact coordinate, to 12 digits
    assert abs(float(numeric.lottery.probs[1]) - 0.881057073672) < 1e-11


def test_eps_is_the_exact_exploitability_and_certifies_the_product():
    profile = mallows(12, "7/10", voters=40, seed=3)
    eq = symmetric_equilibrium_numeric(profile, 4)
    V = deviation_payoffs(profile, eq.lottery, 4)
    assert eq.exploitability == max(V) - Fraction(1, 5)
    assert eq.certified_robustness == 1 - max(V)  # the product's worst win rate
    assert eq.exploitability <= TIGHT


def test_k1_is_solved_exactly_by_the_maximal_lottery():
    profile = example("five-voter")
    eq = symmetric_equilibrium_numeric(profile, 1)
    assert eq.exploitability == 0 and is_maximal_lottery(profile, eq.lottery)


def test_bad_settings_are_refused():
    with pytest.raises(InputError):
        symmetric_equilibrium_numeric(example("five-voter"), 0)
    with pytest.raises(InputError, match="warm_start_steps"):
        symmetric_equilibrium_numeric(example("five-voter"), 2, warm_start_steps=0)
    with pytest.raises(InputError, match="eta"):
        symmetric_equilibrium_numeric(example("five-voter"), 2, eta=-1.0)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.lists(st.tuples(st.lists(st.integers(0, 4), min_size=5, max_size=5),
                                             st.integers(1, 9)), min_size=1, max_size=5),
       st.lists(st.integers(0, 6), min_size=5, max_size=5), st.integers(1, 5))
def test_integer_payoffs_equal_the_fraction_payoffs(n, users, raw, k):
    from ualign.game.deviation_payoffs import deviation_payoffs_grid
    from ualign.model.lottery import Lottery
    from ualign.model.profile import Profile
    profile = Profile.from_ranks([r[:n] for r, _ in users], [Fraction(w) for _, w in users])
    raw = raw[:profile.n] if sum(raw[:profile.n]) else [1] + [0] * (profile.n - 1)
    lottery = Lottery(tuple(Fraction(v, sum(raw)) for v in raw))
    assert deviation_payoffs_grid(profile, lottery, k) == deviation_payoffs(profile, lottery, k)


def test_the_certified_lottery_is_on_the_power_of_two_grid():
    from ualign.solvers.numeric_equilibrium import GRID
    eq = symmetric_equilibrium_numeric(mallows(12, "7/10", voters=40, seed=3), 3)
    assert sum(eq.lottery.probs) == 1 and all(GRID % p.denominator == 0 for p in eq.lottery.probs)


def test_the_full_warm_start_runs_when_the_early_start_does_not_finish(monkeypatch):
    from ualign.solvers import numeric_equilibrium as ne
    profile = mallows(12, "7/10", voters=40, seed=3)
    early = ne.symmetric_equilibrium_numeric(profile, 4)
    monkeypatch.setattr(ne, "EARLY_OK", -1.0)  # the early start never counts as finished
    full = ne.symmetric_equilibrium_numeric(profile, 4)
    assert full.warm_start_steps >= early.warm_start_steps
    assert full.exploitability <= TIGHT and early.exploitability <= TIGHT
    assert max(abs(a - b) for a, b in zip(full.lottery.probs, early.lottery.probs)) < Fraction(1, 10**8)
