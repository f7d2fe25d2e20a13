"""Running bounded-proof queries: a solver child with a hard deadline, exact models, SMT-LIB2.

The queries of :mod:`ualign.proofs.bounded_encoding` are solved by Z3 or cvc5 (``cvc5.pythonic``
shares Z3's Python API) in one forked child process that is killed at the deadline, because
neither nonlinear procedure always polls its own time limit. A ``sat`` model is turned into
exact Fractions (irrational values are pinned to nearby rationals and re-checked); an ``unsat``
answer can come with an unsat core over the query's named hypothesis groups
(:mod:`ualign.proofs.unsat_cores`).

>>> from ualign.proofs.bounded_encoding import violation_queries
>>> from fractions import Fraction
>>> from ualign.model.ties import TieRule
>>> q = violation_queries(2, 1, 1, TieRule.SHARE, "strict", Fraction(1, 2))[0]
>>> solve_here(q, "z3", 10)[0]
'unsat'
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

from ualign.proofs.bounded_encoding import Query
from ualign.proofs.unsat_cores import check_groups, unsat_core

__all__ = ["SOLVERS", "GRACE_S", "SolverDisagreement", "backend", "solve_here", "solve_all",
           "write_smt2"]

SOLVERS = ("z3", "cvc5", "both")
#: Extra seconds the solver child process gets beyond the deadline before it is killed.
GRACE_S = 3.0


class SolverDisagreement(RuntimeError):
    """Z3 and cvc5 gave opposite definite answers (sat vs unsat) on the same query."""


def backend(name: str):
    """The ``z3`` module or ``cvc5.pythonic`` (same API)."""
    if name == "z3":
        import z3
        return z3
    import cvc5.pythonic
    return cvc5.pythonic


def _solve(q: Query, solver: str, seconds: float) -> tuple[str, dict | None, str | None]:
    """``(status, exact model values or None, note)`` for one query; ``both`` cross-checks."""
    if solver != "both":
        return solve_here(q, solver, seconds)
    a = solve_here(q, "z3", seconds / 2)
    b = solve_here(q, "cvc5", seconds / 2)
    if {a[0], b[0]} == {"sat", "unsat"}:
        raise SolverDisagreement(f"query {q.name}: z3 says {a[0]}, cvc5 says {b[0]}")
    notes = "; ".join(f"{s}: {r[0]}" + (f" ({r[2]})" if r[2] else "")
                      for s, r in (("z3", a), ("cvc5", b)))
    if a[0] == b[0]:
        return a[0], a[1] or b[1], None if a[0] != "unknown" else notes
    definite = a if a[0] != "unknown" else b
    return definite[0], definite[1], notes


def solve_all(queries: list[Query], solver: str, deadline: float, cores: bool = False):
    """Yield ``(index, status, values, note, core)`` per query, stopping after sat or unknown.

    ``core`` is the list of hypothesis-group labels of an unsat core when ``cores`` is set
    (``None`` otherwise, or when the core did not finish in time). The queries run in one
    forked child, killed at the deadline plus :data:`GRACE_S`; where fork is unavailable they
    run in-process.
    """
    import multiprocessing as mp
    try:
        ctx = mp.get_context("fork")
    except ValueError:
        for i, q in enumerate(queries):
            left = max(0.001, deadline - time.monotonic())
            status, values, note = _solve(q, solver, left)
            core = _core(q, solver, deadline) if cores and status == "unsat" else None
            yield i, status, values, note, core
            if status != "unsat":
                return
        return
    for name in (("z3", "cvc5") if solver == "both" else (solver,)):
        backend(name)  # import before forking, so each child does not pay for it again
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_batch, args=(sender, queries, solver, deadline, cores),
                        daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            left = deadline + GRACE_S - time.monotonic()
            if left <= 0 or not receiver.poll(left):
                yield (None, "unknown", None, f"{solver} ran past the time budget and was stopped",
                       None)
                return
            try:
                msg = receiver.recv()
            except EOFError:
                yield None, "unknown", None, f"solver process exited with code {child.exitcode}", \
                    None
                return
            if msg[0] == "done":
                return
            if msg[0] == "disagree":
                raise SolverDisagreement(msg[1])
            yield msg[1:]
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _core(q: Query, solver: str, deadline: float) -> list[str] | None:
    """A minimal core by deletion; with ``both``, found by Z3 and re-checked by cvc5."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    core = unsat_core(q, backend("cvc5" if solver == "cvc5" else "z3"), left)
    if core is not None and solver == "both":
        m = backend("cvc5")
        groups, _ = q.build(m)
        kept = [g for g in groups if g[0] in core]
        if check_groups(m, kept, max(0.001, deadline - time.monotonic())) == "sat":
            raise SolverDisagreement(f"query {q.name}: cvc5 does not confirm z3's core {core}")
    return core


def _batch(sender, queries: list[Query], solver: str, deadline: float, cores: bool) -> None:
    try:
        for i, q in enumerate(queries):
            left = deadline - time.monotonic()
            if left <= 0:
                sender.send(("result", i, "unknown", None, "time budget spent", None))
                break
            status, values, note = _solve(q, solver, left)
            core = _core(q, solver, deadline) if cores and status == "unsat" else None
            sender.send(("result", i, status, values, note, core))
            if status != "unsat":
                break
        sender.send(("done",))
    except SolverDisagreement as err:
        sender.send(("disagree", str(err)))
    except Exception as err:  # report solver crashes as unknown rather than hanging the parent
        sender.send(("result", None, "unknown", None,
                     f"solver failed: {type(err).__name__}: {err}", None))
    finally:
        sender.close()


def solve_here(q: Query, name: str, seconds: float) -> tuple[str, dict | None, str | None]:
    """Solve one query in this process: ``(status, exact model values or None, note)``."""
    m = backend(name)
    cons, variables = q.constraints(m)
    s = m.SolverFor("QF_NRA")
    s.set("timeout" if name == "z3" else "tlimit-per", max(1, int(seconds * 1000)))
    s.add(*cons)
    result = s.check()
    if result == m.unsat:
        return "unsat", None, None
    if result != m.sat:
        reason = s.reason_unknown() if hasattr(s, "reason_unknown") else "unknown"
        return "unknown", None, f"{name} returned unknown ({reason})"
    values, note = _rational_model(m, s, variables)
    if values is None and name == "cvc5":
        # cvc5 reports algebraic numbers without a rational approximation API; let Z3 pin them.
        status, values, note2 = solve_here(q, "z3", seconds)
        return ("sat", values, f"cvc5 model irrational; z3 re-solve: {note2 or status}")
    return ("sat", values, note) if values is not None else ("unknown", None, note)


def _flat(variables: dict) -> list:
    return list(variables["w"]) + [x for p in variables["p"] for x in p]


def _rational_model(m, s, variables: dict, attempts: int = 4):
    """Exact Fraction values for every variable, pinning irrational ones to nearby rationals.

    Each pin is an added equation followed by a re-check, so the final model still satisfies
    every constraint; it fails (None) only when the solution set near the model is irrational.
    """
    xs = _flat(variables)
    model = s.model()
    pinned = 0
    for x in xs:
        v = model.eval(x, model_completion=True)
        if m.is_rational_value(v):
            continue
        if not hasattr(v, "approx"):
            return None, "model value is an algebraic number"
        for digits in range(6, 6 + 4 * attempts, 4):
            s.push()
            s.add(x == v.approx(digits))
            if s.check() == m.sat:
                model, pinned = s.model(), pinned + 1
                break
            s.pop()
        else:
            return None, "irrational model value that no nearby rational replaces"
    values = {str(x): _as_fraction(model.eval(x, model_completion=True)) for x in xs}
    note = f"pinned {pinned} irrational model values to rationals" if pinned else None
    return {"w": [values[str(x)] for x in variables["w"]],
            "p": [[values[str(x)] for x in p] for p in variables["p"]]}, note


def _as_fraction(v) -> Fraction:
    f = v.as_fraction()
    return Fraction(int(f.numerator), int(f.denominator))


def write_smt2(q: Query, folder: Path, stem: str, header: str) -> Path:
    """Write ``q`` as SMT-LIB2 (QF_NRA) with one *named* assertion per hypothesis group.

    The names (``h0``, ``h1``, ..) are listed in the header with their labels, so another
    solver can replay the query and, with ``(get-unsat-core)``, say which hypotheses it used.
    """
    import z3
    groups, variables = q.build(z3)
    names = [f"h{i}" for i in range(len(groups))]
    lines = [f"; {header}",
             *(f"; {name}: {label}" for name, (label, _) in zip(names, groups)),
             "(set-option :produce-unsat-cores true)", "(set-logic QF_NRA)"]
    lines += [f"(declare-fun {x} () Real)" for x in _flat(variables)]
    for name, (_, cons) in zip(names, groups):
        body = z3.And(cons) if len(cons) > 1 else cons[0]
        lines.append(f"(assert (! {body.sexpr()} :named {name}))")
    lines += ["(check-sat)", "(exit)"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}_{q.name}.smt2"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
