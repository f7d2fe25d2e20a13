"""PrefLib I/O: the shared real data, round trips, the incomplete-order convention, errors."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from tests.conftest import SHARED_PREFLIB, preflib_files, shared_preflib_files
from ualign import InputError, Profile, read_preflib, to_preflib, write_preflib
from ualign.counterexamples.strategies import profiles
from ualign.io.preflib import load_preflib, parse_preflib

SHARED = preflib_files()


def test_shared_data_has_all_twelve_files():
    if not SHARED_PREFLIB.is_dir():
        pytest.skip("../shared/data/preflib is absent; the copies in tests/data are used")
    assert len(shared_preflib_files()) == 12


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.name)
def test_every_shared_file_parses_with_matching_header_counts(path):
    data = load_preflib(path)
    header = data.header
    assert data.profile.n == int(header["NUMBER ALTERNATIVES"])
    assert data.voters == int(header["NUMBER VOTERS"])
    assert data.unique_orders == int(header["NUMBER UNIQUE ORDERS"])
    # PrefLib lists each distinct order once, so nothing merges.
    assert data.profile.num_users == data.unique_orders
    assert data.profile.is_strict == (path.suffix == ".soc")
    assert sum(data.profile.weights) == 1
    assert data.profile.names[0] == header["ALTERNATIVE NAME 1"]


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.name)
def test_shared_files_round_trip(path, tmp_path):
    profile = read_preflib(path)
    assert read_preflib(write_preflib(profile, tmp_path / "copy")) == profile


@given(profiles(max_n=5, max_users=5))
def test_write_then_read_returns_the_same_profile(p):
    text, kind = to_preflib(p)
    assert parse_preflib(text, f"x.{kind}").profile == p
    assert kind == ("soc" if p.is_strict else "toc")


def test_rational_weights_become_smallest_integer_counts():
    p = Profile.of([(0, 1), (1, 0)], weights=["1/3", "1/2"])
    text, kind = to_preflib(p)
    assert kind == "soc"
    assert "3: 2,1" in text and "2: 1,2" in text and "# NUMBER VOTERS: 5" in text


def test_incomplete_orders_put_unranked_responses_tied_at_the_bottom():
    text = "# NUMBER ALTERNATIVES: 4\n# NUMBER VOTERS: 3\n2: 3,1\n1: {2,4}\n"
    p = parse_preflib(text, "x.toi").profile
    assert p == Profile.of([(2, 0, (1, 3)), ((1, 3), (0, 2))], weights=[2, 1])


HEADER = "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 2\n"


@pytest.mark.parametrize("body, source, line, words", [
    (HEADER + "2: 1,2,3\n2: 2,1,3\n", "a.soc", 2, "NUMBER VOTERS says 3 but the data lines add up to 4"),
    (HEADER + "2: 1,2,3\n1: 2,1,4\n", "a.soc", 5, "unknown alternative 4"),
    (HEADER + "2: 1,2,3\n1: 2,1,2\n", "a.soc", 5, "alternative 2 appears twice"),
    ("# NUMBER VOTERS: 3\n3: 1,2,3\n", "a.soc", 2, "missing header '# NUMBER ALTERNATIVES"),
    ("# NUMBER ALTERNATIVES: 3\n3: 1,2,3\n", "a.soc", 1, "missing header '# NUMBER VOTERS"),
    (HEADER + "2: 1,2,3\nx: 2,1,3\n", "a.soc", 5, "count 'x' is not a positive integer"),
    (HEADER + "2: 1,2,3\n0: 2,1,3\n", "a.soc", 5, "count '0' is not a positive integer"),
    (HEADER + "2: 1,2,3\n-1: 2,1,3\n", "a.soc", 5, "count '-1' is not a positive integer"),
    (HEADER + "2: 1,{2,3}\n1: 2,1,3\n", "a.soc", 4, "strict orders, but this order has a tie"),
    (HEADER + "2: 1,2\n1: 2,1,3\n", "a.toc", 4, "complete orders, but this order leaves out [3]"),
    (HEADER + "2: 1,{2,3\n1: 2,1,3\n", "a.toc", 4, "unbalanced braces"),
    (HEADER + "2 1,2,3\n1: 2,1,3\n", "a.toc", 4, "expected a data line"),
    (HEADER, "a.soc", None, "no preference data"),
])
def test_malformed_files_are_refused_with_file_and_line(body, source, line, words):
    with pytest.raises(InputError) as err:
        parse_preflib(body, source)
    assert err.value.source == source and err.value.line == line
    assert words in str(err.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_preflib(tmp_path / "absent.soc")


def test_counts_become_exact_weights():
    p = parse_preflib("# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 7\n4: 1,2\n3: 2,1\n").profile
    assert p.weights == (Fraction(4, 7), Fraction(3, 7))
