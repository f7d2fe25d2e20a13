"""A small, safe grammar for the exact formulas users write: rates such as ``k/(k+1)``.

A formula is *parsed*, never evaluated as code: no ``eval``, no ``sympify``. The grammar is

.. code-block:: text

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/') unary)*
    unary  := ('+' | '-') unary | power
    power  := atom (('^' | '**') unary)?          (right-associative)
    atom   := NUMBER | NAME | FUNC '(' expr (',' expr)* ')' | '(' expr ')'
    NUMBER := ASCII digits, optionally with a decimal point ('0.67' is exactly 67/100)
    NAME   := one of the variables the caller allows (k, l, n)
    FUNC   := min | max

Values are exact ``Fraction``\\ s; an exponent must come out a whole number. Anything else
(an unknown name, a function call other than ``min``/``max``, an attribute, a string, a
float exponent) is refused with an :class:`~ualign.model.errors.InputError` naming the column.

>>> f = parse_formula("k/(k+1)")
>>> f.evaluate(k=2), f.variables
(Fraction(2, 3), frozenset({'k'}))
>>> parse_formula("min(1/2 + 1/100, (k+1-l)/(k+1))").evaluate(k=3, l=2)
Fraction(1, 2)
>>> parse_formula("__import__('os').system('x') + k/(k+1)")
Traceback (most recent call last):
...
ualign.model.errors.InputError: formula: unknown name '__import__' at column 1; a formula may use k, l, numbers, + - * / ^, parentheses, min and max
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ualign.model.errors import InputError

__all__ = ["Formula", "parse_formula", "MAX_FORMULA_LENGTH"]

#: Longest formula text read, and deepest nesting; both far beyond any rate in a paper.
MAX_FORMULA_LENGTH = 500
MAX_DEPTH = 40
#: Largest exponent, and largest result (in bits) a power may produce.
MAX_EXPONENT = 4096
MAX_BITS = 100_000
MAX_NUMBER_DIGITS = 100

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^(),]))",
                    re.ASCII)
FUNCTIONS = ("min", "max")


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, its variables, and its syntax tree (nested tuples)."""

    text: str
    tree: tuple
    variables: frozenset[str]

    def __str__(self) -> str:
        return self.text

    def evaluate(self, **values: int | Fraction) -> Fraction:
        """The exact value with the given variables (each must be given)."""
        missing = sorted(self.variables - set(values))
        if missing:
            raise InputError(f"formula {self.text!r} needs a value for {', '.join(missing)}")
        return _eval(self.tree, {k: Fraction(v) for k, v in values.items()}, self.text)


def parse_formula(text: object, variables: tuple[str, ...] = ("k", "l"),
                  what: str = "formula") -> Formula:
    """Parse ``text`` with the grammar above; ``what`` names the input in error messages."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what}: give a formula such as k/(k+1), got {text!r}")
    if len(text) > MAX_FORMULA_LENGTH:
        raise InputError(f"{what}: the formula is {len(text)} characters long, more than "
                         f"{MAX_FORMULA_LENGTH}")
    tokens = _tokens(text, what)
    parser = _Parser(tokens, text, what, tuple(variables))
    tree = parser.expr(0)
    if parser.at < len(tokens):
        kind, value, col = tokens[parser.at]
        raise InputError(f"{what}: {'cannot read' if kind == 'bad' else 'unexpected'} "
                         f"{value!r} at column {col}; {_allowed_words(tuple(variables))}")
    return Formula(text, tree, frozenset(parser.used))


def _tokens(text: str, what: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:  # reported when the parser reaches it
            col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            out.append(("bad", text[col - 1], col))
            break
        number, name, op = m.groups()
        col = m.start(m.lastindex) + 1
        if number is not None:
            if len(number) > MAX_NUMBER_DIGITS:
                raise InputError(f"{what}: the number at column {col} has more than "
                                 f"{MAX_NUMBER_DIGITS} digits")
            out.append(("num", number, col))
        elif name is not None:
            out.append(("name", name, col))
        else:
            out.append(("op", op, col))
        pos = m.end()
    return out


def _allowed_words(variables: tuple[str, ...] = ("k", "l")) -> str:
    names = "".join(f"{v}, " for v in variables)
    return f"a formula may use {names}numbers, + - * / ^, parentheses, min and max"


class _Parser:
    def __init__(self, tokens, text, what, variables):
        self.tokens, self.text, self.what, self.variables = tokens, text, what, variables
        self.at, self.used = 0, set()

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self._peek()
        if tok is None:
            raise InputError(f"{self.what}: the formula {self.text!r} ends too early")
        if value is not None and tok[1] != value:
            raise InputError(f"{self.what}: expected {value!r} at column {tok[2]}, got "
                             f"{tok[1]!r}")
        self.at += 1
        return tok

    def _is(self, *values: str) -> bool:
        tok = self._peek()
        return tok is not None and tok[0] == "op" and tok[1] in values

    def _deeper(self, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise InputError(f"{self.what}: the formula nests more than {MAX_DEPTH} deep")
        return depth + 1

    def expr(self, depth: int) -> tuple:
        depth = self._deeper(depth)
        node = self.term(depth)
        while self._is("+", "-"):
            op = self._take()[1]
            node = (op, node, self.term(depth))
        return node

    def term(self, depth: int) -> tuple:
        node = self.unary(depth)
        while self._is("*", "/"):
            op = self._take()[1]
            node = (op, node, self.unary(depth))
        return node

    def unary(self, depth: int) -> tuple:
        depth = self._deeper(depth)
        if self._is("+", "-"):
            op = self._take()[1]
            inner = self.unary(depth)
            return inner if op == "+" else ("neg", inner)
        return self.power(depth)

    def power(self, depth: int) -> tuple:
        node = self.atom(depth)
        if self._is("^", "**"):
            self._take()
            node = ("^", node, self.unary(depth))
        return node

    def atom(self, depth: int) -> tuple:
        kind, value, col = self._take()
        if kind == "num":
            return ("num", Fraction(value))
        if kind == "name":
            if value in FUNCTIONS and self._is("("):
                self._take("(")
                args = [self.expr(depth)]
                while self._is(","):
                    self._take(",")
                    args.append(self.expr(depth))
                self._take(")")
                return (value, *args)
            if value in self.variables:
                self.used.add(value)
                return ("var", value)
            raise InputError(f"{self.what}: unknown name {value!r} at column {col}; "
                             f"{_allowed_words(self.variables)}")
        if kind == "bad":
            raise InputError(f"{self.what}: cannot read {value!r} at column {col}; "
                             f"{_allowed_words(self.variables)}")
        if value == "(":
            node = self.expr(depth)
            self._take(")")
            return node
        raise InputError(f"{self.what}: unexpected {value!r} at column {col}")


def _eval(node: tuple, env: dict[str, Fraction], text: str) -> Fraction:
    op = node[0]
    if op == "num":
        return node[1]
    if op == "var":
        return env[node[1]]
    if op == "neg":
        return -_eval(node[1], env, text)
    if op in FUNCTIONS:
        values = [_eval(a, env, text) for a in node[1:]]
        return min(values) if op == "min" else max(values)
    a, b = _eval(node[1], env, text), _eval(node[2], env, text)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            raise InputError(f"formula {text!r} divides by zero")
        return a / b
    if b.denominator != 1:
        raise InputError(f"formula {text!r}: the exponent {b} is not a whole number, so the "
                         f"value would not be exact")
    e = int(b)
    if abs(e) > MAX_EXPONENT or max(a.numerator.bit_length(), a.denominator.bit_length()) \
            * abs(e) > MAX_BITS:
        raise InputError(f"formula {text!r}: {a}^{e} is too large to compute exactly")
    if a == 0 and e < 0:
        raise InputError(f"formula {text!r} divides by zero (0 to a negative power)")
    return a ** e
