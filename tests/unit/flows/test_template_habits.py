"""Village-template habits (flows/template_habits.py): a two-row header under a merged parent,
and the column-numbers, totals and signature rows that are skipped with one warning each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from flows.readers import read_round
from flows.template_habits import fill_merged_places, two_row_header
from tests.field_files.build import HERE as FIELD_FILES
from tests.fixtures import ACTIVITY_HEADERS, VILLAGE_HEADERS, act, village, write_csv, write_xlsx
from transforms.contract.tables import TABLES
from transforms.ingest.headers import match_headers
from transforms.ingest.sheets import IngestResult, ingest_sheets

TOP = ["Kabupaten", "Kecamatan", "Desa", "Kode Kegiatan", "Nama Kegiatan", "Sektor", "Sumber Dana",
       "Anggaran (Rp)", None, "Status", "progres_persen", "Penerima manfaat", None, "Kendala",
       "Kategori Kendala", "Dukungan Dibutuhkan", "Pihak Pendukung", "Pembelajaran"]
CHILDREN = [None] * 7 + ["Rencana", "Realisasi", None, None, "L", "P"] + [None] * 5
ROWS = [act("Solang", "A1", planned=10_000_000, realized=5_000_000),
        act("Madak", "A2", planned=2_500_000, realized=None, male=None, female=7)]


def _template(path: Path) -> Path:
    """The kegiatan sheet as a village template lays it out: title, merged two-row header, column
    numbers, data, a JUMLAH row of formulas and a signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kegiatan"
    sheet.append(["LAPORAN KEGIATAN DESA — PEMANTAUAN I"])  # row 1
    sheet.append(TOP)  # row 2
    sheet.append(CHILDREN)  # row 3
    for letter in "ABCDEFGJKNOPQR":  # headers without children stand over both rows
        sheet.merge_cells(f"{letter}2:{letter}3")
    sheet.merge_cells("H2:I2")
    sheet.merge_cells("L2:M2")
    sheet.append(list(range(1, 19)))  # row 4
    for row in ROWS:  # rows 5, 6
        sheet.append(row)
    sheet.append(["JUMLAH", *[None] * 6, "=SUM(H5:H6)", "=SUM(I5:I6)", None, None,
                  "=SUM(L5:L6)", "=SUM(M5:M6)"])  # row 7
    sheet.append([])
    sheet.append([None, "Mengetahui,", *[None] * 11, "Teluk Waru, 20 Juli 2024"])  # row 9
    sheet.append([None, "Kepala Desa", *[None] * 11, "Pendamping Desa"])  # row 10
    sheet.append([])
    sheet.append([None, "Yohanis Bili", *[None] * 11, "Maria Ratu"])  # row 12
    workbook.save(path)
    return path


def _ingest(folder: Path) -> IngestResult:
    return ingest_sheets(read_round(folder))


def _skipped(result: IngestResult) -> list[tuple[int, str]]:
    return [(n.row, n.code) for n in result.notices if n.code.endswith("_skipped")]


def test_template_reads_as_the_clean_sheet(tmp_path: Path) -> None:
    (tmp_path / "template").mkdir()
    (tmp_path / "clean").mkdir()
    template = _ingest(_template(tmp_path / "template/r.xlsx").parent)
    clean = _ingest(write_xlsx(tmp_path / "clean/r.xlsx", {"kegiatan": (ACTIVITY_HEADERS, ROWS)}).parent)
    got, want = template.tables["activities"], clean.tables["activities"]
    assert list(got["source_row"]) == [5, 6]  # the rows the spreadsheet shows
    columns = [c for c in want.columns if c not in ("source_file", "source_row")]
    pd.testing.assert_frame_equal(got[columns], want[columns])
    assert template.problems == []
    assert not [n for n in template.notices if n.code == "column_ignored"]
    assert _skipped(template) == [(4, "column_numbers_skipped"), (7, "totals_row_skipped"),
                                  (9, "signature_skipped"), (10, "signature_skipped"),
                                  (12, "signature_skipped")]
    totals = next(n for n in template.notices if n.code == "totals_row_skipped")
    assert (totals.file, totals.sheet, totals.value[:6]) == ("r.xlsx", "kegiatan", "JUMLAH")


def test_peserta_merged_over_laki_laki_and_perempuan(tmp_path: Path) -> None:
    top = ["Kabupaten", "Kecamatan", "Desa", "Tanggal Pemantauan", "Peserta", None, "Fasilitator"]
    below = [None, None, None, None, "Laki-laki", "Perempuan", None]
    rows = [["SBT", "Teluk Waru", "Solang", "15/07/2024", 10, 8, "Fasilitator"],
            ["Jumlah Per Bidang", None, None, None, 10, 8, None],
            ["SBT", "Teluk Waru", "Madak", "15/07/2024", 3, 4, "Fasilitator"],
            ["Total", None, None, None, 13, 12, None]]
    write_xlsx(tmp_path / "r.xlsx", {"desa": (top, [below, *rows])})
    result = _ingest(tmp_path)
    frame = result.tables["villages"]
    assert list(frame["desa"]) == ["Solang", "Madak"]
    assert list(frame["source_row"]) == [3, 5]
    assert list(frame["participants_male"]) == [10, 3]
    assert list(frame["participants_female"]) == [8, 4]
    assert _skipped(result) == [(4, "totals_row_skipped"), (6, "totals_row_skipped")]


def test_one_row_header_stays_one_row(tmp_path: Path) -> None:
    """A data row of words under a one-row header is never read as children."""
    write_xlsx(tmp_path / "r.xlsx", {"desa": (VILLAGE_HEADERS, [village("Solang"), village("Madak")])})
    result = _ingest(tmp_path)
    assert list(result.tables["villages"]["source_row"]) == [2, 3]
    assert _skipped(result) == []


def test_rows_that_may_be_records_are_kept(tmp_path: Path) -> None:
    """A totals word with a village named, a sparse row followed by a record, a name in the middle:
    all stay rows, for the checks after ingest to judge."""
    rows = [village("Solang"), ["Jumlah", "Teluk Waru", "Madak", "15/07/2024", 1, 1, "", ""],
            [None, None, None, None, None, None, "Kepala Desa", None], village("Madak"),
            [None, None, "Yohanis Bili", None, None, None, None, None]]
    write_xlsx(tmp_path / "r.xlsx", {"desa": (VILLAGE_HEADERS, rows)})
    result = _ingest(tmp_path)
    assert list(result.tables["villages"]["source_row"]) == [2, 3, 4, 5, 6]
    assert _skipped(result) == []


def test_csv_numbers_row_and_signature(tmp_path: Path) -> None:
    blank = [""] * 6
    rows = [[str(i) for i in range(1, 9)], village("Solang"), [*blank, "Loura, 20 Juli 2024", ""],
            [*blank, "Kepala Desa", ""], [*blank, "Yohanis Bili", ""]]
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, rows)
    result = _ingest(tmp_path)
    assert list(result.tables["villages"]["source_row"]) == [3]
    assert _skipped(result) == [(2, "column_numbers_skipped"), (4, "signature_skipped"),
                                (5, "signature_skipped"), (6, "signature_skipped")]


@pytest.mark.parametrize(("parent", "children", "fields"), [
    ("Jumlah Penerima Manfaat", ["L", "P"], ["beneficiaries_male", "beneficiaries_female"]),
    ("Jumlah Penerima Manfaat (orang)", ["Laki-laki", "Perempuan"],
     ["beneficiaries_male", "beneficiaries_female"]),
    ("Jml. Penerima", ["Lk", "Pr"], ["beneficiaries_male", "beneficiaries_female"]),
    ("Anggaran (Rp)", ["Pagu", "Realisasi"], ["budget_planned", "budget_realized"]),
])
def test_parent_worded_as_a_count_or_a_planned_ceiling_is_read(
        parent: str, children: list[str], fields: list[str]) -> None:
    """`Jumlah …` ("number of …") and `Pagu` (the budget ceiling, i.e. the plan) are how many
    templates word these parents and children; read without them, the figures would be lost."""
    top = [*TOP[:7], parent, *[None] * (len(children) - 1)]
    below = [None] * 7 + children
    header = two_row_header(TABLES["activities"], top, below)
    assert header is not None
    assert list(match_headers(TABLES["activities"], header).columns.values())[-2:] == fields


def test_participants_under_jumlah_peserta_are_read() -> None:
    top = ["Kabupaten", "Kecamatan", "Desa", "Tanggal Pemantauan", "Jumlah Peserta", None]
    header = two_row_header(TABLES["villages"], top, [None] * 4 + ["L", "P"])
    assert header is not None
    assert list(match_headers(TABLES["villages"], header).columns.values())[-2:] == [
        "participants_male", "participants_female"]


@pytest.mark.parametrize("variant", ["template_source", "template_xls", "template_ods", "template_lo_xlsx"])
def test_place_merged_down_over_its_activities_is_every_rows_place(variant: str) -> None:
    """tests/field_files/template_*: `SBT` / `Teluk Waru` merged over rows 7-9 and `Solang` over
    7-8; a merged cell keeps its value in its first cell only, in every format."""
    activities = _ingest(FIELD_FILES / variant).tables["activities"]
    assert list(activities["desa"]) == ["Solang", "Solang", "Madak", "Miran"]
    assert list(activities["kecamatan"]) == ["Teluk Waru"] * 3 + ["Gorom Timur"]
    assert set(activities["kabupaten"]) == {"SBT"}


def test_only_place_columns_below_the_header_are_filled_from_a_merge() -> None:
    headers = ["kabupaten", "kecamatan", "desa", "anggaran_rencana"]
    rows: list[list[object]] = [headers, ["SBT", "Teluk Waru", "Solang", 5_000_000],
                                [None, None, None, None]]
    merges = [((1, 0), (2, 0)), ((1, 2), (2, 2)), ((1, 3), (2, 3)), ((0, 1), (1, 1))]
    fill_merged_places(rows, merges, 0, TABLES["activities"], headers)
    # a budget merged over two rows is one figure, not two; the header row is never a source
    assert rows[2] == ["SBT", None, "Solang", None]
