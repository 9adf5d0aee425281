"""The bad-file corpus (tests/bad_files/) through the real flow: each file stops its round with its
own message and leaves the earlier outputs as they were. (Each file's message without a run:
tests/unit/flows/test_readers.py.)"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tests.bad_files.build import HERE as CORPUS
from tests.e2e.conftest import Bangkit, Rendered

EXPECTED = pd.read_csv(CORPUS / "expected.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("case", EXPECTED.to_dict("records"), ids=list(EXPECTED["file"]))
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
