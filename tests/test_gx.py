"""Great Expectations runs the contract's rules for real: its failing rows equal the rules' own
definition, Data Docs are written, and an expectation that errors is a loud failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.gx_validation import ValidationEngineError, run_expectations
from tests.test_validate import _bad_round, clean_round
from transforms.validate import evaluate_rules_with_pandas, parse_round


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):
    import pandas as pd

    from flows.readers import read_round
    from tests.fixtures import LOCATIONS, ROUNDS
    from tests.test_validate import LOC_COLUMNS, ROUND_COLUMNS
    from transforms.ingest import ingest_sheets
    from transforms.reference import build_gazetteer, build_rounds

    folder = _bad_round(tmp_path_factory.mktemp("gx") / "2024-07")
    gazetteer = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))
    info = build_rounds(pd.DataFrame(ROUNDS, columns=ROUND_COLUMNS))["2024-07"]
    return parse_round(ingest_sheets(read_round(folder)).tables, gazetteer, info)


def test_gx_fails_exactly_the_contract_rows(parsed, tmp_path: Path) -> None:
    failures = run_expectations(parsed, tmp_path / "validation")
    assert failures == evaluate_rules_with_pandas(parsed)
    assert failures["activities.progress_pct.between"] and failures["activities.status.in_set"]
    assert (tmp_path / "validation" / "index.html").is_file()
    assert list((tmp_path / "validation" / "validations").rglob("*.html"))


def test_an_erroring_expectation_is_loud(parsed, tmp_path: Path) -> None:
    broken = parsed.typed["activities"]
    original = broken["progress_pct"].copy()
    broken["progress_pct"] = broken["progress_pct"].astype(object)
    broken.loc[broken.index[0], "progress_pct"] = "seratus"  # a string GX cannot compare with 100
    try:
        with pytest.raises(ValidationEngineError, match="could not be evaluated"):
            run_expectations(parsed, tmp_path / "validation")
    finally:
        broken["progress_pct"] = original


def test_pure_path_matches(tmp_path: Path) -> None:
    _, result = clean_round(_bad_round(tmp_path / "2024-07"))
    assert "out_of_range" in set(result.quarantine["code"])
