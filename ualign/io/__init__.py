"""ualign.io: reading and writing the model's objects.

Its job is the boundary between files and exact objects: PrefLib ``.soc/.soi/.toc/.toi``
(:mod:`~ualign.io.preflib`), policy JSON (:mod:`~ualign.io.policy_json`) and conversion to and
from pref_voting profiles (:mod:`~ualign.io.pref_voting_interop`). Bad input raises
``InputError`` with ``FILE:LINE: problem``.

May import: :mod:`ualign.model`.
"""
