"""Rendering speed of the kecamatan briefs of one bundled round, against a naive WeasyPrint
document on the same machine.

    .venv/bin/python -m benchmarks.render [--round 2025-01] [--repeat 1]

The data stages run first (not timed). In a warm process, after one warm-up render, every
kecamatan brief of the round is rendered `--repeat` times; the last line printed is
`median_s_per_brief=X pages_per_brief=Y`. For comparison, a plain 4-page document (default
fonts and styles, one `HTML(string=...).write_pdf()` call, as a first WeasyPrint script would
do it) is timed the same way.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

from pypdf import PdfReader

from benchmarks.national_stages import reference_of
from flows.rendering import BriefRenderer
from flows.stages import quarantine, read_files
from transforms.derive.products import aggregate, recommend
from transforms.present.briefs import brief_view
from transforms.present.jobs import brief_jobs
from transforms.validate.parse import parse_round

PROJECT = Path(__file__).resolve().parents[1]


def bundled_jobs(round_id: str, lang: str) -> list:
    """The briefs of a bundled round, with the earlier rounds read as the flow reads them."""
    reference = reference_of(PROJECT / "data" / "reference")
    history, previous = {}, None
    for rid in sorted(r for r in reference.rounds if r <= round_id):
        raw = PROJECT / "data" / "raw" / rid
        if not raw.is_dir():
            continue
        ingested = read_files(raw)
        parsed = parse_round(ingested.tables, reference.gazetteer, reference.rounds[rid])
        previous = history[rid] = quarantine(parsed, ingested, previous, None)
    cleaned = history[round_id]
    aggregates = aggregate(cleaned, reference, history)
    matrices = recommend(cleaned, aggregates.programme, reference, history, lang)
    return list(brief_jobs(cleaned, reference, aggregates, matrices, history, lang))


def naive_document() -> str:
    """About four A4 pages of headings, paragraphs and a table, unstyled."""
    paragraph = ("Kegiatan desa berjalan sesuai rencana, tetapi beberapa kelompok menunggu bibit "
                 "dan pendampingan dari dinas terkait. ") * 6
    rows = "".join(f"<tr><td>Desa {i}</td><td>Kegiatan {i}</td><td>Berjalan</td><td>{i * 3}%</td>"
                   f"<td>Rp{i * 1_250_000:,}</td></tr>" for i in range(1, 71))
    sections = "".join(f"<h2>Bagian {i}</h2><p>{paragraph}</p><p>{paragraph}</p>" for i in range(1, 6))
    return (f"<html><head><title>Naive</title></head><body><h1>Laporan</h1>{sections}"
            f"<table border=1><tr><th>Desa</th><th>Kegiatan</th><th>Status</th><th>Progres</th>"
            f"<th>Anggaran</th></tr>{rows}</table></body></html>")


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(render, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", default="2025-01")
    parser.add_argument("--lang", default="id")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from weasyprint import HTML

    html = naive_document()
    naive_pages = pages(HTML(string=html).write_pdf())  # warm-up
    naive = statistics.median(timed(lambda: HTML(string=html).write_pdf(), 5))
    print(f"naive_document pages={naive_pages} median_s={naive:.3f} "
          f"s_per_page={naive / naive_pages:.3f}")

    # view models built first: this times rendering only
    views = [brief_view(j.inputs) for j in bundled_jobs(args.round, args.lang)
             if j.template == "kecamatan.html.j2"]
    template, renderer = "kecamatan.html.j2", BriefRenderer()
    renderer.render(template, views[0])  # warm-up: fonts, templates, stylesheet
    per_brief, page_counts = [], []
    for view in views:
        per_brief += timed(lambda view=view: renderer.render(template, view), args.repeat)
        page_counts.append(pages(renderer.render(template, view)[0]))
    median = statistics.median(per_brief)
    pages_per_brief = statistics.mean(page_counts)
    print(f"briefs={len(views)} renders={len(per_brief)} total_pages={sum(page_counts)} "
          f"min_s={min(per_brief):.3f} max_s={max(per_brief):.3f}")
    print(f"brief_s_per_page={median / pages_per_brief:.3f} "
          f"ratio_to_naive_per_page={(median / pages_per_brief) / (naive / naive_pages):.2f}")
    print(f"median_s_per_brief={median:.3f} pages_per_brief={pages_per_brief:.1f}")


if __name__ == "__main__":
    main()
