"""The layer contract: which room of ualign may import which, read from every module's imports.

The rooms, each allowed to import only itself and the rooms listed (and, transitively, what
those may import):

=================  ============================================
room               may import
=================  ============================================
model              (nothing else of ualign)
io                 model
game               model
solvers            model, io, game
certify            model, io, game (never a solver)
report             model, io, game, solvers, certify
symbolic           model, game
proofs             symbolic, solvers, certify
counterexamples    proofs, solvers
cli                everything
=================  ============================================

``ualign/__init__.py`` is the facade: it re-exports entry points and may import any room below
the card folders. Only ``cli`` imports click or rich, and ``certify`` imports no solver library.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: room -> the rooms it may import directly (closed transitively below).
DIRECT = {
    "model": set(),
    "io": {"model"},
    "game": {"model"},
    "solvers": {"io", "game"},
    "certify": {"io", "game"},
    "report": {"solvers", "certify"},
    "symbolic": {"game"},
    "proofs": {"symbolic", "solvers", "certify"},
    "counterexamples": {"proofs", "solvers"},
    "cli": {"report", "counterexamples"},
}
#: the folder each room lives in.
FOLDERS = {room: ROOT / "ualign" / room for room in
           ("model", "io", "game", "solvers", "certify", "report", "cli")}
FOLDERS.update({room: ROOT / room for room in ("symbolic", "proofs", "counterexamples")})

UI_LIBRARIES = {"click", "rich"}
SOLVER_LIBRARIES = {"z3", "cvc5", "scipy", "sympy", "highspy", "flint", "pygambit"}


def allowed(room: str) -> set[str]:
    """The rooms ``room`` may import: itself, its direct rooms, and theirs."""
    seen, todo = {room}, [room]
    while todo:
        for r in DIRECT[todo.pop()]:
            if r not in seen:
                seen.add(r)
                todo.append(r)
    return seen


def room_of(module: str) -> str | None:
    """The room of a dotted ``ualign...`` module name (None for the facade ``ualign``)."""
    parts = module.split(".")
    if parts[0] != "ualign" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in DIRECT else None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every imported module's dotted name with its line, read with ``ast`` (no import runs)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import; use ualign.ROOM...")
            found += [(node.lineno, node.module or "")]
            # ``from ualign.game import pairwise`` imports the module ualign.game.pairwise
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                      if node.module in {f"ualign.{r}" for r in DIRECT}]
    return found


def modules() -> list[tuple[str, Path]]:
    return [(room, path) for room, folder in FOLDERS.items()
            for path in sorted(folder.glob("*.py"))]


def violations(room: str, path: Path, root: Path = ROOT) -> list[str]:
    """Each import of ``path`` (in ``room``) that the contract forbids, as ``FILE:LINE: why``."""
    bad = []
    ok = allowed(room)
    for line, name in imports_of(path):
        top = name.split(".")[0]
        where = f"{path.relative_to(root)}:{line}"
        if top in ("proofs", "symbolic", "counterexamples"):
            bad.append(f"{where}: imports {name}; the card folders install as ualign.{top}")
        target = room_of(name)
        if name == "ualign":
            bad.append(f"{where}: imports the facade ualign; import from its room")
        elif target is not None and target not in ok:
            bad.append(f"{where}: {room} may not import {name} ({target})")
        if top in UI_LIBRARIES and room != "cli":
            bad.append(f"{where}: {room} imports {top}; only ualign.cli knows click and rich")
        if top in SOLVER_LIBRARIES and room == "certify":
            bad.append(f"{where}: the checker's room imports the solver library {top}")
    return bad


@pytest.mark.parametrize("room, path", modules(), ids=lambda v: getattr(v, "name", v))
def test_module_imports_only_lower_rooms(room, path):
    assert violations(room, path) == []


def test_every_module_lives_in_a_room():
    loose = [p.name for p in (ROOT / "ualign").glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "every core module belongs to a room (a subpackage)"
    for room, folder in FOLDERS.items():
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text()))
        assert doc and "May import" in doc, f"{room}/__init__.py must say its job and imports"


def test_facade_imports_no_card_folder_and_no_cli():
    rooms = {room_of(name) for _, name in imports_of(ROOT / "ualign" / "__init__.py")}
    assert rooms <= {"model", "io", "game", "solvers", "certify"}


def test_rooms_form_no_circle():
    """Imports between ualign modules (lazy ones included) form a DAG: no module needs itself."""
    graph: dict[str, set[str]] = {}
    for room, path in modules():
        name = f"ualign.{room}" + ("" if path.stem == "__init__" else f".{path.stem}")
        graph[name] = {n for _, n in imports_of(path) if n.startswith("ualign.")}
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack + [node, nxt]))
            if nxt in graph and not state.get(nxt):
                visit(nxt, stack + [node])
        state[node] = 2

    for node in graph:
        if not state.get(node):
            visit(node, [])


def test_the_contract_catches_a_core_module_importing_the_cli(tmp_path):
    """The check itself can fail: a model module that imports ualign.cli is reported."""
    bad = tmp_path / "profile.py"
    bad.write_text("from ualign.cli.common import emit\nimport click\n")
    problems = violations("model", bad, root=tmp_path)
    assert any("may not import ualign.cli.common" in p for p in problems)
    assert any("only ualign.cli knows click" in p for p in problems)


def test_help_lists_every_room():
    import ualign
    for room in DIRECT:
        assert f"ualign.{room}" in ualign.__doc__


OLD_PATHS = ["ualign.profile", "ualign.checker", "ualign.win_rates", "ualign.maximal_lottery",
             "ualign.preflib", "ualign.report_figures", "ualign.solver_commands",
             "ualign.example_checks"]


def test_old_module_paths_are_gone_and_card_folders_are_not_top_level(tmp_path):
    """From a folder outside the repository, only ``ualign`` imports (version 0.2, no shims)."""
    import subprocess
    import sys
    code = ("import importlib, json\n"
            "out = {}\n"
            f"for m in {OLD_PATHS + ['proofs', 'symbolic', 'counterexamples']!r}:\n"
            "    try:\n        importlib.import_module(m); out[m] = 'importable'\n"
            "    except ModuleNotFoundError:\n        out[m] = 'gone'\n"
            "import ualign.proofs.claims, ualign.symbolic.registry, ualign.counterexamples.strategies\n"
            "print(json.dumps(out))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    import json
    assert set(json.loads(run.stdout).values()) == {"gone"}
