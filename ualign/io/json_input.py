"""Reading JSON input safely: bounded size and depth, exact-only numbers, one-line errors.

Every JSON file ualign reads (policies, reference lotteries, certificates) comes through
:func:`read_json`, which refuses before parsing a file larger than :data:`MAX_JSON_BYTES` or
nested deeper than :data:`MAX_JSON_DEPTH` (so no ``RecursionError``), and refuses the
non-standard constants ``NaN`` and ``Infinity`` and numbers Python cannot hold.

>>> parse_json('{"kind": "product", "k": 2}', "pi.json")
{'kind': 'product', 'k': 2}
>>> parse_json("[" * 100 + "]" * 100, "deep.json")
Traceback (most recent call last):
...
ualign.model.errors.InputError: deep.json: JSON nested 100 deep, more than 64
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ualign.model.errors import InputError
from ualign.model.exact import MAX_DIGITS

__all__ = ["read_json", "read_text_file", "parse_json", "MAX_JSON_BYTES", "MAX_JSON_DEPTH"]

MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 64
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))


def _depth(bare: str) -> int:
    """The deepest nesting of a JSON text whose strings were emptied."""
    depth = deepest = 0
    for m in _BRACKET.finditer(bare):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"the constant {name} is not a number")


def parse_json(text: str, source: str) -> Any:
    """Parse JSON text with the limits above; errors are ``InputError`` naming ``source``."""
    if len(text) > MAX_JSON_BYTES:
        raise InputError(f"{len(text):,} characters of JSON, more than {MAX_JSON_BYTES:,}", source)
    bare = _STRING.sub('""', text)
    deepest = _depth(bare)
    if deepest > MAX_JSON_DEPTH:
        raise InputError(f"JSON nested {deepest} deep, more than {MAX_JSON_DEPTH}", source)
    if _LONG_NUMBER.search(bare):
        raise InputError(f"a JSON number with more than {MAX_DIGITS} digits", source)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise InputError(f"not JSON ({err.msg}, column {err.colno})", source, err.lineno) from None
    except (ValueError, RecursionError) as err:  # a constant, or an integer too long for int()
        raise InputError(f"unreadable JSON: {str(err)[:120]}", source) from None


def read_json(path: str | Path, what: str = "JSON file") -> Any:
    """Read and parse a JSON file (a regular file, UTF-8, within the limits)."""
    return parse_json(read_text_file(path, what), str(path))


def read_text_file(path: str | Path, what: str = "JSON file") -> str:
    """The text of a regular UTF-8 file no larger than :data:`MAX_JSON_BYTES`."""
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(f"no such {what}", str(path))
        if not path.is_file():
            raise InputError(f"the {what} is not a regular file", str(path))
        if path.stat().st_size > MAX_JSON_BYTES:
            raise InputError(f"{path.stat().st_size:,} bytes, more than the {MAX_JSON_BYTES:,} a "
                             f"{what} may have", str(path))
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise InputError(f"cannot read the {what} ({err.strerror})", str(path)) from None
    except UnicodeDecodeError:
        raise InputError(f"the {what} is not UTF-8 text", str(path)) from None
    return text
