"""The clean round of tests/field_files/source as KoboToolbox (formpack) and ODK Central
(briefcase.js) really export it, through the real flow: every export gives exit 0, exactly the
summary and the (empty) quarantine of the clean round, no warning about the exports' own
metadata, and the WhatsApp punctuation as typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.conftest import Bangkit
from tests.field_files.build import HERE, PUNCTUATION
from tests.field_files.build_exports import CENTRAL_FOLDERS, KOBO_FOLDERS
from tests.pdftext import pdf_text

# The clean round (source/rekap.xlsx) as `bangkit run` summarises it; the "source" case below
# proves this is what the clean round gives.
CLEAN_SUMMARY = """\
round_id,kabupaten,kecamatan,villages_target,villages_reported,reporting_rate_pct,activities_total,activities_not_started,activities_running,activities_completed,activities_stalled,mean_progress_pct,budget_planned,budget_realized,budget_realization_pct,beneficiaries_male,beneficiaries_female,meetings,meeting_participants_male,meeting_participants_female,meeting_participants_total,rows_quarantined
2024-07,Seram Bagian Timur,Gorom Timur,3,1,33.3,1,1,0,0,0,0.0,10000000,,,5,4,1,10,5,15,0
2024-07,Seram Bagian Timur,Pulau Gorom,3,0,0.0,0,0,0,0,0,,,,,,,0,,,,0
2024-07,Seram Bagian Timur,Teluk Waru,2,2,100.0,3,0,1,1,1,56.7,35000000,10000000,66.7,15,12,1,12,6,18,0
2024-07,Sumba Barat Daya,Loura,2,0,0.0,0,0,0,0,0,,,,,,,0,,,,0
"""
# Meetings are not in the form, and Kobo's CSV export holds only the main section: those
# tables come from the LibreOffice CSVs of the same round.
COMPANIONS = {folder: ["pertemuan.csv"] for folder in (*KOBO_FOLDERS, *CENTRAL_FOLDERS)}
COMPANIONS.update({"kobo_csv": ["pertemuan.csv", "kegiatan.csv"],
                   "kobo_csv_labels": ["pertemuan.csv", "kegiatan.csv"], "source": []})


@pytest.mark.parametrize("variant", ["source", *KOBO_FOLDERS, *CENTRAL_FOLDERS])
def test_export_gives_the_clean_rounds_summary_and_quarantine(
        variant: str, bangkit: Bangkit, reference_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "raw" / "2024-07"
    shutil.copytree(HERE / variant, folder)
    for name in COMPANIONS[variant]:
        shutil.copy(HERE / "utf8" / name, folder / name)
    out = tmp_path / "out"
    result = bangkit.run(tmp_path / "raw", out, reference_dir, "--no-render")
    assert result.exit_code == 0, result.output
    assert (out / "2024-07" / "summary_kecamatan.csv").read_text(encoding="utf-8") == CLEAN_SUMMARY
    quarantine = pd.read_csv(out / "2024-07" / "quarantine.csv", dtype=str)
    assert quarantine.empty
    warnings = pd.read_csv(out / "2024-07" / "warnings.csv", dtype=str, keep_default_na=False)
    assert list(warnings["code"]) == []  # Kobo's `_uuid`…, Central's KEY, Status… skipped quietly
    activities = pd.read_parquet(out / "2024-07" / "clean" / "activities.parquet")
    assert PUNCTUATION in set(activities["constraint"])
    assert sorted(activities["status"]) == ["belum_mulai", "berjalan", "selesai", "tidak_berjalan"]


def test_labels_export_punctuation_reaches_the_brief_as_typed(bangkit: Bangkit, reference_dir: Path,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "raw" / "2024-07"
    shutil.copytree(HERE / "kobo_labels_en_groups", folder)
    shutil.copy(HERE / "utf8" / "pertemuan.csv", folder / "pertemuan.csv")
    result = bangkit.run(tmp_path / "raw", tmp_path / "out", reference_dir)
    assert result.exit_code == 0, result.output
    brief = tmp_path / "out" / "2024-07" / "briefs" / "seram-bagian-timur" / "teluk-waru.pdf"
    assert PUNCTUATION in " ".join(pdf_text(brief).split())
