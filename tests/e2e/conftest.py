"""Fixtures of the e2e lane: the Prefect test server and small fixture rounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import basic_round, write_reference


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
