"""A kecamatan no village reported for gets a short brief that says so (issue 16, d4): through
the real flow, a second round in which Pulau Gorom sent nothing; its brief is read back as text
and counted in pages, and the kabupaten brief names it first."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pypdf import PdfReader

from tests.e2e.conftest import Bangkit
from tests.fixtures import (
    ACTIVITY_HEADERS,
    VILLAGE_HEADERS,
    act,
    basic_round,
    sbt_activities,
    village,
    write_csv,
)
from tests.pdftext import flat, pdf_text
from transforms.contract.layout import brief_path

ROUND = "2024-10"
PULAU_GOROM = brief_path("Seram Bagian Timur", "Pulau Gorom")
TELUK_WARU = brief_path("Seram Bagian Timur", "Teluk Waru")
SBT = brief_path("Seram Bagian Timur")


def silent_pulau_gorom(raw: Path) -> None:
    """2024-07 as the basic round (Kilotak of Pulau Gorom reports); in 2024-10 the villages
    report again but none of Pulau Gorom's (which comes after Gorom Timur in the alphabet)."""
    basic_round(raw, "2024-07")
    folder = basic_round(raw, ROUND)
    write_csv(folder / "sbt_desa.csv", VILLAGE_HEADERS, [
        village("Solang", "15/10/2024"), village("Madak", "16/10/2024"),
        village("Miran", "20/10/2024", kec="Gorom Timur")])
    write_csv(folder / "sbt_kegiatan.csv", ACTIVITY_HEADERS,
              [row for row in sbt_activities() if row[1] != "Pulau Gorom"]
              + [act("Kampung Baru", "TW-KB-01")])
    write_csv(folder / "pertemuan.csv", ["kabupaten", "kecamatan", "tanggal", "batch", "peserta_laki_laki",
                                         "peserta_perempuan", "peserta_total", "desa_hadir"], [])


def test_a_kecamatan_without_report_gets_a_short_brief(bangkit: Bangkit, tmp_path: Path,
                                                       reference_dir: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    silent_pulau_gorom(raw)
    result = bangkit.run(raw, out, reference_dir)
    assert result.exit_code == 0, result.output
    summary = pd.read_csv(out / ROUND / "summary_kecamatan.csv").set_index("kecamatan")
    assert summary.loc["Pulau Gorom", "villages_reported"] == 0  # the case under test

    pdf = out / ROUND / PULAU_GOROM
    pages = PdfReader(pdf).pages
    assert len(pages) == 1  # no matrix rows carried, no quarantined rows: one page
    text = flat(pdf_text(pdf))
    assert "Belum ada laporan" in text
    assert "Belum ada desa di Kecamatan Pulau Gorom yang melapor untuk Pemantauan II (Oktober 2024) " \
           "(0 dari 3 desa)" in text
    assert "Kilotak Pemantauan I (Juli 2024)" in text  # the last round Kilotak reported in
    assert "Miran Gota belum pernah, dalam putaran yang tercatat" in text
    assert "data/raw/2024-10/" in text.replace(" ", "")  # the path may wrap after a `/`
    for zeros in ("Tidak ada kegiatan yang tidak berjalan", "Angka kunci", "Rata-rata progres", "Grafik"):
        assert zeros not in text, zeros

    full = flat(pdf_text(out / ROUND / TELUK_WARU))  # a kecamatan that reported: the full brief
    assert "Belum ada laporan" not in full and "Angka kunci" in full

    district = flat(pdf_text(out / ROUND / SBT))
    first_page = flat(PdfReader(out / ROUND / SBT).pages[0].extract_text())
    assert "Belum ada laporan dari kecamatan berikut untuk putaran ini: Pulau Gorom." in first_page
    comparison = district[district.index("Perbandingan kecamatan"):]
    assert comparison.index("Pulau Gorom 0/3 (0,0%) belum ada laporan desa") < comparison.index("Gorom Timur")
    # the round before, when Pulau Gorom reported, has the full brief
    assert "Belum ada laporan" not in flat(pdf_text(out / "2024-07" / PULAU_GOROM))
