"""Witness records for refuted robustness claims, and the archive that keeps them.

A witness is a refutation bundle (:func:`ualign.certify.certificates.robustness_refutation`),
so ``ualign check`` replays it with no solver and checks it for exactly what it refutes:

* the certificate that ties the policy to the construction: ``maximal-lottery`` for ``nlhf``,
  ``equilibrium`` for ``symmetric_ne`` (its exploitability is the slack), ``optimal-policy``
  for ``optimal`` (so no policy does better); ``uniform`` is checked directly, and float
  constructions are taken as given, which the statement says;
* the ``robustness`` certificate of the policy, whose exact value falls short;
* ``refutes``: the claim (construction, rate, k, l, tie rule, bound and instance class).

:func:`archive_witness` writes it as ``counterexamples/archive/<claim-id>.json`` with the
instance beside it as ``<claim-id>.soc`` (strict orders) or ``.toc`` (ties).

>>> from ualign.counterexamples.claim_language import RobustnessClaim
>>> from ualign.counterexamples.instance_classes import InstanceClass
>>> from ualign.certify.checker import check_certificate
>>> from ualign.model.generators import two_group_condorcet
>>> claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2, max_count=100))
>>> record = witness_record(claim, claim.evaluate(two_group_condorcet("1/100")))
>>> record["refutes"]["bound"], record["value"], check_certificate(record).ok
('2/3', '51/100', True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ualign.certify.certificates import (equilibrium_certificate, maximal_lottery_certificate,
                                         optimal_policy_certificate, robustness_certificate,
                                         robustness_refutation, save_certificate)
from ualign.counterexamples.claim_language import Evaluation, RobustnessClaim
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule

__all__ = ["ARCHIVE", "witness_record", "archive_witness"]

ARCHIVE = Path(__file__).resolve().parent / "archive"


def _hypotheses(claim: RobustnessClaim, ev: Evaluation) -> list[dict[str, Any]]:
    name = claim.construction_name
    if name == "optimal":  # the LP's primal and dual: no policy does better than its value
        from ualign.solvers.optimal_policy import optimal_policy
        best = optimal_policy(ev.profile, claim.k, claim.construction_params["l"],
                              TieRule.SHARE)
        if best.policy != ev.policy:
            raise ValueError("the optimal construction's policy is not the LP's optimum")
        return [optimal_policy_certificate(ev.profile, best)]
    if not isinstance(ev.policy, ProductPolicy):
        return []
    if name == "nlhf":
        return [maximal_lottery_certificate(ev.profile, ev.policy.lottery)]
    if name == "symmetric_ne":
        from ualign.game.deviation_payoffs import deviation_payoffs
        V = deviation_payoffs(ev.profile, ev.policy.lottery, claim.k)
        return [equilibrium_certificate(ev.profile, ev.policy.lottery, claim.k, V)]
    return []


def witness_record(claim: RobustnessClaim, ev: Evaluation,
                   found_by: str | None = None) -> dict[str, Any]:
    """The checkable refutation bundle for one violation (``found_by`` is its provenance)."""
    bound = claim.bound_at(ev.profile.n)
    if not ev.value < bound - ev.slack:
        raise ValueError(f"not a violation: the policy wins {ev.value} >= {bound}"
                         + (f" - {ev.slack} (its exploitability)" if ev.slack else ""))
    if not claim.instances.contains(ev.profile):
        raise ValueError(f"the witness is not in the claim's instance class "
                         f"({claim.instances.describe()})")
    shortfall = robustness_certificate(ev.profile, ev.policy, claim.l, claim.tie_rule)
    return robustness_refutation(claim.describe(ev.profile.n),
                                 _hypotheses(claim, ev) + [shortfall],
                                 ev.profile, ev.policy, ev.slack, source=found_by)


def archive_witness(claim_id: str, record: dict[str, Any], folder: Path = ARCHIVE) -> Path:
    """Write ``<claim-id>.json`` and the instance as ``<claim-id>.soc``/``.toc``; the JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    witness = record["witness"]
    (folder / f"{claim_id}.{witness['format']}").write_text(witness["preflib"], encoding="utf-8")
    return save_certificate(record, folder / f"{claim_id}.json")
