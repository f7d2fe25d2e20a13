"""ualign.counterexamples: searches for counterexamples, and the archive of the ones found.

Its job is to refute robust-alignment claims with replayable witnesses: Hypothesis strategies
for profiles, lotteries and policies (:mod:`~ualign.counterexamples.strategies`), Z3 and
Hypothesis search engines, minimisation, lower-bound instances, and ``archive/``, the found
instances as JSON plus PrefLib files, each replayed by the solver-free checker. Installed as
``ualign.counterexamples`` from the ``counterexamples/`` folder.

May import: :mod:`ualign.proofs`, :mod:`ualign.solvers` (and what they may import).
"""
