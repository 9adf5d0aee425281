"""The meeting's matrix coming back (transforms/validate/returned_matrix.py): its rows replace its
kecamatan's recommendations of its round from other files, each replaced row is listed, a copy in
another round's folder is named with the folder it belongs in, and every duplicate message names
both files, sheets and rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from tests.fixtures import REC_HEADERS, basic_round, clean_round, write_csv, write_xlsx
from transforms.contract.messages import InputFileError
from transforms.ingest.matrix_identity import IDENTITY_SHEET, MatrixIdentity, identity_rows, read_identity
from transforms.validate.column_rules import ROW_ID
from transforms.validate.returned_matrix import misplaced_matrices, replaced_by_matrices

PULAU_GOROM = MatrixIdentity("2024-07", "Seram Bagian Timur", "Pulau Gorom")
DECISION = "Rapat 13 Agustus: Dinas PUPR mengganti pompa"


def rec(no: object, issue: str, status: str = "baru", *, kec: str = "Pulau Gorom", kab: str = "SBT",
        notes: str = "", villages: str = "Kilotak") -> list:
    return [kab, kec, no, issue, villages, "Tindak lanjut " + issue, "kabupaten", "Dinas PUPR",
            "2024-12", status, notes]


def write_matrix_file(path: Path, identity: MatrixIdentity, rows: list[list]) -> Path:
    """A filled matrix as it comes back: its rekomendasi sheet and the hidden identity sheet."""
    cells = identity_rows(identity)
    return write_xlsx(path, {"rekomendasi": (REC_HEADERS, rows), IDENTITY_SHEET: (cells[0], cells[1:])})


def round_with_matrix(raw: Path, identity: MatrixIdentity = PULAU_GOROM) -> Path:
    folder = basic_round(raw)
    write_csv(folder / "sbt_rekomendasi.csv", REC_HEADERS, [
        rec(1, "Pompa rusak"), rec(2, "Bibit hanyut"), rec(3, "Status lahan", "ngawur"),
        rec(1, "Legalitas BUMDes", kec="Teluk Waru", villages="Solang"),
    ])
    write_matrix_file(folder / "pulau-gorom.xlsx", identity, [
        rec(1, "Pompa rusak", "proses", kab="Seram Bagian Timur", notes=DECISION),
        rec(4, "Benih ikan mati", kab="Seram Bagian Timur"),
    ])
    return folder


def test_matrix_rows_replace_the_kecamatan_rows_of_other_files(tmp_path: Path) -> None:
    ingested, result = clean_round(round_with_matrix(tmp_path))
    assert ingested.matrices == {"pulau-gorom.xlsx": PULAU_GOROM}
    recs = result.clean["recommendations"]
    gorom = recs.loc[recs["kecamatan"] == "Pulau Gorom"].set_index("rec_id")
    assert set(gorom["source_file"]) == {"pulau-gorom.xlsx"}
    assert sorted(gorom.index) == ["1", "4"]
    assert gorom.loc["1", "status"] == "proses" and gorom.loc["1", "notes"] == DECISION
    assert list(recs.loc[recs["kecamatan"] == "Teluk Waru", "source_file"]) == ["sbt_rekomendasi.csv"]
    assert "conflicting_duplicate" not in set(result.quarantine["code"])
    # the replaced row with a bad status is replaced, not quarantined: it no longer counts
    assert result.quarantine.loc[result.quarantine["table"] == "rekomendasi"].empty


def test_every_replaced_row_is_listed_with_both_files(tmp_path: Path) -> None:
    ingested, result = clean_round(round_with_matrix(tmp_path))
    replaced = result.warnings.loc[result.warnings["code"] == "replaced_by_matrix"]
    assert list(zip(replaced["source_file"], replaced["source_row"], strict=True)) == [
        ("sbt_rekomendasi.csv", 2), ("sbt_rekomendasi.csv", 3), ("sbt_rekomendasi.csv", 4)]
    first = replaced.iloc[0]
    assert "berkas sbt_rekomendasi.csv, baris 2" in first["message_id"]
    assert "pulau-gorom.xlsx" in first["message_id"]
    assert "file pulau-gorom.xlsx, sheet rekomendasi, row 2" in first["message_en"]
    assert "not in the matrix" in replaced.iloc[1]["message_en"]  # no 2 was dropped at the meeting
    # every input row of the table is clean, quarantined or listed as replaced
    raw = ingested.tables["recommendations"]
    clean = result.clean["recommendations"]
    accounted = set(zip(clean["source_file"], clean["source_row"], strict=True)) | set(
        zip(replaced["source_file"], replaced["source_row"], strict=True))
    assert set(zip(raw["source_file"], raw["source_row"], strict=True)) == accounted


def test_a_matrix_of_another_round_replaces_nothing_and_is_named(tmp_path: Path) -> None:
    later = MatrixIdentity("2024-10", "Seram Bagian Timur", "Pulau Gorom")
    problems = misplaced_matrices({"pulau-gorom.xlsx": later, "ok.xlsx": PULAU_GOROM}, "2024-07",
                                  lambda round_id: f"data/raw/{round_id}/")
    assert [p.file for p in problems] == ["pulau-gorom.xlsx"]
    text = InputFileError(problems).bilingual()
    assert "pulau-gorom.xlsx" in text and "data/raw/2024-10/" in text
    assert "for round 2024-10" in text and "untuk putaran 2024-10" in text
    typed = pd.DataFrame({ROW_ID: [0], "kabupaten": ["Seram Bagian Timur"], "kecamatan": ["Pulau Gorom"],
                          "rec_id": ["1"], "source_file": ["a.csv"], "source_sheet": [""], "source_row": [2]})
    assert not replaced_by_matrices(typed, {"pulau-gorom.xlsx": later}, "2024-07").rows
    assert replaced_by_matrices(typed, {"pulau-gorom.xlsx": PULAU_GOROM}, "2024-07").rows == {0}


def test_a_round_without_matrices_is_as_before(tmp_path: Path) -> None:
    folder = basic_round(tmp_path)
    write_csv(folder / "sbt_rekomendasi.csv", REC_HEADERS, [rec(1, "Pompa rusak")])
    write_xlsx(folder / "pulau-gorom.xlsx", {"rekomendasi": (REC_HEADERS, [rec(2, "Bibit hanyut")])})
    ingested, result = clean_round(folder)
    assert ingested.matrices == {}
    assert len(result.clean["recommendations"]) == 2
    assert "replaced_by_matrix" not in set(result.warnings["code"])


def test_conflicting_rows_name_both_files_sheets_and_rows(tmp_path: Path) -> None:
    folder = basic_round(tmp_path)
    write_csv(folder / "sbt_rekomendasi.csv", REC_HEADERS, [rec(1, "Pompa rusak"), rec(2, "Bibit")])
    write_xlsx(folder / "salinan.xlsx", {"rekomendasi": (REC_HEADERS, [
        rec(9, "Lain"), rec(1, "Pompa rusak", "proses"), rec(2, "Bibit")])})
    _, result = clean_round(folder)
    conflict = result.quarantine.loc[result.quarantine["code"] == "conflicting_duplicate"]
    by_file = conflict.set_index("source_file")
    assert ("berkas sbt_rekomendasi.csv, baris 2) dan berkas salinan.xlsx, lembar rekomendasi, baris 3"
            in by_file.loc["sbt_rekomendasi.csv", "message_id"])
    assert ("(file salinan.xlsx, sheet rekomendasi, row 3) and file sbt_rekomendasi.csv, row 2"
            in by_file.loc["salinan.xlsx", "message_en"])
    exact = result.warnings.loc[result.warnings["code"] == "exact_duplicate"].iloc[0]
    assert "file salinan.xlsx, sheet rekomendasi, row 4" in exact["message_en"]
    assert "file sbt_rekomendasi.csv, row 3" in exact["message_en"]


def test_identity_is_read_only_from_our_own_sheet() -> None:
    rows = identity_rows(PULAU_GOROM)
    assert read_identity(rows) == PULAU_GOROM
    assert read_identity([["catatan rapat"], ["round_id", "2024-07"]]) is None  # someone else's sheet
    assert read_identity(rows[:2]) is None  # a field missing: not trusted
    retyped = [row[:] for row in rows]
    retyped[1][1] = datetime(2024, 7, 1)  # the round id retyped by hand became a date
    assert read_identity(retyped) == PULAU_GOROM
