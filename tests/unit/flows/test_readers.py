"""Reading round folders (flows/readers.py): what staff send, and what must stop a round (exit 2),
including the bad-file corpus of tests/bad_files/ (its full runs are in tests/e2e/test_bad_files.py)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from flows.readers import read_round
from tests.bad_files.build import FILES, REFERENCES
from tests.bad_files.build import HERE as CORPUS
from tests.fixtures import ACTIVITY_HEADERS, VILLAGE_HEADERS, act, village, write_csv, write_xlsx
from transforms.contract.messages import InputFileError
from transforms.ingest.sheets import ingest_sheets

EXPECTED = pd.read_csv(CORPUS / "expected.csv", dtype=str, keep_default_na=False)
# a round stops on these files; it goes on through those without a code; a folder is a reference
STOPPING = EXPECTED[(EXPECTED["code"] != "") & ~EXPECTED["file"].str.endswith("/")]
KEPT = EXPECTED[EXPECTED["code"] == ""]


def codes(folder: Path) -> list[str]:
    with pytest.raises(InputFileError) as caught:
        read_round(folder)
    return [p.code for p in caught.value.problems]


def test_unclosed_quote_stops_instead_of_swallowing_rows(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv"
    path.write_text(";".join(VILLAGE_HEADERS) + "\n"
                    'SBT;Teluk Waru;Solang;15/07/2024;1;1;;"Kelompok Tani Maju\n'
                    "SBT;Teluk Waru;Madak;15/07/2024;1;1;;\n", encoding="utf-8")
    assert codes(tmp_path) == ["file_unreadable"]


def test_delimiter_inside_a_quoted_header(tmp_path: Path) -> None:
    headers = [*VILLAGE_HEADERS[:-1], "catatan (mis. cuaca; akses)"]
    write_csv(tmp_path / "desa.csv", headers, [village("Solang")])
    sheets = read_round(tmp_path)
    assert len(sheets[0].headers) == len(VILLAGE_HEADERS)


def test_percent_formatted_cells_keep_what_was_typed(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kegiatan"
    sheet.append(ACTIVITY_HEADERS)
    sheet.append(act("Solang", "A1", progress=0.5))
    sheet.cell(row=2, column=11).number_format = "0%"
    workbook.save(tmp_path / "r.xlsx")
    frame = ingest_sheets(read_round(tmp_path)).tables["activities"]
    assert frame.loc[0, "progress_pct"] == "50%"


def test_only_sheets_named_after_a_table_are_tables(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "r.xlsx", {"desa": (VILLAGE_HEADERS, [village("Solang")]),
                                     "Petunjuk Pengisian Kegiatan": (["Isi kolom"], [["..."]])})
    result = ingest_sheets(read_round(tmp_path))
    assert not result.problems
    assert [(n.code, n.value) for n in result.notices] == [("sheet_ignored", "Petunjuk Pengisian Kegiatan")]


def test_damaged_sheet_is_a_file_problem(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "ok.xlsx", {"desa": (VILLAGE_HEADERS, [village("Solang")])})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "rusak.xlsx", "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[: len(data) // 2] if "worksheets/sheet" in info.filename else data)
    good.unlink()
    assert codes(tmp_path) == ["file_unreadable"]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("notes.docx", b"PK\x03\x04", "file_is_document"),
    ("Rekap Juli.numbers", b"PK\x03\x04", "file_is_numbers"),
    ("laporan.PDF", b"%PDF-1.4", "file_is_pdf"),
    ("foto_rekap.jpeg", b"\xff\xd8\xff", "file_is_image"),
    ("rekap.key", b"PK\x03\x04", "file_type_unknown"),
    ("notes.txt", b"hello", "no_table"),  # a text table must be named after its table
    ("catatan.csv", b"a,b\n1,2\n", "no_table"),
    ("desa.csv", b"\xff\xfea\x00\x00\xd8", "undecodable_text"),  # UTF-16 BOM, a lone surrogate
    ("desa.csv", b"\xef\xbb\xbfkabupaten\xe9\n", "undecodable_text"),  # a UTF-8 BOM, not UTF-8
    ("desa.xls", b"PK\x03\x04", "file_misnamed"),
    ("desa.ods", b"", "file_misnamed"),
    ("kosong.xlsx", b"", "file_unreadable"),
])
def test_unusable_files(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(content)
    assert codes(tmp_path) == [code]


def test_system_files_are_not_data(tmp_path: Path) -> None:
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, [village("Solang")])
    (tmp_path / "Thumbs.db").write_bytes(b"\x00\x01")
    (tmp_path / "~$rekap.xlsx").write_bytes(b"lock")
    assert [s.file for s in read_round(tmp_path)] == ["desa.csv"]


def test_workbook_that_would_unpack_to_an_absurd_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1 << 20)
            for _ in range(420):  # 420 MB of zeros, a few hundred KB on disk
                member.write(chunk)
    assert path.stat().st_size < 2 * 2**20
    with pytest.raises(InputFileError) as caught:
        read_round(tmp_path)
    assert [p.code for p in caught.value.problems] == ["file_too_large"]
    assert "bom.xlsx" in caught.value.problems[0].text("id")


def test_hundred_thousand_rows(tmp_path: Path) -> None:
    rows = [act("Solang", f"A{i}", planned=f"Rp {i:,}".replace(",", "."), progress=i % 101)
            for i in range(100_000)]
    write_csv(tmp_path / "kegiatan.csv", ACTIVITY_HEADERS, rows, delimiter=";")
    frame = ingest_sheets(read_round(tmp_path)).tables["activities"]
    assert len(frame) == 100_000 and frame["source_row"].iloc[-1] == 100_001


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "r.xlsx", {"desa": (["REKAP PEMANTAUAN DESA — JULI 2024"], [
        [], VILLAGE_HEADERS, village("Solang")])})
    (sheet,) = read_round(tmp_path)
    assert sheet.header_row == 3 and sheet.rows[0][2] == "Solang"
    frame = ingest_sheets([sheet]).tables["villages"]
    assert list(frame["source_row"]) == [4]


def test_excel_sep_line(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv"
    path.write_text("sep=;\n" + ";".join(VILLAGE_HEADERS) + "\nSBT;Teluk Waru;Solang;15/07/2024;1;1;;\n",
                    encoding="utf-8")
    frame = ingest_sheets(read_round(tmp_path)).tables["villages"]
    assert list(frame["desa"]) == ["Solang"] and list(frame["source_row"]) == [3]


def test_formula_without_a_cached_result_is_not_a_silent_blank(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kegiatan"
    sheet.append(ACTIVITY_HEADERS)
    sheet.append(act("Solang", "A1", planned="=1000000*2"))  # openpyxl stores no cached value
    workbook.save(tmp_path / "r.xlsx")
    frame = ingest_sheets(read_round(tmp_path)).tables["activities"]
    assert frame.loc[0, "budget_planned"] == "=1000000*2"  # shown, never evaluated


def test_corpus_is_complete_and_current() -> None:
    assert sorted(EXPECTED["file"]) == sorted([*FILES, *REFERENCES])
    written = {name: content for name, content in FILES.items()} | {
        folder + name: content for folder, files in REFERENCES.items() for name, content in files.items()}
    for name, content in written.items():
        assert (CORPUS / name).read_bytes() == content, f"rebuild: python -m tests.bad_files.build ({name})"


@pytest.mark.parametrize("name", list(KEPT["file"]))
def test_control_characters_are_read_as_text(name: str, tmp_path: Path) -> None:
    shutil.copy(CORPUS / name, tmp_path / name)
    result = ingest_sheets(read_round(tmp_path))
    assert not result.problems
    cells = [str(v) for frame in result.tables.values() for v in frame.to_numpy().ravel()]
    assert any("\x0b" in c or "\x0c" in c for c in cells)  # Excel's `_x000B_` read as U+000B


@pytest.mark.parametrize("case", STOPPING.to_dict("records"), ids=list(STOPPING["file"]))
def test_bad_file_gets_its_message(case: dict[str, str], tmp_path: Path) -> None:
    shutil.copy(CORPUS / case["file"], tmp_path / case["file"])
    with pytest.raises(InputFileError) as caught:
        result = ingest_sheets(read_round(tmp_path))
        if result.problems:
            raise InputFileError(result.problems)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.sheet, problem.column) == (
        case["code"], case["file"], case["sheet"], case["column"])
    assert case["message_id"] in problem.text("id") and case["file"] in problem.text("id")
    assert case["message_en"] in problem.text("en") and case["file"] in problem.text("en")



def test_workbook_without_known_sheets_lists_them_and_the_names_to_use(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "rekap.xlsx", {"Sheet1": (["nama", "nilai"], [["a", 1]]),
                                         "Data Juli": (["x"], [[1]])})
    with pytest.raises(InputFileError) as caught:
        read_round(tmp_path)
    (problem,) = caught.value.problems
    assert problem.code == "no_known_sheet"
    assert "'Sheet1', 'Data Juli'" in problem.text("id") and "desa, kegiatan" in problem.text("id")
    assert "Rename the data sheet" in problem.text("en")


def test_kobo_export_of_another_form_says_export_again(tmp_path: Path) -> None:
    """Labels renamed in Kobo's form builder: the export's columns are not the form's."""
    write_xlsx(tmp_path / "Pemantauan_2024-07-31.xlsx", {
        "Pemantauan": (["Kabupaten mana?", "Kecamatan mana?", "Desa mana?", "Tanggal?", "_uuid",
                        "_index"], [["SBT", "Teluk Waru", "Solang", "2024-07-15", "u1", 1]])})
    with pytest.raises(InputFileError) as caught:
        read_round(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.sheet) == ("kobo_export_unplaced", "Pemantauan")
    assert "kabupaten" in problem.value and "XML values and headers" in problem.text("en")


def test_kobo_workbook_with_no_placeable_sheet_says_export_again(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "ekspor.xlsx", {  # two "main" sheets: which submissions are whose?
        "A": (["kabupaten", "_uuid", "_index"], [["SBT", "u1", 1]]),
        "B": (["kabupaten", "_uuid", "_index"], [["SBT", "u2", 1]])})
    assert codes(tmp_path) == ["kobo_export_unplaced"]
