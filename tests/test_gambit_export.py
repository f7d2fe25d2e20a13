"""The Gambit export: Gambit reads the same game (payoffs from the definition, exactly), and
its own solver, run on the exported file, finds the symmetric equilibria `ualign solve` finds.
"""

from __future__ import annotations

import json
import multiprocessing
from fractions import Fraction
from itertools import product

import pytest
from click.testing import CliRunner

from ualign.cli import main
from ualign.game.gambit_export import MAX_GAMBIT_ENTRIES, alignment_game_nfg
from ualign.model.errors import InputError
from ualign.model.examples import example
from ualign.model.profile import Profile

gbt = pytest.importorskip("pygambit")


def _definition(profile: Profile, named: tuple[int, ...]) -> list[Fraction]:
    """Each player's prize, written out here from the game's definition."""
    pay = [Fraction(0)] * len(named)
    for ranks, w in zip(profile.ranks, profile.weights):
        best = min(ranks[y] for y in named)
        winners = [i for i, y in enumerate(named) if ranks[y] == best]
        for i in winners:
            pay[i] += w / len(winners)
    return pay


def _export(tmp_path, name: str, k: int):
    run = CliRunner().invoke(main, ["export", "gambit", f"example:{name}", "--k", str(k),
                                    "--out", str(tmp_path), "--json"])
    assert run.exit_code == 0, run.output
    path = json.loads(run.output)["file"]
    assert path.endswith(f"{name}-k{k}.nfg")
    return gbt.read_nfg(path)


@pytest.mark.parametrize("name, k", [("five-voter", 1), ("five-voter", 2), ("ties", 2),
                                     ("mallows-4", 2)])
def test_gambit_reads_exactly_the_defined_payoffs(tmp_path, name, k):
    profile = example(name)
    game = _export(tmp_path, name, k)
    players = [str(i + 1) for i in range(k + 1)]
    assert list(game.players) == players
    for named in product(range(profile.n), repeat=k + 1):
        got = game.get_payoffs({p: str(y + 1) for p, y in zip(players, named)})
        assert [Fraction(str(got[p])) for p in players] == _definition(profile, named)


def _enumpoly(path: str, conn) -> None:
    game = gbt.read_nfg(path)
    result = gbt.nash.enumpoly_solve(game)
    conn.send([[[float(v) for _, v in eq[p]] for p in game.players] for eq in result.equilibria])


@pytest.mark.parametrize("name", ["condorcet-cycle", "nlhf-ceiling", "mallows-4"])
def test_gambit_solving_the_export_finds_the_symmetric_equilibria_solve_finds(tmp_path, name):
    k = 2
    _export(tmp_path, name, k)
    path = str(tmp_path / f"{name}-k{k}.nfg")
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_enumpoly, args=(path, send))
    child.start()
    assert receive.poll(120), "gambit enumpoly took more than 120 s"
    equilibria = receive.recv()
    child.join()
    theirs = [eq[0] for eq in equilibria
              if all(max(abs(a - b) for a, b in zip(eq[0], s)) < 1e-6 for s in eq[1:])]
    run = CliRunner().invoke(main, ["solve", f"example:{name}", "--k", str(k), "--all",
                                    "--method", "exact", "--json"])
    found = json.loads(run.output)
    assert found["complete"]
    n = example(name).n
    ours = [[float(Fraction(e["lottery"].get(str(y), "0"))) for y in range(n)]
            for e in found["equilibria"]]
    assert theirs and ours

    def close(a, b):
        return max(abs(x - y) for x, y in zip(a, b)) < 1e-6
    assert all(any(close(t, o) for o in ours) for t in theirs)
    assert all(any(close(o, t) for t in theirs) for o in ours)
    game = gbt.read_nfg(path)  # and each of ours is an exact Nash equilibrium of the export
    for e in found["equilibria"]:
        if e["rational"]:
            probs = [Fraction(e["lottery"].get(str(y), "0")) for y in range(n)]
            assert game.mixed_strategy_profile([probs] * (k + 1), rational=True).max_regret() == 0


def test_a_game_too_large_to_export_is_refused_with_advice():
    profile = Profile.of([tuple(range(12))])
    with pytest.raises(InputError, match="payoff entries.*--method numeric"):
        alignment_game_nfg(profile, 5)  # 12^6 * 6 entries
    assert 12**6 * 6 > MAX_GAMBIT_ENTRIES
