"""Issue 15's cases from the field, with files made by the real LibreOffice (tests/field_files),
through the real flow: Windows-1252 punctuation reaches the PDF as typed, a template workbook's
briefs show the budgets read (never Rp0), and `Rp114.500.000,-` that LibreOffice in an Indonesian
locale turned into -114500000 is quarantined as a negative number with the LibreOffice hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.conftest import Bangkit
from tests.field_files.build import HERE, LOCALE, PUNCTUATION
from tests.pdftext import pdf_text

MOJIBAKE = ("â€", "Ã", "\ufffd")  # UTF-8 read as ANSI, or a character that was not decoded


def _briefs(tmp_path: Path, variant: str, bangkit: Bangkit, reference_dir: Path) -> dict[str, str]:
    shutil.copytree(HERE / variant, tmp_path / "raw" / "2024-07")
    result = bangkit.run(tmp_path / "raw", tmp_path / "out", reference_dir)
    assert result.exit_code == 0, result.output
    briefs = tmp_path / "out" / "2024-07" / "briefs"
    return {p.relative_to(briefs).as_posix(): " ".join(pdf_text(p).split())
            for p in sorted(briefs.rglob("*.pdf"))}


def test_ansi_csv_punctuation_reaches_the_brief_as_typed(
        bangkit: Bangkit, reference_dir: Path, tmp_path: Path) -> None:
    """ansi/: LibreOffice's "Text CSV" filter in Windows-1252, as Excel's "CSV (Comma delimited)"."""
    briefs = _briefs(tmp_path, "ansi", bangkit, reference_dir)
    assert PUNCTUATION in briefs["seram-bagian-timur/teluk-waru.pdf"]
    assert not [name for name, text in briefs.items() if any(m in text for m in MOJIBAKE)]


def test_template_workbook_briefs_show_the_budgets_read_never_rp0(
        bangkit: Bangkit, reference_dir: Path, tmp_path: Path) -> None:
    """template_xls/: two-row merged header, JUMLAH row and signature block, saved as .xls."""
    briefs = _briefs(tmp_path, "template_xls", bangkit, reference_dir)
    assert len(briefs) == 6 and not [name for name, text in briefs.items() if "Rp0" in text]
    teluk_waru = briefs["seram-bagian-timur/teluk-waru.pdf"]
    assert "Rp10.000.000 / Rp35.000.000" in teluk_waru and PUNCTUATION in teluk_waru
    assert "Rp10.000.000" in briefs["seram-bagian-timur/gorom-timur.pdf"]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_rupiah_with_trailing_dash_from_indonesian_libreoffice_is_a_negative_number(
        suffix: str, bangkit: Bangkit, reference_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "raw" / "2024-07"
    folder.mkdir(parents=True)
    shutil.copy(HERE / LOCALE / f"kegiatan.{suffix}", folder)
    shutil.copy(HERE / "utf8" / "desa.csv", folder)
    out = tmp_path / "out" / "2024-07"
    result = bangkit.run(tmp_path / "raw", tmp_path / "out", reference_dir, "--no-render")
    assert result.exit_code == 0, result.output
    quarantine = pd.read_csv(out / "quarantine.csv", dtype=str, keep_default_na=False)
    assert list(zip(quarantine["source_file"], quarantine["source_row"], quarantine["column"],
                    quarantine["value"], quarantine["code"], strict=True)) == [
        (f"kegiatan.{suffix}", "2", "anggaran_rencana", "-114500000", "negative_number")]
    assert "LibreOffice" in quarantine["message_id"][0] and "Rp114.500.000,-" in quarantine["message_id"][0]
    assert "LibreOffice" in quarantine["message_en"][0]
    activities = pd.read_parquet(out / "clean" / "activities.parquet")
    assert list(activities["activity_code"]) == ["TW-MAD-01"]
