"""Answers that say what they mean: long exact values carry a decimal, and `optimal --l L`
quotes the guarantee for that l (which the exact optimum must meet)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from click.testing import CliRunner

from tests.conftest import TEST_DATA
from ualign.cli import main
from ualign.cli.common import LONG_EXACT, exact_text, with_decimals


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_long_exact_values_get_a_decimal_and_short_ones_do_not():
    long = Fraction(2**70 + 1, 3 * 2**70)
    data = with_decimals({"value": str(long), "short": "1/3", "nested": [{"eps": str(long)}],
                          "name": "x" * 50})
    assert Fraction(data["value_decimal"]) == pytest.approx(float(long), rel=1e-18)
    assert "short_decimal" not in data and "name_decimal" not in data
    assert data["nested"][0]["eps_decimal"] == data["value_decimal"]
    assert len(str(long)) > LONG_EXACT and exact_text(long).startswith(f"{long} (~ 0.3333")
    assert exact_text(Fraction(1, 3)) == "1/3"


def test_an_irrational_equilibrium_s_long_eps_reads_as_a_decimal_in_json():
    netflix = str(TEST_DATA / "00004-00000006.soc")  # 3 movies: its k = 3 equilibrium is irrational
    found = json.loads(_run("solve", netflix, "--k", "3", "--all", "--json"))
    (e,) = found["equilibria"]
    assert len(e["exploitability"]) > LONG_EXACT
    assert float(e["exploitability_decimal"]) == pytest.approx(
        float(Fraction(e["exploitability"])), rel=1e-15)


@pytest.mark.parametrize("k, l", [(2, 1), (3, 2), (4, 3)])
def test_optimal_quotes_the_guarantee_for_its_l_and_meets_it(k, l):
    data = json.loads(_run("optimal", "example:five-voter", "--k", str(k), "--l", str(l),
                           "--json"))
    bound = Fraction(data["bound"])
    assert bound == (Fraction(k, k + 1) if l == 1 else Fraction(k + 1 - l, k + 1))
    assert Fraction(data["value"]) >= bound  # a symmetric equilibrium's product gets there
    text = _run("optimal", "example:five-voter", "--k", str(k), "--l", str(l))
    assert f"= {bound}" in text and ("(k+1-l)/(k+1)" in text) == (l > 1)


def test_a_lottery_map_stays_a_lottery_map():
    long = str(Fraction(2**70 + 1, 3 * 2**70))
    data = with_decimals({"lottery": {"0": long, "1": long}})
    assert data == {"lottery": {"0": long, "1": long}}
