"""Build the archived witnesses of the REFUTED claims.

Run ``python -m ualign.counterexamples.refutation_witnesses`` to rebuild them.

Each witness is a certificate *bundle* in ``counterexamples/archive/CLAIM.json``: an exact
equilibrium (or equilibria) certificate for the hypothesis and a robustness certificate that
falls short of the claimed bound. ``ualign check`` replays every file without a solver, and a
test fails when a REFUTED claim has no witness or a witness stops replaying.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ualign.certify.certificates import bundle, equilibrium_certificate, robustness_certificate
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.model.generators import impartial_culture, two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule

ARCHIVE = Path(__file__).resolve().parent / "archive"


def _tie_rule_witness(rule: TieRule) -> dict:
    p, k, point = two_group_condorcet(Fraction(1, 4), 2), 2, Lottery.point(0, 2)
    hypothesis = equilibrium_certificate(p, point, k, deviation_payoffs(p, point, k))
    shortfall = robustness_certificate(p, ProductPolicy(point, k), 1, rule)
    return bundle([hypothesis, shortfall],
                  f"refutes achievability under {rule}: on the two-group instance with eps = 1/4 "
                  f"the point mass on the Condorcet winner is an exact symmetric equilibrium "
                  f"(exploitability 0) of the 3-player game, yet its 2-sample product wins only "
                  f"{shortfall['value']} < 2/3 against the competitor that copies it")


def _ne_unique_witness() -> dict:
    ic = impartial_culture(4)
    certs = [equilibrium_certificate(ic, lot, 1, deviation_payoffs(ic, lot, 1))
             for lot in (Lottery.uniform(4), Lottery.point(2, 4))]
    return bundle(certs, "refutes ne-unique: on impartial culture with 4 responses at k = 1 the "
                         "uniform lottery and the point mass on response 2 are both exact "
                         "symmetric equilibria (exploitability 0)")


def _asymmetric_ne_witness() -> dict:
    from ualign.model.profile import Profile
    p, k = Profile.of([(0, 1), (1, 0)], weights=[5, 3]), 2
    policy = ProductPolicy(Lottery.point(1, 2), k)
    return bundle([robustness_certificate(p, policy, 1, TieRule.SHARE)],
                  "refutes asymmetric-ne: with users 0>1 (5/8) and 1>0 (3/8) the pure profile "
                  "(1, 0, 0) is a Nash equilibrium of the 3-player game (player 0 earns 3/8 and "
                  "1/3 by switching to 0; players 1 and 2 earn 5/16 and 3/16 by switching to 1), "
                  "yet player 0's 2-sample policy wins only 3/8 < 2/3 against response 0")


def _nlhf_ceiling_witness() -> dict:
    from ualign.counterexamples.claim_language import RobustnessClaim
    from ualign.counterexamples.instance_classes import InstanceClass
    from ualign.counterexamples.witness_archive import witness_record
    claim = RobustnessClaim("nlhf", "k/(k+1)", k=2, instances=InstanceClass(n=2))
    return witness_record(claim, claim.evaluate(two_group_condorcet(Fraction(1, 100))),
                          "the NLHF-ceiling family at eps = 1/100 (symbolic/nlhf_ceiling)")


def _with_instance(build):
    """Add the ``witness`` block (PrefLib text, sizes) that the archive keeps beside a bundle."""
    def wrapped() -> dict:
        record = build()
        if "witness" not in record:
            from ualign.io.preflib import parse_preflib
            inst = record["certificates"][0]["instance"]
            profile = parse_preflib(inst["preflib"]).profile
            record["witness"] = {"preflib": inst["preflib"], "format": inst["format"],
                                 "responses": profile.n, "user_types": profile.num_users}
        return record
    return wrapped


WITNESSES = {claim_id: _with_instance(build) for claim_id, build in {
    "achievability-half": lambda: _tie_rule_witness(TieRule.HALF),
    "achievability-strict": lambda: _tie_rule_witness(TieRule.STRICT),
    "ne-unique": _ne_unique_witness, "asymmetric-ne": _asymmetric_ne_witness,
    "nlhf-product-k-robust": _nlhf_ceiling_witness}.items()}


def main() -> None:
    ARCHIVE.mkdir(exist_ok=True)
    from ualign.counterexamples.witness_archive import archive_witness
    for claim_id, build in WITNESSES.items():
        print(archive_witness(claim_id, build()))


if __name__ == "__main__":
    main()
