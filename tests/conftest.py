"""Shared test configuration: Hypothesis profiles and paths to the shared PrefLib data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# `ci` is derandomised so that CI runs are reproducible; `dev` explores more.
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

SHARED_PREFLIB = Path(os.environ.get(
    "UALIGN_PREFLIB_DIR", Path(__file__).resolve().parents[2] / "shared" / "data" / "preflib"))
TEST_DATA = Path(__file__).resolve().parent / "data"
ORDER_SUFFIXES = (".soc", ".soi", ".toc", ".toi")


def shared_preflib_files() -> list[Path]:
    """Every order file in ../shared/data/preflib (empty when the folder is absent)."""
    if not SHARED_PREFLIB.is_dir():
        return []
    return sorted(p for p in SHARED_PREFLIB.iterdir() if p.suffix in ORDER_SUFFIXES)


def preflib_files() -> list[Path]:
    """The shared PrefLib files when present, else the copies in tests/data."""
    return shared_preflib_files() or sorted(p for p in TEST_DATA.iterdir() if p.suffix in ORDER_SUFFIXES)


@pytest.fixture
def data_dir() -> Path:
    return TEST_DATA
