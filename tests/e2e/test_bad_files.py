"""The bad-file corpus (tests/bad_files/): each file stops its round with its own message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

CORPUS = Path(__file__).resolve().parents[1] / "bad_files"
EXPECTED = pd.read_csv(CORPUS / "expected.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def earlier_outputs(tmp_path_factory: pytest.TempPathFactory, prefect_server
                    ) -> tuple[Path, Path, Path, dict]:
    from tests.e2e.test_flow import run
    from tests.fixtures import basic_round, write_reference

    base = tmp_path_factory.mktemp("corpus")
    raw, reference, out = basic_round(base / "raw").parent, write_reference(base / "ref"), base / "out"
    assert run(raw, out, reference).exit_code == 0
    return raw, reference, out, {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", EXPECTED.to_dict("records"), ids=list(EXPECTED["file"]))
def test_bad_file_stops_the_run_and_keeps_earlier_outputs(case: dict[str, str], earlier_outputs,
                                                          tmp_path: Path) -> None:
    from tests.e2e.test_flow import run

    raw, reference, out, before = earlier_outputs
    bad_raw = tmp_path / "raw"
    shutil.copytree(raw, bad_raw)
    shutil.copy(CORPUS / case["file"], bad_raw / "2024-07" / case["file"])
    result = run(bad_raw, out, reference)
    assert result.exit_code == 2
    assert case["file"] in result.output and case["message_id"] in result.output
    assert case["message_en"] in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
