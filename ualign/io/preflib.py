"""Reading and writing PrefLib files (``.soc``, ``.soi``, ``.toc``, ``.toi``).

A PrefLib file has ``# KEY: value`` header lines, then data lines ``COUNT: 1,3,{2,4}``: a
positive integer count, then an order of 1-based alternative ids, best first, with an
indifference class written in braces.

Conventions
-----------
* Alternative ``i`` of the file is response ``i - 1``; its ``ALTERNATIVE NAME`` becomes the
  response name (the default name of response ``y`` is ``str(y)``).
* **Incomplete orders** (``.soi``, ``.toi``): the responses a user does not rank are tied with
  each other at the *bottom* of that user's order. This is how PrefLib itself "imbues" a
  ``.soi`` into a ``.toc``.
* Counts become exact weights ``count / NUMBER VOTERS``. Writing scales the weights by their
  common denominator back to the smallest integer counts, as ``.soc`` when every order is
  strict and ``.toc`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from pathlib import Path

from ualign.model.errors import InputError
from ualign.model.profile import Profile, order_from_ranks

__all__ = ["PreflibData", "parse_preflib", "load_preflib", "read_preflib", "to_preflib",
           "write_preflib", "MAX_ALTERNATIVES", "MAX_FILE_BYTES", "MAX_RANK_CELLS"]

DATA_TYPES = ("soc", "soi", "toc", "toi")
#: Limits checked before anything is allocated: alternatives, file size, and user types times
#: alternatives (the rank table). Past them the file is refused with what to use instead.
MAX_ALTERNATIVES = 100_000
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_RANK_CELLS = 20_000_000
MAX_COUNT_DIGITS = 15
_NUMERIC_KEYS = ("NUMBER ALTERNATIVES", "NUMBER VOTERS", "NUMBER UNIQUE ORDERS")
# Characters Python's str.splitlines() treats as line breaks, besides \n and \r\n.
_ODD_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HEADER = re.compile(r"#[ \t]*([^:]*?)[ \t]*:[ \t]?(.*)", re.S)
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]*", re.ASCII)
_DATA = re.compile(r"([^:]*):(.*)", re.S)
_ORDER_TOKEN = re.compile(r"[ \t]*(?:([0-9]+)|([{},]))", re.ASCII)
_ALTERNATIVE_NAME = re.compile(r"ALTERNATIVE NAME ([0-9]{1,7})", re.ASCII)


@dataclass(frozen=True)
class PreflibData:
    """A parsed PrefLib file: the profile plus what the header said."""

    profile: Profile
    header: dict[str, str]
    data_type: str
    voters: int
    unique_orders: int


def _order_tokens(text: str, where: tuple[str, int]) -> list[tuple[str, int]]:
    tokens, pos = [], 0
    while pos < len(text):
        if not text[pos:].strip(" \t"):
            break
        m = _ORDER_TOKEN.match(text, pos)
        if m is None:
            bad = text[pos:].lstrip(" \t")[0]
            raise InputError(f"unexpected character {bad!r} in the order (alternatives are "
                             f"ASCII numbers, ties are {{a, b}}, items are separated by commas)",
                             *where)
        number, symbol = m.groups()
        if number is not None:
            if len(number) > 7:
                raise InputError(f"alternative {number[:12]}... is not one of the declared "
                                 f"alternatives", *where)
            tokens.append(("id", int(number)))
        else:
            tokens.append((symbol, 0))
        pos = m.end()
    return tokens


def _parse_order(text: str, n: int, where: tuple[str, int]) -> list[list[int]]:
    """``1, 3, {2, 4}`` (spaces optional) into classes of 1-based ids, best first."""
    tokens = _order_tokens(text, where)
    classes: list[list[int]] = []
    at = 0

    def expect_item() -> list[int]:
        nonlocal at
        if at >= len(tokens) or tokens[at][0] == ",":
            raise InputError("an empty item in the order (two commas in a row, or a comma at "
                             "an end)", *where)
        kind, value = tokens[at]
        at += 1
        if kind == "id":
            return [value]
        if kind != "{":
            raise InputError(f"unexpected {kind!r} in the order", *where)
        ids = []
        while True:
            if at >= len(tokens) or tokens[at][0] != "id":
                raise InputError("an indifference class {...} must list alternatives separated "
                                 "by commas", *where)
            ids.append(tokens[at][1])
            at += 1
            if at < len(tokens) and tokens[at][0] == ",":
                at += 1
                continue
            if at < len(tokens) and tokens[at][0] == "}":
                at += 1
                return ids
            raise InputError("unbalanced braces in the order", *where)

    if tokens:
        classes.append(expect_item())
        while at < len(tokens):
            if tokens[at][0] != ",":
                raise InputError("a missing comma between items of the order", *where)
            at += 1
            classes.append(expect_item())
    seen: set[int] = set()
    for ids in classes:
        for a in ids:
            if not 1 <= a <= n:
                raise InputError(f"unknown alternative {a}: the header declares alternatives 1..{n}",
                                 *where)
            if a in seen:
                raise InputError(f"alternative {a} appears twice in one order", *where)
            seen.add(a)
    return classes


def _lines(text: str, source: str) -> list[str]:
    """Split on newline (and CR LF) only; any other line break is refused, not guessed at."""
    lines = text.split("\n")
    for lineno, line in enumerate(lines, start=1):
        line = line[:-1] if line.endswith("\r") else line
        lines[lineno - 1] = line
        odd = next((c for c in line if c in _ODD_BREAKS), None)
        if odd is not None:
            raise InputError(f"the line-break character U+{ord(odd):04X} inside a line; PrefLib "
                             f"lines end with \\n (or \\r\\n)", source, lineno)
    return lines


def _header(line: str, source: str, lineno: int) -> tuple[str, str] | None:
    m = _HEADER.fullmatch(line)
    if m is None:
        return None  # a comment line with no KEY: value
    key, value = m.group(1), m.group(2).strip(" \t")
    if not _KEY.fullmatch(key):
        if not key.isascii() or any(c.isspace() for c in key.replace(" ", "")):
            raise InputError(f"header key {key[:40]!r} has non-ASCII letters or spaces", source,
                             lineno)
        return None  # punctuation in a comment such as '# note: ...'
    key = key.upper()
    if key in _NUMERIC_KEYS and not re.fullmatch(r"[0-9]{1,%d}" % MAX_COUNT_DIGITS, value,
                                                 re.ASCII):
        raise InputError(f"{key} is not a whole number of at most {MAX_COUNT_DIGITS} ASCII "
                         f"digits: {value[:40]!r}", source, lineno)
    return key, value


def parse_preflib(text: str, source: str = "<preflib>", data_type: str | None = None
                  ) -> PreflibData:
    """Parse PrefLib text; every error names ``source`` and the offending line.

    >>> parse_preflib("# NUMBER ALTERNATIVES: 3\\n# NUMBER VOTERS: 2\\n2: 1, {2, 3}\\n").profile
    Profile.of([(0, (1, 2))])
    >>> parse_preflib("# NUMBER ALTERNATIVES: 3\\n# NUMBER VOTERS: 1\\n1: {2} 1, 3\\n", "x.toc")
    Traceback (most recent call last):
    ...
    ualign.model.errors.InputError: x.toc:3: a missing comma between items of the order
    """
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"{len(text):,} characters, more than the {MAX_FILE_BYTES:,} a PrefLib "
                         f"file may have here", source)
    header: dict[str, str] = {}
    header_line: dict[str, int] = {}
    rows: list[tuple[int, int, list[list[int]]]] = []
    seen_orders: dict[tuple[tuple[int, ...], ...], int] = {}
    n = None
    for lineno, raw in enumerate(_lines(text, source), start=1):
        line = raw.strip(" \t")
        if not line:
            continue
        if line.startswith("#"):
            if rows:
                raise InputError("header line after the preference data", source, lineno)
            item = _header(line, source, lineno)
            if item:
                header[item[0]], header_line[item[0]] = item[1], lineno
            continue
        if n is None:
            n = _header_int(header, header_line, "NUMBER ALTERNATIVES", source, lineno)
            if n < 1:
                raise InputError("NUMBER ALTERNATIVES must be at least 1", source,
                                 header_line["NUMBER ALTERNATIVES"])
            if n > MAX_ALTERNATIVES:
                raise InputError(f"NUMBER ALTERNATIVES is {n:,}, more than the {MAX_ALTERNATIVES:,} "
                                 f"ualign reads; the exact methods reach far fewer (see README "
                                 f"'Reliability')", source, header_line["NUMBER ALTERNATIVES"])
        m = _DATA.fullmatch(line)
        if not m:
            raise InputError(f"expected a data line 'COUNT: order' with an ASCII count, got "
                             f"{line[:60]!r}", source, lineno)
        count = m.group(1).strip(" \t")
        if not re.fullmatch(r"[0-9]+", count, re.ASCII):
            raise InputError(f"count {count[:20]!r} is not a positive integer (ASCII digits)",
                             source, lineno)
        if len(count) > MAX_COUNT_DIGITS or int(count) == 0:
            raise InputError(f"count {count[:20]!r} is not a positive integer of at most "
                             f"{MAX_COUNT_DIGITS} digits", source, lineno)
        if (len(rows) + 1) * n > MAX_RANK_CELLS:
            raise InputError(f"more than {MAX_RANK_CELLS:,} rank entries (orders x alternatives); "
                             f"too large for the exact methods", source, lineno)
        classes = _parse_order(m.group(2), n, (source, lineno))
        key = tuple(tuple(ids) for ids in classes)
        if key in seen_orders:
            raise InputError(f"this order already appears on line {seen_orders[key]}; a PrefLib "
                             f"file lists each order once, with its count", source, lineno)
        seen_orders[key] = lineno
        rows.append((lineno, int(count), classes))
    if n is None:
        raise InputError("no preference data (no line 'COUNT: order')", source)
    kind = _data_type(header, source, data_type)
    voters = sum(count for _, count, _ in rows)
    _check_count(header, header_line, "NUMBER VOTERS", voters, source, required=True)
    _check_count(header, header_line, "NUMBER UNIQUE ORDERS", len(rows), source, required=False)
    ranks, weights = [], []
    for lineno, count, classes in rows:
        ranked = [a for ids in classes for a in ids]
        if kind in ("soc", "soi") and any(len(ids) > 1 for ids in classes):
            raise InputError(f"a .{kind} file holds strict orders, but this order has a tie",
                             source, lineno)
        if kind in ("soc", "toc") and len(ranked) != n:
            missing = sorted(set(range(1, n + 1)) - set(ranked))
            shown = ", ".join(map(str, missing[:8])) + (", ..." if len(missing) > 8 else "")
            raise InputError(f"a .{kind} file holds complete orders, but this order leaves out "
                             f"[{shown}]", source, lineno)
        r = [len(classes)] * n  # unranked responses tie at the bottom
        for position, ids in enumerate(classes):
            for a in ids:
                r[a - 1] = position
        ranks.append(r)
        weights.append(count)
    names = [str(y) for y in range(n)]
    for key, value in header.items():
        m = _ALTERNATIVE_NAME.fullmatch(key)
        if m:
            a = int(m.group(1))
            if not 1 <= a <= n:
                raise InputError(f"ALTERNATIVE NAME {a} is outside 1..{n}", source, header_line[key])
            names[a - 1] = value
    try:
        profile = Profile.from_ranks(ranks, [Fraction(w) for w in weights], names)
    except InputError as err:
        raise err.located(source) from None
    return PreflibData(profile, header, kind, voters, len(rows))


def _header_int(header, header_line, key, source, lineno) -> int:
    if key not in header:
        raise InputError(f"missing header '# {key}: ...' before the data", source, lineno)
    return int(header[key])  # checked to be ASCII digits when the header line was read


def _check_count(header, header_line, key, actual, source, required) -> None:
    if key not in header:
        if required:
            raise InputError(f"missing header '# {key}: ...'", source, 1)
        return
    declared = _header_int(header, header_line, key, source, header_line[key])
    if declared != actual:
        raise InputError(f"{key} says {declared} but the data lines add up to {actual}", source,
                         header_line[key])


def _data_type(header: dict[str, str], source: str, given: str | None) -> str:
    """The declared data type; a file with no declaration is read as the most general, toi."""
    declared = given or header.get("DATA TYPE")
    if declared:
        if declared.lower() not in DATA_TYPES:
            raise InputError(f"DATA TYPE {declared[:20]!r} is not an order type "
                             f"({', '.join(DATA_TYPES)})", source)
        return declared.lower()
    suffix = Path(source).suffix.lstrip(".").lower()
    return suffix if suffix in DATA_TYPES else "toi"


def load_preflib(path: str | Path) -> PreflibData:
    """Read a PrefLib file with its header (see :func:`parse_preflib`)."""
    path = Path(path)
    try:
        if not path.exists():
            raise InputError("no such file", str(path))
        if not path.is_file():
            raise InputError("not a regular file", str(path))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path.stat().st_size:,} bytes, more than the {MAX_FILE_BYTES:,} a "
                             f"PrefLib file may have here", str(path))
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read: {err}", str(path)) from None
    return parse_preflib(text, str(path))


def read_preflib(path: str | Path) -> Profile:
    """Read a profile from a PrefLib file.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); f = os.path.join(d, "two.soc")
    >>> _ = open(f, "w").write("# NUMBER ALTERNATIVES: 2\\n# NUMBER VOTERS: 3\\n2: 1,2\\n1: 2,1\\n")
    >>> read_preflib(f)
    Profile.of([(0, 1), (1, 0)], weights=[2, 1])
    """
    return load_preflib(path).profile


def to_preflib(profile: Profile, title: str = "ualign profile") -> tuple[str, str]:
    """PrefLib text for a profile and its extension (``"soc"`` when strict, else ``"toc"``)."""
    kind = "soc" if profile.is_strict else "toc"
    scale = lcm(*(w.denominator for w in profile.weights))
    counts = [int(w * scale) for w in profile.weights]
    g = gcd(*counts)
    counts = [c // g for c in counts]
    rows = sorted(zip(counts, profile.ranks), key=lambda cr: (-cr[0], cr[1]))
    lines = [f"# FILE NAME: ualign.{kind}", f"# TITLE: {title}", "# DESCRIPTION: written by ualign",
             f"# DATA TYPE: {kind}", "# MODIFICATION TYPE: synthetic", "# RELATES TO: ",
             "# RELATED FILES: ", "# PUBLICATION DATE: ", "# MODIFICATION DATE: ",
             f"# NUMBER ALTERNATIVES: {profile.n}", f"# NUMBER VOTERS: {sum(counts)}",
             f"# NUMBER UNIQUE ORDERS: {len(rows)}"]
    lines += [f"# ALTERNATIVE NAME {y + 1}: {name}" for y, name in enumerate(profile.names)]
    for count, ranks in rows:
        classes = [",".join(str(y + 1) for y in c) if len(c) == 1 else
                   "{" + ",".join(str(y + 1) for y in c) + "}" for c in order_from_ranks(ranks)]
        lines.append(f"{count}: {','.join(classes)}")
    return "\n".join(lines) + "\n", kind


def write_preflib(profile: Profile, path: str | Path, title: str = "ualign profile") -> Path:
    """Write ``profile`` to ``path``, giving it the extension that matches its data type."""
    text, kind = to_preflib(profile, title)
    path = Path(path).with_suffix(f".{kind}")
    path.write_text(text.replace("FILE NAME: ualign." + kind, f"FILE NAME: {path.name}"),
                    encoding="utf-8")
    return path
