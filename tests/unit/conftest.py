"""The unit lane: pure functions and file readers, in seconds. Nothing here starts Prefect or lays
out a PDF; a test that needs either belongs under tests/e2e/, and this guard says so instead of
letting the lane slow down unnoticed."""

from __future__ import annotations

import pytest


def _refuse(what: str):
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a unit test {what}: move it to tests/e2e/")
    return refused


@pytest.fixture(autouse=True)
def no_flows_no_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    # per test, not per session: a session-wide patch would outlive the unit lane and refuse the
    # e2e tests too when one pytest runs both (a plain `pytest`)
    from prefect import Flow
    from weasyprint import HTML

    monkeypatch.setattr(Flow, "__call__", _refuse("runs a Prefect flow"))
    monkeypatch.setattr(HTML, "render", _refuse("lays out a PDF"))  # every PDF WeasyPrint writes
