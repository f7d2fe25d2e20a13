"""ualign.model: the exact objects everything else computes with.

Its job is to represent, exactly and canonically: profiles of weak orders with ``Fraction``
weights (:mod:`~ualign.model.profile`), lotteries and k-output policies
(:mod:`~ualign.model.lottery`, :mod:`~ualign.model.policies`), the tie rules
(:mod:`~ualign.model.ties`), multi-prompt instances, the seeded generators and the built-in
examples, exact numbers and number fields (:mod:`~ualign.model.exact`,
:mod:`~ualign.model.algebraic`), and :class:`~ualign.model.errors.InputError`.

May import: nothing else of ualign (the standard library only).
"""
