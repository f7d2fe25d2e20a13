"""Claim statements: what is claimed, where it comes from, its scope and its recorded status.

This module is the Challenge half of the Challenge/Solution split: it never imports z3 or
any solver (a test enforces it), so a reader can see every claim at a glance. Proofs live
beside it in the ``proofs`` package and are looked up by claim id.

A status says exactly what backs the claim:

* ``PROVED``: by the Coq theorems named in ``coq`` (``proofs/coq/``, kernel-checked against
  Mathematical Components); ``ualign verify`` checks that they are built and that their
  ``Print Assumptions`` is closed (the existence corollary: exactly Nash's theorem);
* ``PROVED-UP-TO``: by bounded proofs, for the sizes named in ``proved_sizes``;
* ``REFUTED``: with a witness in ``counterexamples/archive`` that the solver-free checker
  replays, and where ``coq`` names one, a Coq theorem that the claim is false;
* ``DERIVED``: a sympy derivation finds the formula and exact checks on instances agree, but
  no kernel-checked proof exists yet: not a proof;
* ``OPEN``: none of these.

>>> [c.id for c in CLAIMS][:3]
['constant-sum', 'equal-share', 'deviation-payoff']
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
    DERIVED = "DERIVED"
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
    #: Coq theorems of ``UAlign.Theorems`` that prove the claim (or, for REFUTED, its negation).
    coq: tuple[str, ...] = ()


def _coq(*names: str) -> tuple[str, ...]:
    return tuple(f"UAlign.Theorems.{name}" for name in names)


CLAIMS: tuple[Claim, ...] = (
    Claim("constant-sum",
          "In every contest under the share rule, the shares of all k + l slots sum to 1, and "
          "the model's share is the sum of its own slots' shares.",
          "sum_i share(join S T, i) = 1,  W_share(S, T) = sum_a share(join S T, inl a)",
          "paper (the share rule)", "share", "all n, all k, l with k + l >= 1, weak orders",
          Status.PROVED, "Coq: slot shares are membership in the best class over its size",
          coq=_coq("constant_sum")),
    Claim("equal-share",
          "When all k + 1 players of the alignment game draw from the same lottery, each "
          "player's expected prize is exactly 1/(k+1).",
          "sum_c pi^(k+1)(c) prize_i(c) = 1/(k+1) for every player i",
          "paper (the game is constant-sum)", "share", "all n, all k, weak orders",
          Status.PROVED, "Coq: exchangeability (swap slot 0 and slot i) and constant-sum",
          derivations=("equal-share",), coq=_coq("equal_share")),
    Claim("deviation-payoff",
          "The deviation payoff has the closed form sum_u w_u sum_j C(k,j) B^j A^(k-j)/(j+1), "
          "A the mass below y's class and B the mass of its class; for B > 0 this is "
          "((A+B)^(k+1) - A^(k+1)) / ((k+1) B).",
          "V(y) = sum_u w_u sum_j C(k,j) B_u^j A_u^(k-j) / (j+1)",
          "paper (deviation payoff)", "share", "all n, all k, weak orders", Status.PROVED,
          "Coq: from the definition (a sum over k-tuples), grouped by the number of ties",
          derivations=("deviation-payoff",), coq=_coq("deviation_payoff", "deviation_quotient")),
    Claim("achievability",
          "If pi is an eps-symmetric equilibrium of the (k+1)-player alignment game, the "
          "k-sample product pi^(x)k wins at least k/(k+1) - eps against every single-output "
          "competitor lottery.",
          "V(y) <= sum_z pi(z) V(z) + eps for all y  =>  W_share(pi^k, q) >= k/(k+1) - eps",
          "paper (abstract and main theorem)", "share",
          "all n, all k >= 1, weak orders, mixed competitors", Status.PROVED,
          "Coq: W(pi^k, q) = 1 - sum_y q(y) V(y) by constant-sum, and sum_z pi(z) V(z) = 1/(k+1)",
          derivations=("deviation-payoff", "equal-share", "achievability"),
          coq=_coq("achievability")),
    Claim("achievability-weak",
          "The same bound when ties go to the k-output side.",
          "V(y) <= sum_z pi(z) V(z) + eps  =>  W_weak(pi^k, q) >= k/(k+1) - eps",
          "our reconstruction (tie-rule variant)", "weak",
          "all n, all k >= 1, weak orders, mixed competitors", Status.PROVED,
          "Coq: the weak prize is at least the share prize in every contest",
          derivations=("achievability",), coq=_coq("achievability_weak_ties")),
    Claim("achievability-half",
          "The same bound when a tie between the two sides' best counts 1/2.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_half(pi^k, y) >= k/(k+1)",
          "our reconstruction (tie-rule variant)", "half", "k >= 2, strict or weak orders",
          Status.REFUTED,
          "two-group instance, eps = 1/4, k = 2: the point mass on the Condorcet winner is an "
          "exact equilibrium and a competitor copying it ties every user, so the product wins "
          "1/2 < 2/3 (archived witness; Coq theorem of the negation, by computation)",
          derivations=("achievability", "nlhf-ceiling"), coq=_coq("achievability_half_fails"),
          note="A reader might assume the bound is rule-free; it is not."),
    Claim("achievability-strict",
          "The same bound when the k-output side loses every tie.",
          "V(y) <= 1/(k+1) for all y  =>  min_y W_strict(pi^k, y) >= k/(k+1)",
          "our reconstruction (tie-rule variant)", "strict", "all k >= 1", Status.REFUTED,
          "same instance: the copying competitor wins every tie, so the product wins 0 < 2/3 "
          "(archived witness; Coq theorem of the negation, by computation)",
          derivations=("achievability", "nlhf-ceiling"), coq=_coq("achievability_strict_fails")),
    Claim("ne-exists",
          "Every profile has a symmetric equilibrium, so a (k, k/(k+1))-robust k-sample "
          "product exists for every k.",
          "exists pi: V(y) <= sum_z pi(z) V(z) for all y, hence W_share(pi^k, q) >= k/(k+1)",
          "paper (existence, by Nash 1951)", "share", "all n, all k, real closed fields",
          Status.PROVED, "Coq, assuming only Nash's theorem for symmetric games (Nash.v, the "
          "one axiom of the development)", coq=_coq("existence")),
    Claim("multi-opponent",
          "Against l-output competitors, joint or product, an eps-symmetric equilibrium's "
          "k-sample product wins at least (k+1-l)/(k+1) - l eps, for every l >= 1.",
          "min_T W_share(pi^k, T) >= 1 - l (1/(k+1) + eps) for every law of T over l-tuples",
          "paper (stated), union bound (ours)", "share", "all n, all k, l >= 1, weak orders",
          Status.PROVED, "Coq: the slot-by-slot lemma (the competitor's share of the (k+l)-slot "
          "contest is at most the sum of its slots' single-slot shares) and equal share",
          derivations=("multi-opponent",), coq=_coq("multi_opponent"),
          note="Whether (k+1-l)/(k+1) is the best rate for l >= 2 is the OPEN claim "
               "multi-opponent-tight."),
    Claim("nlhf-k1-optimal",
          "At k = 1 no lottery wins more than 1/2 against every competitor lottery (a copying "
          "competitor ties it); the symmetric equilibria of the two-player share game are "
          "exactly the maximal lotteries, and they win at least 1/2.",
          "max_p min_q W(p, q) = 1/2, attained exactly by the maximal lotteries",
          "folklore (Fishburn 1984; NLHF, Munos et al. 2023)", "share", "all n, k = 1",
          Status.PROVED, "Coq: W(p, p) = 1/2 by constant-sum, and W(p, y) = 1 - V(y)",
          coq=_coq("nlhf_half_is_best", "maximal_lotteries_are_equilibria",
                   "nlhf_equilibrium_wins_half")),
    Claim("nlhf-ceiling",
          "On the two-group instance with margin eps, the point mass on the Condorcet winner "
          "is the only maximal lottery, and its k-sample product wins exactly "
          "min(1/2 + eps, k/(k+1)) against its worst competitor lottery, for every k >= 1.",
          "robustness(delta_0^k) = min(1/2 + eps, k/(k+1))",
          "paper (NLHF ceiling)", "share", "two responses, all k >= 1, 0 < eps < 1/2",
          Status.PROVED, "Coq: the closed form of V at the point mass, and maximality forces "
          "the mass off b", derivations=("nlhf-ceiling",), coq=_coq("nlhf_ceiling"),
          note="The ceiling is 1/2 + eps only when eps <= (k-1)/(2(k+1))."),
    Claim("asymmetric-ne",
          "An asymmetric Nash equilibrium's player policy also gives k/(k+1).",
          "(pi_0, ..., pi_k) Nash  =>  min_y W(pi_i^k, y) >= k/(k+1)",
          "reader's assumption (not in the paper)", "share", "k >= 2 (n = 2 suffices)",
          Status.REFUTED,
          "found by the bounded z3/cvc5 search: users 0>1 (weight 5/8) and 1>0 (3/8), pure "
          "profile (1, 0, 0) is a Nash equilibrium at k = 2, yet player 0's policy shows "
          "(1, 1) and wins only 3/8 < 2/3 against response 0 (archived witness with a "
          "pure-equilibrium certificate; Coq theorem of the negation, by computation)",
          coq=_coq("asymmetric_ne_fails"),
          note="Only symmetric equilibria carry the k/(k+1) guarantee."),
    Claim("selfplay-mixture",
          "Self-play: for any lotteries pi_1..pi_T, the mixture that picks a past iterate "
          "uniformly and then draws k times wins at least k/(k+1) - Regret_T/T against every "
          "competitor lottery, with equality against the best single response.",
          "W_share(Pi_T, q) >= k/(k+1) - Regret_T/T, = at the best response",
          "paper (self-play)", "share", "all n, all k, all T >= 1, weak orders", Status.PROVED,
          "Coq: linearity of the win rate in the policy, constant-sum and equal share",
          derivations=("selfplay-regret",), coq=_coq("selfplay_mixture")),
    Claim("average-selfplay",
          "The product of the average self-play lottery (1/T) sum_t pi_t wins at least what "
          "the mixture of products wins against every competitor lottery, so at least "
          "k/(k+1) - Regret_T/T.",
          "W(avg(pi_t)^k, q) >= W(Pi_T, q) >= k/(k+1) - Regret_T / T",
          "reader's assumption", "share", "all n, all k, all T >= 1, weak orders", Status.PROVED,
          "Coq: V is convex in the lottery (V = sum_u w_u int_0^1 (A + sB)^k ds, Jensen for "
          "the integral of a power of a linear form), then the self-play mixture bound",
          derivations=("deviation-payoff", "selfplay-regret"), coq=_coq("average_selfplay")),
    Claim("ne-unique",
          "The symmetric equilibrium of the (k+1)-player game is unique.",
          "|{pi : V_pi(y) <= 1/(k+1) for all y}| = 1", "reader's assumption", "share",
          "k = 1 (and weak orders)", Status.REFUTED,
          "impartial culture on 4 responses at k = 1: the uniform lottery and the point mass "
          "on response 2 are both exact equilibria (archived witness; Coq theorem of the "
          "negation, by computation)", coq=_coq("ne_unique_fails"),
          note="For the generic strict profiles we solved at k >= 2 it was unique; not in general."),
    Claim("converse",
          "No k-output policy beats k/(k+1) + eps on every instance: on impartial culture "
          "over m >= k responses every joint k-output policy has a pure competitor holding it "
          "to k/(k+1) + (1/2 - 1/(k+1))/m, so for every eps > 0 some instance leaves no "
          "policy (k, k/(k+1) + eps)-robust.",
          "min_y W(P, y) <= k/(k+1) + (1/2 - 1/(k+1))/m on IC(m), every joint P",
          "paper (converse, impartial culture)", "share", "impartial culture, all m >= k >= 1",
          Status.PROVED, "Coq: the permutation symmetry of impartial culture (y is first among "
          "S and y for 1/|S u {y}| of the orders), the tangent of 1/(c+1) and averaging over "
          "the m pure competitors; the rate over any archimedean field",
          derivations=("converse",), coq=_coq("converse", "converse_rate"),
          note="Under share a unanimous profile already holds every policy to k/(k+1) with no "
               "eps (unanimous-cap at l = 1); impartial culture shows the same with m! "
               "distinct strict orders. The exact IC value is converse-exact."),
    Claim("converse-exact",
          "On impartial culture with m >= k responses the best k-output policy wins exactly "
          "k/(k+1) + (t - 1/(k+1))/m (t = 1/2 share and half, 1 weak, 0 strict).",
          "max_P min_y W(P, y) = k/(k+1) + (t - 1/(k+1))/m on IC(m)",
          "paper (converse, impartial culture)", "all four", "impartial culture, m >= k",
          Status.DERIVED, "sympy derivation of the exact ceiling; each fixed (m, k) in "
          "proofs/certificates/ is an exact LP certificate (optimal policy and dual "
          "competitor) that the checker replays; the share ceiling (<=) is the Coq theorem "
          "converse, the attainment and the other rules have no Coq proof",
          derivations=("converse",),
          note="Under weak ties (ties go to the policy) a unanimous profile gives 1, so there "
               "the converse needs impartial culture."),
    Claim("unanimous-cap",
          "If one response is in every user's best class, the competitor showing it in all "
          "l slots holds every joint k-output policy to k/(k+l).",
          "max_P W_share(P, (y0, ..., y0)) <= k/(k+l)",
          "ours", "share", "all n, all k, l >= 1, weak orders", Status.PROVED,
          "Coq: the competitor's l slots are all in the best class, so the model's share is "
          "a/(a+l) with a <= k", coq=_coq("unanimous_cap"),
          note="At l = 1 this is the converse with eps = 0; at k = l it caps every instance at "
               "1/2."),
    Claim("favourites-cap",
          "On a profile over l responses where each response is the unique favourite of "
          "weight 1/l, the competitor showing each response once holds every joint k-output "
          "policy to ((l-r) q/(q+1) + r (q+1)/(q+2))/l, k = q l + r; this is k/(k+l) when l "
          "divides k and below it otherwise.",
          "max_P W_share(P, (0, 1, ..., l-1)) <= ((l-r) q/(q+1) + r (q+1)/(q+2))/l",
          "ours (the l > 1 table)", "share", "all k, all l >= 1, the l-favourites profiles",
          Status.PROVED, "Coq: each user's best class is the slots showing their favourite, "
          "and the secant of c/(c+1) between q and q+1 bounds a composition of k",
          coq=_coq("favourites_cap_bound"),
          note="At l = 2 this is the balanced two-response profile: 7/12 at k = 3."),
    Claim("favourites-optimum",
          "On the cyclic l-favourites profile the cap is attained: the exact optimal joint "
          "k-output policy against l-output competitors wins exactly "
          "((l-r) q/(q+1) + r (q+1)/(q+2))/l.",
          "max_P min_T W_share(P, T) = ((l-r) q/(q+1) + r (q+1)/(q+2))/l",
          "ours (the l > 1 table)", "share", "the cyclic l-favourites profile, l <= k",
          Status.OPEN, "the upper side is favourites-cap (Coq); the exact LP optimum equals "
          "the closed form for every l <= 4 with l <= k <= 10 and l = 5 with k <= 7 "
          "(27 sizes); no proof that the policy attains it for all k"),
    Claim("multi-opponent-tight",
          "Is (k+1-l)/(k+1) the best rate against l-output competitors for 2 <= l <= k? "
          "Best known: every instance admits a joint policy winning at least "
          "max(1/2, (k+1-l)/(k+1)), and some instance holds every policy to "
          "((l-r) q/(q+1) + r (q+1)/(q+2))/l (k = q l + r).",
          "max(1/2, (k+1-l)/(k+1)) <= inf_instances max_P min_T W(P, T) <= favourites cap",
          "paper (open question)", "share", "2 <= l <= k",
          Status.OPEN, "lower: the equilibrium product (Coq theorem multi_opponent) and, for "
          "1/2, the minimax theorem on the symmetric l-vs-l game plus monotonicity of share in "
          "the policy's slots (an argument, not kernel-checked); upper: favourites-cap (Coq) "
          "and the archived table (counterexamples/archive/l-gap, k <= 6, l <= 3, exact "
          "optimal-policy certificates); no searched instance went below the closed form",
          note="At k = l the rate is exactly 1/2 (unanimous-cap and the minimax argument), "
               "so (k+1-l)/(k+1) = 1/(k+1) is not tight there. When l divides k the gap is "
               "l(l-1)/((k+l)(k+1)); the least in the table is 1/28 at (k, l) = (6, 2)."),
)


def claim_ids() -> list[str]:
    return [c.id for c in CLAIMS]


def claim(claim_id: str) -> Claim:
    """The claim with this id (KeyError listing the known ids otherwise)."""
    for c in CLAIMS:
        if c.id == claim_id:
            return c
    raise KeyError(f"unknown claim {claim_id!r}; known: {', '.join(claim_ids())}")
