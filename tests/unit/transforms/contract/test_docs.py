"""The generated contract docs stay current; untrusted text stays inert."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML

from flows.rendering import BriefRenderer, RefusingFetcher
from tests.fixtures import PROJECT
from transforms.contract.docs import contract_markdown
from transforms.present.safety import defuse_formula


def test_contract_docs_are_generated_from_the_contract() -> None:
    assert (PROJECT / "docs" / "data-contract.md").read_text(encoding="utf-8") == contract_markdown(), (
        "docs/data-contract.md is stale: run python -m scripts.build_docs")


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+62 812", "'+62 812"),
    ("@SUM(A1)", "'@SUM(A1)"), ("-5", "-5"), ("-2.5", "-2.5"), ("Bibit", "Bibit"), (12, 12),
])
def test_formulas_are_defused(text: object, safe: object) -> None:
    assert defuse_formula(text) == safe


def test_fetcher_refuses_files_and_network(tmp_path: Path) -> None:
    fetcher = RefusingFetcher()
    html = ('<p>x</p><img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/hostname">'
            '<div style="background: url(http://example.invalid/a.png)">y</div>'
            '<img src="data:image/png;base64,iVBORw0KGgo=">')
    HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(tmp_path / "x.pdf")
    assert any(u.startswith("file:///etc/passwd") for u in fetcher.refused)
    assert any(u.startswith("http://example.invalid") for u in fetcher.refused)
    assert b"root:" not in (tmp_path / "x.pdf").read_bytes()


def test_templates_escape_village_text() -> None:
    renderer = BriefRenderer()
    html = renderer.env.from_string("<p>{{ text }}</p>").render(
        text='<img src="file:///etc/passwd"><script>alert(1)</script>')
    assert "<img" not in html and "&lt;img" in html
