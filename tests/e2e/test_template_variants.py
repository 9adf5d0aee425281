"""The clean round of tests/field_files/source laid out as a village report template (title rows,
a two-row header with merged parents, column numbers, a JUMLAH row of =SUM formulas, a signature
block; tests/field_files/build.py `template`), saved by the real LibreOffice as .xls, .ods and its
own .xlsx: every one gives exit 0, exactly the clean round's summary and (empty) quarantine, and
one warning for each row that is not data, naming its sheet and row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.conftest import Bangkit
from tests.e2e.test_field_exports import CLEAN_SUMMARY
from tests.field_files.build import HERE, PUNCTUATION, TEMPLATE_SOURCE, TEMPLATE_VARIANTS, template_workbook

# (code, sheet, spreadsheet row) of every row the template adds around the data
SKIPPED = [
    ("column_numbers_skipped", "desa", "6"), ("totals_row_skipped", "desa", "10"),
    ("signature_skipped", "desa", "12"), ("signature_skipped", "desa", "13"),
    ("signature_skipped", "desa", "15"),
    ("column_numbers_skipped", "kegiatan", "6"), ("totals_row_skipped", "kegiatan", "11"),
    ("signature_skipped", "kegiatan", "13"), ("signature_skipped", "kegiatan", "14"),
    ("signature_skipped", "kegiatan", "16"),
]


def test_committed_template_source_is_what_the_generator_writes() -> None:
    assert (HERE / TEMPLATE_SOURCE / "rekap.xlsx").read_bytes() == template_workbook(), \
        "rebuild: python -m tests.field_files.build template"


@pytest.mark.parametrize("variant", [TEMPLATE_SOURCE, *TEMPLATE_VARIANTS])
def test_template_gives_the_clean_rounds_summary_and_quarantine(
        variant: str, bangkit: Bangkit, reference_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(HERE / variant, tmp_path / "raw" / "2024-07")
    out = tmp_path / "out" / "2024-07"
    result = bangkit.run(tmp_path / "raw", tmp_path / "out", reference_dir, "--no-render")
    assert result.exit_code == 0, result.output
    assert (out / "summary_kecamatan.csv").read_text(encoding="utf-8") == CLEAN_SUMMARY
    assert pd.read_csv(out / "quarantine.csv", dtype=str).empty
    warnings = pd.read_csv(out / "warnings.csv", dtype=str, keep_default_na=False)
    assert list(zip(warnings["code"], warnings["source_sheet"], warnings["source_row"],
                    strict=True)) == SKIPPED  # and nothing else: no header left unplaced
    assert set(warnings["source_file"]) == {"rekap." + TEMPLATE_VARIANTS.get(variant, "xlsx")}
    totals = warnings.loc[warnings["code"] == "totals_row_skipped", "value"]
    # LibreOffice computed the =SUM results (20 + 16 L/P beneficiaries, 30 + 24 participants)
    if variant != TEMPLATE_SOURCE:
        assert list(totals) == ["JUMLAH | 30 | 24", "JUMLAH | 20000000 | 0 | 20 | 16"]
    activities = pd.read_parquet(out / "clean" / "activities.parquet")
    assert PUNCTUATION in set(activities["constraint"])
    assert list(activities["source_row"]) == [7, 8, 9, 10]  # as the spreadsheet shows them
