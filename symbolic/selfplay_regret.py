"""Self-play regret: Hedge's step size, its regret bound, and the steps needed for a deficit.

Self-play Hedge (:mod:`ualign.solvers.selfplay`) plays the deviator of the (k+1)-player game against
its own lottery. Its mixture ``Pi_T`` satisfies the identity
``robustness(Pi_T) = k/(k+1) - Regret_T / T``, and Hedge with rewards in ``[0, 1]`` has
``Regret_T <= ln n / eta + eta T / 8`` (Freund and Schapire 1997; Cesa-Bianchi and Lugosi
2006, Thm 2.2). This derivation, for symbolic ``n``, ``T``, ``k``, ``eta`` and ``delta``:

1. minimises ``ln n / eta + eta T / 8`` over ``eta > 0``: the minimiser is
   ``sqrt(8 ln n / T)`` and the minimum ``sqrt(T ln n / 2)`` (an AM-GM square, not a sample);
2. turns it into the deficit bound ``robustness(Pi_T) >= k/(k+1) - sqrt(ln n / (2T))``;
3. solves ``sqrt(ln n / (2T)) <= delta`` in ``T``: ``T >= ln n / (2 delta^2)``.

>>> d = derive()
>>> d.passed, d.result
(True, log(n)/(2*delta**2))
"""

from __future__ import annotations

import sympy

from ualign.symbolic.derivation import Derivation

__all__ = ["derive", "regret_bound", "deficit_bound", "steps_for_deficit", "k", "n", "T",
           "eta", "delta", "regret"]

k = sympy.Symbol("k", positive=True, integer=True)
n = sympy.Symbol("n", positive=True, integer=True)
T = sympy.Symbol("T", positive=True)
eta = sympy.Symbol("eta", positive=True)
delta = sympy.Symbol("delta", positive=True)
regret = sympy.Symbol("R_T", nonnegative=True)

#: ``sqrt(T ln n / 2)``, Hedge's regret bound at the tuned step size.
regret_bound = sympy.sqrt(T * sympy.log(n) / 2)
#: ``sqrt(ln n / (2T))``: how far below k/(k+1) the mixture Pi_T can be.
deficit_bound = sympy.sqrt(sympy.log(n) / (2 * T))
#: ``ln n / (2 delta^2)``: enough steps for a deficit of at most delta.
steps_for_deficit = sympy.log(n) / (2 * delta**2)


def derive() -> Derivation:
    """Derive Hedge's tuned regret bound, the mixture's deficit and the steps for a target.

    Returns
    -------
    Derivation
        Named ``"selfplay-regret"``; its result is ``ln n / (2 delta^2)``.

    Examples
    --------
    >>> [s.check for s in derive().steps][:2]
    ['simplify(lhs - rhs) == 0', 'sympy assumptions: >= 0']
    """
    d = Derivation(
        "selfplay-regret",
        "self-play Hedge with eta = sqrt(8 ln n / T) has Regret_T <= sqrt(T ln n / 2), so its "
        "mixture Pi_T is (k/(k+1) - sqrt(ln n / (2T)))-robust; T >= ln n / (2 delta^2) steps "
        "bring the deficit below delta",
        assumptions=["n >= 2 responses, so ln n > 0", "T >= 1 steps, eta > 0, delta > 0",
                     "rewards u_t(y) = V_{pi_t}(y) lie in [0, 1]",
                     "Hedge from the uniform start: Regret_T <= ln n / eta + eta T / 8 "
                     "(Cesa-Bianchi and Lugosi 2006, Thm 2.2)"])
    L = sympy.log(n)
    bound = L / eta + eta * T / 8
    tuned = sympy.sqrt(8 * L / T)

    # (1) the tuned step size: stationary point, convexity, and the minimum as an AM-GM square.
    d.equal("the derivative of ln n/eta + eta T/8 vanishes at eta = sqrt(8 ln n / T)",
            sympy.Subs(sympy.diff(bound, eta), eta, tuned), 0, "d/deta = -ln n/eta^2 + T/8")
    d.nonnegative("the bound is convex in eta", sympy.diff(bound, eta, 2),
                  "second derivative 2 ln n / eta^3 with ln n >= 0 for a positive integer n")
    d.equal("the bound at the tuned eta", bound.subs(eta, tuned), regret_bound,
            "ln n / sqrt(8 ln n/T) = eta T / 8 = sqrt(T ln n / 8), and twice that is "
            "sqrt(T ln n / 2)")
    gap_square = (sympy.sqrt(L / eta) - sympy.sqrt(eta * T / 8))**2
    d.equal("the excess over the minimum is a square", bound - regret_bound, gap_square,
            "AM-GM: a + b - 2 sqrt(ab) = (sqrt(a) - sqrt(b))^2 with 2 sqrt(ab) = "
            "sqrt(T ln n / 2)")
    d.nonnegative("so sqrt(T ln n / 2) is the minimum over every eta > 0", gap_square,
                  "a square of a real number")

    # (2) the deficit of the mixture Pi_T.
    robust = 1 - (regret + T / (k + 1)) / T
    d.equal("robustness(Pi_T) = 1 - max_y (1/T) sum_t V_t(y) = k/(k+1) - Regret_T/T", robust,
            k / (k + 1) - regret / T,
            "Pi_T's win rate against y is (1/T) sum_t (1 - V_t(y)), and the realised reward "
            "<pi_t, V_t> is exactly 1/(k+1), so max_y sum_t V_t(y) = Regret_T + T/(k+1)")
    d.equal("the regret bound divided by T", regret_bound / T, deficit_bound,
            "sqrt(T ln n / 2) / T = sqrt(ln n / (2T))")
    # Regret_T = sqrt(T ln n / 2) - slack with slack >= 0 is what "within the bound" means.
    slack = sympy.Symbol("slack", nonnegative=True)
    d.nonnegative("robustness(Pi_T) - (k/(k+1) - sqrt(ln n / (2T))) >= 0 whenever Regret_T "
                  "<= sqrt(T ln n / 2)",
                  (k / (k + 1) - (regret_bound - slack) / T) - (k / (k + 1) - deficit_bound),
                  "write Regret_T = sqrt(T ln n / 2) - slack; the difference is slack / T")
    d.limit("the deficit bound vanishes as T -> oo", deficit_bound, T, sympy.oo, 0)

    # (3) steps for a target deficit. solveset cannot decide inequalities with symbolic
    # parameters, so we rescale: x = 2 delta^2 T / ln n turns the condition into 1/sqrt(x) <= 1.
    x = sympy.Symbol("x", positive=True)
    d.equal("in units of delta, with T = x ln n / (2 delta^2), the deficit is 1/sqrt(x)",
            deficit_bound.subs(T, x * L / (2 * delta**2)) / delta, 1 / sympy.sqrt(x),
            "substitution; delta > 0 and ln n > 0")
    d.solve_inequality("deficit <= delta iff x >= 1", 1 / sympy.sqrt(x) <= 1, x,
                       sympy.Interval(1, sympy.oo), "1/sqrt(x) is decreasing on x > 0")
    linear = sympy.Le(L, 2 * delta**2 * T)
    solved = sympy.reduce_inequalities(linear, T)
    d.fact("squared and cleared of T: ln n <= 2 delta^2 T, i.e. T >= ln n / (2 delta^2)",
           solved, "both sides of sqrt(ln n/(2T)) <= delta are positive, so squaring and "
           "multiplying by 2T > 0 keep the direction", "sympy.reduce_inequalities in T",
           solved == sympy.Ge(T, steps_for_deficit), sympy.sstr(solved))
    return d.conclude(steps_for_deficit,
                      "steps that guarantee robustness(Pi_T) >= k/(k+1) - delta")
