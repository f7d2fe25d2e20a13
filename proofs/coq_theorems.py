"""The Coq development behind every PROVED claim: is it built, is it current, what does it assume.

``proofs/coq/`` is built with ``coq_makefile`` from its ``_CoqProject`` (``make coq``). A claim
is PROVED only through a theorem of ``UAlign.Theorems`` whose ``Print Assumptions`` is
"Closed under the global context", or lists only the axioms :data:`ALLOWED_AXIOMS` permits
for it (Nash's theorem, for the existence corollary alone).

>>> sorted(ALLOWED_AXIOMS)
['UAlign.Theorems.existence']
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["COQ_DIR", "ALLOWED_AXIOMS", "BuildStatus", "build_status", "dependencies",
           "Assumptions", "print_assumptions", "theorem_names", "coq_files", "coqc"]

COQ_DIR = Path(__file__).resolve().parent / "coq"
#: theorem -> the axioms it may use (every other theorem must be closed).
ALLOWED_AXIOMS = {"UAlign.Theorems.existence": ("Nash.symmetric_nash_existence",)}
CLOSED = "Closed under the global context"
COQ_TIMEOUT_S = 300


def coqc() -> str | None:
    """The ``coqc`` executable, or None when Coq is not installed."""
    return shutil.which("coqc")


def coq_files() -> list[str]:
    """The ``.v`` files of the development, in build order (as listed in ``_CoqProject``)."""
    lines = (COQ_DIR / "_CoqProject").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().endswith(".v")]


@dataclass(frozen=True)
class BuildStatus:
    """Which compiled files are missing or older than their source (or than a dependency)."""

    coqc: str | None
    missing: tuple[str, ...]
    stale: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.coqc is not None and not self.missing and not self.stale

    def describe(self) -> str:
        if self.coqc is None:
            return "coqc is not installed (run `make coq`)"
        if self.missing:
            return f"not compiled: {', '.join(self.missing)} (run `make coq`)"
        if self.stale:
            return f"compiled files older than their sources: {', '.join(self.stale)} (run `make coq`)"
        return "built and current"


def dependencies(name: str) -> list[str]:
    """The development's files that ``name`` imports (``From UAlign Require Import ...``)."""
    text = (COQ_DIR / name).read_text(encoding="utf-8")
    found = re.findall(r"From\s+UAlign\s+Require\s+(?:Import|Export)\s+([^.]+)\.", text)
    return [f"{module}.v" for group in found for module in group.split()]


def build_status() -> BuildStatus:
    """Check every ``.vo`` against its ``.v`` and against the ``.vo`` of each file it imports."""
    if not (COQ_DIR / "_CoqProject").exists():
        return BuildStatus(coqc(), (f"{COQ_DIR} (absent: this installation has no Coq sources; "
                                    f"run from a source checkout)",), ())
    missing, stale = [], []
    for name in coq_files():
        source, compiled = COQ_DIR / name, COQ_DIR / (name[:-2] + ".vo")
        if not compiled.exists():
            missing.append(name)
            continue
        built = compiled.stat().st_mtime
        deps = [COQ_DIR / (d[:-2] + ".vo") for d in dependencies(name)]
        if built < source.stat().st_mtime or any(d.exists() and built < d.stat().st_mtime
                                                  for d in deps):
            stale.append(name)
    return BuildStatus(coqc(), tuple(missing), tuple(stale))


@dataclass(frozen=True)
class Assumptions:
    """What ``Print Assumptions`` says of one theorem."""

    theorem: str
    axioms: tuple[str, ...]
    text: str

    @property
    def closed(self) -> bool:
        return not self.axioms and CLOSED in self.text

    @property
    def allowed(self) -> bool:
        """Closed, or using only the axioms this theorem may use."""
        permitted = set(ALLOWED_AXIOMS.get(self.theorem, ()))
        return self.closed or (bool(self.axioms) and set(self.axioms) <= permitted)

    def line(self) -> str:
        """One line for a report: the ``Print Assumptions`` verdict."""
        return CLOSED if self.closed else "Axioms: " + ", ".join(self.axioms)


def _parse(block: str) -> tuple[str, ...]:
    if CLOSED in block:
        return ()
    names = []
    for line in block.splitlines():
        m = re.match(r"^([A-Za-z_][\w.']*)\s*$", line)
        if m and m.group(1) != "Axioms":
            names.append(m.group(1))
    return tuple(names)


def theorem_names() -> list[str]:
    """Every theorem of ``Theorems.v``, fully qualified (``UAlign.Theorems.name``)."""
    text = (COQ_DIR / "Theorems.v").read_text(encoding="utf-8")
    return [f"UAlign.Theorems.{name}" for name in re.findall(r"^Theorem\s+(\w+)", text, re.M)]


_RUNS: dict[tuple, dict[str, Assumptions]] = {}


def _compiled_state() -> tuple:
    """Every compiled file's name, size and modification time: what coqc's answer depends on."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                        for p in COQ_DIR.glob("*.vo")))


def print_assumptions(theorems: list[str], timeout_s: float = COQ_TIMEOUT_S
                      ) -> dict[str, Assumptions]:
    """Run ``Print Assumptions`` on each theorem in one ``coqc`` run over the built development.

    The answer is kept for the process while no ``.vo`` file changes (a run takes about 10 s,
    and ``verify``, ``claims`` and the tests ask for it). Raises ``RuntimeError`` with Coq's
    message when ``coqc`` is missing or fails.
    """
    key = (tuple(theorems), _compiled_state())
    if key not in _RUNS:
        _RUNS[key] = _print_assumptions(theorems, timeout_s)
    return dict(_RUNS[key])


def _print_assumptions(theorems: list[str], timeout_s: float) -> dict[str, Assumptions]:
    exe = coqc()
    if exe is None:
        raise RuntimeError("coqc is not installed (run `make coq`)")
    script = ["From UAlign Require Import Theorems."]
    for i, name in enumerate(theorems):
        script += [f"Definition ualign_marker_{i} := {i}.", f"Check ualign_marker_{i}.",
                   f"Print Assumptions {name}."]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "assumptions.v"
        path.write_text("\n".join(script) + "\n", encoding="utf-8")
        run = subprocess.run([exe, "-q", "-R", str(COQ_DIR), "UAlign", str(path)],
                             capture_output=True, text=True, timeout=timeout_s,
                             env={**os.environ, "COQ_COLOR": "no"})
    if run.returncode != 0:
        raise RuntimeError(f"coqc failed: {(run.stderr or run.stdout).strip()[:500]}")
    out, parts = run.stdout, {}
    for i, name in enumerate(theorems):
        start = out.index(f"ualign_marker_{i}")
        nxt = out.find(f"ualign_marker_{i + 1}", start + 1)
        block = out[start:nxt if nxt >= 0 else len(out)]
        block = block.split("\n", 2)[-1]  # drop the marker and its type
        parts[name] = Assumptions(name, _parse(block), block.strip())
    return parts
