"""``ualign report``: the Markdown table, the figures, the certificates and the exact numbers."""

from __future__ import annotations

import json
from fractions import Fraction

import click
import pytest
from click.testing import CliRunner

from ualign.certify.certificates import load_certificate
from ualign.certify.checker import check_certificate
from ualign.cli import main
from ualign.cli.common import load_profile
from ualign.io.preflib import read_preflib
from ualign.game.robustness import robustness
from ualign.model.policies import ProductPolicy
from ualign.report.robustness_report import TOO_LARGE, _cell, default_profile_specs
from ualign.solvers.maximal_lottery import maximal_lottery

PROFILES = ("example:five-voter", "example:ties")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _cli() -> click.Group:
    return main


@pytest.fixture(scope="module")
def report_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(_cli(), ["report", *PROFILES, "--kmax", "2", "--out", str(out),
                                         "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.output)


def test_markdown_has_a_table_per_profile(report_run):
    out, _ = report_run
    md = (out / "report.md").read_text(encoding="utf-8")
    for spec in PROFILES:
        section = md.split(f"## {spec}\n", 1)[1].split("\n## ", 1)[0]
        assert "| k | NLHF product | equilibrium product |" in section
        assert section.count("\n| 1 |") == 1 and section.count("\n| 2 |") == 1


def test_figures_are_valid_pngs(report_run):
    out, data = report_run
    names = ["summary.png"] + [p["files"][key] for p in data["profiles"]
                               for key in ("robustness", "selfplay")]
    assert len(names) == 1 + 2 * len(PROFILES)
    for name in names:
        blob = (out / name).read_bytes()
        assert blob.startswith(PNG_MAGIC) and len(blob) > 5000, name


def test_equilibrium_certificates_pass_the_checker(report_run):
    out, _ = report_run
    certs = sorted(out.glob("*-equilibrium-k*.json"))
    assert len(certs) == 2 * len(PROFILES)
    for path in certs + sorted(out.glob("*-compare.json")):
        result = check_certificate(load_certificate(path), out)
        assert result.ok, (path.name, result.reason)


def test_nlhf_numbers_are_exact_robustness(report_run):
    _, data = report_run
    for entry in data["profiles"]:
        p = load_profile(entry["profile"])
        ml = maximal_lottery(p)
        for row in entry["rows"]:
            k = row["k"]
            assert Fraction(row["nlhf_product"]) == robustness(p, ProductPolicy(ml, k))
            assert Fraction(row["bound"]) == Fraction(k, k + 1)


def test_equilibrium_product_meets_its_certified_bound(report_run):
    _, data = report_run
    for entry in data["profiles"]:
        for row in entry["rows"]:
            k, eps = row["k"], Fraction(row["exploitability"])
            assert Fraction(row["equilibrium_product"]) >= Fraction(k, k + 1) - eps
            assert Fraction(row["certified_lower_bound"]) == Fraction(k, k + 1) - eps


def test_json_file_matches_stdout(report_run):
    out, data = report_run
    written = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert written["profiles"] == data["profiles"]


def test_too_large_lp_is_said_not_skipped():
    assert _cell("optimal_joint", None) == TOO_LARGE


def test_report_data_is_shipped_or_given_and_a_missing_folder_is_refused(tmp_path):
    from ualign.model.errors import InputError
    from ualign.report.robustness_report import SHIPPED_PREFLIB
    shipped = default_profile_specs()  # no ../shared needed: the package carries its files
    assert [s for s in shipped if not s.startswith("example:")] == sorted(
        str(p) for p in SHIPPED_PREFLIB.iterdir() if p.suffix in (".soc", ".toc"))
    assert all(read_preflib(s).n >= 3 for s in shipped if not s.startswith("example:"))
    with pytest.raises(InputError, match="no data folder"):
        default_profile_specs(tmp_path / "absent")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="holds no PrefLib order file"):
        default_profile_specs(tmp_path)
    (tmp_path / "a.soc").write_text("x")
    assert default_profile_specs(tmp_path)[-1] == str(tmp_path / "a.soc")
    run = CliRunner().invoke(_cli(), ["report", "--data", str(tmp_path / "absent"),
                                      "--kmax", "1"])
    assert run.exit_code == 2 and "no data folder" in run.output


def test_real_data_equilibria_carry_certificates_that_check(tmp_path):
    # one real population (ERS, 5 alternatives, 203 user types with ties): every equilibrium
    # the report certifies is accepted by the solver-free checker
    from tests.conftest import preflib_files
    files = [p for p in preflib_files() if p.name.startswith("00007-00000013")]
    if not files:
        pytest.skip("the ERS file is not available")
    out = tmp_path / "real"
    result = CliRunner().invoke(_cli(), ["report", str(files[0]), "--kmax", "2", "--out",
                                         str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    certs = sorted(out.glob("*-equilibrium-k*.json"))
    assert len(certs) == 2
    for path in certs:
        cert = load_certificate(path)
        assert check_certificate(cert, out).ok
        assert Fraction(cert["exploitability"]) < Fraction(1, 10**9)


def test_figures_a_reader_can_read(monkeypatch, tmp_path):
    """The summary's axis starts at 0 and names a bar that was not computed; the bound line is
    drawn above the equilibrium curve it meets; selfplay --plot is the report's figure."""
    from types import SimpleNamespace

    from ualign.report import figures
    shown = []
    monkeypatch.setattr(figures, "_save", lambda fig, path: shown.append(fig) or path)
    half = Fraction(1, 2)
    rows = [{"k": 1, "nlhf_product": half, "equilibrium_product": half, "optimal_joint": None,
             "bound": half, "selfplay_mixture_float": 0.4}]
    report = SimpleNamespace(spec="example:five-voter", rows=rows, condorcet_margin=None)
    figures.summary_figure([report], 1, tmp_path / "s.png")
    ax = shown[-1].axes[0]
    assert ax.get_ylim()[0] == 0.0
    assert any(t.get_text() == "not computed" for t in ax.texts)
    figures.robustness_figure(report, tmp_path / "r.png")
    lines = {line.get_label(): line for line in shown[-1].axes[0].lines}
    bound = lines["bound k/(k+1)"]
    assert bound.get_zorder() > lines["equilibrium product (certified)"].get_zorder()
    out = CliRunner().invoke(_cli(), ["selfplay", "example:five-voter", "--k", "2", "--steps",
                                      "50", "--plot", str(tmp_path / "p.png"), "--quiet"])
    assert out.exit_code == 0, out.output
    (left, right) = shown[-1].axes
    assert shown[-1]._suptitle.get_text().startswith("five-voter: hedge self-play, k = 2")
    assert left.get_xlabel() == right.get_xlabel() == "step t"
