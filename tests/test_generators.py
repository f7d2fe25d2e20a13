"""Generators: exact full distributions, seeded samples, and the NLHF-ceiling instance."""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ualign import InputError, condorcet_winner, impartial_culture, mallows, two_group_condorcet
from ualign.game.pairwise import condorcet_margin


def test_impartial_culture_is_uniform_over_all_orders():
    p = impartial_culture(4)
    assert p.num_users == 24 and set(p.weights) == {Fraction(1, 24)}


def test_mallows_weights_follow_kendall_distance():
    p = mallows(3, "1/3", centre=(2, 0, 1))
    by_order = {tuple(c[0] for c in o): w for o, w in zip(p.orders(), p.weights)}
    z = (1 + Fraction(1, 3)) * (1 + Fraction(1, 3) + Fraction(1, 9))
    assert by_order[(2, 0, 1)] == 1 / z and by_order[(1, 0, 2)] == Fraction(1, 27) / z


def test_mallows_with_phi_one_is_impartial_culture_and_phi_zero_is_the_centre():
    assert mallows(4, 1) == impartial_culture(4)
    assert mallows(4, 0, centre=(3, 1, 0, 2)).orders() == [((3,), (1,), (0,), (2,))]


@given(st.integers(2, 5), st.integers(1, 30), st.integers(0, 10**6))
def test_samples_are_reproducible_from_the_seed(m, voters, seed):
    assert impartial_culture(m, voters, seed) == impartial_culture(m, voters, seed)
    assert mallows(m, "1/2", voters=voters, seed=seed) == mallows(m, "1/2", voters=voters, seed=seed)


def test_mallows_samples_concentrate_on_the_centre():
    p = mallows(4, "1/10", voters=400, seed=7)
    top = max(zip(p.weights, p.orders()))
    assert top[1] == ((0,), (1,), (2,), (3,)) and top[0] > Fraction(1, 2)


@given(st.fractions(Fraction(1, 1000), Fraction(499, 1000)), st.integers(2, 5))
def test_two_group_instance_has_the_requested_margin(eps, m):
    p = two_group_condorcet(eps, m)
    assert condorcet_winner(p) == 0 and condorcet_margin(p) == eps


@pytest.mark.parametrize("call, words", [
    (lambda: impartial_culture(9), "pass voters=N"),
    (lambda: impartial_culture(0), "m must be"),
    (lambda: mallows(3, 2), "phi must lie in"),
    (lambda: mallows(3, "1/2", centre=(0, 0, 1)), "not an order"),
    (lambda: two_group_condorcet("1/2"), "eps must lie"),
    (lambda: impartial_culture(3, voters=0), "voters must be"),
])
def test_bad_generator_arguments(call, words):
    with pytest.raises(InputError, match=words):
        call()


def test_impartial_culture_sample_covers_orders():
    p = impartial_culture(3, voters=600, seed=1)
    assert {tuple(c[0] for c in o) for o in p.orders()} == set(permutations(range(3)))
