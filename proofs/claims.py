"""Claim statements: what is claimed, where it comes from, its scope and its recorded status.

This module is the Challenge half of the Challenge/Solution split: it never imports z3 or
any solver (a test enforces it), so a reader can see every claim at a glance. Proofs live
beside it in the ``proofs`` package and are looked up by claim id.

A status is one of

* ``PROVED``: for all sizes, by a chain of checked symbolic steps;
* ``PROVED-UP-TO``: by a bounded proof, for the sizes named in ``proved_sizes``;
* ``REFUTED``: with a witness in ``counterexamples/archive`` that the checker replays;
* ``OPEN``: neither yet.

>>> [c.id for c in CLAIMS][:3]
['achievability', 'achievability-weak', 'achievability-half']
>>> claim("nlhf-ceiling").status
<Status.PROVED: 'PROVED'>
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Status", "Claim", "CLAIMS", "claim", "claim_ids"]


class Status(str, Enum):
    PROVED = "PROVED"
    PROVED_UP_TO = "PROVED-UP-TO"
    REFUTED = "REFUTED"
    OPEN = "OPEN"


@dataclass(frozen=True)
class Claim:
    """One claim: its statement in words and as a formula, source, scope and recorded status."""

    id: str
    words: str
    formula: str
    source: str
    tie_rule: str
    scope: str
    status: Status
    evidence: str
    derivations: tuple[str, ...] = ()
    proved_sizes: tuple[tuple[int, int], ...] = ()
    note: str = ""
    parameters: dict = field(default_factory=dict)


CLAIMS: tuple[Claim, ...] = (
    Claim("achievability",
          "If pi is a symmetric equilibrium of the (k+1)-player alignment game, the k-sample "
          "product pi^(x)k wins at least k/(k+1) against every single response.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_share(pi^k, y) >= k/(k+1)",
          "paper (abstract and main theorem)", "share",
          "all n, all k >= 1, weak orders", Status.PROVED,
          "symbolic: equal-share makes the share contest constant-sum, so W(pi^k, y) = 1 - V(y)",
          derivations=("deviation-payoff", "equal-share", "achievability")),
    Claim("achievability-weak",
          "The same bound when ties go to the k-output side.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_weak(pi^k, y) >= k/(k+1)",
          "our reconstruction (tie-rule variant)", "weak", "all n, all k >= 1, weak orders",
          Status.PROVED, "symbolic: the weak competitor payoff A^k is at most the share payoff",
          derivations=("achievability",)),
    Claim("achievability-half",
          "The same bound when a tie between the two sides' best counts 1/2.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_half(pi^k, y) >= k/(k+1)",
          "our reconstruction (tie-rule variant)", "half", "k >= 2, strict or weak orders",
          Status.REFUTED,
          "one user indifferent between all responses: every lottery is an equilibrium and "
          "the product wins 1/2, short by (k-1)/(2(k+1)). Strict orders do not save it: on "
          "the two-group instance with eps >= (k-1)/(2(k+1)) the point mass is an equilibrium "
          "and a competitor copying it ties every user, so the product wins 1/2",
          derivations=("achievability", "nlhf-ceiling"),
          note="A reader might assume the bound is rule-free; it is not."),
    Claim("achievability-strict",
          "The same bound when the k-output side loses every tie.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_strict(pi^k, y) >= k/(k+1)",
          "our reconstruction (tie-rule variant)", "strict", "all k >= 1", Status.REFUTED,
          "a competitor copying a response the policy always shows wins every tie: the point "
          "mass on a Condorcet winner is an equilibrium and its product wins 0 under strict",
          derivations=("achievability", "nlhf-ceiling")),
    Claim("multi-opponent",
          "Against l-output competitors a symmetric equilibrium's product wins at least "
          "(k+1-l)/(k+1); impartial culture caps every policy at k/(k+l), and whether "
          "(k+1-l)/(k+1) is tight is open.",
          "min_T W_share(pi^k, T) >= (k+1-l)/(k+1) for |T| = l",
          "paper (stated), union bound (ours)", "share", "all n, k >= l >= 1",
          Status.PROVED, "symbolic union bound over the competitor's l slots",
          derivations=("multi-opponent",),
          note="The gap to the impartial-culture ceiling is l(l-1)/((k+l)(k+1)) >= 0: tightness "
               "for l >= 2 is open."),
    Claim("nlhf-k1-optimal",
          "At k = 1 the maximal lottery wins at least 1/2 against every response, and no "
          "1-output policy does better against every response.",
          "min_y P(ML beats y) = 1/2 = max_p min_y P(p beats y)",
          "folklore (Fishburn 1984; NLHF, Munos et al. 2023)", "share", "all n, k = 1",
          Status.PROVED, "minimax theorem on the symmetric zero-sum game (value 1/2 by "
          "antisymmetry); every instance re-checked by an exact LP certificate"),
    Claim("nlhf-ceiling",
          "On the two-group instance with margin eps, the NLHF solution (the point mass on "
          "the Condorcet winner) has a k-sample product that wins only "
          "min(1/2 + eps, k/(k+1)) for every k, so NLHF is stuck near 1/2 + eps.",
          "robustness(delta_0^k) = min(1/2 + eps, k/(k+1))",
          "paper (NLHF ceiling)", "share", "two responses, all k >= 1, 0 < eps < 1/2",
          Status.PROVED, "symbolic closed forms, tied to the exact engine",
          derivations=("nlhf-ceiling",),
          note="The ceiling is 1/2 + eps only when eps <= (k-1)/(2(k+1)); at k = 1 it is 1/2."),
    Claim("asymmetric-ne",
          "An asymmetric Nash equilibrium's player policy also gives k/(k+1).",
          "(pi_0, ..., pi_k) Nash  =>  min_y W(pi_i^k, y) >= k/(k+1)",
          "reader's assumption (not in the paper)", "share", "k >= 2 (n = 2 suffices)",
          Status.REFUTED,
          "found by the bounded z3/cvc5 search: users 0>1 (weight 5/8) and 1>0 (3/8), pure "
          "profile (1, 0, 0) is a Nash equilibrium at k = 2 (player 0 earns 3/8, 1/3 if it "
          "switches; the others 5/16 each, 3/16 if they switch), yet player 0's policy shows "
          "(1, 1) and wins only 3/8 < 2/3 against response 0; at k = 1 proved up to n = 2",
          note="Only symmetric equilibria carry the k/(k+1) guarantee."),
    Claim("average-selfplay",
          "The product of the average self-play lottery satisfies the same bound as the "
          "mixture of products, k/(k+1) - Regret_T/T.",
          "robustness(avg(pi_t)^k) >= k/(k+1) - Regret_T / T",
          "reader's assumption; proved here", "share", "all n, all k >= 1", Status.PROVED,
          "V is convex in pi (V = sum_u w_u int_0^1 (A + sB)^k ds), so by Jensen "
          "max_y V(avg) <= max_y avg_t V(pi_t) = 1/(k+1) + Regret_T/T; the Jensen step is "
          "argued in words (a checked proof object is pending) and asserted exactly on runs",
          derivations=("deviation-payoff", "selfplay-regret")),
    Claim("ne-unique",
          "The symmetric equilibrium of the (k+1)-player game is unique.",
          "|{pi : V_pi(y) <= 1/(k+1) for all y}| = 1", "reader's assumption", "share",
          "k = 1 (and weak orders)", Status.REFUTED,
          "impartial culture on 4 responses at k = 1: every lottery is an equilibrium (a "
          "continuum); on the `ties` example at k = 1 the equilibria form a segment",
          note="For the generic strict profiles we solved at k >= 2 it was unique; not in general."),
    Claim("converse",
          "No k-output policy beats k/(k+1) + eps on every instance: on impartial culture "
          "with m responses the best k-output policy wins exactly "
          "k/(k+1) + (t - 1/(k+1))/m (t = 1/2 share and half, 1 weak, 0 strict), for m >= k.",
          "max_P min_y W(P, y) = k/(k+1) + (t - 1/(k+1))/m on IC(m)",
          "paper (converse, impartial culture)", "share", "impartial culture, m >= k",
          Status.PROVED, "symbolic exact ceiling; each fixed (m, k) in proofs/certificates/ also "
          "by an exact LP certificate (optimal policy + dual competitor)",
          derivations=("converse",)),
)


def claim_ids() -> list[str]:
    return [c.id for c in CLAIMS]


def claim(claim_id: str) -> Claim:
    """The claim with this id (KeyError listing the known ids otherwise)."""
    for c in CLAIMS:
        if c.id == claim_id:
            return c
    raise KeyError(f"unknown claim {claim_id!r}; known: {', '.join(claim_ids())}")
