"""Converting profiles to and from `pref_voting <https://pref-voting.readthedocs.io>`_.

pref_voting (Holliday and Pacuit) is an optional dependency, installed with the ``test``
extra; it is imported only when a function here is called.

Conventions
-----------
* **Weights and counts.** pref_voting counts voters; ualign weighs users with exact fractions
  summing to 1. :func:`to_pref_voting` scales the weights by the least common denominator, which
  gives the smallest integer counts; :func:`from_pref_voting` divides the counts by their total.
  Both directions are exact, so a round trip returns an equal
  :class:`~ualign.model.profile.Profile`.
* **Candidates and names.** Candidate ``pref_voting.candidates[i]`` (pref_voting keeps them
  sorted) becomes response ``i``, and its display name ``cmap[c]`` (by default ``str(c)``)
  becomes the response name. Going the other way, response ``y`` is candidate ``y`` and
  ``cmap[y]`` is its name, so names survive a round trip.
* **Partial rankings.** A :class:`~pref_voting.profiles_with_ties.ProfileWithTies` voter may
  rank only some candidates. The unranked ones are tied with each other at the *bottom* of that
  voter's order, as :mod:`ualign.io.preflib` does for incomplete PrefLib orders. pref_voting's
  default margins ignore a comparison with an unranked candidate; they agree with ualign's only
  after ``use_extended_strict_preference()``, which ranks ranked above unranked.
* **Margins.** With ``N`` voters, pref_voting's ``margin(y, z)`` equals
  ``N * (P[y][z] - P[z][y])`` for ualign's :func:`~ualign.game.pairwise.pairwise_matrix` ``P``.
"""

from __future__ import annotations

from math import lcm

from ualign.model.errors import InputError
from ualign.model.exact import as_fraction
from ualign.model.profile import Profile

__all__ = ["to_pref_voting", "from_pref_voting"]

MISSING = "pref_voting is not installed; pip install pref_voting (or ualign[test])"


def _pref_voting_classes() -> tuple[type, type]:
    """pref_voting's two profile classes, or InputError when pref_voting is missing."""
    try:
        # Import the package itself first: a submodule already in sys.modules would otherwise
        # be found even when the package has been removed or blocked.
        import pref_voting  # noqa: F401
        from pref_voting.profiles import Profile as LinearProfile
        from pref_voting.profiles_with_ties import ProfileWithTies
    except ImportError as exc:
        raise InputError(MISSING) from exc
    return LinearProfile, ProfileWithTies


def to_pref_voting(profile: Profile):
    """The same population as a pref_voting profile, with integer voter counts.

    A strict profile becomes a ``pref_voting.profiles.Profile`` (linear orders); a profile in
    which some user has ties becomes a ``pref_voting.profiles_with_ties.ProfileWithTies`` whose
    rankings map each candidate to its indifference class, 1 = best. Response ``y`` is
    candidate ``y`` and its name goes into ``cmap``. The exact weights are scaled by their
    least common denominator, so the counts are the smallest integers in the same proportions.

    Parameters
    ----------
    profile : Profile
        A ualign profile.

    Returns
    -------
    pref_voting.profiles.Profile or pref_voting.profiles_with_ties.ProfileWithTies

    Raises
    ------
    InputError
        When ``profile`` is not a ualign Profile, or pref_voting is not installed.

    Examples
    --------
    >>> p = Profile.of([(0, 1, 2), (2, (0, 1))], weights=["1/3", "2/3"], names=["a", "b", "c"])
    >>> pv = to_pref_voting(p)
    >>> type(pv).__name__, pv.rcounts, pv.margin(2, 0)
    ('ProfileWithTies', [1, 2], 1)
    >>> from_pref_voting(pv) == p
    True
    """
    LinearProfile, ProfileWithTies = _pref_voting_classes()
    if not isinstance(profile, Profile):
        raise InputError(f"to_pref_voting needs a ualign Profile, got {type(profile).__name__}")
    scale = lcm(*(w.denominator for w in profile.weights))
    counts = [int(w * scale) for w in profile.weights]
    cmap = dict(enumerate(profile.names))
    if profile.is_strict:
        orders = [sorted(range(profile.n), key=ranks.__getitem__) for ranks in profile.ranks]
        return LinearProfile(orders, rcounts=counts, cmap=cmap)
    rankings = [{y: r + 1 for y, r in enumerate(ranks)} for ranks in profile.ranks]
    return ProfileWithTies(rankings, rcounts=counts, candidates=list(range(profile.n)), cmap=cmap)


def from_pref_voting(pv_profile) -> Profile:
    """The ualign profile of a pref_voting ``Profile`` or ``ProfileWithTies``.

    Candidate ``pv_profile.candidates[i]`` becomes response ``i``, named by ``cmap`` (by default
    ``str`` of the candidate). Counts become exact weights ``count / total``. In a
    ``ProfileWithTies`` the candidates a voter leaves unranked are tied at the bottom of that
    voter's order (see the module notes on how this relates to pref_voting's margins).

    Parameters
    ----------
    pv_profile : pref_voting.profiles.Profile or pref_voting.profiles_with_ties.ProfileWithTies

    Returns
    -------
    Profile

    Raises
    ------
    InputError
        When pref_voting is missing, the argument is not one of the two profile classes, it has
        no candidates or no voters, a ranking names a candidate outside ``candidates``, a count
        is not an exact nonnegative number, or the names are not distinct.

    Examples
    --------
    >>> from pref_voting.profiles_with_ties import ProfileWithTies
    >>> pv = ProfileWithTies([{"x": 1, "y": 1}, {"z": 1}], rcounts=[3, 1])
    >>> from_pref_voting(pv)
    Profile.of([((0, 1), 2), (2, (0, 1))], weights=[3, 1], names=['x', 'y', 'z'])
    """
    LinearProfile, ProfileWithTies = _pref_voting_classes()
    if isinstance(pv_profile, LinearProfile):
        rankings, counts = pv_profile.rankings_counts
        rmaps = [{int(c): position for position, c in enumerate(order)} for order in rankings]
    elif isinstance(pv_profile, ProfileWithTies):
        rmaps, counts = pv_profile.rankings_as_dicts_counts
    else:
        raise InputError("from_pref_voting needs a pref_voting Profile or ProfileWithTies, got "
                         f"{type(pv_profile).__name__}")
    candidates = list(pv_profile.candidates)
    if not candidates:
        raise InputError("the pref_voting profile has no candidates")
    if len(rmaps) == 0:
        raise InputError("the pref_voting profile has no voters")
    index = {c: i for i, c in enumerate(candidates)}
    ranks = []
    for rmap in rmaps:
        unknown = [c for c in rmap if c not in index]
        if unknown:
            raise InputError(f"a ranking names {unknown!r}, which are not among the profile's "
                             f"candidates {candidates!r}")
        # Unranked candidates share one class below every ranked one (only the order of the
        # values matters; Profile.from_ranks renumbers them 0, 1, 2, ...).
        levels = sorted(set(rmap.values()))
        level = {v: i for i, v in enumerate(levels)}
        bottom = len(levels)
        ranks.append([level[rmap[c]] if c in rmap else bottom for c in candidates])
    weights = [as_fraction(count, "voter count") for count in counts]
    cmap = getattr(pv_profile, "cmap", None) or {}
    names = [str(cmap.get(c, c)) for c in candidates]
    return Profile.from_ranks(ranks, weights, names=names)
