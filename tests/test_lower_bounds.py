"""Lower-bound instances: exact values, certificates, compression and the NLHF ceiling."""

import json
from fractions import Fraction

import pytest
from click.testing import CliRunner

from ualign.certify.checker import check_certificate
from ualign.counterexamples.known_instances import certified_lower_bound
from ualign.counterexamples.lower_bound_search import search_lower_bound
from ualign.counterexamples.lower_bounds import ic_value, lower_bound, nlhf_ceiling_instance
from ualign.game.robustness import robustness
from ualign.io.preflib import parse_preflib
from ualign.model.errors import InputError
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.ties import TieRule
from ualign.solvers.maximal_lottery import maximal_lottery
from ualign.symbolic.converse import ceiling


@pytest.mark.parametrize("rule", list(TieRule))
@pytest.mark.parametrize("m,k", [(2, 1), (3, 2), (4, 2), (5, 3)])
def test_ic_value_matches_symbolic_ceiling(m, k, rule):
    assert ic_value(m, k, 1, rule).value == ceiling(m, k, rule)


@pytest.mark.parametrize("k,target", [(2, "2/3+1/20"), (3, "3/4+1/20"), (2, "0.7")])
def test_compressed_instance_is_certified_below_target(k, target):
    r = lower_bound(k, target)
    assert r.value < r.target and r.types < r.ic_types / 4
    assert check_certificate(r.certificate).ok
    assert Fraction(r.certificate["value"]) == r.value


@pytest.mark.parametrize("bad,msg", [
    (dict(k=0, target="0.9"), "k"),
    (dict(k=2, target="2/3"), "proven lower bound"),
    (dict(k=2, target="3/2"), "above 1"),
    (dict(k=2, target="sqrt(2)/2"), "unknown name 'sqrt'"),
    (dict(k=3, target="3/4+1/100"), "Coq `converse`"),  # IC alone; see certified_lower_bound
])
def test_bad_input(bad, msg):
    with pytest.raises(InputError, match=msg):
        lower_bound(**bad)


@pytest.mark.parametrize("eps", ["1/10", "1/4"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_nlhf_ceiling(eps, k):
    inst = nlhf_ceiling_instance(eps)
    assert parse_preflib(inst.preflib).profile == inst.profile
    ml = maximal_lottery(inst.profile)
    assert ml == Lottery.point(0, 2)
    value = robustness(inst.profile, ProductPolicy(ml, k))
    assert value == min(Fraction(1, 2) + Fraction(eps), Fraction(k, k + 1)) == inst.product_value(k)


def test_search_smoke():
    r = search_lower_bound(2, 1, TieRule.SHARE, max_n=4, max_types=3, budget_s=0.3, seed=0)
    assert r.value >= r.proven_lower_bound and check_certificate(r.certificate).ok


def _cli():
    from ualign.cli import main
    return main


def test_cli_json_and_family():
    run = CliRunner().invoke(_cli(), ["lower-bound", "--k", "2", "--target", "2/3+1/20",
                                      "--json"])
    data = json.loads(run.output)
    assert Fraction(data["value"]) < Fraction(43, 60) and data["m"] == 4
    assert parse_preflib(data["instance"]).profile.num_users == data["types"]
    run = CliRunner().invoke(_cli(), ["lower-bound", "--k", "2", "--family", "nlhf-ceiling",
                                      "--eps", "1/10", "--json"])
    assert json.loads(run.output)["nlhf_product_value"] == "3/5"


def test_out_is_a_folder_with_the_instance_and_its_checkable_certificate(tmp_path):
    from ualign.certify.certificates import load_certificate
    from ualign.io.preflib import read_preflib
    out = tmp_path / "lb"
    run = CliRunner().invoke(_cli(), ["lower-bound", "--k", "2", "--target", "2/3+1/20",
                                      "--out", str(out), "--json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    instance, cert = out / "lower-bound-k2-l1.soc", out / "lower-bound-k2-l1.json"
    assert data["instance_file"] == str(instance) and data["certificate_file"] == str(cert)
    assert read_preflib(instance).num_users == data["types"]
    result = check_certificate(load_certificate(cert), out)
    assert result.ok and Fraction(data["value"]) < Fraction(43, 60)


def test_headline_k2_refutes_two_thirds_plus_one_percent():
    r = lower_bound(2, "2/3+1/100")
    assert r.m == 17 and r.ic_value == ceiling(17, 2) == Fraction(23, 34)
    assert r.value < Fraction(203, 300) and r.types <= 154
    assert check_certificate(r.certificate).ok


def test_lower_bound_is_wired_into_ualign():
    import json as _json

    from click.testing import CliRunner

    from ualign.cli import main as ualign_main
    out = CliRunner().invoke(ualign_main, ["lower-bound", "--k", "2", "--target", "2/3+1/20",
                                           "--json"])
    assert out.exit_code == 0, out.output
    data = _json.loads(out.output)
    assert Fraction(data["value"]) < Fraction(2, 3) + Fraction(1, 20)
    assert data["instance"].startswith("# FILE NAME")


# --- beyond impartial culture: the archive, the favourites profile, a search ---------------

def test_l2_target_that_ic_cannot_reach_is_certified_from_a_known_instance():
    r = certified_lower_bound(3, "3/5", l=2)
    assert r.value == Fraction(7, 12) < r.target and r.ic_value is None
    assert "archived" in r.source or "favourites" in r.source
    assert check_certificate(r.certificate).ok
    assert r.to_json()["source"] == r.source


def test_a_target_below_every_known_instance_is_refused_with_the_lowest_one():
    with pytest.raises(InputError, match=r"lowest exact optimum among them is 7/12"):
        certified_lower_bound(3, "11/20", l=2)  # above the proven 1/2, below the table's 7/12


def test_search_defaults_to_share_and_never_reports_below_the_proven_bound():
    run = CliRunner().invoke(_cli(), ["lower-bound", "--k", "2", "--search", "--budget", "1",
                                      "--json"])
    data = json.loads(run.output)
    assert data["tie_rule"] == "share"
    assert Fraction(data["value"]) >= Fraction(data["proven_lower_bound"]) == Fraction(2, 3)


def test_k3_at_three_quarters_plus_one_percent_is_certified_not_refused():
    # it used to be refused (IC needs m = 26); a unanimous user type caps every joint policy
    # at exactly k/(k+1) under share, and the archive holds that instance
    r = certified_lower_bound(3, "3/4+1/100")
    assert r.value == Fraction(3, 4) < r.target and "archived" in r.source
    assert check_certificate(r.certificate).ok
