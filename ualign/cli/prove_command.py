"""``ualign prove CLAIM``: a bounded proof (or refutation) for fixed sizes, with SMT-LIB2 export."""

from __future__ import annotations

import click

from ualign.cli.common import TIE_RULE, emit, quiet_option, working


def register(main: click.Group) -> None:
    """Attach ``prove`` to the ``ualign`` group."""

    @main.command()
    @click.argument("claim_id", metavar="CLAIM")
    @click.option("--n", "n", type=int, default=3, show_default=True, help="responses")
    @click.option("--k", "k", type=int, default=2, show_default=True, help="outputs shown")
    @click.option("--l", "l", type=int, default=1, show_default=True, help="competitor outputs")
    @click.option("--ties", type=TIE_RULE, default="share", show_default=True, help="tie rule of the conclusion")
    @click.option("--orders", type=click.Choice(["strict", "weak"]), default="strict",
                  show_default=True, help="users' orders: all strict, or all weak orders")
    @click.option("--solver", type=click.Choice(["z3", "cvc5", "both"]), default="z3",
                  show_default=True, help="SMT solver for the queries (both: each, compared)")
    @click.option("--strategy", type=click.Choice(["auto", "monolithic", "supports", "lemmas",
                                                        "coefficients"]),
                  default="auto", show_default=True,
                  help="how the claim is split: one query, one per support, per-user lemmas, "
                       "or lemma coefficients checked without a solver (see README)")
    @click.option("--budget", "timeout_s", type=float, default=60.0, show_default=True,
                  metavar="S", help="seconds for the whole proof attempt")
    @click.option("--smt2", "smt2_dir", default=None, metavar="DIR",
                  help="write every query as SMT-LIB2 for replay with another solver")
    @click.option("--certificate", "cert_path", default=None, metavar="FILE",
                  help="save the solver-free certificate (coefficient strategy) for ualign check")
    @click.option("--cores", is_flag=True,
                  help="name the hypotheses each unsat query needs (a minimal unsat core)")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def prove(claim_id: str, n: int, k: int, l: int, ties: str, orders: str, solver: str,
              strategy: str, timeout_s: float, smt2_dir: str | None, cert_path: str | None,
              cores: bool, as_json: bool) -> None:
        """Prove CLAIM for every profile of the given size (QF_NRA), or refute it with a witness."""
        from ualign.proofs.bounded import prove_bounded
        with working(f"proving {claim_id} for n={n}, k={k} ({solver})", as_json):
            result = prove_bounded(claim_id, n, k, ties, orders, l, timeout_s, smt2_dir, solver,
                                   strategy=strategy, cores=cores)
        data = {"claim": result.claim_id, "status": result.status, "n": result.n, "k": result.k,
                "l": result.l, "tie_rule": result.tie_rule, "orders": result.orders,
                "solver": result.solver, "strategy": result.strategy, "queries": result.queries,
                "seconds": round(result.seconds, 3), "smt2_files": list(result.smt2_files),
                "notes": list(result.notes)}
        if cores:
            data["cores"] = result.cores
        if result.certificate is not None:
            data["certificate"] = result.certificate
            if cert_path:
                from ualign.certify.certificates import save_certificate
                save_certificate(result.certificate, cert_path)
                data["certificate_file"] = cert_path
        if result.witness is not None:
            data["witness"] = result.witness
        if as_json:
            emit(data)
            return
        how = ("solver-free coefficient certificate" if result.certificate is not None else
               f"{result.solver}, {result.strategy}, {result.queries} queries")
        click.echo(f"{result.claim_id}: {result.status} for n={n}, k={k}, l={l}, {orders} orders, "
                   f"tie rule {result.tie_rule} ({how}, {result.seconds:.2f} s)")
        if result.witness is not None:
            click.echo("witness (re-checked exactly by the solver-free checker):")
            click.echo(result.witness.get("preflib", ""))
            click.echo(f"lottery: {result.witness.get('lottery')}")
        if cert_path:
            click.echo(f"  certificate saved to {cert_path} (re-check: ualign check {cert_path})"
                       if result.certificate is not None else
                       "  no certificate saved: only the coefficient strategy gives one")
        for name, core in result.cores.items():
            click.echo(f"  unsat core of {name}: " + "; ".join(core))
        for note in result.notes:
            click.echo(f"  note: {note}")

