"""Contract tests over the derivation registry (every derivation, the CLI and the docs)."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
import sympy
from click.testing import CliRunner

from ualign.cli import main
from ualign.symbolic.derivation import Derivation
from ualign.symbolic.docs import DOCS, render_markdown
from ualign.symbolic.registry import DERIVATIONS, derive


@lru_cache(maxsize=None)
def derived(name: str) -> Derivation:
    return derive(name)


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_every_derivation_passes_every_step(name):
    d = derived(name)
    assert d.name == name
    assert len(d.steps) >= 3, "a derivation is a sequence of checked steps"
    failed = [s.claim for s in d.steps if not s.passed]
    assert not failed and d.passed
    assert d.result is not None and d.result_text


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_renderings_are_complete(name):
    d = derived(name)
    text, latex, data = d.to_text(), d.to_latex(), d.to_json()
    assert text.startswith(name) and "PASSED" in text
    assert "\\begin{enumerate}" in latex
    assert json.loads(json.dumps(data))["steps"][0]["passed"] is True
    assert len(data["steps"]) == len(d.steps)


def test_a_false_step_fails_the_derivation_and_is_not_skipped():
    k = sympy.Symbol("k", positive=True, integer=True)
    d = Derivation("wrong", "a false identity")
    d.equal("true", k / (k + 1), 1 - 1 / (k + 1), "algebra")
    d.equal("false", k / (k + 1), 1 - 1 / k, "a slip")
    assert not d.passed and [s.passed for s in d.steps] == [True, False]
    assert "FAILED" in d.to_text()


def test_cli_lists_and_runs_derivations():
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["derive", "--list", "--json"]).output)
    assert [d["name"] for d in listed["derivations"]] == list(DERIVATIONS)
    result = runner.invoke(main, ["derive", "deviation-payoff", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["passed"] is True
    assert "\\begin{enumerate}" in runner.invoke(main, ["derive", "equal-share", "--latex"]).output


def test_docs_are_current():
    assert DOCS.exists(), "run `make docs`"
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), \
        "docs/derivations.md is stale: run `make docs`"
