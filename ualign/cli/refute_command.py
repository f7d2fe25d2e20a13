"""``ualign refute``: search for a counterexample to a reviewer's robustness claim."""

from __future__ import annotations

import click

from ualign.cli.common import TIE_RULE, emit, quiet_option, working
from ualign.model.formula import parse_formula


def register(main: click.Group) -> None:
    """Attach ``refute`` to the ``ualign`` group."""

    @main.command()
    @click.option("--construction", "construction", required=True, metavar="NAME",
                  help="construction: nlhf (every maximal lottery), nlhf_vertex (the one "
                       "`ualign nlhf` returns), regularised_nlhf(tau), symmetric_ne, "
                       "selfplay_average_product(T), selfplay_mixture(T), "
                       "bradley_terry_best_of_k (a deterministic top-k), best_of_n(N) (RLHF's "
                       "best-of-N with the Bradley-Terry reward), rlhf(beta) (softmax of that "
                       "reward), uniform or optimal(l); README 'Refuting claims' defines each")
    @click.option("--rate", required=True,
                  help='claimed rate f(k, l, n) (n: the instance\'s responses), e.g. "k/(k+1)" '
                       'or "min(1, k/n)"')
    @click.option("--k", "k", type=int, default=2, show_default=True, help="outputs shown")
    @click.option("--n", "n", type=int, default=3, show_default=True,
                  help="responses (at most; the search also tries fewer)")
    @click.option("--l", "l", type=int, default=1, show_default=True, help="competitor outputs")
    @click.option("--ties", type=TIE_RULE, default="share", show_default=True, help="tie rule of the contest")
    @click.option("--types", "types", type=int, default=3, show_default=True,
                  help="user types (distinct orders) at most, for the hypothesis engine")
    @click.option("--orders", type=click.Choice(["strict", "weak"]), default="strict",
                  show_default=True, help="users' orders: all strict, or weak orders (ties)")
    @click.option("--domain", type=click.Choice(["any", "single-peaked", "mallows"]),
                  default="any", show_default=True, help="domain restriction of the orders")
    @click.option("--engine", type=click.Choice(["z3", "hypothesis", "both"]), default="both",
                  show_default=True, help="z3 (exact nonlinear search), hypothesis (random "
                                          "profiles, then shrinking), or both")
    @click.option("--budget", "budget_s", type=float, default=60.0, show_default=True,
                  metavar="S", help="seconds for the whole search")
    @click.option("--seed", type=int, default=0, show_default=True,
                  help="random seed of the hypothesis engine (the search is reproducible)")
    @click.option("--archive", "archive_id", default=None, metavar="CLAIM_ID",
                  help="save a witness as counterexamples/archive/CLAIM_ID.json (+ .soc/.toc)")
    @click.option("--certificate", "out", default=None, metavar="FILE",
                  help="save the witness bundle (checkable by ualign check)")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def refute(construction: str, rate: str, k: int, n: int, l: int, ties: str, types: int,
               orders: str, domain: str, engine: str, budget_s: float, seed: int,
               archive_id: str | None, out: str | None, as_json: bool) -> None:
        """Look for an instance where the construction's k-output policy is not (k, l, rate)-robust.

        Reports REFUTED with an exactly re-checked witness, or that no counterexample was
        found within the budget (with what was searched). It never reports a claim as true.
        """
        from ualign.certify.certificates import save_certificate
        from ualign.counterexamples.claim_language import RobustnessClaim
        from ualign.counterexamples.instance_classes import parse_instance_class
        from ualign.counterexamples.refute_search import refute as search
        from ualign.counterexamples.witness_archive import archive_witness, witness_record
        instances = parse_instance_class(n=n, types=types, orders=orders,
                                         domain=None if domain == "any" else domain)
        formula = parse_formula(rate, ("k", "l", "n"), "--rate")
        claim = RobustnessClaim(construction, formula, k, l, ties, instances)
        with working(f"refuting: {claim.name}", as_json) as status:
            result = search(claim, engine, budget_s, seed,
                            progress=None if status is None else
                            (lambda text: status.update(f"refuting: {claim.name} [{text}]")))
        meaning = _meaning(construction)
        data = {"status": result.status, "claim": claim.describe(), "engine": result.engine,
                "construction_meaning": meaning,
                "searched": result.searched, "seconds": result.seconds, "notes": result.notes}
        record = None
        if result.evaluation is not None:
            record = witness_record(claim, result.evaluation, result.engine)
            data["witness"] = {**record["witness"], "value": record["value"],
                               "bound": record["refutes"]["bound"],
                               "worst_competitor": record["worst_competitor"]}
            if out:
                data["witness_file"] = str(save_certificate(record, out))
            if archive_id:
                data["archived"] = str(archive_witness(archive_id, record))
        if as_json:
            emit(data)
            return
        click.echo(f"claim: {claim.name} on {instances.describe()}")
        if meaning:
            click.echo(f"construction: {meaning}")
        if result.status == "PROVED-UP-TO":
            click.echo(f"PROVED-UP-TO n = {instances.n} ({result.seconds:.2f} s): no instance of "
                       f"the class violates the claim; {result.searched[0]}")
            click.echo("  (a bounded proof for these sizes, not a proof for every n)")
        elif record is None:
            click.echo(f"no counterexample within the budget ({budget_s:g} s); searched:")
            for line in result.searched:
                click.echo(f"  {line}")
        else:
            w = data["witness"]
            click.echo(f"REFUTED ({result.engine}, {result.seconds:.2f} s): the policy wins "
                       f"{w['value']} < {w['bound']} against {w['worst_competitor']} on "
                       f"{w['responses']} responses and {w['user_types']} user types")
            click.echo(w["preflib"].rstrip())
            click.echo(f"policy: {w['policy']}")
            for key in ("witness_file", "archived"):
                if key in data:
                    click.echo(f"saved: {data[key]} (replay: ualign check {data[key]})")
        for note in result.notes:
            click.echo(f"  note: {note}")


def _meaning(construction: str) -> str:
    """What the named construction's policy is (the registry's summary)."""
    from ualign.counterexamples.constructions import parse_construction
    return parse_construction(construction)[0].summary
