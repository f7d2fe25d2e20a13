"""ualign: exact robust-alignment computations for k-output policies.

The companion to Cai and Zheng, "Asymptotic Universal Alignment" (ICML 2026). Everything here
is exact (``fractions.Fraction``) unless a name says ``_float``. The package is built in rooms
by layer; each may import only the rooms before it:

* :mod:`ualign.model`: profiles, lotteries, policies, tie rules, instances, generators,
  examples, exact numbers and errors (imports nothing else of ualign);
* :mod:`ualign.io`: PrefLib files, policy JSON, pref_voting interop (model);
* :mod:`ualign.game`: pairwise matrix, deviation payoffs, win rates, robustness (model);
* :mod:`ualign.solvers`: maximal lottery, regularised NLHF, symmetric equilibria, optimal
  policy, self-play (model, io, game);
* :mod:`ualign.certify`: certificates and the solver-free checker (model, io, game);
* :mod:`ualign.report`: ``compare`` and ``report`` tables and figures (all of the above);
* :mod:`ualign.symbolic`: sympy derivations of the bounds (model, game);
* :mod:`ualign.proofs`: the claim registry and what backs each claim (symbolic, solvers,
  certify);
* :mod:`ualign.counterexamples`: searches, lower bounds and the witness archive (proofs,
  solvers);
* :mod:`ualign.cli`: the command line, the only room that knows click and rich.

The names below are the stable entry points.

>>> from ualign import Profile, Lottery, ProductPolicy, robustness
>>> p = Profile.of([(0, 1, 2), (1, 2, 0), (2, 0, 1)])
>>> robustness(p, ProductPolicy(Lottery.uniform(3), k=2))
Fraction(2, 3)
"""

from ualign.certify.checker import check_certificate
from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_float, exploitability
from ualign.game.pairwise import condorcet_winner, pairwise_matrix
from ualign.game.robustness import (BestCompetitor, best_competitor, instance_robustness,
                                    instance_win_rate)
from ualign.game.robustness import robustness as _robustness
from ualign.game.win_rates import win_rate
from ualign.io.policy_json import load_policy, policy_from_json, policy_to_json
from ualign.io.pref_voting_interop import from_pref_voting, to_pref_voting
from ualign.io.preflib import read_preflib, to_preflib, write_preflib
from ualign.model.errors import InputError
from ualign.model.generators import impartial_culture, mallows, two_group_condorcet
from ualign.model.instance import Instance
from ualign.model.lottery import Lottery
from ualign.model.policies import JointPolicy, MixturePolicy, ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.solvers.maximal_lottery import maximal_lottery
from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
from ualign.solvers.optimal_policy import optimal_policy
from ualign.solvers.regularised_nlhf import regularised_nlhf
from ualign.solvers.selfplay import selfplay
from ualign.solvers.symmetric_equilibria import symmetric_equilibria

__all__ = [
    "BestCompetitor", "Instance", "InputError", "JointPolicy", "Lottery", "MixturePolicy",
    "ProductPolicy", "Profile", "TieRule", "best_competitor", "check_certificate",
    "condorcet_winner", "deviation_payoffs", "deviation_payoffs_float", "exploitability",
    "from_pref_voting", "to_pref_voting",
    "impartial_culture", "instance_robustness", "instance_win_rate", "load_policy", "mallows",
    "maximal_lottery", "optimal_policy", "pairwise_matrix", "policy_from_json",
    "policy_to_json", "read_preflib", "regularised_nlhf", "robustness", "selfplay",
    "symmetric_equilibria", "symmetric_equilibrium_numeric", "to_preflib",
    "two_group_condorcet", "win_rate", "write_preflib",
]


def robustness(profile, policy, l: int = 1, tie_rule: TieRule = TieRule.SHARE):
    """The policy's minimum exact win rate over all l-output competitors.

    ``profile`` is a :class:`Profile`, or a pref_voting ``Profile`` / ``ProfileWithTies``,
    read by :func:`from_pref_voting` (counts become exact weights; candidate ``i`` of
    ``profile.candidates`` is response ``i``). Otherwise as
    :func:`ualign.game.robustness.robustness`.

    >>> robustness(Profile.of([(0, 1), (1, 0)]), ProductPolicy(Lottery.uniform(2), k=1))
    Fraction(1, 2)
    """
    if not isinstance(profile, Profile):
        profile = from_pref_voting(profile)
    return _robustness(profile, policy, l, tie_rule)
