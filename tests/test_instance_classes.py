"""Instance classes: exact order counts, membership, the Hypothesis strategy and its shrinking."""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from ualign.counterexamples.instance_classes import MAX_ORDERS, InstanceClass, parse_instance_class
from ualign.model.errors import InputError
from ualign.model.profile import Profile


def _ranks(order):
    ranks = [0] * len(order)
    for position, y in enumerate(order):
        ranks[y] = position
    return tuple(ranks)


def _kendall(r, s):
    n = len(r)
    return sum((r[y] - r[z]) * (s[y] - s[z]) < 0 for y in range(n) for z in range(y + 1, n))


@pytest.mark.parametrize("orders, counts", [("strict", [1, 2, 6, 24, 120]),
                                            ("weak", [1, 3, 13, 75, 541])])
def test_unrestricted_counts_are_factorials_and_ordered_bell_numbers(orders, counts):
    cls = InstanceClass(n=5, orders=orders)
    assert [len(cls.allowed_orders(m)) for m in range(1, 6)] == counts
    assert all(len(set(cls.allowed_orders(m))) == len(cls.allowed_orders(m)) for m in range(1, 6))


def test_single_peaked_strict_is_black_domain():
    cls = InstanceClass(n=6, domain="single-peaked")
    assert [len(cls.allowed_orders(m)) for m in range(2, 7)] == [2, 4, 8, 16, 32]
    # Black's definition, by brute force: every prefix of the order is an interval of the axis
    for m in range(2, 6):
        brute = sorted(_ranks(o) for o in permutations(range(m))
                       if all(max(o[:i]) - min(o[:i]) + 1 == i for i in range(1, m + 1)))
        assert cls.allowed_orders(m) == brute


def test_single_peaked_weak_orders_are_those_with_interval_contour_sets():
    weak, sp = InstanceClass(n=5, orders="weak"), InstanceClass(n=5, orders="weak",
                                                                domain="single-peaked")
    assert len(sp.allowed_orders(3)) == 10  # 13 minus {0,2}>1, 0>2>1, 2>0>1
    for m in range(2, 6):
        brute = [r for r in weak.allowed_orders(m)
                 if all(max(t) - min(t) + 1 == len(t) for c in range(max(r) + 1)
                        for t in [[y for y in range(m) if r[y] <= c]])]
        assert sp.allowed_orders(m) == brute


def test_mallows_balls_match_kendall_distance():
    assert len(InstanceClass(n=4, domain="mallows").allowed_orders()) == 1 + 3
    # Mahonian numbers for n = 4: 1, 3, 5, 6, 5, 3, 1
    sizes = [len(InstanceClass(n=4, domain="mallows", radius=r).allowed_orders()) for r in range(7)]
    assert sizes == [1, 4, 9, 15, 20, 23, 24]
    cls = InstanceClass(n=4, domain="mallows", centre=(2, 0, 3, 1), radius=2)
    centre = _ranks((2, 0, 3, 1))
    brute = {_ranks(o) for o in permutations(range(4)) if _kendall(_ranks(o), centre) <= 2}
    assert set(cls.allowed_orders()) == brute and cls.allowed_orders()[0] == centre
    # on fewer responses the centre is restricted to them: 2 > 0 > 1 -> ranks (1, 2, 0)
    assert cls.allowed_orders(3)[0] == (1, 2, 0)


CLASSES = [InstanceClass(n=3), InstanceClass(n=4, orders="weak", max_types=4),
           InstanceClass(n=5, domain="single-peaked", max_count=3),
           InstanceClass(n=4, orders="weak", domain="single-peaked", max_types=2),
           InstanceClass(n=5, domain="mallows", centre=(4, 3, 2, 1, 0), radius=2),
           InstanceClass(n=2, max_types=5, max_count=1)]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.describe())
@settings(max_examples=40)
@given(data=st.data())
def test_every_drawn_profile_is_in_its_class(cls, data):
    profile = data.draw(cls.strategy())
    assert cls.contains(profile)
    assert 2 <= profile.n <= cls.n and profile.num_users <= cls.max_types
    allowed = set(cls.allowed_orders(profile.n))
    assert all(r in allowed for r in profile.ranks)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.describe())
def test_shrinks_to_two_responses_one_type(cls):
    minimal = find(cls.strategy(), lambda p: p.n >= 2)
    assert (minimal.n, minimal.num_users, minimal.weights) == (2, 1, (Fraction(1),))
    assert minimal.ranks[0] == cls.allowed_orders(2)[0]


def test_shrinks_towards_fewest_responses_then_types_then_counts():
    cls = InstanceClass(n=4, max_types=3)
    assert find(cls.strategy(), lambda p: p.n >= 3) == Profile.of([(0, 1, 2)])
    two = find(cls.strategy(), lambda p: p.num_users >= 2)
    assert two.n == 2 and two.weights == (Fraction(1, 2), Fraction(1, 2))
    uneven = find(cls.strategy(), lambda p: p.num_users >= 2 and p.weights[0] != p.weights[1])
    assert uneven.n == 2 and sorted(uneven.weights) == [Fraction(1, 3), Fraction(2, 3)]


def test_contains_rejects_profiles_outside_the_class():
    cls = InstanceClass(n=3, max_types=2, max_count=3)
    assert cls.contains(Profile.of([(0, 1, 2), (2, 1, 0)], weights=[3, 1]))
    assert cls.contains(Profile.of([(0, 1, 2), (2, 1, 0)], weights=[6, 2]))  # same as 3 : 1
    assert not cls.contains(Profile.of([(0, 1, 2), (2, 1, 0)], weights=[4, 1]))
    assert not cls.contains(Profile.of([(0, 1, 2), (2, 1, 0), (1, 0, 2)]))
    assert not cls.contains(Profile.of([(0, 1, 2, 3)]))
    assert not cls.contains(Profile.of([(0,)]))
    assert not cls.contains(Profile.of([((0, 1), 2)]))  # a tie in a strict class
    assert InstanceClass(n=3, orders="weak").contains(Profile.of([((0, 1), 2)]))
    sp = InstanceClass(n=3, domain="single-peaked")
    assert sp.contains(Profile.of([(1, 2, 0)])) and not sp.contains(Profile.of([(0, 2, 1)]))
    mal = InstanceClass(n=3, domain="mallows")
    assert mal.contains(Profile.of([(1, 0, 2)])) and not mal.contains(Profile.of([(1, 2, 0)]))


@pytest.mark.parametrize("kwargs, match", [
    ({"n": 1}, "n must be a whole number >= 2"),
    ({"n": 3, "types": 0}, "user types"),
    ({"n": 3, "orders": "partial"}, "orders must be one of"),
    ({"n": 3, "domain": "spiral"}, "unknown domain"),
    ({"n": 3, "orders": "weak", "domain": "mallows"}, "strict orders"),
    ({"n": 3, "domain": "mallows", "centre": "0,1"}, "not an order"),
    ({"n": 3, "domain": "mallows", "centre": "a,b,c"}, "centre must list"),
    ({"n": 3, "centre": (0, 1, 2)}, "only meaningful for the mallows"),
    ({"n": 3, "domain": "mallows", "radius": -1}, "radius"),
    ({"n": 3, "max_count": 0}, "largest voter count"),
])
def test_bad_classes_are_input_errors(kwargs, match):
    with pytest.raises(InputError, match=match):
        parse_instance_class(**kwargs)


def test_parse_spellings_and_limits():
    assert parse_instance_class(4, domain="any") == InstanceClass(n=4)
    assert parse_instance_class(4, domain="Single_Peaked").domain == "single-peaked"
    assert parse_instance_class(3, domain="mallows", centre="2,0,1").centre == (2, 0, 1)
    with pytest.raises(InputError, match=f"{MAX_ORDERS:,}"):
        InstanceClass(n=9).allowed_orders()
    with pytest.raises(InputError, match="2..3 responses"):
        InstanceClass(n=3).allowed_orders(4)
    # the strategy itself needs no enumeration for unrestricted orders
    assert find(InstanceClass(n=12).strategy(), lambda p: p.n >= 12).n == 12
    assert "single-peaked" in InstanceClass(n=3, domain="single-peaked").describe()
