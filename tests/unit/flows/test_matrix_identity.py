"""The recommendation matrix the pipeline writes names its round and kecamatan, and says where it
goes: read back from a round folder, the identity comes with it (flows/workbooks.py, readers.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from flows.readers import read_round
from flows.workbooks import write_matrix
from transforms.contract.outputs import MATRIX
from transforms.ingest.matrix_identity import IDENTITY_SHEET, MatrixIdentity
from transforms.ingest.sheets import ingest_sheets

IDENTITY = MatrixIdentity("2024-10", "Seram Bagian Timur", "Pulau Gorom")
LABELS = {"2024-10": "Pemantauan II (Oktober 2024)"}


def one_row_matrix() -> pd.DataFrame:
    row = {name: None for name in MATRIX.names} | {
        "kabupaten": "Seram Bagian Timur", "kecamatan": "Pulau Gorom", "rec_id": "1",
        "issue": "Pompa rusak", "recommendation": "Perbaiki pompa", "responsible_level": "kabupaten",
        "status": "baru", "origin": "agreed", "origin_round": "2024-10", "age_rounds": 0}
    return pd.DataFrame([row], dtype=object)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_matrix_names_its_round_kecamatan_and_folder(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "2024-10" / "pulau-gorom.xlsx"
    write_matrix(one_row_matrix(), path, lang, IDENTITY, LABELS)
    workbook = load_workbook(path)
    assert workbook[IDENTITY_SHEET].sheet_state == "hidden"
    help_sheet = workbook.worksheets[[s.sheet_state for s in workbook.worksheets].index("visible", 1)]
    lines = " ".join(str(c.value) for c in help_sheet["A"] if c.value)
    assert "data/raw/2024-10/" in lines and "Pulau Gorom" in lines and "2024-10" in lines
    assert "Pemantauan II (Oktober 2024)" in lines and "<" not in lines  # no `<round>` left to guess
    ingested = ingest_sheets(read_round(path.parent))
    assert ingested.matrices == {"pulau-gorom.xlsx": IDENTITY}
    assert ingested.notices == []  # our own instructions and identity sheets are not notices
    assert ingested.tables["recommendations"]["rec_id"].tolist() == ["1"]


def test_a_workbook_without_the_identity_sheet_is_an_ordinary_file(tmp_path: Path) -> None:
    path = tmp_path / "2024-10" / "pulau-gorom.xlsx"
    write_matrix(one_row_matrix(), path, "id", IDENTITY, LABELS)
    workbook = load_workbook(path)
    workbook.remove(workbook[IDENTITY_SHEET])
    workbook.save(path)
    ingested = ingest_sheets(read_round(path.parent))
    assert ingested.matrices == {}
    assert [n.code for n in ingested.notices] == ["sheet_ignored"]  # Petunjuk, as any other file's
