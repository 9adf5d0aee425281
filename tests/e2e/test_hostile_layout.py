"""Untrusted text without a break opportunity (a 136-character agency name, an activity code, a
quarantined value) still lies on the page in every brief: it wraps, it never runs off the edge."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from tests.e2e.conftest import Bangkit
from tests.fixtures import ACTIVITY_HEADERS, REC_HEADERS, act, basic_round, write_csv, write_reference
from tests.pdftext import flat, pdf_text

AGENCY = "DinasPemberdayaanMasyarakatDanDesa" * 4  # 136 characters, no space, as filed in issue 17
LONG = {"issue": "Bibitterlambat" * 9, "villages": "SolangMadak" * 11, "rec": "Percepatpengadaan" * 8,
        "name": "Pengadaanbibit" * 9, "constraint": "Hujanterus" * 12,
        "progress": "seratuslimapuluh" * 8}
EDGE_PT = 14.0  # ~5 mm: text may use the margins' inner part, never the sheet's edge


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, bangkit: Bangkit) -> Path:
    base = tmp_path_factory.mktemp("hostile_layout")
    reference = write_reference(base / "reference")
    folder = basic_round(base / "raw")
    write_csv(folder / "rekomendasi.csv", REC_HEADERS, [
        ["SBT", "Teluk Waru", "1", LONG["issue"], LONG["villages"], LONG["rec"], "kabupaten", AGENCY,
         "Desember 2024", "baru", AGENCY],
        ["SBT", "Pulau Gorom", "1", "Air", "Kilotak", LONG["rec"], "kecamatan", AGENCY, "", "baru", ""],
    ])
    write_csv(folder / "hostile_kegiatan.csv", ACTIVITY_HEADERS, [
        act("Madak", "TW-MAD-09", "macet", name=LONG["name"], constraint=LONG["constraint"],
            category="dana", support=LONG["rec"], support_from=AGENCY),
        act("Madak", "TW-MAD-02", progress=LONG["progress"]),  # quarantined: its value in the annex
    ])
    result = bangkit.run(folder.parent, base / "out", reference)
    assert result.exit_code == 0, result.output
    return base / "out" / "2024-07"


def test_unbreakable_text_stays_on_the_page(out: Path) -> None:
    briefs = sorted(out.rglob("*.pdf"))
    assert len(briefs) >= 4
    for path in briefs:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                off = [c["text"] for c in page.chars
                       if c["x1"] > page.width - EDGE_PT or c["x0"] < EDGE_PT]
                assert not off, f"{path.name} page {number}: {''.join(off)[:80]}"
                assert not overlapping(page.chars), f"{path.name} page {number}"


def overlapping(chars: list[dict]) -> list[str]:
    """Text drawn over other text on one line: a cell that ran into its neighbour. Neighbours in
    the text stream are one word's letters, which kerning (`Te`) may overlap a little."""
    lines: dict[int, list[tuple[int, dict]]] = {}
    for index, c in enumerate(chars):
        lines.setdefault(round(c["bottom"]), []).append((index, c))
    found = []
    for line in lines.values():
        line.sort(key=lambda item: item[1]["x0"])
        found += [a["text"] + b["text"] for (i, a), (j, b) in pairwise(line)
                  if b["x0"] < a["x1"] - 1.0 and abs(i - j) != 1]
    return found


def test_the_long_agency_name_is_shown_whole(out: Path) -> None:
    text = flat(pdf_text(out / "briefs" / "seram-bagian-timur" / "kabupaten.pdf"))
    assert AGENCY in text.replace(" ", "").replace("\n", "")
