"""Workbooks a person prints (flows/print_setup.py): every sheet the pipeline writes is A4, one
page wide, its header rows repeated and frozen, its rows tall enough for their wrapped text; and
the drop-downs warn on a value not in their list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from flows.print_setup import LINE_POINTS
from flows.workbooks import write_corrections, write_matrix, write_round_template
from tests.fixtures import LOC_COLUMNS, LOCATIONS
from transforms.contract.labels import label
from transforms.contract.reference import build_gazetteer
from transforms.contract.tables import RECOMMENDATIONS, TABLES, VOCABULARIES
from transforms.ingest.matrix_identity import MatrixIdentity

LONG = ("Pemerintah desa mengundang kelompok perempuan secara khusus dan mengatur jadwal sore hari "
        "agar ibu-ibu yang bekerja di kebun dapat hadir pada pertemuan berikutnya")


def _matrix_frame() -> pd.DataFrame:
    row = {f.name: "" for f in RECOMMENDATIONS.fields} | {
        "kabupaten": "Buru", "kecamatan": "Pulau Gorom", "rec_id": "1",
        "issue": "Kehadiran perempuan rendah", "recommendation": LONG,
        "responsible_level": "desa", "status": "baru", "origin": "agreed", "origin_round": "2024-10",
        "age_rounds": 0}
    short = row | {"rec_id": "2", "recommendation": "Pelatihan"}
    return pd.DataFrame([row, short])


def _assert_printable(sheet: Worksheet, header_rows: int = 1) -> None:
    setup = sheet.page_setup
    assert str(setup.paperSize) == sheet.PAPERSIZE_A4, sheet.title  # "9": A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    if header_rows:
        assert sheet.print_title_rows == f"$1:${header_rows}", sheet.title
        assert sheet.freeze_panes == f"A{header_rows + 1}", sheet.title


@pytest.fixture
def matrix_path(tmp_path: Path) -> Path:
    path = tmp_path / "pulau-gorom.xlsx"
    write_matrix(_matrix_frame(), path, "id", MatrixIdentity("2024-10", "Buru", "Pulau Gorom"))
    return path


def test_matrix_prints_on_a4_landscape_with_rows_that_fit_their_text(matrix_path: Path) -> None:
    workbook = load_workbook(matrix_path)
    sheet = workbook[RECOMMENDATIONS.name_id]
    _assert_printable(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_area == "'rekomendasi'!$C$1:$M$3"  # kabupaten/kecamatan: in the header
    assert "Pulau Gorom, Buru" in sheet.oddHeader.center.text
    assert sheet.row_dimensions[2].height >= 3 * LINE_POINTS  # the long recommendation wraps
    assert sheet.row_dimensions[3].height is None  # one line: the default height
    _assert_printable(workbook[label("matrix_sheet_help", "id")], header_rows=0)


def test_matrix_dropdowns_warn_on_a_typo_in_both_languages(matrix_path: Path) -> None:
    validations = load_workbook(matrix_path)[RECOMMENDATIONS.name_id].data_validations
    assert len(validations.dataValidation) == 2  # tingkat, status_tindak_lanjut
    for validation in validations.dataValidation:
        assert validation.showErrorMessage and validation.errorStyle == "warning"
        assert label("dropdown_error", "id")[:40] in validation.error
        assert label("dropdown_error", "en")[:40] in validation.error
        assert len(validation.error) <= 255 and len(validation.errorTitle) <= 32


def test_corrections_print_on_a4(tmp_path: Path) -> None:
    columns = [f"c{i}" for i in range(10)]
    frame = pd.DataFrame([["f.xlsx", "kegiatan", 3, "kegiatan", "Kilotak", "status", "x",
                           LONG, "belum_mulai, berjalan", LONG]], columns=columns)
    path = tmp_path / "corrections.xlsx"
    write_corrections(frame, frame.iloc[:0], path, "id")
    workbook = load_workbook(path)
    for sheet in workbook.worksheets[:2]:
        _assert_printable(sheet)
        assert sheet.page_setup.orientation == "landscape"
    assert workbook.worksheets[0].row_dimensions[2].height > LINE_POINTS
    _assert_printable(workbook.worksheets[2], header_rows=0)


def test_blank_template_has_instructions_and_prints_its_headers_whole(tmp_path: Path) -> None:
    path = tmp_path / "blanko.xlsx"
    write_round_template(path, build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS)))
    workbook = load_workbook(path)
    help_sheet = workbook.worksheets[0]
    assert help_sheet.title == label("matrix_sheet_help", "id")
    text = "\n".join(str(c.value) for row in help_sheet.iter_rows() for c in row if c.value)
    assert "data/raw/" in text  # where to save it
    assert all(table.name_id in text for table in TABLES.values())
    assert all(v in text for vocab in VOCABULARIES.values() for v in vocab.values)
    _assert_printable(help_sheet, header_rows=0)
    for table in TABLES.values():
        sheet = workbook[table.name_id]
        _assert_printable(sheet)
        for cell in sheet[1]:
            assert sheet.column_dimensions[cell.column_letter].width > len(cell.value), cell.value
        for validation in sheet.data_validations.dataValidation:
            assert validation.showErrorMessage and validation.errorStyle == "warning"
