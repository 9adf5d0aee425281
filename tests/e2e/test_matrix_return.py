"""The meeting's matrix comes back (contract §4, README step 5), on a copy of the bundled rounds.

The pipeline's own 2024-10 matrix of Pulau Gorom is filled in as at the meeting (with openpyxl,
then, where LibreOffice is installed, opened and saved again by it, as an officer's laptop would)
and saved into a round folder: into 2024-10 its rows replace Pulau Gorom's rows of the round's
own workbook and reach the brief and the next round's matrix; into 2025-01 the round stops with a
message naming the file and the folder it belongs in.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pdfplumber
import pytest

from flows.readers import read_round
from tests.e2e.conftest import Bangkit
from tests.fixtures import PROJECT
from tests.pdftext import flat, pdf_text
from transforms.ingest.matrix_identity import IDENTITY_SHEET
from transforms.ingest.sheets import ingest_sheets

MATRIX = Path("matrix/seram-bagian-timur/pulau-gorom.xlsx")
BRIEF = Path("briefs/seram-bagian-timur/pulau-gorom.pdf")
DECISION = "Rapat 12 November: pompa diganti baru oleh Dinas PUPR"
NEW_ISSUE = "Perahu motor antar pulau rusak"
ROUND_WORKBOOK = "SBT Pemantauan II Oktober 2024.xlsx"


def last_column_text(path: Path, first_word: str) -> str:
    """The text of a cell of a brief's table's last column (notes), from its first word: the
    words at or right of it, on its line and the few below, in reading order (a page's text
    interleaves the wrapped cells of a row)."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for start in (w for w in words if w["text"] == first_word):
                cell = [w for w in words if w["x0"] >= start["x0"] - 1
                        and start["top"] - 1 <= w["top"] <= start["top"] + 40]
                return " ".join(w["text"] for w in sorted(cell, key=lambda w: (round(w["top"]), w["x0"])))
    return ""


def libreoffice_round_trip(path: Path, work: Path) -> None:
    """Open and save `path` with LibreOffice (headless), in place."""
    out = work / "converted"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work / 'profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    shutil.move(out / path.name, path)


def filled_matrix(bundled: Path, work: Path) -> Path:
    """The 2024-10 matrix of Pulau Gorom as it comes back from the meeting: no 5 is under way
    with the meeting's note, and one new recommendation (no 6) was agreed."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "pulau-gorom.xlsx"
    workbook = openpyxl.load_workbook(bundled / "2024-10" / MATRIX)
    sheet = workbook["rekomendasi"]
    headers = [c.value for c in sheet[1]]
    five = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == "5")
    sheet.cell(five, headers.index("status_tindak_lanjut") + 1, "proses")
    sheet.cell(five, headers.index("keterangan") + 1, DECISION)
    new = dict(kabupaten="Seram Bagian Timur", kecamatan="Pulau Gorom", no="6", masalah=NEW_ISSUE,
               desa_terkait="Dulak", rekomendasi="Usulan perbaikan perahu ke Dinas Perhubungan",
               tingkat="kabupaten", penanggung_jawab="Dinas Perhubungan", tenggat="2025-03",
               status_tindak_lanjut="baru")
    row = sheet.max_row + 1
    for column, value in new.items():
        sheet.cell(row, headers.index(column) + 1, value)
    workbook.save(path)
    if shutil.which("soffice"):
        libreoffice_round_trip(path, work)
        assert IDENTITY_SHEET in openpyxl.load_workbook(path).sheetnames  # it survives LibreOffice
    return path


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(PROJECT / "data" / "raw", raw)
    return raw


def test_matrix_saved_into_its_round_replaces_the_rows_and_reaches_the_briefs(
        bangkit: Bangkit, bundled: Path, raw_copy: Path, tmp_path: Path) -> None:
    shutil.copy2(filled_matrix(bundled, tmp_path / "meeting"), raw_copy / "2024-10" / "pulau-gorom.xlsx")
    out = tmp_path / "out"
    result = bangkit.run(raw_copy, out, PROJECT / "data" / "reference", "--round", "2024-10",
                         "--round", "2025-01")
    assert result.exit_code == 0, result.output
    folder = out / "2024-10"
    quarantine = pd.read_csv(folder / "quarantine.csv", dtype=str, keep_default_na=False)
    before = pd.read_csv(bundled / "2024-10" / "quarantine.csv", dtype=str, keep_default_na=False)
    conflicts = quarantine.loc[quarantine["code"] == "conflicting_duplicate"]
    assert conflicts["table"].tolist() == ["kegiatan", "kegiatan"]  # the bundled data's own two
    assert len(quarantine) == len(before)
    # the round workbook's Pulau Gorom rows are replaced, each listed with both files named
    warnings = pd.read_csv(folder / "warnings.csv", dtype=str, keep_default_na=False)
    replaced = warnings.loc[warnings["code"] == "replaced_by_matrix"]
    assert set(replaced["source_file"]) == {ROUND_WORKBOOK} and len(replaced) == 5
    assert replaced["message_en"].str.contains("pulau-gorom.xlsx, sheet rekomendasi, row").all()
    assert replaced["message_id"].str.contains(f"berkas {ROUND_WORKBOOK}, lembar rekomendasi").all()
    assert "sheet_ignored" not in set(warnings.loc[warnings["source_file"] == "pulau-gorom.xlsx", "code"])
    # every input row is clean, quarantined, warned about as a duplicate, or listed as replaced
    raw = ingest_sheets(read_round(raw_copy / "2024-10")).tables["recommendations"]
    clean = pd.read_parquet(folder / "clean" / "recommendations.parquet")
    gone = warnings.loc[warnings["code"].isin(["exact_duplicate", "replaced_by_matrix"])
                        & (warnings["table"] == "rekomendasi")]
    rekomendasi = quarantine.loc[quarantine["table"] == "rekomendasi"]
    accounted = {(f, int(r)) for f, r in zip(clean["source_file"], clean["source_row"], strict=True)}
    accounted |= {(f, int(r)) for frame in (gone, rekomendasi)
                  for f, r in zip(frame["source_file"], frame["source_row"], strict=True)}
    assert {(f, int(r)) for f, r in zip(raw["source_file"], raw["source_row"], strict=True)} == accounted
    gorom = clean.loc[clean["kecamatan"] == "Pulau Gorom"].set_index("rec_id")
    assert set(gorom["source_file"]) == {"pulau-gorom.xlsx"} and sorted(gorom.index) == list("123456")
    # the meeting settled those rows: the village's corrections workbook does not ask to check them
    corrections = openpyxl.load_workbook(folder / "corrections/seram-bagian-timur/pulau-gorom.xlsx")
    cells = {str(c) for sheet in corrections for row in sheet.iter_rows(values_only=True) for c in row}
    assert not any("matriks rapat" in c for c in cells)
    # the meeting's words are in the round's brief
    assert last_column_text(folder / BRIEF, DECISION.split()[0]) == DECISION
    assert NEW_ISSUE.rsplit(" ", 1)[0] in flat(pdf_text(folder / BRIEF))
    # and the next round's matrix carries the new recommendation, open, from 2024-10
    later = openpyxl.load_workbook(out / "2025-01" / MATRIX)["rekomendasi"]
    rows = {row[2]: row for row in later.iter_rows(min_row=2, values_only=True)}
    assert rows["6"][3] == NEW_ISSUE and rows["6"][9] == "baru"
    assert "Pemantauan II (Oktober 2024)" in rows["6"][11]


def test_matrix_saved_into_another_round_gets_a_message_naming_it(
        bangkit: Bangkit, bundled: Path, raw_copy: Path, tmp_path: Path) -> None:
    shutil.copy2(filled_matrix(bundled, tmp_path / "meeting"), raw_copy / "2025-01" / "pulau-gorom.xlsx")
    result = bangkit.run(raw_copy, tmp_path / "out", PROJECT / "data" / "reference", "--round", "2025-01",
                         "--no-render")
    assert result.exit_code == 2, result.output
    output = flat(result.output)
    right = f"{(raw_copy / '2024-10').as_posix()}/"
    assert "Berkas pulau-gorom.xlsx adalah matriks rekomendasi Kecamatan Pulau Gorom" in output
    assert "untuk putaran 2024-10" in output and f"Simpan di folder {right}" in output
    assert f"Save it in the folder {right}" in output
    assert "conflicting_duplicate" not in output and not (tmp_path / "out" / "2025-01").exists()
