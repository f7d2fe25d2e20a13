"""Fuzzing the PrefLib reader: only InputError, ever, and the same reading as preflibtools.

A derandomised sample runs here (Hypothesis profile ``ci``); ``make fuzz`` runs 100,000
seeded inputs through the same property.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import preflib_files
from tests.preflib_fuzz import agrees_with_preflibtools, mutate, parse_outcome, seed_texts

SEEDS = seed_texts()


@settings(max_examples=400)
@given(st.sampled_from(SEEDS), st.integers(0, 2**32 - 1))
def test_a_mutated_file_parses_or_is_refused_and_agrees_with_preflibtools(seed, salt):
    source, text = seed
    mutated = mutate(text, random.Random(salt))
    assert parse_outcome(mutated, source) in ("ok", "refused")
    assert agrees_with_preflibtools(mutated, source)


@given(st.text(max_size=300), st.sampled_from(["a.soc", "a.soi", "a.toc", "a.toi"]))
def test_any_text_parses_or_is_refused(text, source):
    assert parse_outcome(text, source) in ("ok", "refused")


def test_every_real_file_reads_as_preflibtools_reads_it():
    for path in preflib_files():
        text = path.read_text(encoding="utf-8")
        assert parse_outcome(text, path.name) == "ok"
        assert agrees_with_preflibtools(text, path.name), path.name


def test_every_real_file_round_trips_through_preflibtools_both_ways(tmp_path):
    """preflibtools writes what ualign reads as the original, and ualign writes what
    preflibtools reads as the original (weights exact, orders identical, names kept)."""
    from preflibtools.instances import OrdinalInstance

    from ualign.io.preflib import parse_preflib, read_preflib, to_preflib
    for path in preflib_files():
        ours = read_preflib(path)
        inst = OrdinalInstance()
        inst.parse_file(str(path))
        written = tmp_path / f"theirs-{path.name}"
        inst.write(str(written))
        again = read_preflib(written)  # preflibtools' writing, spaces after commas and all
        assert (again.ranks, again.weights, again.names) == (ours.ranks, ours.weights, ours.names)
        text, kind = to_preflib(ours, path.stem)
        assert kind == path.suffix.lstrip(".") or (kind == "toc" and path.suffix == ".soi")
        mine = tmp_path / f"ours-{path.stem}.{kind}"
        mine.write_text(text, encoding="utf-8")
        assert agrees_with_preflibtools(text, mine.name), path.name
        back = OrdinalInstance()
        back.parse_file(str(mine))
        assert back.num_alternatives == inst.num_alternatives
        assert sorted(back.multiplicity.values()) == sorted(
            c // _gcd(inst.multiplicity.values()) for c in inst.multiplicity.values())
        assert parse_preflib(text, mine.name).profile == ours


def _gcd(values):
    from math import gcd
    return gcd(*values)
