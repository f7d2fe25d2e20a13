"""symbolic: sympy derivations of the paper's bounds and constructions.

Its job is to derive, for symbolic k (and m, l, eps, tau, T), the closed forms that the exact
engine in :mod:`ualign` evaluates at numbers: the deviation payoff, the equal-share identity,
the k/(k+1) achievability and converse bounds, and the NLHF 1/2-ceiling. Each derivation is a
sequence of checked steps, returned as a ``Derivation`` object. (Filled in by the symbolic
issue; nothing here imports z3.)
"""
