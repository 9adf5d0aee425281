"""The bundled sample rounds through the real flow: what Quick start command 1 produces."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flows.readers import read_round
from tests.fixtures import PROJECT
from tests.pdftext import flat, key_figures, pdf_text
from transforms.contract.tables import TABLES
from transforms.ingest.sheets import ingest_sheets

RAW = PROJECT / "data" / "raw"
ROUNDS = ("2024-07", "2024-10", "2025-01")

# `bundled` (tests/e2e/conftest.py) is the session's run of these rounds, shared read-only.


def test_every_round_has_its_outputs(bundled: Path) -> None:
    pdfs = sorted(bundled.rglob("*.pdf"))
    assert len(pdfs) == 48
    for round_id in ROUNDS:
        folder = bundled / round_id
        assert len(list((folder / "briefs").rglob("kabupaten.pdf"))) == 2
        assert len(list((folder / "matrix").rglob("*.xlsx"))) == 14
        for name in ("summary_kecamatan.csv", "summary_kabupaten.csv", "quarantine.csv",
                     "warnings.csv", "manifest.json"):
            assert (folder / name).is_file(), name
        assert len(pd.read_csv(folder / "summary_kecamatan.csv")) == 14
        assert len(pd.read_csv(folder / "quarantine.csv")) > 0  # the demo shows quarantine
    kecamatan_briefs = [p for p in pdfs if p.name != "kabupaten.pdf"]
    assert max(p.stat().st_size for p in kecamatan_briefs) < 500_000  # fits an e-mail and WhatsApp


def test_first_round_meetings_as_the_programme_reported(bundled: Path) -> None:
    kab = pd.read_csv(bundled / "2024-07" / "summary_kabupaten.csv").set_index("kabupaten")
    sbt, sbd = kab.loc["Seram Bagian Timur"], kab.loc["Sumba Barat Daya"]
    assert (sbt.meetings, sbt.meeting_participants_male, sbt.meeting_participants_female,
            sbt.meeting_participants_total) == (6, 79, 38, 117)
    assert (sbd.meetings, sbd.meeting_participants_male, sbd.meeting_participants_female,
            sbd.meeting_participants_total) == (10, 89, 37, 126)
    assert "117" in flat(pdf_text(bundled / "2024-07/briefs/seram-bagian-timur/kabupaten.pdf"))
    assert "126" in flat(pdf_text(bundled / "2024-07/briefs/sumba-barat-daya/kabupaten.pdf"))
    assert (sbt.villages_target, sbd.villages_target) == (30, 40)
    later = pd.read_csv(bundled / "2024-10" / "summary_kabupaten.csv").set_index("kabupaten")
    assert later.loc["Seram Bagian Timur"].villages_target == 34
    assert later.loc["Sumba Barat Daya"].villages_target == 49


@pytest.mark.parametrize("round_id", ROUNDS)
def test_every_input_row_is_clean_or_quarantined(bundled: Path, round_id: str) -> None:
    ingested = ingest_sheets(read_round(RAW / round_id))
    quarantine = pd.read_csv(bundled / round_id / "quarantine.csv", dtype=str, keep_default_na=False)
    warnings = pd.read_csv(bundled / round_id / "warnings.csv", dtype=str, keep_default_na=False)
    for name, table in TABLES.items():
        raw = ingested.tables[name]
        source = set(zip(raw["source_file"], raw["source_sheet"].fillna(""),
                         raw["source_row"].astype(int), strict=True))
        clean = pd.read_parquet(bundled / round_id / "clean" / f"{name}.parquet")
        cleaned = set(zip(clean["source_file"], clean["source_sheet"], clean["source_row"], strict=True))
        q = quarantine.loc[quarantine["table"] == table.name_id]
        quarantined = set(zip(q["source_file"], q["source_sheet"], q["source_row"].astype(int), strict=True))
        d = warnings.loc[(warnings["table"] == table.name_id) & (warnings["code"] == "exact_duplicate")]
        duplicates = set(zip(d["source_file"], d["source_sheet"], d["source_row"].astype(int), strict=True))
        assert cleaned.isdisjoint(quarantined), name
        assert source == cleaned | quarantined | duplicates, name
        assert len(clean) == len(cleaned), name


@pytest.mark.parametrize("round_id", ROUNDS)
def test_pdf_key_figures_equal_the_summaries(bundled: Path, round_id: str) -> None:
    folder = bundled / round_id
    kec = pd.read_csv(folder / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    kab = pd.read_csv(folder / "summary_kabupaten.csv", dtype=str, keep_default_na=False)
    slug = lambda name: name.lower().replace(" ", "-")  # noqa: E731
    for row in kec.to_dict("records"):
        text = flat(pdf_text(folder / "briefs" / slug(row["kabupaten"]) / f"{slug(row['kecamatan'])}.pdf"))
        for phrase in key_figures(row):
            assert phrase in text, (row["kecamatan"], phrase)
    for row in kab.to_dict("records"):
        text = flat(pdf_text(folder / "briefs" / slug(row["kabupaten"]) / "kabupaten.pdf"))
        for phrase in key_figures(row):
            assert phrase in text, (row["kabupaten"], phrase)


def test_tracking_across_rounds(bundled: Path) -> None:
    tracking = pd.read_parquet(bundled / "2025-01" / "tracking.parquet")
    assert {"stalled_again", "recovered", "disappeared", "newly_completed"} <= set(tracking["change"])
    recovered = tracking.loc[tracking["change"] == "recovered"].iloc[0]
    assert recovered["status_path"].split(" → ")[-2:] == ["tidak_berjalan", "berjalan"]
    kab = recovered["kabupaten"].lower().replace(" ", "-")
    kec = recovered["kecamatan"].lower().replace(" ", "-")
    text = flat(pdf_text(bundled / "2025-01" / "briefs" / kab / f"{kec}.pdf"))
    assert "Perkembangan sejak pemantauan sebelumnya" in text
    assert "Pulih (berjalan lagi)" in text and recovered["activity_code"] in text
    first = flat(pdf_text(bundled / "2024-07" / "briefs" / kab / f"{kec}.pdf"))
    assert "Ini putaran pertama" in first


def test_follow_ups_carry_to_the_district(bundled: Path) -> None:
    from openpyxl import load_workbook

    statuses = set()
    for path in (bundled / "2025-01" / "matrix").rglob("*.xlsx"):
        sheet = load_workbook(path)["rekomendasi"]
        statuses |= {row[9] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert statuses & {"proses", "selesai"}
    # Teluk Waru: no 1 went baru → proses → selesai; no 3 is still open two rounds on
    sheet = load_workbook(bundled / "2025-01/matrix/seram-bagian-timur/teluk-waru.xlsx")["rekomendasi"]
    by_no = {row[2]: (row[9], row[-1]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_no["1"] == ("selesai", 2) and by_no["3"] == ("baru", 2)
    for kab in ("seram-bagian-timur", "sumba-barat-daya"):
        text = flat(pdf_text(bundled / "2025-01" / "briefs" / kab / "kabupaten.pdf"))
        assert "Usulan yang memerlukan tindakan kabupaten" in text and "Dinas " in text
        assert "Tindak lanjut rekomendasi tingkat kabupaten sebelumnya" in text
