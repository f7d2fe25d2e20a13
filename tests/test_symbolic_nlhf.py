"""The NLHF-ceiling derivation, cross-checked against the exact engine and the float solver."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy

from ualign.game.deviation_payoffs import deviation_payoffs, deviation_payoffs_float
from ualign.game.pairwise import pairwise_matrix
from ualign.game.robustness import robustness
from ualign.model.generators import two_group_condorcet
from ualign.model.lottery import Lottery
from ualign.model.policies import ProductPolicy
from ualign.model.profile import Profile
from ualign.solvers.regularised_nlhf import regularised_nlhf
from ualign.solvers.symmetric_equilibria import symmetric_equilibria
from ualign.symbolic import nlhf_ceiling as nc

EPSILONS = [Fraction(1, 10), Fraction(1, 4), Fraction(1, 20)]


def _sym(x: Fraction) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)


def _frac(x) -> Fraction:
    x = sympy.nsimplify(x)
    assert x.is_Rational, x
    return Fraction(int(x.p), int(x.q))


@pytest.fixture(scope="module")
def derivation():
    return nc.derive()


def test_derivation_passes_every_step(derivation):
    assert derivation.name == "nlhf-ceiling"
    assert derivation.passed
    assert [s.claim for s in derivation.steps if not s.passed] == []
    assert len(derivation.steps) > 40


def test_renderings(derivation):
    text = derivation.to_text()
    assert text.startswith("nlhf-ceiling:") and "status: PASSED" in text
    latex = derivation.to_latex()
    assert "\\begin{enumerate}" in latex and "FAILED" not in latex
    data = json.loads(json.dumps(derivation.to_json()))
    assert data["passed"] and data["name"] == "nlhf-ceiling"
    assert all(step["passed"] for step in data["steps"])
    assert derivation.result[3] == sympy.Rational(1, 2) + 3 * nc.eps


def test_derivation_with_a_third_response():
    d = nc.derive(m=3)
    assert d.passed and d.name == "nlhf-ceiling-m3"


@pytest.mark.parametrize("m", [2, 3, 4])
@pytest.mark.parametrize("e", EPSILONS)
def test_instance_is_the_generator(e, m):
    groups = nc.instance(_sym(e), m)
    built = Profile.of([order for order, _ in groups], weights=[_frac(w) for _, w in groups])
    assert built == two_group_condorcet(e, m)
    P = nc.pairwise_matrix_symbolic(groups, m)
    assert [[_frac(v) for v in row] for row in P] == pairwise_matrix(two_group_condorcet(e, m))


def _closed_form(rule: str, e: Fraction, k: int) -> Fraction:
    """The per-rule robustness stated by the derivation."""
    return {"share": min(Fraction(1, 2) + e, Fraction(k, k + 1)), "half": Fraction(1, 2),
            "weak": Fraction(1, 2) + e, "strict": Fraction(0)}[rule]


@pytest.mark.parametrize("m", [2, 3])
@pytest.mark.parametrize("rule", nc.RULES)
@pytest.mark.parametrize("e", EPSILONS)
def test_point_mass_robustness_matches_engine(e, rule, m):
    profile = two_group_condorcet(e, m)
    for k in range(1, 6):
        engine = robustness(profile, ProductPolicy(Lottery.point(0, m), k), 1, rule)
        assert _frac(nc.point_mass_robustness(_sym(e), k, rule, m)) == engine
        assert _closed_form(rule, e, k) == engine
        # The symbolic formula in k, evaluated afterwards, gives the same numbers.
        wins = nc.point_mass_win_rates(nc.eps, nc.k, rule, m)
        assert [_frac(w.subs({nc.eps: _sym(e), nc.k: k})) for w in wins] == \
            [1 - v for v in deviation_payoffs(profile, Lottery.point(0, m), k, rule)]


@pytest.mark.parametrize("p", [Fraction(1, 3), Fraction(4, 5), Fraction(9, 10)])
def test_deviation_payoffs_formula_matches_engine(p):
    e = Fraction(1, 10)
    for k in (1, 2, 5):
        got = nc.deviation_payoffs_symbolic(nc.instance(_sym(e)), [_sym(p), 1 - _sym(p)], k)
        assert [_frac(v) for v in got] == deviation_payoffs(
            two_group_condorcet(e), Lottery((p, 1 - p)), k)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("e", EPSILONS)
def test_equilibria_match_exact_enumeration(e, k):
    derived = nc.equilibria(_sym(e), k)
    search = symmetric_equilibria(two_group_condorcet(e), k)
    assert search.complete
    found = sorted(float(eq.approximation.probs[0]) for eq in search.equilibria)
    assert len(found) == len(derived)
    for eq, root in zip(sorted(search.equilibria, key=lambda q: q.approximation.probs[0]),
                        derived):
        approx = eq.approximation.probs[0]
        assert abs(sympy.Rational(approx.numerator, approx.denominator)
                   - sympy.N(root, 60)) < sympy.Rational(1, 10**30)
        coordinate = eq.coordinates[0]
        assert abs(sympy.N(coordinate.sympy(), 60) - sympy.N(root, 60)) < 1e-30


def test_equilibria_known_values():
    tenth = sympy.Rational(1, 10)
    assert nc.equilibria(tenth, 2) == [sympy.Rational(4, 5)]
    (r3,) = nc.equilibria(tenth, 3)
    assert sympy.simplify(r3 - (11 - sympy.sqrt(93)) / 2) == 0
    # At eps = 1/4 the point mass is the only equilibrium for k = 2, 3.
    assert nc.equilibria(sympy.Rational(1, 4), 2) == [1]
    assert nc.equilibria(sympy.Rational(1, 4), 3) == [1]


@pytest.mark.parametrize("t", [1.0, 0.1, 0.01])
@pytest.mark.parametrize("reference", [(0.5, 0.5), (0.3, 0.7), (0.9, 0.1)])
def test_kl_closed_form_matches_solver(t, reference):
    e = Fraction(1, 10)
    profile = two_group_condorcet(e)
    solved = regularised_nlhf(profile, t, list(reference))
    assert solved.converged
    closed = float(nc.kl_solution(sympy.Float(t, 30), _sym(e), sympy.Float(reference[0], 30)))
    assert abs(closed - solved.lottery.probs[0]) < 1e-9
    for k in (1, 2, 3):
        rate = float(nc.kl_product_win_rate(sympy.Float(t, 30), _sym(e),
                                            sympy.Float(reference[0], 30), k))
        values = deviation_payoffs_float(profile, [closed, 1 - closed], k)
        assert abs(rate - (1 - max(values))) < 1e-9


def test_kl_win_rate_tends_to_point_mass_value():
    e = sympy.Rational(1, 10)
    for k in (1, 2, 3):
        small = nc.kl_product_win_rate(sympy.Rational(1, 1000), e, sympy.Rational(1, 2), k)
        assert abs(sympy.N(small - nc.point_mass_robustness(e, k), 30)) < 1e-30
