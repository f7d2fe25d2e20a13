"""Doctests of the card folders, run under their installed names (``ualign.proofs``, ...).

pytest's ``--doctest-modules`` would import ``proofs/claims.py`` as a top-level ``proofs``
package, a second copy under the wrong name; so these are collected here instead, one test
per module. (The ``ualign/`` folder's own doctests are collected by ``--doctest-modules``.)
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [f"ualign.{folder}.{p.stem}" for folder in ("symbolic", "proofs", "counterexamples")
           for p in sorted((ROOT / folder).glob("*.py")) if p.stem != "__init__"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests_pass(name):
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().parent.parent == ROOT, "the repository's own copy"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
