"""Row validation without Prefect or GX: every row ends clean or quarantined, with the reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flows.readers import read_round
from tests.fixtures import (
    ACTIVITY_HEADERS,
    LOCATIONS,
    MEETING_HEADERS,
    REC_HEADERS,
    ROUNDS,
    VILLAGE_HEADERS,
    act,
    basic_round,
    meeting,
    village,
    write_csv,
)
from transforms.contract.reference import build_gazetteer, build_rounds
from transforms.ingest.sheets import ingest_sheets
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import evaluate_rules_with_pandas, finish_round

LOC_COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]
ROUND_COLUMNS = ["round_id", "label_id", "label_en", "window_start", "window_end"]


def clean_round(folder: Path, round_id: str = "2024-07", previous=None):
    gazetteer = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))
    info = build_rounds(pd.DataFrame(ROUNDS, columns=ROUND_COLUMNS))[round_id]
    ingested = ingest_sheets(read_round(folder))
    assert not ingested.problems
    parsed = parse_round(ingested.tables, gazetteer, info)
    prev = previous.clean["activities"] if previous else None
    return ingested, finish_round(parsed, evaluate_rules_with_pandas(parsed), prev, ingested.notices)


def accounted_rows(ingested, result) -> None:
    """Every input row is clean, quarantined, or an exact duplicate that was warned about."""
    for name, raw in ingested.tables.items():
        table_id = {"villages": "desa", "activities": "kegiatan", "meetings": "pertemuan",
                    "recommendations": "rekomendasi"}[name]
        source = set(zip(raw["source_file"], raw["source_row"], strict=True))
        clean = set(zip(result.clean[name]["source_file"], result.clean[name]["source_row"],
                        strict=True))
        q = result.quarantine.loc[result.quarantine["table"] == table_id]
        quarantined = set(zip(q["source_file"], q["source_row"], strict=True))
        w = result.warnings.loc[(result.warnings["table"] == table_id)
                                & (result.warnings["code"] == "exact_duplicate")]
        duplicates = set(zip(w["source_file"], w["source_row"], strict=True))
        assert clean.isdisjoint(quarantined)
        assert source == clean | quarantined | duplicates, name


def test_clean_round_has_no_quarantine(tmp_path: Path) -> None:
    ingested, result = clean_round(basic_round(tmp_path))
    assert result.quarantine.empty, result.quarantine[["source_row", "code", "message_en"]]
    accounted_rows(ingested, result)
    acts = result.clean["activities"].set_index("activity_code")
    assert acts.loc["TW-SOL-01", "status"] == "berjalan"
    assert acts.loc["TW-SOL-02", "status"] == "tidak_berjalan"
    assert acts.loc["TW-MAD-01", "budget_planned"] == 5_000_000
    assert acts.loc["PG-KIL-01", "budget_planned"] == 2_500_000
    assert acts.loc["PG-KIL-01", "kecamatan"] == "Pulau Gorom"
    assert acts.loc["LO-KAR-01", "sector"] == "kerajinan"
    assert set(result.clean["villages"]["kecamatan"]) == {"Teluk Waru", "Gorom Timur", "Pulau Gorom", "Loura"}
    notices = result.warnings.loc[result.warnings["code"] == "sheet_ignored"]
    assert list(notices["value"]) == ["Petunjuk"]


def _bad_round(folder: Path) -> Path:
    write_csv(folder / "desa.csv", VILLAGE_HEADERS, [
        village("Solang"),
        village("Madak", "15/09/2024"),  # outside the July window
        village("Kampung Baru"),  # joins in 2024-10
        village("Miran K", kec="Gorom Timur"),  # ambiguous twin
        village("Kilotaq", kec="Pulau Gorom"),  # fuzzy, fixed with a warning
        village("Atlantis", kec="Pulau Gorom"),  # unknown
        village("Solang", kec="Kecamatan Khayalan"),  # unknown kecamatan
    ])
    write_csv(folder / "kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "A1", progress=150),
        act("Solang", "A2", "ngawur"),
        act("Solang", "A3", "berjalan"), act("Solang", "A3", "selesai"),  # conflicting
        act("Solang", "A4"), act("Solang", "A4"),  # exact duplicate
        act("Solang", "A5", "selesai", progress=80),  # warning
        act("Solang", "A6", planned="1 juta", realized="2 juta"),  # warning
        act("Solang", "A7", sector=""),  # missing required
        act("Solang", "A8", planned="sejuta"),  # unreadable rupiah
        act("Solang", "A9", constraint="Hujan terus", category=""),  # category required
    ])
    write_csv(folder / "pertemuan.csv", MEETING_HEADERS, [
        meeting("Teluk Waru", "10/08/2024", 5, 5, total=11),
        meeting("Teluk Waru", "30/06/2024", 5, 5, batch=2),  # before the round
        meeting("Gorom Timur", "12/08/2024", 5, 5),
    ])
    write_csv(folder / "rekomendasi.csv", REC_HEADERS, [
        ["SBT", "Teluk Waru", "1", "Bibit terlambat", "Solang; Madak", "Percepat pengadaan",
         "kabupaten", "Dinas Pertanian", "Desember 2024", "", ""],
        ["SBT", "Teluk Waru", "2", "Air", "Solang; Atlantis", "Sumur", "desa", "", "", "baru", ""],
    ])
    return folder


@pytest.fixture
def bad(tmp_path: Path):
    return clean_round(_bad_round(tmp_path / "2024-07"))


def _codes(frame: pd.DataFrame) -> dict[tuple[str, int], set[str]]:
    out: dict[tuple[str, int], set[str]] = {}
    for r in frame.itertuples(index=False):
        out.setdefault((r.source_file, int(r.source_row)), set()).add(r.code)
    return out


def test_bad_rows_are_quarantined_with_reasons(bad) -> None:
    ingested, result = bad
    accounted_rows(ingested, result)
    q = _codes(result.quarantine)
    assert q[("desa.csv", 3)] == {"date_outside_window"}
    assert q[("desa.csv", 4)] == {"not_in_programme_round"}
    assert q[("desa.csv", 5)] == {"ambiguous_name"}
    assert q[("desa.csv", 7)] == {"unknown_desa"}
    assert q[("desa.csv", 8)] == {"unknown_kecamatan"}
    assert q[("kegiatan.csv", 2)] == {"out_of_range"}
    assert q[("kegiatan.csv", 3)] == {"not_in_vocabulary"}
    assert q[("kegiatan.csv", 4)] == q[("kegiatan.csv", 5)] == {"conflicting_duplicate"}
    assert q[("kegiatan.csv", 10)] == {"missing_value"}
    assert q[("kegiatan.csv", 11)] == {"invalid_rupiah"}
    assert q[("kegiatan.csv", 12)] == {"constraint_category_missing"}
    assert q[("pertemuan.csv", 2)] == {"total_mismatch"}
    assert q[("pertemuan.csv", 3)] == {"date_outside_window"}
    assert q[("rekomendasi.csv", 3)] == {"unknown_desa"}
    assert ("desa.csv", 6) not in q and ("kegiatan.csv", 7) not in q


def test_warnings_count_the_row(bad) -> None:
    _, result = bad
    w = _codes(result.warnings)
    assert "name_corrected" in w[("desa.csv", 6)]
    assert w[("kegiatan.csv", 7)] == {"exact_duplicate"}
    assert w[("kegiatan.csv", 8)] == {"completed_below_100"}
    assert w[("kegiatan.csv", 9)] == {"realized_exceeds_planned"}
    codes = set(result.clean["activities"]["activity_code"])
    assert {"A4", "A5", "A6"} <= codes and not {"A1", "A2", "A3", "A7", "A8", "A9"} & codes
    assert list(result.clean["activities"]["activity_code"]).count("A4") == 1


def test_messages_name_what_is_wrong_and_what_is_right(bad) -> None:
    _, result = bad
    q = result.quarantine.set_index(["source_file", "source_row"])
    row = q.loc[("kegiatan.csv", 2)]
    assert "150" in row["message_id"] and "0–100" in row["message_id"]
    assert row["column"] == "progres_persen" and row["suggestion"] == "0–100"
    ambiguous = q.loc[("desa.csv", 5)]
    assert "Miran Keledar" in ambiguous["suggestion"] and "Miran Kilian" in ambiguous["suggestion"]
    vocab = q.loc[("kegiatan.csv", 3)]
    assert "tidak_berjalan" in vocab["suggestion"] and "ngawur" in vocab["message_en"]
    assert all(q["row_data"].str.startswith("{"))


def test_recommendation_villages_resolve(bad) -> None:
    _, result = bad
    recs = result.clean["recommendations"]
    assert list(recs["villages"]) == ["Solang; Madak"]
    assert list(recs["status"]) == ["baru"]
    assert list(recs["due"]) == ["2024-12"]


def test_activity_missing_since_last_round(tmp_path: Path) -> None:
    _, first = clean_round(basic_round(tmp_path / "a"))
    second_folder = tmp_path / "b" / "2024-10"
    write_csv(second_folder / "kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "TW-SOL-01", "selesai", progress=100),
    ])
    _, second = clean_round(second_folder, "2024-10", previous=first)
    missing = second.warnings.loc[second.warnings["code"] == "activity_missing_since_last_round"]
    assert list(missing["value"]) == ["TW-SOL-02 (Solang)"]  # Madak did not report: no noise
    assert "village_without_desa_row" in set(second.warnings["code"])


def test_name_of_another_kecamatan_is_not_fuzzy_matched_here() -> None:
    from transforms.validate.places import _resolve_combo

    rows = [("Sumba Barat Daya", "", "", "SBD", "", ""),
            ("Sumba Barat Daya", "Kodi", "Homba Rande", "", "", "2024-07"),
            ("Sumba Barat Daya", "Wewewa Tengah", "Omba Rade", "", "", "2024-07")]
    gazetteer = build_gazetteer(pd.DataFrame(rows, columns=LOC_COLUMNS))
    names, findings = _resolve_combo(("SBD", "Kodi", "Omba Rade"), gazetteer)
    assert names[2] is None
    assert findings[-1][1].candidates[0] == "Omba Rade (Kec. Wewewa Tengah)"
    names, _ = _resolve_combo(("SBD", "Kodi", "Homba Rnde"), gazetteer)
    assert names[2] == "Homba Rande"


def test_unreadable_and_blank_values_are_not_the_same_row(tmp_path: Path) -> None:
    write_csv(tmp_path / "kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "B5", progress="abc"), act("Solang", "B5", progress=""),
    ])
    _, result = clean_round(tmp_path)
    assert result.clean["activities"].empty
    assert set(result.quarantine["code"]) >= {"conflicting_duplicate"}


def test_impossible_year_is_quarantined_not_a_crash(tmp_path: Path) -> None:
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, [village("Solang", "15/07/2924")])
    _, result = clean_round(tmp_path)
    assert list(result.quarantine["code"]) == ["invalid_date"]


def test_activities_of_a_village_whose_row_was_quarantined(tmp_path: Path) -> None:
    write_csv(tmp_path / "desa.csv", VILLAGE_HEADERS, [village("Solang", "02/08/2024")])
    write_csv(tmp_path / "kegiatan.csv", ACTIVITY_HEADERS, [act("Solang", "A1"), act("Madak", "M1")])
    _, result = clean_round(tmp_path)
    codes = dict(zip(result.warnings["value"], result.warnings["code"], strict=True))
    assert codes == {"Solang": "village_row_quarantined", "Madak": "village_without_desa_row"}


def test_matrix_rows_keep_the_round_they_were_first_agreed_in() -> None:
    from transforms.derive.matrix import build_matrix, latest_recommendations

    def rec(rec_id: str, status: str) -> dict:
        return {"kabupaten": "K", "kecamatan": "C", "rec_id": rec_id, "issue": "i", "villages": None,
                "recommendation": "r", "responsible_level": "kabupaten", "responsible_agency": "Dinas",
                "due": None, "status": status, "notes": None}

    earlier = latest_recommendations({"2024-07": pd.DataFrame([rec("1", "baru"), rec("2", "selesai")])})
    now = pd.DataFrame([rec("1", "proses"), rec("3", "baru")])
    empty = pd.DataFrame(columns=["kabupaten", "kecamatan", "desa", "activity_code",
                                  "constraint_category", "support_from"])
    matrix = build_matrix("K", "C", "2024-10", now, earlier, empty, pd.DataFrame(), "id")
    got = list(zip(matrix["rec_id"], matrix["status"], matrix["origin"], matrix["origin_round"],
                   strict=True))
    assert got == [("1", "proses", "carried", "2024-07"), ("3", "baru", "agreed", "2024-10")]
