"""Files saved by the real software (tests/field_files/, made by LibreOffice) read as the clean
round does; text decoding never invents characters and says where it failed."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.readers import read_round
from flows.text_tables import decode_table_text
from tests.field_files.build import HERE, MANIFEST, PUNCTUATION, TEXT_VARIANTS, WORKBOOK_VARIANTS
from tests.fixtures import VILLAGE_HEADERS, village
from transforms.contract.messages import InputFileError, message
from transforms.ingest.sheets import ingest_sheets
from transforms.validate.column_rules import ROW_ID

SOURCE_COLUMNS = ["source_file", "source_sheet"]
# the software that made each folder (build.py: LibreOffice; build_exports.py: the export code)
MADE_BY = {"kobo": "formpack ", "cent": "ODK Central ", "ansi": "LibreOffice ", "unic": "LibreOffice ",
           "utf8": "LibreOffice ", "xls": "LibreOffice ", "ods": "LibreOffice ", "lo_x": "LibreOffice ",
           "cell": "LibreOffice ", "temp": "LibreOffice ",
           "lo_i": "LibreOffice "}


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    result = ingest_sheets(read_round(folder))
    assert not result.problems
    return {name: frame.drop(columns=SOURCE_COLUMNS) for name, frame in result.tables.items()}


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """What a text export holds of a workbook's cells: empty for a blank, `10` for 10."""
    return frame.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))


def test_manifest_lists_every_committed_file_with_its_hash() -> None:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        listed = {row["file"]: row for row in csv.DictReader(handle)}
    on_disk = {p.relative_to(HERE).as_posix() for p in HERE.rglob("*")
               if p.is_file() and p.parent != HERE}
    assert set(listed) == on_disk, "rebuild: python -m tests.field_files.build"
    for name, row in listed.items():
        assert hashlib.sha256((HERE / name).read_bytes()).hexdigest() == row["sha256"], name
        if not name.startswith(("source/", "template_source/")):  # those two: openpyxl
            assert row["made_by"].startswith(MADE_BY[name.split("/")[0][:4]]), name


@pytest.mark.parametrize("variant", list(WORKBOOK_VARIANTS))
def test_workbook_saved_by_libreoffice_reads_as_the_clean_round(variant: str) -> None:
    expected, got = tables(HERE / "source"), tables(HERE / variant)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=False)
    assert len(got["activities"]) == 4 and list(got["activities"]["source_row"]) == [4, 5, 6, 7]


def test_hidden_drop_down_sheet_is_skipped_in_every_workbook() -> None:
    for variant in ("source", *WORKBOOK_VARIANTS):
        notices = ingest_sheets(read_round(HERE / variant)).notices
        assert notices == [], variant


@pytest.mark.parametrize("variant", list(TEXT_VARIANTS))
def test_text_saved_by_libreoffice_reads_as_the_clean_round(variant: str) -> None:
    expected, got = tables(HERE / "source"), tables(HERE / variant)
    for name in expected:
        columns = [c for c in expected[name].columns if c not in ("source_row", ROW_ID)]
        pd.testing.assert_frame_equal(got[name][columns], as_text(expected[name][columns]),
                                      check_dtype=False)
        assert list(got[name]["source_row"]) == list(expected[name]["source_row"])
    assert PUNCTUATION in list(got["activities"]["constraint"])


def test_ansi_file_is_read_with_a_warning_naming_it() -> None:
    notices = ingest_sheets(read_round(HERE / "ansi")).notices
    # desa.csv and pertemuan.csv are plain ASCII, valid UTF-8 as well: nothing to warn about
    assert [(n.code, n.file, n.value) for n in notices] == [
        ("text_saved_as_ansi", "kegiatan.csv", "kegiatan.csv")]
    assert ingest_sheets(read_round(HERE / "unicode")).notices == []
    assert ingest_sheets(read_round(HERE / "utf8")).notices == []


def test_utf8_with_bom_and_tab_separated_tsv(tmp_path: Path) -> None:
    text = "\t".join(VILLAGE_HEADERS) + "\n" + "\t".join(map(str, village("Solang"))) + "\n"
    (tmp_path / "desa.tsv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    frame = tables(tmp_path)["villages"]
    assert list(frame["desa"]) == ["Solang"] and list(frame["kabupaten"]) == ["SBT"]


@given(st.text())
def test_any_utf8_text_decodes_to_itself(text: str) -> None:
    decoded, notices = decode_table_text(text.encode("utf-8"), "desa.csv")
    assert decoded == text.removeprefix("\ufeff") and notices == []


@given(st.text(alphabet=st.characters(codec="cp1252"), min_size=1))
def test_ansi_text_decodes_to_itself_with_a_warning(text: str) -> None:
    data = text.encode("cp1252")
    decoded, notices = decode_table_text(data, "desa.csv")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # not also valid UTF-8: read as ANSI, and said so
        assert decoded == text and [n.code for n in notices] == ["text_saved_as_ansi"]
    else:
        assert notices == []


def test_refused_file_names_line_and_character_not_byte() -> None:
    data = b"kabupaten;desa\nSBT;\x93Solang\x94\nSBT;Miran\x8d\n"  # “ ” are ANSI, 0x8D is not
    with pytest.raises(InputFileError) as caught:
        decode_table_text(data, "desa.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.char) == (3, 10)
    assert "desa.csv" in problem.text("id") and "baris 3, karakter ke-10" in problem.text("id")
    assert "line 3, character 10" in problem.text("en") and "0x8D" in problem.text("en")


def test_utf16_refusal_counts_characters() -> None:
    data = b"\xff\xfe" + "desa\nSolang ".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(InputFileError) as caught:
        decode_table_text(data, "desa.txt")
    assert (caught.value.problems[0].line, caught.value.problems[0].char) == (2, 8)


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_percent_and_error_cells_read_as_shown_and_blank_with_a_warning(suffix: str, tmp_path: Path) -> None:
    """calamine gives 0.5 for a cell showing 50% and an empty cell for #DIV/0!; the file says
    otherwise (tests/field_files/cells, LibreOffice computed the errors)."""
    shutil.copy(HERE / "cells" / f"kegiatan.{suffix}", tmp_path)
    result = ingest_sheets(read_round(tmp_path))
    activities = result.tables["activities"]
    assert list(activities["progress_pct"]) == ["50%", "25.5%"]
    assert activities["budget_realized"].isna().all() and pd.isna(activities["budget_planned"][1])
    assert [(n.code, n.row, n.value) for n in result.notices] == [
        ("error_cell", 2, "I2 (#DIV/0!)"), ("error_cell", 3, "H3 (#REF!)")]
    assert "I2 (#DIV/0!)" in message("error_cell", "id", value="I2 (#DIV/0!)")
