"""Shared fixtures: one Prefect test server for the session, and small fixture rounds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from tests.fixtures import basic_round, write_reference

# Property tests check behaviour, not speed (timings belong in benchmarks/): a loaded 2-core CI
# machine must not fail them on Hypothesis's default 200 ms deadline.
settings.register_profile("bangkit", deadline=None)
settings.load_profile("bangkit")

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def prefect_server():
    """A temporary Prefect API for the flow tests (started once; ~15 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    return write_reference(tmp_path / "reference")


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    basic_round(raw)
    return raw
