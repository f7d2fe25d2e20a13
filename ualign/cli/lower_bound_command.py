"""``ualign lower-bound``: certified instances on which no k-output policy reaches a target."""

from __future__ import annotations

import click

from ualign.cli.common import TIE_RULE, emit, progress_bar, quiet_option, working


def register(main: click.Group) -> None:
    """Attach ``lower-bound`` to the ``ualign`` group."""

    @main.command("lower-bound")
    @click.option("--k", "k", type=int, required=True, help="outputs shown")
    @click.option("--l", "l", type=int, default=1, show_default=True, help="competitor outputs")
    @click.option("--target", default=None, help="exact target to refute, e.g. 2/3+1/100")
    @click.option("--ties", type=TIE_RULE, default="share", show_default=True,
                  help="tie rule of the contest (--search too)")
    @click.option("--search", is_flag=True, help="random search over small instances instead")
    @click.option("--family", type=click.Choice(["nlhf-ceiling"]), default=None,
                  help="a named family instead: nlhf-ceiling (NLHF's product stuck near 1/2)")
    @click.option("--eps", default="1/10", show_default=True, help="margin for --family")
    @click.option("--out", "out", default=None, metavar="DIR",
                  help="folder for the PrefLib instance (and the certificate, beside it)")
    @click.option("--certificate", "cert_path", default=None, metavar="FILE",
                  help="write the exact certificate that `ualign check` re-verifies")
    @quiet_option
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    @click.option("--seed", type=int, default=0, show_default=True,
                  help="random seed of the search (reproducible)")
    @click.option("--budget", type=float, default=10.0, show_default=True, metavar="S",
                  help="seconds for --search")
    def lower_bound_cmd(k, l, target, ties, search, family, eps, out, cert_path, as_json, seed,
                        budget):
        """Build an instance where no k-output policy wins TARGET, with an exact certificate."""
        from pathlib import Path

        from ualign.certify.certificates import save_certificate
        from ualign.counterexamples.known_instances import certified_lower_bound
        from ualign.counterexamples.lower_bounds import nlhf_ceiling_instance, parse_target
        from ualign.model.errors import InputError
        if family == "nlhf-ceiling":
            inst = nlhf_ceiling_instance(parse_target(eps, "--eps"))
            data = {"family": family, "eps": str(inst.eps), "k": k,
                    "nlhf_product_value": str(inst.product_value(k)), "instance": inst.preflib}
            text, cert = inst.preflib, None
        elif search:
            from ualign.counterexamples.lower_bound_search import search_lower_bound
            with progress_bar(as_json) as bar:
                task = bar.add_task(f"searching k={k}, l={l}", total=1.0)
                r = search_lower_bound(k, l, ties, budget_s=budget, seed=seed, archive=True,
                                       progress=lambda f: bar.update(task, completed=f))
            text = __import__("ualign.io.preflib", fromlist=["to_preflib"]).to_preflib(r.profile)[0]
            cert = r.certificate
            data = {"k": k, "l": l, "tie_rule": r.tie_rule, "value": str(r.value),
                    "types": r.profile.num_users, "n": r.profile.n, "tried": r.tried,
                    "proven_lower_bound": str(r.proven_lower_bound),
                    "ic_value_at_n": str(r.ic_value_at_n), "best_known_ic": str(r.best_known),
                    "beats_known_bound": r.beats_known_bound, "archived": r.archived,
                    "instance": text}
        else:
            if target is None:
                raise InputError("give --target F (e.g. 2/3+1/100), or --search, or --family")
            with working(f"an instance where no {k}-output policy reaches {target} "
                         f"(impartial culture, compressed, then the exact LP)", as_json):
                r = certified_lower_bound(k, parse_target(target, "--target"), l, ties,
                                          seed=seed)
            data, text, cert = r.to_json(), r.preflib, r.certificate
        if out:
            import re
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            kind = re.search(r"^# DATA TYPE: (\w+)", text, re.M)
            stem = folder / f"lower-bound-k{k}-l{l}"
            instance = stem.with_suffix(f".{kind.group(1) if kind else 'soc'}")
            instance.write_text(text, encoding="utf-8")
            data["instance_file"] = str(instance)
            if cert is not None:
                save_certificate(cert, stem.with_suffix(".json"))
                data["certificate_file"] = str(stem.with_suffix(".json"))
        if cert_path and cert is not None:
            save_certificate(cert, cert_path)
            data["certificate_file"] = cert_path
        if as_json:
            emit(data)
            return
        for key, value in data.items():
            if key != "instance":
                click.echo(f"{key}: {value}")
        click.echo(text)
