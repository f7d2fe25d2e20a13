"""CLI commands over the solvers: ``nlhf``, ``solve``, ``optimal``, ``selfplay``, ``check``.

Each prints a short human summary or, with ``--json``, an object whose exact values are
strings (lotteries under ``lottery`` in policy-JSON form). ``--certificate FILE`` writes a
certificate that ``ualign check FILE`` re-verifies without any solver. Float results are
labelled as such; exact ones say "exact".
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from ualign.certify.certificates import (bundle, equilibrium_certificate,
                                         exact_equilibrium_certificate, maximal_lottery_certificate,
                                         optimal_policy_certificate, robustness_certificate,
                                         save_certificate)
from ualign.cli.common import TIE_RULE, emit, exact_text, load_profile, quiet_option, working
from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.io.policy_json import lottery_to_json, policy_to_json
from ualign.model.errors import InputError
from ualign.solvers.symmetric_equilibria import MAX_EXACT_RESPONSES
from ualign.model.policies import ProductPolicy, check_k
from ualign.model.profile import Profile
from ualign.model.ties import TieRule

#: Seconds ``solve --method auto`` gives the exact enumeration before the numeric fallback.
AUTO_BUDGET_S = 30.0
#: The exact enumeration solves support systems of degree k in up to n - 1 unknowns, with up
#: to k^(n-1) solutions (Bezout); ``--method exact`` refuses it past MAX_BEZOUT. Most supports
#: are excluded by Bernstein signs before any Groebner basis, and auto is bounded by time.
MAX_BEZOUT = 1000


def _file(spec: str) -> str | None:
    """The PrefLib file behind a profile argument (None for ``example:NAME``)."""
    return None if spec.startswith("example:") else spec


def _save(cert: dict[str, Any], path: str | None) -> None:
    if path:
        save_certificate(cert, path)
        click.echo(f"certificate written to {path} (re-check with `ualign check {path}`)",
                   err=True)


def _lottery_text(lottery) -> str:
    return ", ".join(f"{y}: {exact_text(p)}" for y, p in enumerate(lottery.probs) if p)


def _bound(k: int, l: int) -> tuple[str, Fraction]:
    """What every instance guarantees against l-output competitors (a symmetric equilibrium's
    product, Coq ``achievability`` and ``multi_opponent``), as formula and value."""
    from ualign.counterexamples.lower_bounds import proven_lower_bound
    return ("k/(k+1)" if l == 1 else "(k+1-l)/(k+1)"), max(proven_lower_bound(k, l), Fraction(0))


def register(main: click.Group) -> None:
    """Attach the solver commands to the ``ualign`` group."""
    _json = click.option("--json", "as_json", is_flag=True, help="machine-readable output")

    def json_option(f):  # every solver command takes --quiet beside --json
        return quiet_option(_json(f))
    cert_option = click.option("--certificate", "certificate", default=None, metavar="FILE",
                               help="write a certificate that `ualign check` re-verifies")

    @main.command()
    @click.argument("profile", metavar="PROFILE")
    @click.option("--tau", type=float, default=None,
                  help="KL temperature (> 0; omit --tau for the exact maximal lottery)")
    @click.option("--reference", default=None, metavar="FILE",
                  help="reference lottery JSON {response: probability} (default uniform)")
    @json_option
    @cert_option
    def nlhf(profile: str, tau: float | None, reference: str | None, as_json: bool,
             certificate: str | None) -> None:
        """The NLHF solution: the exact maximal lottery, or the float KL-regularised one."""
        from ualign.solvers.maximal_lottery import maximal_lottery, maximal_lottery_face
        p = load_profile(profile)
        if tau is None:
            with working("the exact maximal lottery (HiGHS, then exact algebra)", as_json):
                lottery = maximal_lottery(p)
                forced = maximal_lottery_face(p)["forced_zero"]
            cert = maximal_lottery_certificate(p, lottery, _file(profile))
            if as_json:
                emit({"profile": profile, "arithmetic": "exact", "lottery": lottery_to_json(lottery),
                      "value": "1/2", "forced_zero": forced})
            else:
                click.echo(f"maximal lottery (exact, an optimal vertex): {_lottery_text(lottery)}")
                click.echo(f"responses no maximal lottery uses: {forced or 'none'}")
            return _save(cert, certificate)
        from ualign.solvers.regularised_nlhf import regularised_nlhf
        ref = _reference_lottery(reference, p) if reference else None
        if not tau > 0:
            raise InputError(f"--tau must be > 0, got {tau}; omit --tau for the exact maximal "
                             f"lottery (the tau -> 0 limit)")
        with working(f"KL-regularised NLHF at tau = {tau} (mirror prox)", as_json):
            result = regularised_nlhf(p, tau, ref)
        exact = result.lottery.to_exact()
        cert = robustness_certificate(p, ProductPolicy(exact, 1), 1, TieRule.SHARE,
                                      file=_file(profile))
        if as_json:
            emit({"profile": profile, "arithmetic": "float", "tau": tau,
                  "lottery": lottery_to_json(exact), "lottery_float": list(result.lottery.probs),
                  "duality_gap": result.duality_gap, "iterations": result.iterations,
                  "converged": result.converged, "worst_case_win_rate": cert["value"]})
        else:
            click.echo(f"KL-regularised NLHF (float, tau={tau}): "
                       + ", ".join(f"{y}: {q:.6g}" for y, q in enumerate(result.lottery.probs)))
            click.echo(f"duality gap {result.duality_gap:.3g} after {result.iterations} "
                       f"iterations ({'converged' if result.converged else 'NOT converged'})")
            click.echo(f"rounded lottery's exact worst-case win rate: {exact_text(cert['value'])}")
        _save(cert, certificate)

    @main.command()
    @click.argument("profile", metavar="PROFILE")
    @click.option("--k", "k", type=int, required=True, help="draws shown (the game has k+1 players)")
    @click.option("--all", "show_all", is_flag=True, help="list every equilibrium (exact method)")
    @click.option("--method", type=click.Choice(["exact", "numeric", "auto"]), default="auto",
                  show_default=True,
                  help=f"auto: the exact enumeration for n <= {MAX_EXACT_RESPONSES} within "
                       f"--budget, else (or when it does not finish) the certified numeric one")
    @click.option("--budget", "budget_s", type=float, default=AUTO_BUDGET_S, show_default=True,
                  metavar="S", help="seconds auto gives the exact enumeration before falling "
                                    "back to the numeric method")
    @json_option
    @cert_option
    def solve(profile: str, k: int, show_all: bool, method: str, budget_s: float,
              as_json: bool, certificate: str | None) -> None:
        """Symmetric equilibria of the (k+1)-player alignment game, with exact exploitability."""
        check_k(k, "--k")
        if not budget_s > 0:
            raise InputError(f"--budget must be a positive number of seconds, got {budget_s}")
        p = load_profile(profile)
        bezout = k ** (p.n - 1)
        if method == "exact" and bezout > MAX_BEZOUT:
            raise InputError(f"k={k} on {p.n} responses gives support systems with up to "
                             f"{k}^{p.n - 1} = {bezout:,} solutions, too large for the exact "
                             f"method (at most {MAX_BEZOUT:,}); use `ualign solve --method "
                             f"numeric` (a certified eps-equilibrium)")
        fallback = None
        if method == "exact" or (method == "auto" and p.n <= MAX_EXACT_RESPONSES):
            fallback = _solve_exact(p, profile, k, show_all, as_json, certificate, emit,
                                    budget_s if method == "auto" else None)
            if fallback is None:
                return
        from ualign.solvers.numeric_equilibrium import symmetric_equilibrium_numeric
        with working(f"numeric equilibrium of the {k + 1}-player game, then its exact eps",
                     as_json):
            eq = symmetric_equilibrium_numeric(p, k)
            payoffs = deviation_payoffs(p, eq.lottery, k)
        cert = equilibrium_certificate(p, eq.lottery, k, payoffs, _file(profile))
        if as_json:
            emit({"profile": profile, "k": k, "method": "numeric", "arithmetic":
                  "float search, exact certificate", "exact_search": fallback,
                  "lottery": lottery_to_json(eq.lottery),
                  "exploitability": str(eq.exploitability),
                  "exploitability_decimal": float(eq.exploitability),
                  "certified_robustness": str(eq.certified_robustness),
                  "support": list(eq.support)})
        else:
            if fallback:
                click.echo(f"the exact enumeration did not finish within {budget_s:g} s "
                           f"({fallback['undecided']} supports undecided); the certified "
                           f"numeric method instead (`--method exact` runs it to the end)")
            click.echo(f"numeric equilibrium on support {list(eq.support)} (rational lottery)")
            click.echo(f"exact exploitability eps = {float(eq.exploitability):.3e} "
                       f"(a Fraction), so the {k}-sample product is certified "
                       f"({k}, {k}/{k + 1} - eps)-robust")
        _save(cert, certificate)

    @main.command()
    @click.argument("profile", metavar="PROFILE")
    @click.option("--k", "k", type=int, required=True, help="outputs shown")
    @click.option("--l", "l", type=int, default=1, show_default=True, help="competitor outputs")
    @click.option("--ties", type=TIE_RULE, default="share", show_default=True, help="share, half, weak, strict")
    @json_option
    @cert_option
    def optimal(profile: str, k: int, l: int, ties: str, as_json: bool,
                certificate: str | None) -> None:
        """The instance-optimal k-output policy and its exact value (an exact LP)."""
        from ualign.solvers.optimal_policy import optimal_policy
        check_k(k, "--k")
        check_k(l, "--l")
        p = load_profile(profile)
        with working(f"the exact optimal {k}-output policy (LP over multisets)", as_json):
            best = optimal_policy(p, k, l, ties)
            cert = optimal_policy_certificate(p, best, _file(profile))
        if as_json:
            emit({"profile": profile, "k": k, "l": l, "tie_rule": best.tie_rule.value,
                  "arithmetic": "exact", "value": str(best.value),
                  "value_decimal": float(best.value), "bound_formula": _bound(k, l)[0],
                  "bound": str(_bound(k, l)[1]), "policy": policy_to_json(best.policy),
                  "competitor": policy_to_json(best.competitor)})
        else:
            formula, bound = _bound(k, l)
            click.echo(f"optimal {k}-output robustness vs {l}-output competitors (exact): "
                       f"{best.value} ~ {float(best.value):.10f}  (every instance allows "
                       f"{formula} = {bound}: a symmetric equilibrium's product)")
            for ms, q in best.policy.support:
                click.echo(f"  show {list(ms)} with probability {exact_text(q)}")
        _save(cert, certificate)

    @main.command()
    @click.argument("file", metavar="FILE")
    @json_option
    def check(file: str, as_json: bool) -> None:
        """Re-verify a certificate in exact arithmetic (no solver); exit 1 if it fails."""
        from ualign.certify.certificates import load_certificate
        from ualign.certify.checker import check_certificate
        cert = load_certificate(file)
        try:
            with working(f"re-deriving every field of {file} exactly", as_json):
                result = check_certificate(cert, Path(file).absolute().parent)
        except InputError as err:
            raise err.located(file) from None
        if as_json:
            emit({"file": file, "kind": result.kind, "ok": result.ok, "statement": result.statement,
                  "reason": result.reason})
        elif result.ok:  # the checker's own words for what it re-derived
            click.echo(f"VALID {result.kind} certificate: {result.statement}")
        else:
            click.echo(f"INVALID {result.kind} certificate: {result.reason}")
        if not result.ok:
            sys.exit(1)


def _solve_exact(p: Profile, profile: str, k: int, show_all: bool, as_json: bool,
                 certificate: str | None, emit, budget_s: float | None = None) -> dict | None:
    """Print the exact search; with a budget (auto), return a summary instead when it did not
    finish, for the numeric fallback."""
    from ualign.solvers.symmetric_equilibria import symmetric_equilibria
    with working(f"every symmetric equilibrium, exactly (2^{p.n} - 1 supports)", as_json):
        found = symmetric_equilibria(p, k, budget_s=budget_s)
    if budget_s is not None and not found.complete:
        return {"complete": False, "found": len(found.equilibria),
                "undecided": sum("undecided" in n for n in found.notes),
                "notes": list(found.notes)}
    chosen = list(found.equilibria) if show_all else list(found.equilibria[:1])
    records = [{"support": list(e.support), "lottery": lottery_to_json(e.approximation),
                "exploitability": str(e.approximation_exploitability),
                "rational": e.is_rational, "method": e.method,
                "coordinates": [None if c is None else
                                {"minimal_polynomial": list(c.poly), "root_index": c.index,
                                 "interval": [str(c.interval[0]), str(c.interval[1])]}
                                for c in e.coordinates]} for e in chosen]
    certs = [exact_equilibrium_certificate(p, k, e, _file(profile))
             for e in chosen if e.field is not None]
    if as_json:
        top = records[0] if records else {}
        emit({"profile": profile, "k": k, "method": "exact", "arithmetic": "exact (algebraic)",
              "lottery": top.get("lottery"), "exploitability": top.get("exploitability"),
              "equilibria": records, "count": len(found.equilibria), "complete": found.complete,
              "notes": list(found.notes)})
    else:
        click.echo(f"{len(found.equilibria)} symmetric equilibri{'um' if len(found.equilibria) == 1 else 'a'}"
                   f" of the {k + 1}-player game ({'complete list' if found.complete else 'list may be incomplete'})")
        for e in chosen:
            kind = "rational" if e.is_rational else "algebraic"
            click.echo(f"  support {list(e.support)} ({kind}): "
                       + ", ".join(f"{y}: {float(q):.12g}" for y, q in enumerate(e.approximation.probs) if q)
                       + f"  [rational approximation, exact eps {float(e.approximation_exploitability):.1e}]")
            for y, c in enumerate(e.coordinates):
                if c is not None and not c.is_rational:
                    click.echo(f"    pi({y}) = root #{c.index} of {_poly_text(c.poly)}")
        for note in found.notes:
            click.echo(f"  note: {note}")
    if certificate and certs:
        _save(certs[0] if len(certs) == 1 else
              bundle(certs, source=f"ualign solve {profile} --k {k} --all"),
              certificate)
    elif certificate:
        raise InputError("no equilibrium with an exact certificate to write (continuum samples "
                         "only); use --method numeric for an eps-certificate")


def _reference_lottery(path: str, p: Profile):
    """A reference lottery file: ``{response: probability}``, or a k = 1 product policy."""
    from ualign.io.json_input import read_json
    from ualign.io.policy_json import lottery_from_json, policy_from_json
    data = read_json(path, "reference lottery")
    try:
        if isinstance(data, dict) and "kind" in data:
            policy = policy_from_json(data, p, 1)
            if not isinstance(policy, ProductPolicy):
                raise InputError("the reference must be a single-output lottery")
            lottery = policy.lottery
        else:
            lottery = lottery_from_json(data, p, "reference")
        if 0 in lottery.probs:
            raise InputError("the reference must give every response positive probability "
                             "(KL needs full support)")
    except InputError as err:
        raise InputError(f"{path}: {err}") from None
    return lottery


def _poly_text(coeffs: tuple[int, ...]) -> str:
    terms = [f"{c}" + (f"*x^{i}" if i > 1 else "*x" if i == 1 else "")
             for i, c in enumerate(coeffs) if c]
    return " + ".join(reversed(terms)).replace("+ -", "- ")
