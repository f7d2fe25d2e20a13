"""The numeric equilibrium: float search, exact eps, agreement with the exact enumeration."""

from __future__ import annotations

from fractions import Fraction

import pytest

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
