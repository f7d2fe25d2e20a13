"""The l > 1 gap: the archived caps, the closed forms proved in Coq, and the README table.

The closed form of the l-favourites cap is a Coq theorem (``favourites_cap_bound``); here it
is compared with the exact LP optimum, an independent computation, and the archive's
certificates are replayed by the solver-free checker.
"""

from __future__ import annotations

import json
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ualign.certify.checker import check_certificate
from ualign.counterexamples import gap_archive, lower_bound_search
from ualign.counterexamples.gap_archive import FOLDER, SIZES, table_markdown, table_rows
from ualign.counterexamples.multi_opponent_gap import (favourites_cap, favourites_profile,
                                                       guarantee, search_caps)
from ualign.model.profile import Profile
from ualign.model.ties import TieRule
from ualign.solvers.optimal_policy import optimal_policy


def test_every_archived_cap_replays_and_is_the_table_value():
    rows = table_rows()
    assert [(r["k"], r["l"]) for r in rows] == list(SIZES)
    for r in rows:
        cert = json.loads((FOLDER / r["certificate"]).read_text(encoding="utf-8"))
        result = check_certificate(cert, FOLDER)
        assert result.ok, (r["certificate"], result.reason)
        assert (cert["k"], cert["l"], cert["tie_rule"]) == (r["k"], r["l"], "share")
        assert cert["value"] == r["cap"]
        assert "file" in cert["instance"] and (FOLDER / cert["instance"]["file"]).exists()
        # the LP optimum agrees with the closed form that Coq proves to be a cap
        assert Fraction(r["cap"]) == favourites_cap(r["k"], r["l"])
        assert Fraction(r["lower"]) <= Fraction(r["cap"])


def test_every_archived_cap_instance_meets_the_coq_hypotheses():
    from ualign.io.preflib import read_preflib
    for r in table_rows():
        cert = json.loads((FOLDER / r["certificate"]).read_text(encoding="utf-8"))
        p = read_preflib(FOLDER / cert["instance"]["file"])
        tops = [[y for y in range(p.n) if ranks[y] == min(ranks)] for ranks in p.ranks]
        if r["family"] == "unanimous":  # unanimous_cap: one response in every best class
            assert set.intersection(*(set(t) for t in tops))
            assert Fraction(r["cap"]) == Fraction(r["k"], r["k"] + r["l"])
        else:  # favourites_cap_bound: n = l, unique favourites, each of weight 1/l
            assert r["family"] == f"{r['l']}-favourites" and p.n == r["l"]
            assert all(len(t) == 1 for t in tops)
            mass = {y: sum(w for w, t in zip(p.weights, tops) if t == [y]) for y in range(p.n)}
            assert set(mass.values()) == {Fraction(1, r["l"])}


def test_the_readme_table_is_current():
    text = gap_archive.README.read_text(encoding="utf-8")
    block = text[text.index(gap_archive.BEGIN) + len(gap_archive.BEGIN):text.index(gap_archive.END)]
    assert block.strip() == table_markdown(table_rows())
    assert gap_archive.FIGURE.exists()


def test_a_tampered_cap_no_longer_checks(tmp_path):
    cert = json.loads((FOLDER / "cap-k3-l2.json").read_text(encoding="utf-8"))
    (tmp_path / cert["instance"]["file"]).write_bytes((FOLDER / cert["instance"]["file"]).read_bytes())
    cert["value"] = "1/2"
    assert not check_certificate(cert, tmp_path).ok


def test_favourites_closed_form_is_the_exact_optimum_on_the_cyclic_profile():
    for l in (2, 3, 4):
        for k in range(l, 8):
            assert optimal_policy(favourites_profile(l), k, l).value == favourites_cap(k, l), (k, l)


@given(st.integers(1, 40), st.integers(1, 12))
def test_favourites_cap_is_below_k_over_k_plus_l_with_equality_iff_l_divides_k(k, l):
    cap, even = favourites_cap(k, l), Fraction(k, k + l)
    assert cap <= even and (cap == even) == (k % l == 0)
    if 2 <= l <= k:  # consistent with the two lower bounds on the rate
        assert cap >= max(guarantee(k, l), Fraction(1, 2))
    if l == 1:
        assert cap == Fraction(k, k + 1)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 3), st.lists(st.integers(1, 5), min_size=1, max_size=3), st.data())
def test_a_unanimous_favourite_gives_exactly_k_over_k_plus_l(n, weights, data):
    # every type ranks response 0 first (possibly tied with others); the rest is arbitrary
    ranks = [[0] + [data.draw(st.integers(0, n - 1)) for _ in range(n - 1)] for _ in weights]
    p = Profile.from_ranks(ranks, [Fraction(w) for w in weights])
    k, l = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 2))
    assert optimal_policy(p, k, l).value == Fraction(k, k + l)


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 4), st.lists(st.integers(1, 5), min_size=1, max_size=4), st.randoms())
def test_at_k_equal_l_every_instance_has_value_one_half(n, weights, rnd):
    # the symmetric constant-sum contest: the minimax argument behind the 1/2 in the table
    ranks = []
    for _ in weights:
        r = list(range(n))
        rnd.shuffle(r)
        ranks.append(r)
    p = Profile.from_ranks(ranks, [Fraction(w) for w in weights])
    assert optimal_policy(p, 2, 2).value == Fraction(1, 2)


def test_the_search_reaches_the_closed_form_and_counts_what_it_tried():
    cap = search_caps(3, 2, random_count=10, local_steps=5)
    assert cap.value == Fraction(7, 12) and cap.family == "2-favourites"
    assert cap.searched == sum(cap.searched_by_family.values()) > 10


def test_lower_bound_search_archives_a_certificate_that_checks(tmp_path, monkeypatch):
    monkeypatch.setattr(lower_bound_search, "ARCHIVE", tmp_path)
    monkeypatch.setattr(lower_bound_search, "best_known_ic_bound", lambda *a: Fraction(1))
    r = lower_bound_search.search_lower_bound(2, 1, TieRule.SHARE, max_n=3, max_types=2,
                                              budget_s=0.2, archive=True)
    cert = json.loads(open(r.archived, encoding="utf-8").read())
    assert check_certificate(cert, tmp_path).ok
