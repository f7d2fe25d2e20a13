"""ualign.symbolic: sympy derivations of the paper's bounds and constructions.

Its job is to derive, for symbolic k (and m, l, eps, tau, T), the closed forms that the exact
engine evaluates at numbers: the deviation payoff, the equal-share identity, the k/(k+1)
achievability and converse bounds, the NLHF 1/2-ceiling, l-output competitors and the
self-play regret deficit. Each derivation is a sequence of checked steps, returned as a
:class:`~ualign.symbolic.derivation.Derivation`; :mod:`~ualign.symbolic.registry` lists them
and ``ualign derive NAME`` re-runs them. Nothing here imports z3. Installed as
``ualign.symbolic`` from the ``symbolic/`` folder.

May import: :mod:`ualign.model`, :mod:`ualign.game`.
"""
