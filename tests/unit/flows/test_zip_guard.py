"""The zip guard (flows/zip_guard.py) counts what a workbook really inflates to, before openpyxl or
calamine read it: members that lie about their size, a cell longer than a CSV cell, an XML DTD."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from flows.readers import read_round
from flows.zip_guard import CHUNK, MAX_CELL_CHARS, MAX_UNPACKED_BYTES, CellText
from tests.bad_files.build import SHEET, VILLAGES, _patched, lying_sizes
from tests.fixtures import VILLAGE_HEADERS, village, write_csv
from transforms.contract.messages import InputFileError


def problem_of(folder: Path) -> tuple[str, str]:
    with pytest.raises(InputFileError) as caught:
        read_round(folder)
    (problem,) = caught.value.problems
    return problem.code, problem.value


def with_cell(text: bytes) -> bytes:
    """The one-village workbook with `text` as the XML of its note cell (openpyxl would cut it)."""
    return _patched(VILLAGES, SHEET, lambda body: body.replace(b"MARKER", text))


def test_a_member_that_inflates_past_its_declared_size_is_refused_at_once(tmp_path: Path) -> None:
    honest = with_cell(b"a" * 20 * CHUNK)  # 20 MB of one letter: a 20 KB file
    (tmp_path / "bom.xlsx").write_bytes(lying_sizes(honest, SHEET, 3000))
    assert zipfile.ZipFile(tmp_path / "bom.xlsx").getinfo(SHEET).file_size == 3000  # it lies
    tracemalloc.start()
    try:
        assert problem_of(tmp_path) == ("zip_size_lie", SHEET)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * CHUNK  # refused on its first chunk, not once 20 MB were inflated


def test_declared_sizes_past_the_limit_are_refused_without_inflating(tmp_path: Path) -> None:
    (tmp_path / "besar.xlsx").write_bytes(lying_sizes(VILLAGES, SHEET, MAX_UNPACKED_BYTES + 1))
    assert problem_of(tmp_path)[0] == "file_too_large"


def test_a_cell_longer_than_a_csv_cell_is_refused_across_chunks(tmp_path: Path) -> None:
    (tmp_path / "sel.xlsx").write_bytes(with_cell(b"a" * (3 * CHUNK)))  # spans several chunks
    assert problem_of(tmp_path) == ("cell_too_long", SHEET)


@pytest.mark.parametrize("text", [
    b"a" * MAX_CELL_CHARS,  # the limit itself is a cell
    "é".encode() * MAX_CELL_CHARS,  # characters, not bytes
    b"&amp;" * MAX_CELL_CHARS,  # an entity is one character
])
def test_a_cell_at_the_limit_is_read(text: bytes, tmp_path: Path) -> None:
    (tmp_path / "sel.xlsx").write_bytes(with_cell(text))
    (sheet,) = read_round(tmp_path)
    assert len(sheet.rows[0][-1]) == MAX_CELL_CHARS


def _fed(xml: bytes, member: str = "xl/sharedStrings.xml", step: int = 7) -> str:
    scan = CellText(member, counting=True)
    return next((code for i in range(0, len(xml), step) if (code := scan.feed(xml[i:i + step]))), "")


def test_a_shared_string_split_in_runs_is_one_cell() -> None:
    run = b"<r><rPr><charset val='1'/></rPr><t>" + b"b" * (MAX_CELL_CHARS // 4) + b"</t></r>"
    assert _fed(b"<sst><si>" + run * 5 + b"</si></sst>", step=4096) == "cell_too_long"
    assert _fed(b"<sst>" + (b"<si>" + run + b"</si>") * 5 + b"</sst>", step=4096) == ""


def test_ods_runs_of_spaces_count_as_their_characters() -> None:
    cell = f'<table:table-cell><text:p>a<text:s text:c="{MAX_CELL_CHARS}"/></text:p></table:table-cell>'
    assert _fed(cell.encode(), "content.xml") == "cell_too_long"


def test_a_doctype_split_over_chunks_is_found_in_any_xml_member() -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    scan = CellText("docProps/core.xml", counting=False)
    assert [code for i in range(0, len(xml), 3) if (code := scan.feed(xml[i:i + 3]))][:1] == ["xml_doctype"]


def test_an_endless_tag_is_refused_before_it_is_held() -> None:
    assert _fed(b'<c r="A1" x="' + b"y" * (9 * MAX_CELL_CHARS), step=CHUNK) == "cell_too_long"


def test_a_csv_cell_has_the_same_limit(tmp_path: Path) -> None:
    assert csv.field_size_limit() == MAX_CELL_CHARS
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, [[*village("Solang")[:-1], "a" * MAX_CELL_CHARS]])
    assert len(read_round(tmp_path)[0].rows[0][-1]) == MAX_CELL_CHARS
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, [[*village("Solang")[:-1], "a" * (MAX_CELL_CHARS + 1)]])
    assert problem_of(tmp_path)[0] == "file_unreadable"


def test_an_honest_workbook_inflates_once_more_only(tmp_path: Path) -> None:
    (tmp_path / "r.xlsx").write_bytes(VILLAGES)
    assert [s.table.name for s in read_round(tmp_path)] == ["villages"]
    assert io.BytesIO(VILLAGES).getbuffer().nbytes < 10_000
