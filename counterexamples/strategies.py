"""Hypothesis strategies for profiles, lotteries and policies, for this and other test suites.

Every strategy builds a valid object directly (no filtering), and shrinks towards small ones:
fewer responses, fewer user types, smaller integer weights.

>>> from hypothesis import given
>>> @given(profiles(max_n=3))
... def test_weights_sum_to_one(p):
...     assert sum(p.weights) == 1
>>> test_weights_sum_to_one()
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule

__all__ = ["weak_orders", "strict_orders", "profiles", "lotteries", "product_policies",
           "mixture_policies", "joint_policies", "policies", "tie_rules"]


def weak_orders(n: int) -> st.SearchStrategy[tuple[int, ...]]:
    """Rank vectors of weak orders on ``n`` responses (class of each response, 0 = best)."""
    return st.lists(st.integers(0, n - 1), min_size=n, max_size=n).map(tuple)


def strict_orders(n: int) -> st.SearchStrategy[tuple[int, ...]]:
    """Rank vectors of strict orders on ``n`` responses."""
    return st.permutations(range(n)).map(tuple)


@st.composite
def profiles(draw, min_n: int = 1, max_n: int = 4, max_users: int = 4, strict: bool | None = None,
             max_weight: int = 10, n: int | None = None) -> Profile:
    """Profiles with integer-count weights; ``strict=None`` mixes strict and weak orders."""
    n = draw(st.integers(min_n, max_n)) if n is None else n
    users = draw(st.integers(1, max_users))
    orders = strict_orders(n) if strict else weak_orders(n)
    if strict is None:
        orders = st.one_of(weak_orders(n), strict_orders(n))
    ranks = draw(st.lists(orders, min_size=users, max_size=users))
    weights = draw(st.lists(st.integers(1, max_weight), min_size=users, max_size=users))
    return Profile.from_ranks(ranks, [Fraction(w) for w in weights])


@st.composite
def lotteries(draw, n: int, max_weight: int = 6) -> Lottery:
    """Exact lotteries on ``n`` responses with small denominators (zeros allowed)."""
    raw = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    anchor = draw(st.integers(0, n - 1))
    raw[anchor] += 1  # at least one positive entry, without filtering
    total = sum(raw)
    return Lottery(tuple(Fraction(r, total) for r in raw))


def product_policies(n: int, k: int) -> st.SearchStrategy[ProductPolicy]:
    return lotteries(n).map(lambda lot: ProductPolicy(lot, k))


@st.composite
def mixture_policies(draw, n: int, k: int, max_components: int = 3) -> MixturePolicy:
    lots = draw(st.lists(lotteries(n), min_size=1, max_size=max_components))
    raw = [draw(st.integers(1, 5)) for _ in lots]
    return MixturePolicy(tuple((Fraction(r, sum(raw)), lot) for r, lot in zip(raw, lots)), k)


@st.composite
def joint_policies(draw, n: int, k: int, max_support: int = 4) -> JointPolicy:
    sets = draw(st.lists(st.lists(st.integers(0, n - 1), min_size=k, max_size=k),
                         min_size=1, max_size=max_support))
    raw = [draw(st.integers(1, 5)) for _ in sets]
    return JointPolicy.of([(s, Fraction(r, sum(raw))) for s, r in zip(sets, raw)], n=n, k=k)


def policies(n: int, k: int) -> st.SearchStrategy:
    """Any exact k-output policy: product, mixture or joint."""
    return st.one_of(product_policies(n, k), mixture_policies(n, k), joint_policies(n, k))


def tie_rules() -> st.SearchStrategy[TieRule]:
    return st.sampled_from(list(TieRule))
