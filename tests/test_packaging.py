"""Packaging: one import name. The wheel holds ``ualign`` and nothing else at the top level."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)],
                   check=True, capture_output=True, cwd=out)
    (path,) = out.glob("ualign-*.whl")
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def wheel_names(wheel) -> list[str]:
    return wheel.namelist()


def test_the_only_top_level_import_name_is_ualign(wheel, wheel_names):
    tops = {name.split("/")[0] for name in wheel_names if ".dist-info" not in name.split("/")[0]}
    assert tops == {"ualign"}
    for name in wheel_names:
        if name.endswith(".dist-info/top_level.txt"):
            assert wheel.read(name).decode().split() == ["ualign"]


def test_card_folders_install_under_ualign_with_their_data(wheel_names):
    names = set(wheel_names)
    for module in ("ualign/proofs/claims.py", "ualign/symbolic/derivation.py",
                   "ualign/counterexamples/claim_language.py", "ualign/model/profile.py",
                   "ualign/cli/main.py", "ualign/certify/checker.py"):
        assert module in names
    archive = ROOT / "counterexamples" / "archive"
    archived = {p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file()}
    assert any(n.startswith("l-gap/") for n in archived)
    assert {f"ualign/counterexamples/archive/{n}" for n in archived} <= names
    certificates = {p.name for p in (ROOT / "proofs" / "certificates").glob("*.json")}
    assert {f"ualign/proofs/certificates/{n}" for n in certificates} <= names
