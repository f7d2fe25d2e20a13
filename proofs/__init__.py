"""proofs: the claim registry, with each claim's statement kept apart from its proof.

Its job is to record what the paper claims (id, words, scope, tie rule, status) in statement
modules that never import z3, and beside them the proofs: symbolic chains for all sizes,
bounded Z3/cvc5 proofs for fixed sizes, and exact LP certificates. (Filled in by the proofs
issue.)
"""
