"""Workbooks people fill in: the round template reads back as it is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from flows.readers import read_round
from flows.workbooks import write_corrections, write_matrix, write_round_template
from tests.fixtures import LOCATIONS
from transforms.contract.reference import build_gazetteer
from transforms.contract.tables import RECOMMENDATIONS, TABLES
from transforms.ingest.matrix_identity import MatrixIdentity
from transforms.ingest.sheets import ingest_sheets

COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]


def test_filled_template_ingests_unchanged(tmp_path: Path) -> None:
    gazetteer = build_gazetteer(pd.DataFrame(LOCATIONS, columns=COLUMNS))
    path = tmp_path / "2024-07" / "blanko.xlsx"
    write_round_template(path, gazetteer)
    workbook = load_workbook(path)
    assert [s.title for s in workbook.worksheets if s.sheet_state == "visible"] == [
        "Petunjuk", *[t.name_id for t in TABLES.values()]]  # instructions first
    kegiatan = workbook["kegiatan"]
    assert [c.value for c in kegiatan[1]] == [f.header_id for f in TABLES["activities"].fields]
    assert kegiatan["J1"].comment is not None  # every header explains itself
    lists = {str(v.formula1) for v in kegiatan.data_validations.dataValidation}
    assert any("pilihan!" in f for f in lists) and len(lists) >= 7
    kegiatan.append(["Seram Bagian Timur", "Teluk Waru", "Solang", "TW-SOL-01", "Bibit kambing",
                     "peternakan", "dana_desa", 1000000, 500000, "berjalan", 50, 3, 2])
    workbook.save(path)
    ingested = ingest_sheets(read_round(path.parent))
    assert not ingested.problems
    # the hidden list sheet is not a table notice; the instructions sheet is skipped, as it says
    assert [(n.code, n.sheet) for n in ingested.notices] == [("sheet_ignored", "Petunjuk")]
    assert len(ingested.tables["activities"]) == 1


CONTROL_TEXT = "melatih\x0bkader\x0cternak\x01"  # Word's line and page breaks, a stray control


def _matrix_row(text: str) -> dict[str, object]:
    record: dict[str, object] = {f.name: "" for f in RECOMMENDATIONS.fields}
    record.update(kabupaten="Seram Bagian Timur", kecamatan="Teluk Waru", recommendation=text,
                  responsible_agency=text, origin="draft", origin_round="2024-07", age_rounds=0)
    return record


def test_control_characters_in_village_text_are_written_as_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "matrix.xlsx"
    write_matrix(pd.DataFrame([_matrix_row(CONTROL_TEXT)]), path, "id",
                 MatrixIdentity("2024-10", "Buru", "Pulau Gorom"))
    sheet = load_workbook(path)[RECOMMENDATIONS.name_id]
    texts = {c.value for c in sheet[2]}
    assert "melatih\nkader\nternak" in texts and not any("\x0b" in str(t) for t in texts)


def test_control_characters_in_quarantined_values_reach_the_corrections_workbook(tmp_path: Path) -> None:
    frame = pd.DataFrame([[f"Desa\x0cBondo {i}" for i in range(10)]], columns=[f"c{i}" for i in range(10)])
    path = tmp_path / "corrections.xlsx"
    write_corrections(frame, frame, path, lang="en")
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[2]] == [f"Desa\nBondo {i}" for i in range(10)]
