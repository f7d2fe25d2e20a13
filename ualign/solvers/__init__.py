"""ualign.solvers: the algorithms that find policies and equilibria.

Its job is to solve: the exact matrix-game simplex, the maximal lottery (NLHF without
regularisation), KL-regularised NLHF (float), every symmetric equilibrium of the alignment
game exactly (support systems, Groebner bases, number fields) or numerically with an exact
exploitability, the optimal joint policy (exact LP), and no-regret self-play.

May import: :mod:`ualign.model`, :mod:`ualign.io`, :mod:`ualign.game`.
"""
