"""Every crash, hang, blow-up and path escape found by the fuzzing campaign, kept fixed.

Each case is one line on stderr, ``ualign: error: ...``, and exit code 2: never a
traceback, a hang or a silently different reading.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ualign.certify.certificates import maximal_lottery_certificate, save_certificate
from ualign.cli import main
from ualign.model.examples import example
from ualign.model.lottery import Lottery

HEAD3 = "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _one_line_exit_2(result, words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ualign: error: "), result.stderr
    assert words in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def _file(tmp_path: Path, name: str, text: str, newline: str | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


@pytest.mark.parametrize("name, text, words", [
    ("digit.soc", HEAD3 + "③: 1,2,3\n", "count '③' is not a positive integer"),
    ("super.soc", HEAD3 + "3: 1,²,3\n", "unexpected character '²'"),
    ("ethiopic.soc", "# NUMBER ALTERNATIVES: ፩\n# NUMBER VOTERS: 3\n3: 1\n", "ASCII digits"),
    ("long.soc", HEAD3 + "9" * 5000 + ": 1,2,3\n", "at most 15 digits"),
    ("many.soi", "# NUMBER ALTERNATIVES: 10000000\n# NUMBER VOTERS: 1\n1: 1\n",
     "more than the 100,000"),
    ("huge.soc", "# NUMBER ALTERNATIVES: 1000000000000\n# NUMBER VOTERS: 1\n1: 1\n",
     "more than the 100,000"),
    ("gap.soi", HEAD3 + "3: 1,,3\n", "an empty item in the order"),
    ("comma.toi", HEAD3 + "3: {2} 1\n", "a missing comma"),
    ("cr.soc", HEAD3.replace("\n", "\r") + "3: 1,2,3\r", "U+000D"),
    ("sep.soc", HEAD3 + "3: 1,2,3\u20282: 2,1,3\n", "U+2028"),
    ("nbsp.soc", "# NUMBER\u00a0ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n3: 1,2,3\n", "non-ASCII"),
    ("twice.soc", HEAD3 + "2: 1,2,3\n1: 1,2,3\n", "already appears on line 3"),
])
def test_a_malformed_preflib_file_is_one_line(tmp_path, name, text, words):
    _one_line_exit_2(_run("info", _file(tmp_path, name, text)), words)


def test_preflibtools_spacing_is_read(tmp_path):
    path = _file(tmp_path, "spaced.toc", HEAD3 + "3: 1, {2, 3}\n")
    result = _run("info", path, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["user_types"] == 1


def test_deep_json_is_refused_before_parsing(tmp_path):
    path = _file(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    _one_line_exit_2(_run("check", path), "nested 100000 deep")


def test_a_huge_json_number_is_refused(tmp_path):
    path = _file(tmp_path, "big.json", '{"kind": "bundle", "k": ' + "7" * 5000 + "}")
    _one_line_exit_2(_run("check", path), "more than 4000 digits")


def test_a_huge_exact_number_in_a_policy_is_refused(tmp_path):
    policy = _file(tmp_path, "p.json", '{"kind": "product", "k": 1, "lottery": {"0": "1e99999999"}}')
    _one_line_exit_2(_run("evaluate", "example:five-voter", "--policy", policy),
                     "not an exact number")


@pytest.mark.parametrize("args, words", [
    (["solve", "example:five-voter", "--k", "1000000"], "too large for the exact method"),
    (["compare", "example:five-voter", "--kmax", "1000000"], "too large for the exact method"),
    (["compare", "example:five-voter", "--kmax", "40"], "at most 32"),
    (["selfplay", "example:five-voter", "--k", "1000000", "--steps", "10"], "at most 1000"),
    (["selfplay", "example:five-voter", "--k", "2", "--steps", "100000000"], "too large"),
    (["solve", "example:mallows-4", "--k", "11", "--method", "exact"], "--method numeric`"),
    (["prove", "achievability", "--n", "100", "--k", "100"], "too large for the exact method"),
    (["report", "example:five-voter", "--kmax", "1000"], "at most 32"),
    (["lower-bound", "--k", "2", "--search", "--budget", "inf"], "finite number of seconds"),
    (["refute", "--construction", "nlhf", "--rate", "k/(k+1)", "--budget", "nan"], "finite number"),
    (["selfplay", "example:five-voter", "--k", "2", "--steps", "10", "--eta", "1e308"],
     "eta must be a number in (0, 700]"),
])
def test_sizes_past_the_exact_methods_are_refused_up_front(args, words):
    _one_line_exit_2(_run(*args), words)


def test_the_exact_maximal_lottery_refuses_1001_alternatives_but_solves_300(tmp_path):
    order = ",".join(str(a) for a in range(1, 1002))
    text = f"# NUMBER ALTERNATIVES: 1001\n# NUMBER VOTERS: 1\n1: {order}\n"
    _one_line_exit_2(_run("nlhf", _file(tmp_path, "wide.soc", text)), "--tau")
    order = ",".join(str(a) for a in range(1, 301))
    text = f"# NUMBER ALTERNATIVES: 300\n# NUMBER VOTERS: 1\n1: {order}\n"
    assert _run("nlhf", _file(tmp_path, "wide300.soc", text)).exit_code == 0


def test_a_rate_cannot_run_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rate = "__import__('os').system('touch pwned') + k/(k+1)"
    result = _run("refute", "--construction", "nlhf", "--rate", rate, "--k", "2", "--n", "2")
    _one_line_exit_2(result, "--rate: unknown name '__import__'")
    assert not (tmp_path / "pwned").exists()


def _beside(tmp_path: Path, instance: Path) -> Path:
    """A certificate whose instance is the file ``instance`` beside it, by name."""
    cert = maximal_lottery_certificate(example("five-voter"), Lottery.of(["3/5", "1/5", "1/5"]))
    cert["instance"] = {"file": instance.name,
                        "sha256": hashlib.sha256(instance.read_bytes()).hexdigest()}
    return save_certificate(cert, tmp_path / "cert.json")


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = outside / "real.soc"
    target.write_text("# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n"
                      "3: 1,2,3\n1: 2,3,1\n1: 3,1,2\n")
    folder = tmp_path / "certs"
    folder.mkdir()
    os.symlink(target, folder / "real.soc")
    result = _run("check", str(_beside(folder, target)))
    _one_line_exit_2(result, "leads outside the certificate's folder; it was not read")


def test_a_link_to_a_system_file_prints_no_hash(tmp_path):
    os.symlink("/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd",
               tmp_path / "inst.soc")
    fake = maximal_lottery_certificate(example("five-voter"), Lottery.of(["3/5", "1/5", "1/5"]))
    fake["instance"] = {"file": "inst.soc", "sha256": "0" * 64}
    path = save_certificate(fake, tmp_path / "cert.json")
    result = _run("check", str(path))
    _one_line_exit_2(result, "leads outside")
    system = Path(os.path.realpath(tmp_path / "inst.soc")).read_bytes()
    assert hashlib.sha256(system).hexdigest() not in result.stdout + result.stderr
