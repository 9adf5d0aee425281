"""Village-template habits (contract §3) through the real flow: a kegiatan workbook with a merged
two-row header, column numbers, a JUMLAH row of formulas and a signature block gives briefs with
the real budgets, and its non-data rows are warnings, not quarantine rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from tests.e2e.conftest import ROUND, Bangkit
from tests.fixtures import ACTIVITY_HEADERS, sbt_activities
from tests.pdftext import flat, pdf_text

PARENTS = {"anggaran_rencana": ("Anggaran (Rp)", "Rencana"), "anggaran_realisasi": (None, "Realisasi"),
           "penerima_laki_laki": ("Penerima manfaat", "L"), "penerima_perempuan": (None, "P")}


def _template(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kegiatan"
    sheet.append(["LAPORAN PELAKSANAAN KEGIATAN DESA"])
    sheet.append([PARENTS[h][0] if h in PARENTS else h.replace("_", " ").title() for h in ACTIVITY_HEADERS])
    sheet.append([PARENTS[h][1] if h in PARENTS else None for h in ACTIVITY_HEADERS])
    for column, header in enumerate(ACTIVITY_HEADERS, start=1):
        if header not in PARENTS:
            sheet.merge_cells(start_row=2, end_row=3, start_column=column, end_column=column)
    sheet.merge_cells("H2:I2")
    sheet.merge_cells("L2:M2")
    sheet.append(list(range(1, len(ACTIVITY_HEADERS) + 1)))
    rows = sbt_activities()
    for row in rows:
        sheet.append(row)
    end = 4 + len(rows)
    sheet.append(["JUMLAH", *[None] * 6, f"=SUM(H5:H{end})", f"=SUM(I5:I{end})"])
    sheet.append([])
    sheet.append([None, "Mengetahui,", *[None] * 10, "Teluk Waru, 20 Juli 2024"])
    sheet.append([None, "Kepala Desa", *[None] * 10, "Pendamping Desa"])
    sheet.append([None, "Yohanis Bili", *[None] * 10, "Maria Ratu"])
    workbook.save(path)


def test_template_kegiatan_sheet_gives_real_budgets(
        bangkit: Bangkit, raw_dir: Path, reference_dir: Path, tmp_path: Path) -> None:
    folder = raw_dir / ROUND
    (folder / "sbt_kegiatan.csv").unlink()
    _template(folder / "sbt_kegiatan.xlsx")
    out = tmp_path / "out"
    result = bangkit.run(raw_dir, out, reference_dir)
    assert result.exit_code == 0, result.output

    summary = pd.read_csv(out / ROUND / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    by_kec = summary.set_index("kecamatan")
    assert by_kec.loc["Teluk Waru", "budget_planned"] == "35000000"
    assert by_kec.loc["Pulau Gorom", "budget_planned"] == "2500000"
    assert by_kec.loc["Pulau Gorom", "budget_realized"] == "1000000"
    briefs = out / ROUND / "briefs" / "seram-bagian-timur"
    teluk_waru = flat(pdf_text(briefs / "teluk-waru.pdf"))
    assert "Rp0" not in teluk_waru and "tidak dilaporkan" not in teluk_waru
    assert "/ Rp35.000.000" in teluk_waru
    pulau_gorom = flat(pdf_text(briefs / "pulau-gorom.pdf"))
    assert "Rp0" not in pulau_gorom and "Rp1.000.000 / Rp2.500.000" in pulau_gorom
    # "tidak dilaporkan" there is only for the villages that report no activity at all
    assert "Kilotak 0 1 0 0 2,5 1,0" in pulau_gorom

    quarantine = pd.read_csv(out / ROUND / "quarantine.csv", dtype=str, keep_default_na=False)
    assert "sbt_kegiatan.xlsx" not in set(quarantine["source_file"])
    warnings = pd.read_csv(out / ROUND / "warnings.csv", dtype=str, keep_default_na=False)
    skipped = warnings.loc[warnings["code"].str.endswith("_skipped")]
    assert list(zip(skipped["code"], skipped["source_row"], strict=True)) == [
        ("column_numbers_skipped", "4"), ("totals_row_skipped", "10"), ("signature_skipped", "12"),
        ("signature_skipped", "13"), ("signature_skipped", "14")]
    assert set(skipped["source_sheet"]) == {"Kegiatan"}
