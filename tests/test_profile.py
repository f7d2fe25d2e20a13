"""Profiles: canonical form, printable reprs, validation, and pairwise data against pref_voting."""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import pytest
from hypothesis import given

from tests.conftest import preflib_files
from ualign import InputError, Profile, condorcet_winner, pairwise_matrix, read_preflib
from ualign.counterexamples.strategies import profiles
from ualign.game.pairwise import condorcet_margin, weak_condorcet_winners


def test_identical_users_merge_and_weights_normalise():
    p = Profile.of([(0, 1), (1, 0), (0, 1)], weights=[1, "1/2", 2])
    assert p.ranks == ((0, 1), (1, 0)) and p.weights == (Fraction(6, 7), Fraction(1, 7))


@given(profiles(max_n=5))
def test_repr_is_a_constructor_call_that_rebuilds_the_profile(p):
    assert eval(repr(p), {"Profile": Profile}) == p


def test_repr_keeps_names_and_ties():
    p = Profile.of([((0, 1), 2), (2, 1, 0)], weights=[2, 1], names=["x", "y", "z"])
    assert repr(p) == "Profile.of([((0, 1), 2), (2, 1, 0)], weights=[2, 1], names=['x', 'y', 'z'])"


@given(profiles(max_n=4))
def test_pairwise_matrix_is_constant_sum(p):
    P = pairwise_matrix(p)
    assert all(P[y][z] + P[z][y] == 1 for y in range(p.n) for z in range(p.n))


@pytest.mark.parametrize("orders, weights, words", [
    ([(0, 1)], [-1], "negative"),
    ([(0, 1), (1, 0)], [0, 0], "all zero"),
    ([(0, 1)], [0.5], "float"),
    ([(0, 2)], None, "not rank responses [1]"),
    ([(0, 0, 1)], None, "names response 0 twice"),
    ([(0, 1)], [1, 2], "1 orders but 2 weights"),
    ([], None, "at least one user"),
])
def test_bad_profiles_are_refused(orders, weights, words):
    with pytest.raises(InputError, match=words.replace("[", r"\[").replace("]", r"\]")):
        Profile.of(orders, weights=weights)


def test_index_by_position_or_name():
    p = Profile.of([(0, 1, 2)], names=["a", "b", "c"])
    assert (p.index("b"), p.index(2), p.index("0")) == (1, 2, 0)
    with pytest.raises(InputError, match="unknown response 'd'"):
        p.index("d")


def test_condorcet_margin_of_the_two_group_instance():
    p = Profile.of([(0, 1, 2), (1, 0, 2)], weights=["3/5", "2/5"])
    assert condorcet_winner(p) == 0 and condorcet_margin(p) == Fraction(1, 10)


def test_weak_condorcet_winners_with_a_tie():
    assert weak_condorcet_winners(Profile.of([(0, 1), (1, 0)])) == [0, 1]


def _pref_voting_profile(p: Profile):
    from pref_voting.profiles_with_ties import ProfileWithTies
    scale = lcm(*(w.denominator for w in p.weights))
    rankings = [{y: r + 1 for y, r in enumerate(ranks)} for ranks in p.ranks]
    return ProfileWithTies(rankings, rcounts=[int(w * scale) for w in p.weights],
                           candidates=list(range(p.n))), scale


@pytest.mark.parametrize("path", preflib_files(), ids=lambda f: f.name)
def test_pairwise_margins_and_condorcet_winner_match_pref_voting(path):
    pytest.importorskip("pref_voting")
    p = read_preflib(path)
    pv, scale = _pref_voting_profile(p)
    P = pairwise_matrix(p)
    for y in range(p.n):
        for z in range(p.n):
            # pref_voting's margin counts voters; ours is P[y][z] - P[z][y] as a share.
            assert (P[y][z] - P[z][y]) * scale == pv.margin(y, z)
    assert condorcet_winner(p) == pv.condorcet_winner()
