"""Sections of the brief view models (transforms/present/brief_sections.py): what page 1 says,
without rendering."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import clean_activities as activities
from transforms.present import brief_sections as briefs


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




def not_reported_round() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A round in which Gorom Timur's activities carry no budget and no beneficiaries (their
    columns were not read) and held no meeting; Teluk Waru reported everything."""
    from transforms.contract.reference import Programme
    from transforms.derive.aggregate import summarise

    kab = "Seram Bagian Timur"
    programme = Programme({kab: {"Teluk Waru": ["Madak"], "Gorom Timur": ["Miran"]}})
    acts = pd.DataFrame({
        "kabupaten": [kab] * 3, "kecamatan": ["Teluk Waru", "Gorom Timur", "Gorom Timur"],
        "desa": ["Madak", "Miran", "Miran"], "status": ["berjalan", "berjalan", "selesai"],
        "progress_pct": [50.0, None, None], "budget_planned": [10_000_000.0, None, None],
        "budget_realized": [5_000_000.0, None, None], "beneficiaries_male": [5.0, None, None],
        "beneficiaries_female": [4.0, None, None]})
    clean = {"villages": acts[["kabupaten", "kecamatan", "desa"]].drop_duplicates(),
             "activities": acts,
             "meetings": pd.DataFrame({"kabupaten": [kab], "kecamatan": ["Teluk Waru"],
                                       "participants_male": [12.0], "participants_female": [6.0]})}
    quarantine = pd.DataFrame(columns=["source_file", "source_sheet", "source_row", "kabupaten",
                                       "kecamatan"])
    return summarise("2024-07", programme, clean, quarantine)


@pytest.mark.parametrize("lang, words, zero", [("id", "tidak dilaporkan", "Rp0"),
                                               ("en", "not reported", "IDR 0")])
def test_key_figures_say_not_reported_never_zero(lang: str, words: str, zero: str) -> None:
    by_kecamatan, _ = not_reported_round()
    rows = by_kecamatan.set_index("kecamatan", drop=False)
    gorom = {f["label"]: f for f in briefs.key_figures(rows.loc["Gorom Timur"].to_dict(), lang)}
    text = " | ".join(f"{f['value']} {f['detail']}" for f in gorom.values())
    assert zero not in text and "L 0" not in text and "M 0" not in text
    budget, progress, people, participants = (list(gorom.values())[i] for i in (2, 3, 4, 5))
    assert budget["value"] == words and budget["detail"] == ""
    assert progress["value"] == words and people["value"] == words
    assert people["detail"] == ""
    assert participants["value"] == words and participants["detail"] in ("0 pertemuan", "0 meetings")
    assert list(gorom.values())[1]["value"] == "2"  # the activities themselves still count
    # where values were read nothing changes
    teluk = briefs.key_figures(rows.loc["Teluk Waru"].to_dict(), "id")
    assert teluk[2]["detail"] == "Rp5.000.000 / Rp10.000.000" and teluk[4]["value"] == "9"


def test_kabupaten_comparison_and_prefect_summary_say_not_reported() -> None:
    from transforms.present.artifacts import round_summary_markdown
    from transforms.present.briefs import comparison_rows

    by_kecamatan, by_kabupaten = not_reported_round()
    rows = {r["name"]: r for r in comparison_rows(by_kecamatan, "id")}
    assert rows["Gorom Timur"]["budget"] == "tidak dilaporkan"
    assert rows["Gorom Timur"]["participants"] == "tidak dilaporkan"
    assert rows["Teluk Waru"]["budget"] == "50,0%"
    assert rows["Teluk Waru"]["participants"] == "12 / 6 / 18"
    # the kabupaten sums what its kecamatan reported; an empty kabupaten says not reported
    markdown = round_summary_markdown("Juli 2024", by_kabupaten, 0, 0, [], 3, "en")
    assert "IDR 5,000,000 / IDR 10,000,000" in markdown
    empty = by_kabupaten.assign(**{c: pd.NA for c in ("budget_planned", "budget_realized",
                                                      "budget_realization_pct")})
    markdown = round_summary_markdown("Juli 2024", empty, 0, 0, [], 3, "id")
    assert "**Realisasi anggaran**: tidak dilaporkan\n" in markdown and "Rp0" not in markdown


@pytest.mark.parametrize(("typed", "printed"), [
    ("“Pipa belum datang”", "Pipa belum datang"),  # pasted from WhatsApp, quotes and all
    ('"Bibit terlambat"', "Bibit terlambat"),
    ("Kata ketua: “tunggu dana”", "Kata ketua: “tunggu dana”"),  # a quote inside stays
    ("“Dana” belum “cair”", "“Dana” belum “cair”"),  # two quotes, not one enclosing pair
    ("'", "'"),
])
def test_a_village_note_typed_in_quotes_is_not_quoted_twice(typed: str, printed: str) -> None:
    assert briefs._spoken(typed) == printed
