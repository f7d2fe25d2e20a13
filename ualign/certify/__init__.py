"""ualign.certify: certificates, and the solver-free checker that replays them.

Its job is to write every exact result as a JSON certificate
(:mod:`~ualign.certify.certificates`) and to re-derive each stated field in Fractions
(:mod:`~ualign.certify.checker`, :mod:`~ualign.certify.lemma_polynomials`), so that a verdict
never rests on the solver that produced it. It must never import a solver (no z3, cvc5,
scipy, sympy or :mod:`ualign.solvers`).

May import: :mod:`ualign.model`, :mod:`ualign.io`, :mod:`ualign.game`.
"""
