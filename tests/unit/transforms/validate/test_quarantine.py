"""Row validation without Prefect or GX: every row ends clean or quarantined, with the reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.fixtures import (
    ACTIVITY_HEADERS,
    VILLAGE_HEADERS,
    act,
    bad_round,
    basic_round,
    clean_round,
    village,
    write_csv,
)


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


@pytest.fixture
def bad(tmp_path: Path):
    return clean_round(bad_round(tmp_path / "2024-07"))


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


