"""Exact LP certificates for claims about fixed instances.

Run ``python -m ualign.proofs.lp_certificates`` to rebuild them.

The converse on impartial culture for fixed (m, k): the optimal k-output policy (primal) and
the competitor's mixed strategy (dual) pin the optimum exactly, and it equals the symbolic
ceiling ``k/(k+1) + (t - 1/(k+1))/m`` of :mod:`ualign.symbolic.converse`. The files in
``proofs/certificates/`` replay with ``ualign check`` (no solver).
"""

from __future__ import annotations

from pathlib import Path

from ualign.certify.certificates import optimal_policy_certificate, save_certificate
from ualign.model.generators import impartial_culture
from ualign.model.ties import TieRule
from ualign.solvers.optimal_policy import optimal_policy

FOLDER = Path(__file__).resolve().parent / "certificates"
CONVERSE_SIZES = ((4, 2), (5, 2), (6, 2), (4, 3), (5, 3))
RULES = (TieRule.SHARE, TieRule.WEAK, TieRule.STRICT, TieRule.HALF)


def converse_certificate(m: int, k: int, rule: TieRule = TieRule.SHARE) -> dict:
    return optimal_policy_certificate(impartial_culture(m), optimal_policy(impartial_culture(m), k, 1, rule))


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    for m, k in CONVERSE_SIZES:
        for rule in RULES:
            print(save_certificate(converse_certificate(m, k, rule),
                                   FOLDER / f"converse-m{m}-k{k}-{rule}.json"))


if __name__ == "__main__":
    main()
