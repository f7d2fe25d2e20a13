"""``ualign export gambit``: the (k+1)-player alignment game for Gambit's own solvers."""

from __future__ import annotations

from pathlib import Path

import click

from ualign.cli.common import emit, load_profile
from ualign.model.policies import check_k


def register(main: click.Group) -> None:
    """Attach the ``export`` group to the ``ualign`` group."""

    @main.group()
    def export() -> None:
        """Write an instance in another tool's format."""

    @export.command("gambit")
    @click.argument("profile", metavar="PROFILE")
    @click.option("--k", "k", type=int, required=True,
                  help="draws shown (the game has k+1 players)")
    @click.option("--out", "out_dir", default=".", show_default=True, metavar="DIR",
                  help="folder for the .nfg file (named after the profile and k)")
    @click.option("--json", "as_json", is_flag=True, help="machine-readable output")
    def export_gambit(profile: str, k: int, out_dir: str, as_json: bool) -> None:
        """The (k+1)-player alignment game as a Gambit .nfg file (exact rational payoffs).

        Player i names a response (strategy y+1 is response y); each user's prize goes to
        the players holding the user's favourite named response, shared equally. Read it
        with `pygambit.read_nfg(FILE)` and run, say, `pygambit.nash.enumpoly_solve`.
        """
        from ualign.game.gambit_export import alignment_game_nfg
        check_k(k, "--k")
        p = load_profile(profile)
        stem = profile.split(":", 1)[1] if profile.startswith("example:") else Path(profile).stem
        folder = Path(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}-k{k}.nfg"
        path.write_text(alignment_game_nfg(p, k, f"ualign alignment game: {stem}, k = {k}"),
                        encoding="utf-8")
        data = {"file": str(path), "players": k + 1, "strategies": p.n,
                "contingencies": p.n ** (k + 1)}
        if as_json:
            emit(data)
        else:
            click.echo(f"wrote {path}: {k + 1} players x {p.n} strategies, "
                       f"{p.n ** (k + 1):,} contingencies (exact payoffs)")
