"""ualign.game: what a policy wins, from the definitions.

Its job is the contest itself: the pairwise (NLHF) matrix, the deviation payoffs of the
(k+1)-player alignment game, exact win rates of k-output policies against l-output
competitors, robustness and the worst competitor, and the exact checks that strategies solve
a zero-sum game (:mod:`~ualign.game.value_checks`). Nothing here searches or optimises.

May import: :mod:`ualign.model`.
"""
