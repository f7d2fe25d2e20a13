"""Exact checks on the built-in examples: what ``ualign verify`` runs until the claims engine.

Each check recomputes a known value from the paper or a hand computation with the exact
engine and compares it with ``==`` on Fractions; nothing here is a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.robustness import best_competitor, robustness
from ualign.game.win_rates import win_rate
from ualign.model.examples import EXAMPLES, example
from ualign.model.generators import impartial_culture
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, ProductPolicy

__all__ = ["Check", "example_checks"]


@dataclass(frozen=True)
class Check:
    """One exact check: what was computed, what it should be, and whether they agree."""

    name: str
    statement: str
    computed: str
    expected: str

    @property
    def passed(self) -> bool:
        return self.computed == self.expected


def _five_voter_ml() -> Check:
    p = example("five-voter")
    ml = ProductPolicy(Lottery.of(["3/5", "1/5", "1/5"]), 1)
    return Check("five-voter maximal lottery", "(3/5, 1/5, 1/5) wins >= 1/2 against every "
                 "response, with equality (k = 1, share)", str(robustness(p, ml)), "1/2")


def _nlhf_ceiling(kmax: int = 6) -> Check:
    p = example("nlhf-ceiling")
    values = [str(robustness(p, ProductPolicy(Lottery.point(0, p.n), k))) for k in range(1, kmax + 1)]
    # At k = 1 the competitor that copies the point mass ties it: 1/2, the NLHF game's value.
    return Check("nlhf-ceiling", f"the Condorcet point mass wins 1/2 at k = 1 and exactly "
                 f"1/2 + 1/10 for k = 2..{kmax}", ",".join(values), ",".join(["1/2"] + ["3/5"] * (kmax - 1)))


def _impartial_culture() -> Check:
    p = impartial_culture(6)
    s = JointPolicy.of({(0, 1): 1}, n=6)
    worst = best_competitor(p, s, 1)
    return Check("impartial culture m=6, k=2", "showing {0, 1} loses exactly 1/3 to a response "
                 "outside it", f"{worst.value} vs {worst.multiset}", "2/3 vs (2,)")


def _equal_share(name: str, kmax: int = 3) -> Check:
    p = example(name)
    # A non-uniform lottery, so that the identity is not an artefact of symmetry.
    pi = Lottery.of([Fraction(2 * (y + 1), p.n * (p.n + 1)) for y in range(p.n)])
    bad = [k for k in range(1, kmax + 1)
           if sum(q * v for q, v in zip(pi.probs, deviation_payoffs(p, pi, k))) != Fraction(1, k + 1)]
    return Check(f"equal share on {name}", f"sum_y pi(y) V(y) = 1/(k+1) for k = 1..{kmax}",
                 f"fails at k={bad}" if bad else "holds", "holds")


def _constant_sum(name: str) -> Check:
    p = example(name)
    a = ProductPolicy(Lottery.uniform(p.n), 2)
    b = JointPolicy.of({(0,): Fraction(1, 2), (p.n - 1,): Fraction(1, 2)}, n=p.n)
    total = win_rate(p, a, b) + win_rate(p, b, a)
    return Check(f"constant sum on {name}", "under share, W(A, B) + W(B, A) = 1 (k = 2 vs l = 1)",
                 str(total), "1")


def _solved_maximal_lottery() -> Check:
    from ualign.solvers.maximal_lottery import maximal_lottery
    lottery = maximal_lottery(example("five-voter"))
    return Check("maximal lottery solver", "the exact simplex returns (3/5, 1/5, 1/5) on the "
                 "five-voter example", ",".join(map(str, lottery.probs)), "3/5,1/5,1/5")


def _irrational_equilibrium() -> Check:
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    found = symmetric_equilibria(example("nlhf-ceiling"), 3)
    coords = [(e.support, e.coordinates[0].poly, e.coordinates[0].index)
              for e in found.equilibria]
    # V(0) = 1/4 on support {0, 1} is (p - 1)(p^2 - 11 p + 7) = 0 (by hand from the closed
    # form); p = 1 is beaten by response 1, leaving p = (11 - sqrt(93)) / 2.
    return Check("irrational equilibrium", "nlhf-ceiling at k = 3 has exactly one symmetric "
                 "equilibrium, pi(0) = (11 - sqrt(93))/2, the smaller root of x^2 - 11x + 7",
                 f"{coords} complete={found.complete}", "[((0, 1), (7, -11, 1), 1)] complete=True")


def _optimal_value() -> Check:
    from ualign.solvers.optimal_policy import optimal_policy
    best = optimal_policy(impartial_culture(4), 2)
    return Check("optimal 2-output policy", "on impartial culture with 4 responses the best "
                 "2-output policy wins exactly 17/24 (disjoint pairs, each half the time)",
                 str(best.value), "17/24")


def example_checks() -> list[Check]:
    """Run every example check (a few seconds at most)."""
    checks = [_five_voter_ml(), _nlhf_ceiling(), _impartial_culture(), _solved_maximal_lottery(),
              _irrational_equilibrium(), _optimal_value()]
    checks += [_equal_share(name) for name in EXAMPLES]
    checks += [_constant_sum(name) for name in EXAMPLES]
    return checks
