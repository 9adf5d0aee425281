"""Rendering briefs: Jinja2 (autoescaped, strict) into HTML, WeasyPrint into PDF.

The renderer may read nothing but the bundled stylesheet and the charts drawn for the brief at
hand: the URL fetcher serves those from memory and refuses every other URL (file:, http:, data:
included), so text from a village can never make it read a file or the network, even if it
slipped past escaping.
"""

from __future__ import annotations

import gc
import io
import logging
import os
from pathlib import Path

import matplotlib
import pypdfium2
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from flows.charts import draw
from transforms.present.briefs import BriefView
from transforms.present.safety import writable_text

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "report_templates"
# The briefs' typeface is the DejaVu Sans that matplotlib ships (and draws the charts with), so
# the fonts come with `pip install`, not with whatever the machine has. brief.css declares them
# with @font-face at these addresses; the renderer serves the files from memory.
FONT_URL_PREFIX = "https://fonts.bangkit.invalid/"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
              "DejaVuSans-BoldOblique.ttf")


def font_assets() -> dict[str, tuple[bytes, str]]:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {FONT_URL_PREFIX + name: ((folder / name).read_bytes(), "font/ttf") for name in FONT_FILES}


class RefusingFetcher(URLFetcher):
    """Serves only the assets it was given; every other URL is refused (and logged)."""

    def __init__(self, assets: dict[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(allowed_protocols=set(), timeout=1, allow_redirects=False)
        self.assets = assets or {}
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url in self.assets:
            body, mime = self.assets[url]
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"URL refused by the brief renderer: {url[:80]}")


def template_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # every value printed: a control character would show as a box and break the PDF's text
        finalize=lambda value: writable_text(value) if type(value) is str else value,
    )


class BriefRenderer:
    """Holds the template environment and stylesheet for a run of many briefs."""

    def __init__(self) -> None:
        self.env = template_environment()
        self.fonts = font_assets()
        # One font configuration for the run: the @font-face files are loaded once.
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(string=(TEMPLATE_DIR / "brief.css").read_text(encoding="utf-8"),
                              url_fetcher=RefusingFetcher(self.fonts), font_config=self.font_config)
        # WeasyPrint reports refused URLs as warnings; they are expected, not news.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def html(self, template: str, view: BriefView) -> str:
        return self.env.get_template(template).render(b=view)

    def render(self, template: str, view: BriefView) -> tuple[bytes, list[str]]:
        """One brief as PDF bytes, and the URLs the document tried and was refused."""
        charts = {spec.src: (draw(spec), "image/svg+xml")
                  for spec in view.chart_specs if not spec.empty}
        fetcher = RefusingFetcher({**self.fonts, **charts})
        document = HTML(string=self.html(template, view), base_url=None, url_fetcher=fetcher)
        pdf = document.write_pdf(stylesheets=[self.stylesheet], font_config=self.font_config,
                                 pdf_variant="pdf/ua-1")
        return pdf, fetcher.refused


def first_page_png(pdf: bytes, dpi: int = 80) -> bytes:
    """Page 1 rasterised, to look at what a reader sees first without opening every PDF."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


_SHARED: BriefRenderer | None = None
_BUILT_AT_MB = 0.0  # the process's resident memory when _SHARED was built


def shared_renderer(growth_limit_mb: int) -> BriefRenderer:
    """The renderer of this process, kept across briefs (loading fonts and templates costs ~1 s),
    built anew once the process has grown by more than `growth_limit_mb` since it was built:
    WeasyPrint's and fontconfig's caches only grow, and a worker renders thousands of briefs at
    national scale. Growth, not size: the run's own process holds the whole round."""
    global _SHARED, _BUILT_AT_MB
    if _SHARED is not None and resident_mb() - _BUILT_AT_MB > growth_limit_mb:
        _SHARED = None
        gc.collect()
    if _SHARED is None:
        _SHARED = BriefRenderer()
        _BUILT_AT_MB = resident_mb()
    return _SHARED


def resident_mb() -> float:
    """This process's resident memory now (Linux /proc; 0 where there is none)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576
