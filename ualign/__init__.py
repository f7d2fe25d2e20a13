"""ualign: exact robust-alignment computations for k-output policies.

The core of the companion to Cai and Zheng, "Asymptotic Universal Alignment" (ICML 2026):
exact preference profiles, PrefLib I/O, tie rules, policies and win rates, and the solvers
(maximal lotteries, symmetric equilibria, optimal policies, self-play) with certificates. Everything here is
exact (``fractions.Fraction``) unless a name says ``_float``.

>>> from ualign import Profile, Lottery, ProductPolicy, robustness
>>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
>>> robustness(p, ProductPolicy(Lottery.uniform(3), k=2))
Fraction(2, 3)
"""

from ualign.checker import check_certificate
from ualign.deviation_payoffs import deviation_payoffs, deviation_payoffs_float, exploitability
from ualign.errors import InputError
from ualign.generators import impartial_culture, mallows, two_group_condorcet
from ualign.instance import Instance, instance_robustness, instance_win_rate
from ualign.lottery import Lottery
from ualign.maximal_lottery import maximal_lottery
from ualign.numeric_equilibrium import symmetric_equilibrium_numeric
from ualign.optimal_policy import optimal_policy
from ualign.pairwise import condorcet_winner, pairwise_matrix
from ualign.policies import JointPolicy, MixturePolicy, ProductPolicy
from ualign.policy_json import load_policy, policy_from_json, policy_to_json
from ualign.preflib import read_preflib, to_preflib, write_preflib
from ualign.profile import Profile
from ualign.regularised_nlhf import regularised_nlhf
from ualign.robustness import BestCompetitor, best_competitor, robustness
from ualign.selfplay import selfplay
from ualign.symmetric_equilibria import symmetric_equilibria
from ualign.ties import TieRule
from ualign.win_rates import win_rate

__all__ = [
    "BestCompetitor", "Instance", "InputError", "JointPolicy", "Lottery", "MixturePolicy",
    "ProductPolicy", "Profile", "TieRule", "best_competitor", "check_certificate",
    "condorcet_winner", "deviation_payoffs", "deviation_payoffs_float", "exploitability",
    "impartial_culture", "instance_robustness", "instance_win_rate", "load_policy", "mallows",
    "maximal_lottery", "optimal_policy", "pairwise_matrix", "policy_from_json",
    "policy_to_json", "read_preflib", "regularised_nlhf", "robustness", "selfplay",
    "symmetric_equilibria", "symmetric_equilibrium_numeric", "to_preflib",
    "two_group_condorcet", "win_rate", "write_preflib",
]
