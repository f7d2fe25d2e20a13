"""The ``compare`` table: per k, what the NLHF product, the equilibrium product and the optimum win.

Every number is exact and comes with the certificate behind it, so a table can be replayed by
``ualign check``: the NLHF product (k draws from the maximal lottery), the product of the
certified numeric equilibrium, and the optimal joint policy when its LP is small enough.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ualign.certify.certificates import optimal_policy_certificate, robustness_certificate
from ualign.game.robustness import robustness
from ualign.model.errors import InputError
from ualign.model.policies import ProductPolicy, check_k, multiset_count
from ualign.solvers.maximal_lottery import maximal_lottery
from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
from ualign.solvers.optimal_policy import optimal_policy

__all__ = ["compare_rows", "OPTIMAL_CONTEST_LIMIT", "MAX_KMAX", "check_kmax"]

#: Largest ``C(n+k-1, k) * n * users`` for which the table also solves the optimal joint LP.
OPTIMAL_CONTEST_LIMIT = 2_000_000
#: Largest kmax: each k runs a numeric equilibrium search and an exact certificate.
MAX_KMAX = 32


def check_kmax(kmax: object, what: str = "--kmax") -> int:
    """Refuse a kmax the per-k table cannot reach."""
    kmax = check_k(kmax, what)
    if kmax > MAX_KMAX:
        raise InputError(f"{what} {kmax} is too large for the exact method (at most {MAX_KMAX}: "
                         f"each k needs an equilibrium search and exact certificates); for one "
                         f"large k use `ualign solve --k K --method numeric`")
    return kmax


def compare_rows(p, kmax: int, progress=None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per k = 1..kmax: exact robustness of the NLHF product, the certified equilibrium product
    and the optimal joint policy (when the LP fits), with the certificates behind them.

    Shared by ``ualign compare`` and ``ualign report``.

    >>> from ualign.model.examples import example
    >>> rows, certs = compare_rows(example("condorcet-cycle"), 2)
    >>> [(r["k"], r["nlhf_product"], r["optimal_joint"]) for r in rows]
    [(1, Fraction(1, 2), Fraction(1, 2)), (2, Fraction(2, 3), Fraction(13, 18))]
    """
    kmax = check_kmax(kmax, "kmax")
    ml = maximal_lottery(p)
    rows, certs = [], []
    for k in range(1, kmax + 1):
        if progress is not None:
            progress(k)
        nlhf = ProductPolicy(ml, k)
        eq = symmetric_equilibrium_numeric(p, k).lottery
        row = {"k": k, "nlhf_product": robustness(p, nlhf),
               "equilibrium_product": robustness(p, ProductPolicy(eq, k)),
               "optimal_joint": None, "bound": Fraction(k, k + 1)}
        certs += [robustness_certificate(p, nlhf), robustness_certificate(p, ProductPolicy(eq, k))]
        if multiset_count(p.n, k) * p.n * p.num_users <= OPTIMAL_CONTEST_LIMIT:
            try:
                best = optimal_policy(p, k)
                row["optimal_joint"] = best.value
                certs.append(optimal_policy_certificate(p, best))
            except InputError:
                pass
        rows.append(row)
    return rows, certs
