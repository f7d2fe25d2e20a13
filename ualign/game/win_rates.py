"""Exact win rates of a k-output policy against competitors, for every kind of policy.

The win rate of policy ``P`` (k slots) against competitor ``Q`` (l slots) is the expected
share of users' unit prize that ``P`` takes, users weighted by the profile and the tie rule
deciding ties between the two sides' best slots (see :mod:`ualign.model.ties`). It is linear in the
law of ``Q``, so it is computed against pure l-multisets and averaged.

Costs, with ``U`` user types and ``T`` competitor multisets:

* product or mixture against single responses: the closed forms of
  :mod:`ualign.game.deviation_payoffs`, O(U x n) per product;
* product against l-multisets: O(T x U x k);
* joint policy with support ``S``: O(|S| x T x U) exact contests.

Above :data:`MAX_EXACT_CONTESTS` contests the functions refuse with an error that says what to
use instead, rather than running for hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import lcm

import numpy as np

from ualign.game.deviation_payoffs import competitor_share, deviation_payoffs, user_class_masses
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, Policy, ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, contest_share, require_tie_rule

__all__ = ["win_rate", "competitor_table", "competitor_law", "contest_matrix", "contest_counts",
           "best_slots", "check_matrix_size", "MAX_EXACT_CONTESTS", "MAX_MATRIX_CONTESTS",
           "MAX_MATRIX_CELLS"]

Multiset = tuple[int, ...]
Competitor = Policy | Lottery | int | Sequence[int]

#: Largest number of (policy multiset, competitor multiset, user) contests evaluated exactly
#: one by one, in Fractions (the policy tables).
MAX_EXACT_CONTESTS = 3_000_000
#: The contest matrix is built from integer counts with numpy: 129 million contests take
#: 1.2 s (n = 20, k = 3, l = 2, 400 user types), so time allows 300 million.
MAX_MATRIX_CONTESTS = 300_000_000
#: Its entries become Fractions for the exact LP: 2 million cells are about 0.5 GB with the
#: integer matrix and the LP's float copy, which is what a 2-core CI machine can spare.
MAX_MATRIX_CELLS = 2_000_000


def competitor_law(competitor: Competitor, n: int) -> tuple[dict[Multiset, Fraction], int]:
    """A competitor's exact law over sorted l-multisets, and its ``l``.

    A competitor is a policy, a lottery (one output), a response index, or a multiset.

    >>> competitor_law(Lottery.of({1: "1/4", 2: "3/4"}), 3)
    ({(1,): Fraction(1, 4), (2,): Fraction(3, 4)}, 1)
    """
    if isinstance(competitor, Lottery):
        if competitor.n != n:
            raise InputError(f"competitor lottery covers {competitor.n} responses, not {n}")
        competitor = ProductPolicy(competitor, 1)
    if isinstance(competitor, (ProductPolicy, MixturePolicy, JointPolicy)):
        if competitor.n != n:
            raise InputError(f"competitor covers {competitor.n} responses, not {n}")
        return competitor.distribution(), competitor.k
    ms = (competitor,) if isinstance(competitor, int) else tuple(sorted(competitor))
    if not ms or any(isinstance(y, bool) or not isinstance(y, int) or not 0 <= y < n for y in ms):
        raise InputError(f"competitor {competitor!r} is not a multiset of responses 0..{n - 1}")
    return {ms: Fraction(1)}, len(ms)


def win_rate(profile: Profile, policy: Policy, competitor: Competitor,
             tie_rule: TieRule = TieRule.SHARE) -> Fraction:
    """Exact win rate of ``policy`` against ``competitor`` on ``profile``.

    Examples
    --------
    Three cyclic voters; two uniform draws beat any single response 2/3 of the time:

    >>> from ualign.model.lottery import Lottery
    >>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
    >>> win_rate(p, ProductPolicy(Lottery.uniform(3), 2), 0)
    Fraction(2, 3)
    """
    rule = require_tie_rule(tie_rule)
    law, _ = competitor_law(competitor, profile.n)
    table = competitor_table(profile, policy, list(law), rule)
    return sum((q * table[ms] for ms, q in law.items()), Fraction(0))


def competitor_table(profile: Profile, policy: Policy, competitors: Iterable[Multiset],
                     tie_rule: TieRule = TieRule.SHARE) -> dict[Multiset, Fraction]:
    """The policy's exact win rate against each competitor multiset given (sorted tuples)."""
    rule = require_tie_rule(tie_rule)
    competitors = [tuple(sorted(ms)) for ms in competitors]
    _check_policy(profile, policy)
    if isinstance(policy, ProductPolicy):
        return _product_table(profile, policy, competitors, rule)
    if isinstance(policy, MixturePolicy):
        table = dict.fromkeys(competitors, Fraction(0))
        for w, product in policy.products():
            for ms, v in _product_table(profile, product, competitors, rule).items():
                table[ms] += w * v
        return table
    return _joint_table(profile, policy, competitors, rule)


def _check_policy(profile: Profile, policy: Policy) -> None:
    if not isinstance(policy, (ProductPolicy, MixturePolicy, JointPolicy)):
        raise InputError(f"expected a ProductPolicy, MixturePolicy or JointPolicy, got "
                         f"{type(policy).__name__}")
    if policy.n != profile.n:
        raise InputError(f"the policy covers {policy.n} responses but the profile has {profile.n}")
    if not policy.exact:
        raise InputError("the policy has float probabilities; convert it with to_exact() first, "
                         "or use ualign.deviation_payoffs_float for a float estimate")


def _check_work(contests: int, what: str) -> None:
    if contests > MAX_EXACT_CONTESTS:
        raise InputError(f"{what} needs {contests:,} exact contests, above the limit of "
                         f"{MAX_EXACT_CONTESTS:,}; use a product or mixture policy against "
                         f"single responses (l = 1, closed form), a smaller l, or "
                         f"ualign.deviation_payoffs_float for a float estimate")


def check_matrix_size(rows: int, cols: int, users: int) -> None:
    """Refuse a contest matrix above :data:`MAX_MATRIX_CELLS` or :data:`MAX_MATRIX_CONTESTS`."""
    if rows * cols > MAX_MATRIX_CELLS or rows * cols * users > MAX_MATRIX_CONTESTS:
        raise InputError(f"the contest matrix has {rows:,} x {cols:,} multisets over {users:,} "
                         f"user types, above the exact limits ({MAX_MATRIX_CELLS:,} cells, "
                         f"{MAX_MATRIX_CONTESTS:,} contests); use a product or mixture policy "
                         f"against single responses (l = 1, closed form) or a smaller l")


def _product_table(profile: Profile, policy: ProductPolicy, competitors: list[Multiset],
                   rule: TieRule) -> dict[Multiset, Fraction]:
    k = policy.k
    if all(len(ms) == 1 for ms in competitors):
        values = deviation_payoffs(profile, policy.lottery, k, rule)
        return {ms: 1 - values[ms[0]] for ms in competitors}
    _check_work(len(competitors) * profile.num_users * k, "this product policy's table")
    users = [(ranks, w, *user_class_masses(ranks, policy.lottery.probs))
             for ranks, w in zip(profile.ranks, profile.weights)]
    table = {}
    for ms in competitors:
        lost = Fraction(0)
        for ranks, w, mass, below in users:
            c = min(ranks[t] for t in ms)
            b = sum(1 for t in ms if ranks[t] == c)
            lost += w * competitor_share(below[c], mass[c], k, b, rule)
        table[ms] = 1 - lost
    return table


def best_slots(ranks: Sequence[int], ms: Multiset) -> tuple[int, int]:
    """The user's best class among the slots, and how many slots hold it."""
    c = min(ranks[t] for t in ms)
    return c, sum(1 for t in ms if ranks[t] == c)


def _joint_table(profile: Profile, policy: JointPolicy, competitors: list[Multiset],
                 rule: TieRule) -> dict[Multiset, Fraction]:
    _check_work(len(policy.support) * len(competitors) * profile.num_users,
                "this joint policy's table")
    # Per user, group the policy's multisets by (best class, slots in it): few distinct groups.
    users = []
    for ranks, w in zip(profile.ranks, profile.weights):
        groups: dict[tuple[int, int], Fraction] = {}
        for ms, p in policy.support:
            key = best_slots(ranks, ms)
            groups[key] = groups.get(key, Fraction(0)) + p
        users.append((ranks, w, list(groups.items())))
    table = {}
    for ms in competitors:
        won = Fraction(0)
        for ranks, w, groups in users:
            cT, b = best_slots(ranks, ms)
            for (cS, a), p in groups:
                won += w * p * (1 if cS < cT else 0 if cS > cT else contest_share(rule, a, b))
        table[ms] = won
    return table


def contest_matrix(profile: Profile, rows: Sequence[Multiset], cols: Sequence[Multiset],
                   tie_rule: TieRule = TieRule.SHARE) -> list[list[Fraction]]:
    """Exact ``G[i][j]``: the win rate of showing multiset ``rows[i]`` against ``cols[j]``.

    This is the payoff matrix of the zero-sum game between k-output and l-output policies.

    >>> contest_matrix(Profile.of([(0, 1), (1, 0)]), [(0, 1)], [(0,), (1,)])
    [[Fraction(3, 4), Fraction(3, 4)]]
    """
    rule = require_tie_rule(tie_rule)
    check_matrix_size(len(rows), len(cols), profile.num_users)
    numer, denom = contest_counts(profile, rows, cols, rule)
    return [[Fraction(int(v), denom) for v in row] for row in numer]


def contest_counts(profile: Profile, rows: Sequence[Multiset], cols: Sequence[Multiset],
                   tie_rule: TieRule = TieRule.SHARE) -> tuple[list[list[int]], int]:
    """Integers with ``contest_matrix(...)[i][j] = numer[i][j] / denom``.

    The weights become integer counts over one denominator and every share ``a/(a+b)`` an
    integer over ``lcm(1, ..., k+l)`` (times 2 for ``half``), so the matrix is a sum of
    integer matrices, one per user type (numpy ``int64`` when it cannot overflow, Python
    ints otherwise).

    >>> contest_counts(Profile.of([(0, 1), (1, 0)]), [(0, 1)], [(0,), (1,)])
    ([[9, 9]], 12)
    """
    rule = require_tie_rule(tie_rule)
    k = max((len(ms) for ms in rows), default=1)
    l = max((len(ms) for ms in cols), default=1)
    share_scale = lcm(*range(1, k + l + 1), 2)
    table = [[int(contest_share(rule, a, b) * share_scale) for b in range(l + 1)]
             for a in range(k + 1)]
    counts, scale = profile.integer_weights()
    denom = scale * share_scale  # every entry and partial sum is at most denom
    dtype = np.int64 if denom < 2 ** 62 else object
    share = np.array(table, dtype=dtype)
    G = np.zeros((len(rows), len(cols)), dtype=dtype)
    for ranks, c in zip(profile.ranks, counts):
        rb = np.array([best_slots(ranks, ms) for ms in rows], dtype=np.int64).reshape(-1, 2)
        cb = np.array([best_slots(ranks, ms) for ms in cols], dtype=np.int64).reshape(-1, 2)
        cS, a = rb[:, :1], rb[:, 1:]
        cT, b = cb[:, 0][None, :], cb[:, 1][None, :]
        user = np.where(cS < cT, share_scale, 0).astype(dtype)
        tied = cS == cT
        user = np.where(tied, share[a, b], user)
        G += c * user
    return [[int(v) for v in row] for row in G], denom
