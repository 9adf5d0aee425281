"""The bad-file corpus (tests/bad_files/) through the real flow: each file stops its round with its
own message and leaves the earlier outputs as they were; a reference folder that would mix up two
kecamatan's files stops the run; files with control characters go through, every row accounted
for. (Each file's message without a run: tests/unit/flows/test_readers.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.bad_files.build import HERE as CORPUS
from tests.e2e.conftest import Bangkit, Rendered

EXPECTED = pd.read_csv(CORPUS / "expected.csv", dtype=str, keep_default_na=False)
STOPPING = EXPECTED[(EXPECTED["code"] != "") & ~EXPECTED["file"].str.endswith("/")]
REFERENCES = EXPECTED[EXPECTED["file"].str.endswith("/")]
KEPT = list(EXPECTED.loc[EXPECTED["code"] == "", "file"])


@pytest.mark.parametrize("case", STOPPING.to_dict("records"), ids=list(STOPPING["file"]))
def test_bad_file_stops_the_run_and_keeps_earlier_outputs(case: dict[str, str], bangkit: Bangkit,
                                                          rendered_copy: Rendered) -> None:
    # the earlier outputs are a copy of the session's run: a bug that wrote into them stays here
    raw, reference, out = rendered_copy.raw, rendered_copy.reference, rendered_copy.out
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    shutil.copy(CORPUS / case["file"], raw / "2024-07" / case["file"])
    result = bangkit.run(raw, out, reference)
    assert result.exit_code == 2
    assert case["file"] in result.output and case["message_id"] in result.output
    assert case["message_en"] in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("case", REFERENCES.to_dict("records"), ids=list(REFERENCES["file"]))
def test_reference_that_would_mix_up_files_stops_the_run(case: dict[str, str], bangkit: Bangkit,
                                                        rendered_copy: Rendered) -> None:
    before = {p: p.read_bytes() for p in rendered_copy.out.rglob("*") if p.is_file()}
    result = bangkit.run(rendered_copy.raw, rendered_copy.out, CORPUS / case["file"])
    assert result.exit_code == 2
    assert case["message_id"] in result.output and case["message_en"] in result.output
    assert "'Kotá Baru'" in result.output and "locations.csv" in result.output
    assert {p: p.read_bytes() for p in rendered_copy.out.rglob("*") if p.is_file()} == before


def _data_rows(path: Path) -> int:
    if path.suffix == ".csv":
        return len(pd.read_csv(path, dtype=str))
    return sum(sheet.max_row - 1 for sheet in load_workbook(path, read_only=True).worksheets)


def test_control_characters_never_stop_a_round(bangkit: Bangkit, rendered_copy: Rendered) -> None:
    """Word's line break (`_x000B_` in XLSX, U+000B in CSV), a page break and stray controls in
    notes, recommendations and a quarantined name: the round completes, every row is counted."""
    round_dir = rendered_copy.raw / "2024-07"
    for name in KEPT:
        shutil.copy(CORPUS / name, round_dir / name)
    result = bangkit.run(rendered_copy.raw, rendered_copy.out, rendered_copy.reference)
    assert result.exit_code == 0, result.output
    done = rendered_copy.out / "2024-07"
    clean = pd.concat([pd.read_parquet(p) for p in (done / "clean").glob("*.parquet")])
    quarantined = pd.read_csv(done / "quarantine.csv", dtype=str, keep_default_na=False)
    for name in KEPT:  # every row: clean, or quarantined (some once per problem)
        rows = set(clean.loc[clean["source_file"] == name, "source_row"].astype(int)) | set(
            quarantined.loc[quarantined["source_file"] == name, "source_row"].astype(int))
        assert len(rows) == _data_rows(CORPUS / name), name
    assert "Des\na Khayalan" in set(quarantined["value"])  # the quarantined name, shown
    corrections = load_workbook(done / "corrections" / "seram-bagian-timur" / "teluk-waru.xlsx")
    values = {c.value for sheet in corrections.worksheets for row in sheet.iter_rows() for c in row}
    assert "Des\na Khayalan" in values
    matrix = load_workbook(done / "matrix" / "seram-bagian-timur" / "teluk-waru.xlsx").active
    assert "Percepat\npengadaan" in {c.value for row in matrix.iter_rows() for c in row}
