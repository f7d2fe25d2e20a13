"""Witness records for refuted robustness claims, and the archive that keeps them.

A witness is a certificate *bundle* (so ``ualign check`` replays it with no solver) holding

* the hypothesis certificates the construction allows: a ``maximal-lottery`` certificate for
  ``nlhf``, an ``equilibrium`` certificate (exploitability <= 0) for ``symmetric_ne``;
* the ``robustness`` certificate of the policy, whose exact value falls short;
* ``refutes``: the claim and its ``bound``; the checker verifies that some robustness
  certificate in the bundle has a value strictly below it.

:func:`archive_witness` writes it as ``counterexamples/archive/<claim-id>.json`` with the
instance beside it as ``<claim-id>.soc`` (strict orders) or ``.toc`` (ties).

>>> from ualign.counterexamples.claim_language import RobustnessClaim
>>> from ualign.counterexamples.instance_classes import InstanceClass
>>> from ualign.certify.checker import check_certificate
>>> from ualign.model.generators import two_group_condorcet
>>> claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2))
>>> record = witness_record(claim, claim.evaluate(two_group_condorcet("1/100")))
>>> record["refutes"]["bound"], record["value"], check_certificate(record).ok
('2/3', '51/100', True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ualign.certify.certificates import (bundle, equilibrium_certificate,
                                         maximal_lottery_certificate, robustness_certificate,
                                         save_certificate)
from ualign.counterexamples.claim_language import Evaluation, RobustnessClaim
from ualign.io.policy_json import policy_to_json
from ualign.io.preflib import to_preflib
from ualign.model.policies import ProductPolicy

__all__ = ["ARCHIVE", "witness_record", "archive_witness"]

ARCHIVE = Path(__file__).resolve().parent / "archive"


def _hypotheses(claim: RobustnessClaim, ev: Evaluation) -> list[dict[str, Any]]:
    name = claim.construction_name
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
    """The checkable bundle for one violation, with the claim and the witness in plain view."""
    if not ev.value < claim.bound - ev.slack:
        raise ValueError(f"not a violation: the policy wins {ev.value} >= {claim.bound}"
                         + (f" - {ev.slack} (its exploitability)" if ev.slack else ""))
    shortfall = robustness_certificate(ev.profile, ev.policy, claim.l, claim.tie_rule)
    statement = (f"refutes '{claim.name}': on this instance the policy wins {ev.value} < "
                 f"{claim.bound} against the competitor {list(ev.worst_competitor)}")
    record = bundle(_hypotheses(claim, ev) + [shortfall], statement)
    text, kind = to_preflib(ev.profile, title="ualign counterexample")
    record.update({
        "refutes": claim.describe(),
        "value": str(ev.value), "shortfall": str(claim.bound - ev.value),
        "slack": str(ev.slack),
        "worst_competitor": list(ev.worst_competitor),
        "witness": {"preflib": text, "format": kind, "policy": policy_to_json(ev.policy),
                    "responses": ev.profile.n, "user_types": ev.profile.num_users},
    })
    if found_by:
        record["found_by"] = found_by
    return record


def archive_witness(claim_id: str, record: dict[str, Any], folder: Path = ARCHIVE) -> Path:
    """Write ``<claim-id>.json`` and the instance as ``<claim-id>.soc``/``.toc``; the JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    witness = record["witness"]
    (folder / f"{claim_id}.{witness['format']}").write_text(witness["preflib"], encoding="utf-8")
    return save_certificate(record, folder / f"{claim_id}.json")
