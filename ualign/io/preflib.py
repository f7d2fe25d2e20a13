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
           "write_preflib"]

DATA_TYPES = ("soc", "soi", "toc", "toi")
_HEADER = re.compile(r"^#\s*([^:]+?)\s*:\s?(.*)$")
_DATA = re.compile(r"^\s*(\S+?)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class PreflibData:
    """A parsed PrefLib file: the profile plus what the header said."""

    profile: Profile
    header: dict[str, str]
    data_type: str
    voters: int
    unique_orders: int


def _parse_order(text: str, n: int, where: tuple[str, int]) -> list[list[int]]:
    classes: list[list[int]] = []
    for match in re.finditer(r"\{([^{}]*)\}|([^,{}]+)|(,)", text):
        braced, single, comma = match.groups()
        if comma:
            continue
        items = braced.split(",") if braced is not None else [single]
        ids = []
        for item in items:
            item = item.strip()
            if not item.isdigit():
                raise InputError(f"alternative {item!r} is not a positive integer id", *where)
            ids.append(int(item))
        classes.append(ids)
    leftover = re.sub(r"\{[^{}]*\}|[^,{}]+|,", "", text)
    if leftover.strip():
        raise InputError(f"unbalanced braces in order {text!r}", *where)
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


def parse_preflib(text: str, source: str = "<preflib>", data_type: str | None = None
                  ) -> PreflibData:
    """Parse PrefLib text; every error names ``source`` and the offending line."""
    header: dict[str, str] = {}
    header_line: dict[str, int] = {}
    rows: list[tuple[int, int, list[list[int]]]] = []
    n = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if rows:
                raise InputError("header line after the preference data", source, lineno)
            m = _HEADER.match(line)
            if m:
                key = m.group(1).strip().upper()
                header[key], header_line[key] = m.group(2).strip(), lineno
            continue
        if n is None:
            n = _header_int(header, header_line, "NUMBER ALTERNATIVES", source, lineno)
            if n < 1:
                raise InputError("NUMBER ALTERNATIVES must be at least 1", source,
                                 header_line["NUMBER ALTERNATIVES"])
        m = _DATA.match(line)
        if not m:
            raise InputError(f"expected a data line 'COUNT: order', got {line[:60]!r}", source, lineno)
        if not m.group(1).isdigit() or int(m.group(1)) == 0:
            raise InputError(f"count {m.group(1)!r} is not a positive integer", source, lineno)
        rows.append((lineno, int(m.group(1)), _parse_order(m.group(2), n, (source, lineno))))
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
            raise InputError(f"a .{kind} file holds complete orders, but this order leaves out "
                             f"{missing}", source, lineno)
        r = [len(classes)] * n  # unranked responses tie at the bottom
        for position, ids in enumerate(classes):
            for a in ids:
                r[a - 1] = position
        ranks.append(r)
        weights.append(count)
    names = [str(y) for y in range(n)]
    for key, value in header.items():
        m = re.fullmatch(r"ALTERNATIVE NAME (\d+)", key)
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
    value = header[key]
    if not value.isdigit():
        raise InputError(f"{key} is not a whole number: {value!r}", source, header_line[key])
    return int(value)


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
            raise InputError(f"DATA TYPE {declared!r} is not an order type ({', '.join(DATA_TYPES)})",
                             source)
        return declared.lower()
    suffix = Path(source).suffix.lstrip(".").lower()
    return suffix if suffix in DATA_TYPES else "toi"


def load_preflib(path: str | Path) -> PreflibData:
    """Read a PrefLib file with its header (see :func:`parse_preflib`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
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
