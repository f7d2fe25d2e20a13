"""ualign.proofs: the claim registry, with each claim's statement kept apart from its proof.

Its job is to record what the paper claims (id, words, scope, tie rule, status) in statement
modules that never import a solver (:mod:`~ualign.proofs.claims`), and beside them what backs
each claim: bounded Z3/cvc5 proofs for fixed sizes, exact LP certificates, the example checks
and the ``ualign verify`` job. Installed as ``ualign.proofs`` from the ``proofs/`` folder.

May import: :mod:`ualign.symbolic`, :mod:`ualign.solvers`, :mod:`ualign.certify` (and what
they may import).
"""
