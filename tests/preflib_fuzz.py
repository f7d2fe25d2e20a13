"""PrefLib fuzzing: seeded mutations of real files, and a cross-check with preflibtools.

Used by ``tests/test_fuzz_preflib.py`` (a derandomised sample in CI) and by ``make fuzz``
(``benchmarks/fuzz.py``, 100,000 inputs). The property is that :func:`parse_preflib` either
returns a profile or raises ``InputError``, never anything else, and that when preflibtools
also reads an input, both read the same orders with the same counts.
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction
from pathlib import Path

from ualign.io.preflib import parse_preflib
from ualign.model.errors import InputError

SEEDS_DIR = Path(__file__).resolve().parent / "data"

#: What a careless user or an attacker might type: Unicode digits and spaces, odd line
#: breaks, braces, commas, huge numbers and header keys.
ALPHABET = (list("0123456789{},: #\t\n") + ["③", "²", "፩", "٣", "\u00a0", "\u2003", "\r", "\u2028",
            "\x85", "\x0c", "-", "1" * 30, "9" * 5000, "é", "{}", ",,", "\ufeff"])
HEADER_LINES = ["# NUMBER ALTERNATIVES: 10000000", "# NUMBER ALTERNATIVES: 1000000000000",
                "# NUMBER VOTERS: 99999999999999999999", "# DATA TYPE: soi",
                "# DATA TYPE: toc", "# ALTERNATIVE NAME 99999999999: x", "# NUMBER\u00a0VOTERS: 3"]


def seed_texts() -> list[tuple[str, str]]:
    """(source name, text) of small valid files to mutate."""
    texts = [("tiny.soc", "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n2: 1,2,3\n1: 3,1,2\n"),
             ("tiny.toi", "# NUMBER ALTERNATIVES: 4\n# NUMBER VOTERS: 3\n2: 1, {2, 3}\n1: 4\n"),
             ("tiny.soi", "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 2\n1: 2\n1: 3,1\n")]
    for p in sorted(SEEDS_DIR.iterdir()):
        if p.suffix in (".soc", ".toc", ".soi", ".toi") and p.stat().st_size < 20_000:
            texts.append((p.name, p.read_text(encoding="utf-8")))
    return texts


def mutate(text: str, rng: random.Random) -> str:
    """One to three random edits: insert, delete or replace a piece, or splice a header line."""
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        pos = rng.randint(0, len(text))
        if op < 0.35:
            text = text[:pos] + rng.choice(ALPHABET) + text[pos:]
        elif op < 0.6:
            text = text[:pos] + text[pos + rng.randint(1, 4):]
        elif op < 0.85:
            text = text[:pos] + rng.choice(ALPHABET) + text[pos + 1:]
        else:
            lines = text.split("\n")
            lines.insert(rng.randint(0, min(3, len(lines))), rng.choice(HEADER_LINES))
            text = "\n".join(lines)
    return text


def parse_outcome(text: str, source: str) -> str:
    """``"ok"`` or ``"refused"``; any other exception propagates (and fails the property)."""
    try:
        parse_preflib(text, source)
        return "ok"
    except InputError:
        return "refused"


def preflibtools_orders(text: str, source: str) -> Counter | None:
    """What preflibtools reads, as {rank vector: count}, or None when it cannot read it."""
    from preflibtools.instances import OrdinalInstance
    try:
        inst = OrdinalInstance()
        inst.parse_str(text, Path(source).suffix.lstrip(".") or "toi")
        n = inst.num_alternatives
        out: Counter = Counter()
        for order in inst.orders:
            ranks = [len(order)] * n
            for level, ids in enumerate(order):
                for a in ids:
                    ranks[a - 1] = level
            out[tuple(ranks)] += inst.multiplicity[order]
        return out
    except Exception:  # noqa: BLE001 - preflibtools raises anything on bad input
        return None


def agrees_with_preflibtools(text: str, source: str) -> bool:
    """True unless both read ``text`` and read different orders or counts."""
    try:
        ours = parse_preflib(text, source).profile
    except InputError:
        return True
    theirs = preflibtools_orders(text, source)
    if theirs is None:
        return True
    total = sum(theirs.values())
    if total == 0:
        return True
    mine = {ranks: w for ranks, w in zip(ours.ranks, ours.weights)}
    normalise = {}
    for ranks, count in theirs.items():
        key = _canonical(ranks)
        normalise[key] = normalise.get(key, Fraction(0)) + Fraction(count, total)
    return {_canonical(r): w for r, w in mine.items()} == normalise


def _canonical(ranks: tuple[int, ...]) -> tuple[int, ...]:
    levels = sorted(set(ranks))
    return tuple(levels.index(r) for r in ranks)
