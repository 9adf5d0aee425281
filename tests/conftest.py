"""Shared by both lanes: quiet Prefect and GX, the Hypothesis profile, and the `e2e` marker set by
folder (tests/e2e/). The fixtures that run the real flow are in tests/e2e/conftest.py, out of the
unit lane's reach."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# Property tests check behaviour, not speed (timings belong in benchmarks/): a loaded 2-core CI
# machine must not fail them on Hypothesis's default 200 ms deadline.
settings.register_profile("bangkit", deadline=None)
settings.load_profile("bangkit")

E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ is `e2e` (so `-m "not e2e"` still works); nothing else is."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.e2e)
