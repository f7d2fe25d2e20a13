"""The ``Derivation`` object: a named sequence of sympy relations, each with how it was checked.

A derivation is not a formula typed in. Every step states a relation (an equality, an
inequality, a limit, a closed-form sum) and *runs* a check on it: simplification of the
difference to zero, a nonnegativity check, a symbolic summation, a limit, or a solved
inequality. The step records the check's outcome; a failing check marks the whole derivation
failed, and nothing is ever skipped. Derivations render to plain text, LaTeX and JSON.

>>> import sympy
>>> k = sympy.Symbol("k", positive=True, integer=True)
>>> d = Derivation("demo", "k/(k+1) tends to 1", assumptions=["k >= 1 is an integer"])
>>> d.equal("rewrite", k / (k + 1), 1 - 1 / (k + 1), "algebra")
True
>>> d.limit("the bound tends to 1", k / (k + 1), k, sympy.oo, 1)
True
>>> d.passed, [s.check for s in d.steps]
(True, ['simplify(lhs - rhs) == 0', 'limit as k -> oo'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import sympy

__all__ = ["Step", "Derivation", "is_zero", "is_nonnegative"]


def is_zero(expr: sympy.Expr) -> bool:
    """True when ``expr`` simplifies to 0 (tries several normal forms before giving up)."""
    expr = sympy.sympify(expr)
    for transform in (sympy.simplify, sympy.expand, sympy.factor, sympy.powsimp,
                      lambda e: sympy.simplify(sympy.expand_func(sympy.combsimp(e)))):
        if transform(expr) == 0:
            return True
    return False


def is_nonnegative(expr: sympy.Expr) -> bool:
    """True when sympy's assumption system proves ``expr >= 0`` (after simplifying)."""
    for e in (expr, sympy.factor(expr), sympy.simplify(expr), sympy.expand(expr)):
        if sympy.ask(sympy.Q.nonnegative(e)) is True or e.is_nonnegative is True:
            return True
    return False


@dataclass
class Step:
    """One step: a relation, why it holds, and whether the check passed."""

    claim: str
    relation: sympy.Basic
    justification: str
    check: str
    passed: bool
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "relation": sympy.srepr(self.relation),
                "text": sympy.sstr(self.relation), "latex": sympy.latex(self.relation),
                "justification": self.justification, "check": self.check,
                "passed": self.passed, "detail": self.detail}


@dataclass
class Derivation:
    """A derivation: name, statement, assumptions, ordered checked steps and a final result."""

    name: str
    statement: str
    assumptions: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    result: sympy.Basic | None = None
    result_text: str = ""

    @property
    def passed(self) -> bool:
        """True when there is at least one step and every check passed."""
        return bool(self.steps) and all(s.passed for s in self.steps)

    def _add(self, claim, relation, justification, check, passed, detail="") -> bool:
        self.steps.append(Step(claim, relation, justification, check, bool(passed), detail))
        return bool(passed)

    def equal(self, claim: str, lhs, rhs, justification: str) -> bool:
        """``lhs = rhs``, checked by simplifying ``lhs - rhs`` to zero."""
        return self._add(claim, sympy.Eq(lhs, rhs, evaluate=False), justification,
                         "simplify(lhs - rhs) == 0", is_zero(lhs - rhs))

    def nonnegative(self, claim: str, expr, justification: str, proof: Callable[[], bool]
                    | None = None) -> bool:
        """``expr >= 0``, by sympy's assumptions or by a supplied check (a callable)."""
        ok = proof() if proof is not None else is_nonnegative(expr)
        return self._add(claim, sympy.Ge(expr, 0, evaluate=False), justification,
                         "a supplied nonnegativity check" if proof else "sympy assumptions: >= 0", ok)

    def summation(self, claim: str, term, index: sympy.Symbol, lower, upper, closed_form,
                  justification: str) -> bool:
        """``sum_{index=lower}^{upper} term = closed_form`` for symbolic bounds."""
        total = sympy.summation(term, (index, lower, upper))
        ok = is_zero(total - closed_form)
        return self._add(claim, sympy.Eq(sympy.Sum(term, (index, lower, upper)), closed_form,
                                         evaluate=False), justification,
                         "sympy.summation then simplify", ok, sympy.sstr(total))

    def limit(self, claim: str, expr, var: sympy.Symbol, point, value,
              justification: str = "limit") -> bool:
        """``lim_{var -> point} expr = value``."""
        got = sympy.limit(expr, var, point)
        return self._add(claim, sympy.Eq(sympy.Limit(expr, var, point), value, evaluate=False),
                         justification, f"limit as {var} -> {point}", is_zero(got - value),
                         sympy.sstr(got))

    def solve_inequality(self, claim: str, inequality, var: sympy.Symbol, expected,
                         justification: str) -> bool:
        """The solution set of ``inequality`` in ``var`` equals ``expected`` (a sympy set)."""
        got = sympy.solveset(inequality, var, domain=sympy.S.Reals)
        ok = got == expected or sympy.simplify(got.symmetric_difference(expected)) == sympy.S.EmptySet
        return self._add(claim, inequality, justification, f"solveset over the reals in {var}",
                         ok, sympy.sstr(got))

    def fact(self, claim: str, relation, justification: str, check: str, passed: bool,
             detail: str = "") -> bool:
        """Any other checked relation (the caller ran the check and reports what it was)."""
        return self._add(claim, relation, justification, check, passed, detail)

    def conclude(self, result: sympy.Basic, text: str) -> "Derivation":
        self.result, self.result_text = result, text
        return self

    # -- rendering ---------------------------------------------------------------------------
    def to_text(self) -> str:
        lines = [f"{self.name}: {self.statement}",
                 f"status: {'PASSED' if self.passed else 'FAILED'}"]
        lines += [f"assume: {a}" for a in self.assumptions]
        for i, s in enumerate(self.steps, 1):
            mark = "ok" if s.passed else "FAILED"
            lines.append(f"{i:>2}. [{mark}] {s.claim}\n      {sympy.sstr(s.relation)}\n"
                         f"      because {s.justification}; checked by {s.check}"
                         + (f" (got {s.detail})" if s.detail else ""))
        if self.result is not None:
            lines.append(f"result: {self.result_text}: {sympy.sstr(self.result)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        out = [f"\\paragraph{{{self.name}}} {self.statement}"
               f" (\\textbf{{{'passed' if self.passed else 'FAILED'}}})", "\\begin{enumerate}"]
        out += [f"\\item[] Assume {a}." for a in self.assumptions]
        for s in self.steps:
            out.append(f"\\item {s.claim}: $${sympy.latex(s.relation)}$$ "
                       f"({s.justification}; checked by {s.check}"
                       f"{'' if s.passed else ', FAILED'})")
        out.append("\\end{enumerate}")
        if self.result is not None:
            out.append(f"Result ({self.result_text}): $${sympy.latex(self.result)}$$")
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "statement": self.statement, "passed": self.passed,
                "assumptions": self.assumptions, "steps": [s.to_json() for s in self.steps],
                "result": None if self.result is None else sympy.sstr(self.result),
                "result_latex": None if self.result is None else sympy.latex(self.result),
                "result_text": self.result_text}
