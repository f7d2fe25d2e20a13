"""ualign.report: tables and figures of robustness versus k on many profiles.

Its job is ``ualign compare`` and ``ualign report``: the exact per-k table with its
certificates (:mod:`~ualign.report.compare`), the per-profile report
(:mod:`~ualign.report.robustness_report`) and its matplotlib figures
(:mod:`~ualign.report.figures`).

May import: :mod:`ualign.model`, :mod:`ualign.io`, :mod:`ualign.game`, :mod:`ualign.solvers`,
:mod:`ualign.certify`.
"""
