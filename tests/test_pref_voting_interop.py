"""Conversion to and from pref_voting: exact round trips, the partial-ranking convention, bad
input, the missing-dependency message, and agreement of Condorcet winners and majority margins
with :mod:`ualign.game.pairwise` on the shared PrefLib data."""

from __future__ import annotations

import importlib.util
import sys
import time
from fractions import Fraction

import pytest
from hypothesis import given

from tests.conftest import shared_preflib_files
from ualign.counterexamples.strategies import profiles
from ualign.game.pairwise import condorcet_winner, pairwise_matrix
from ualign.io.pref_voting_interop import MISSING, from_pref_voting, to_pref_voting
from ualign.io.preflib import read_preflib
from ualign.model.errors import InputError
from ualign.model.profile import Profile

needs_pref_voting = pytest.mark.skipif(importlib.util.find_spec("pref_voting") is None,
                                       reason="pref_voting is not installed")
LOAD_LIMIT = 2.0  # seconds; larger PrefLib files are skipped to keep this file fast


def _assert_margins_agree(profile: Profile, pv) -> None:
    """pref_voting's margins are N * (P[y][z] - P[z][y]), its Condorcet winner is ours."""
    P = pairwise_matrix(profile)
    voters = int(pv.num_voters)
    for y in range(profile.n):
        for z in range(profile.n):
            assert pv.margin(y, z) == voters * (P[y][z] - P[z][y])
    assert pv.condorcet_winner() == condorcet_winner(profile)


# --- round trips --------------------------------------------------------------------------

@needs_pref_voting
def test_strict_round_trip_with_fractional_weights_and_names():
    from pref_voting.profiles import Profile as LinearProfile
    p = Profile.of([(0, 1, 2), (2, 0, 1), (1, 2, 0)], weights=["1/6", "1/2", "1/3"],
                   names=["apple", "banana", "cherry"])
    pv = to_pref_voting(p)
    assert isinstance(pv, LinearProfile)
    assert sorted(int(c) for c in pv.counts) == [1, 2, 3]
    assert pv.cmap == {0: "apple", 1: "banana", 2: "cherry"}
    assert from_pref_voting(pv) == p
    _assert_margins_agree(p, pv)


@needs_pref_voting
def test_round_trip_with_ties():
    from pref_voting.profiles_with_ties import ProfileWithTies
    p = Profile.of([((0, 1), 2, 3), (3, (1, 2), 0), ((0, 1, 2, 3),)], weights=["2/7", "4/7", "1/7"])
    pv = to_pref_voting(p)
    assert isinstance(pv, ProfileWithTies)
    assert from_pref_voting(pv) == p
    _assert_margins_agree(p, pv)


@needs_pref_voting
def test_single_response_round_trip():
    p = Profile.of([(0,)])
    assert from_pref_voting(to_pref_voting(p)) == p


@needs_pref_voting
@given(profiles(max_n=5, max_users=5))
def test_round_trip_is_exact(profile):
    pv = to_pref_voting(profile)
    assert from_pref_voting(pv) == profile
    _assert_margins_agree(profile, pv)


# --- from pref_voting's side ----------------------------------------------------------------

@needs_pref_voting
def test_linear_profile_uses_cmap_names_and_counts():
    from pref_voting.profiles import Profile as LinearProfile
    pv = LinearProfile([[2, 0, 1], [0, 1, 2]], rcounts=[3, 1], cmap={0: "a", 1: "b", 2: "c"})
    assert from_pref_voting(pv) == Profile.of([(2, 0, 1), (0, 1, 2)], weights=[3, 1],
                                              names=["a", "b", "c"])


@needs_pref_voting
def test_partial_rankings_put_unranked_candidates_tied_at_the_bottom():
    from pref_voting.profiles_with_ties import ProfileWithTies
    pv = ProfileWithTies([{"c": 5, "a": 9}, {}, {"b": 1, "d": 1}], rcounts=[2, 1, 1],
                         candidates=["a", "b", "c", "d"])
    p = from_pref_voting(pv)
    assert p.names == ("a", "b", "c", "d")
    # Rank values only order the candidates; the gap between 5 and 9 is not kept.
    assert p == Profile.of([(2, 0, (1, 3)), ((0, 1, 2, 3),), ((1, 3), (0, 2))],
                           weights=[2, 1, 1], names=["a", "b", "c", "d"])
    # Ranked-above-unranked is pref_voting's *extended* strict preference.
    pv.use_extended_strict_preference()
    P = pairwise_matrix(p)
    for y, a in enumerate(pv.candidates):
        for z, b in enumerate(pv.candidates):
            assert pv.margin(a, b) == 4 * (P[y][z] - P[z][y])


@needs_pref_voting
def test_weights_are_exact_fractions():
    from pref_voting.profiles_with_ties import ProfileWithTies
    p = from_pref_voting(ProfileWithTies([{0: 1, 1: 2}, {1: 1, 0: 2}], rcounts=[1, 2]))
    assert p.weights == (Fraction(1, 3), Fraction(2, 3))
    assert all(type(w) is Fraction for w in p.weights)


# --- bad input --------------------------------------------------------------------------------

@needs_pref_voting
@pytest.mark.parametrize("build, message", [
    (lambda pv, pvt: [[0, 1], [1, 0]], "needs a pref_voting Profile"),
    (lambda pv, pvt: pv([]), "no candidates"),
    (lambda pv, pvt: pvt([]), "no candidates"),
    (lambda pv, pvt: pvt([], candidates=[0, 1]), "no voters"),
    (lambda pv, pvt: pvt([{0: 1, 7: 2}], candidates=[0, 1]), "not among the profile's candidates"),
    (lambda pv, pvt: pvt([{0: 1}, {1: 1}], rcounts=[1.5, 1]), "must be exact"),
    (lambda pv, pvt: pvt([{0: 1}], rcounts=[0]), "all zero"),
    (lambda pv, pvt: pvt([{0: 1}, {1: 1}], cmap={0: "x", 1: "x"}), "not distinct"),
])
def test_bad_pref_voting_input_is_an_input_error(build, message):
    from pref_voting.profiles import Profile as LinearProfile
    from pref_voting.profiles_with_ties import ProfileWithTies
    with pytest.raises(InputError, match=message):
        from_pref_voting(build(LinearProfile, ProfileWithTies))


@needs_pref_voting
def test_to_pref_voting_rejects_other_objects():
    with pytest.raises(InputError, match="needs a ualign Profile"):
        to_pref_voting([(0, 1), (1, 0)])


def test_missing_pref_voting_gives_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "pref_voting", None)
    for convert, argument in ((to_pref_voting, Profile.of([(0, 1)])), (from_pref_voting, None)):
        with pytest.raises(InputError) as info:
            convert(argument)
        assert str(info.value) == MISSING
    assert MISSING == "pref_voting is not installed; pip install pref_voting (or ualign[test])"


# --- the shared PrefLib data ----------------------------------------------------------------

@needs_pref_voting
@pytest.mark.parametrize("path", shared_preflib_files(), ids=lambda p: p.name)
def test_condorcet_winner_and_margins_agree_on_preflib(path):
    start = time.perf_counter()
    try:
        profile = read_preflib(path)
    except InputError as exc:
        pytest.skip(f"ualign cannot read {path.name}: {exc}")
    if time.perf_counter() - start > LOAD_LIMIT:
        pytest.skip(f"{path.name} takes over {LOAD_LIMIT} s to load")
    pv = to_pref_voting(profile)
    assert from_pref_voting(pv) == profile
    _assert_margins_agree(profile, pv)


# --- the package's entry points -----------------------------------------------------------

@needs_pref_voting
def test_the_package_exports_the_converters_and_robustness_takes_a_pref_voting_profile():
    import ualign
    from pref_voting.profiles import Profile as PVProfile
    from pref_voting.profiles_with_ties import ProfileWithTies
    assert ualign.from_pref_voting is from_pref_voting and ualign.to_pref_voting is to_pref_voting
    policy = ualign.ProductPolicy(ualign.Lottery.of({0: "1/2", 2: "1/2"}, n=3), k=2)
    strict = PVProfile([(0, 1, 2), (1, 2, 0), (2, 0, 1)], rcounts=[3, 2, 2])
    ties = ProfileWithTies([{0: 1, 1: 1, 2: 2}, {2: 1, 0: 2}], rcounts=[2, 1],
                           candidates=[0, 1, 2])
    for pv in (strict, ties):
        ours = from_pref_voting(pv)
        assert ualign.robustness(pv, policy) == ualign.robustness(ours, policy)
        assert ualign.robustness(pv, policy, tie_rule=ualign.TieRule.WEAK) == \
            ualign.robustness(ours, policy, tie_rule=ualign.TieRule.WEAK)
    # by hand: against competitor 1 the policy wins 3/4 of the 3 voters 0>1>2 (it loses only
    # when both draws are 2), none of 1>2>0 and all of 2>0>1: (9/4 + 2)/7; competitors 0 and
    # 2 leave it more (59/84 and 53/84)
    assert ualign.robustness(strict, policy) == Fraction(17, 28)
