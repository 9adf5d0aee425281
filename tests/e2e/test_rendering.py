"""WeasyPrint's URL fetcher refuses every URL: a real PDF is written from hostile HTML."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

from flows.rendering import RefusingFetcher


def test_fetcher_refuses_files_and_network(tmp_path: Path) -> None:
    fetcher = RefusingFetcher()
    html = ('<p>x</p><img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/hostname">'
            '<div style="background: url(http://example.invalid/a.png)">y</div>'
            '<img src="data:image/png;base64,iVBORw0KGgo=">')
    HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(tmp_path / "x.pdf")
    assert any(u.startswith("file:///etc/passwd") for u in fetcher.refused)
    assert any(u.startswith("http://example.invalid") for u in fetcher.refused)
    assert b"root:" not in (tmp_path / "x.pdf").read_bytes()

