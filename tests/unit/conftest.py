"""The unit lane: pure functions and file readers, in seconds. Nothing here starts Prefect or lays
out a PDF; a test that needs either belongs under tests/e2e/, and this guard says so instead of
letting the lane slow down unnoticed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _refuse(what: str):
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a unit test {what}: move it to tests/e2e/")
    return refused


@pytest.fixture(scope="session", autouse=True)
def no_flows_no_pdfs() -> Iterator[None]:
    from prefect import Flow
    from weasyprint import HTML

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flow, "__call__", _refuse("runs a Prefect flow"))
        patch.setattr(HTML, "render", _refuse("lays out a PDF"))  # every PDF WeasyPrint writes
        yield
