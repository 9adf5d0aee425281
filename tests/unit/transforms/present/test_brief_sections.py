"""Sections of the brief view models (transforms/present/brief_sections.py): what page 1 says,
without rendering."""

from __future__ import annotations

import pandas as pd
import pytest

from transforms.present import brief_sections as briefs


def activities(*rows: dict[str, object]) -> pd.DataFrame:
    base = {"kabupaten": "Seram Bagian Timur", "kecamatan": "Teluk Waru", "desa": "Madak",
            "activity_code": "TW-MAD-01", "activity_name": "Kebun", "status": "berjalan",
            "constraint": None, "constraint_category": None, "support_needed": None,
            "support_from": None, "budget_planned": 1_000_000.0, "budget_realized": 500_000.0}
    return pd.DataFrame([{**base, **row} for row in rows])


def matrix(*rows: dict[str, object]) -> pd.DataFrame:
    base = {"responsible_level": "kabupaten", "responsible_agency": "Dinas Perikanan", "status": "baru"}
    return pd.DataFrame([{**base, **row} for row in rows])


@pytest.mark.parametrize("party, village", [
    ("Pemerintah Desa", True), ("pemerintah desa Madak", True), ("BPD", True), ("BUMDes Maju", True),
    ("Kelompok tani", True), ("Desa", True), ("Pemerintah Negeri Waru", True), ("Saniri", True),
    ("Dinas PMD", False), ("Dinas Pemberdayaan Desa", False),
    ("Bappeda", False), ("Desainer", False),
])
def test_village_parties_are_told_apart_from_district_agencies(party: str, village: bool) -> None:
    assert briefs.is_village_party(party) is village


def test_page_one_asks_put_district_agencies_first_and_village_parties_aside() -> None:
    acts = activities(
        {"desa": "Madak", "support_needed": "Bibit", "support_from": "Dinas Perikanan"},
        {"desa": "Waru", "activity_code": "TW-WAR-01", "support_needed": "Benih",
         "support_from": "Dinas Perikanan"},
        {"desa": "Solang", "activity_code": "TW-SOL-01", "support_needed": "Jadwal kerja bakti",
         "support_from": "Pemerintah Desa"},
        {"desa": "Bellis", "activity_code": "TW-BEL-01", "support_needed": "Pasar", "support_from": None},
    )
    asks = briefs.asks_headlines(acts, matrix({"responsible_agency": "Dinas PMD"},
                                              {"status": "selesai"}), "id")
    lines = {line["agency"]: line["text"] for line in asks["lines"]}
    assert next(iter(lines)) == "Dinas Perikanan"  # the most asked-of agency first
    assert lines["Dinas Perikanan"] == "2 permintaan desa (Madak, Waru)"  # closed proposal not counted
    assert lines["Dinas PMD"] == "1 usulan di matriks"
    assert "Pemerintah Desa" not in lines
    assert "Pemerintah Desa (1)" in asks["village_level"]
    assert any("Bellis" in text for text in lines.values())  # no party named: still listed


def test_page_one_constraints_rank_categories_and_prefer_a_stalled_quote() -> None:
    acts = activities(
        {"desa": "Madak", "status": "berjalan", "constraint": "Hujan sedikit",
         "constraint_category": "cuaca"},
        {"desa": "Waru", "activity_code": "TW-WAR-01", "status": "tidak_berjalan",
         "constraint": "Ombak besar " + "x" * 200, "constraint_category": "cuaca"},
        {"desa": "Solang", "activity_code": "TW-SOL-01", "status": "tidak_berjalan",
         "constraint": "Dana belum cair", "constraint_category": "dana"},
    )
    headlines = briefs.constraint_headlines(briefs.constraint_groups(acts, "id"), "id")
    first, second = headlines["groups"]
    assert first["counts"].startswith("2 kegiatan (1 tidak berjalan), 2 desa")
    assert first["villages"] == "Madak, Waru"
    assert first["quote_desa"] == "Waru" and first["quote"].startswith("Ombak besar")
    assert len(first["quote"]) == briefs.HEADLINE_LENGTH and first["quote"].endswith("…")
    assert second["quote"] == "Dana belum cair"
    assert headlines["more"] == ""


