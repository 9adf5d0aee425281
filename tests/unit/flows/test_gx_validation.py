"""Great Expectations runs the contract's rules for real: its failing rows equal the rules' own
definition, Data Docs are written, and an expectation that errors is a loud failure; in the
helper process a run uses, a disagreement with pandas stops the run and a dead helper costs
time, not the check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.gx_validation import ValidationEngineError, checks_for_run, run_expectations
from tests.fixtures import bad_round, clean_round
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import evaluate_rules_with_pandas


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory):
    import pandas as pd

    from flows.readers import read_round
    from tests.fixtures import LOC_COLUMNS, LOCATIONS, ROUND_COLUMNS, ROUNDS
    from transforms.contract.reference import build_gazetteer, build_rounds
    from transforms.ingest.sheets import ingest_sheets

    folder = bad_round(tmp_path_factory.mktemp("gx") / "2024-07")
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
    _, result = clean_round(bad_round(tmp_path / "2024-07"))
    assert "out_of_range" in set(result.quarantine["code"])


LARGE = 10**9  # bytes of input files: a round validated in the helper process


def test_helper_process_agrees_with_pandas_and_writes_data_docs(parsed, tmp_path: Path) -> None:
    with checks_for_run() as checks:
        checks.expect(LARGE)
        assert checks.failures(parsed, tmp_path / "validation", LARGE) == evaluate_rules_with_pandas(parsed)
        checks.confirm()
    assert (tmp_path / "validation" / "index.html").is_file()
    assert list((tmp_path / "validation" / "validations").rglob("*.html"))


def test_helper_process_disagreeing_with_pandas_stops_the_run(parsed, tmp_path: Path) -> None:
    pandas_failures = evaluate_rules_with_pandas(parsed)
    pandas_failures["activities.status.in_set"] = pandas_failures["activities.status.in_set"][1:]
    with checks_for_run() as checks:
        checks.helper.submit(parsed, tmp_path / "validation", pandas_failures)
        with pytest.raises(ValidationEngineError, match=r"activities\.status\.in_set"):
            checks.confirm()


def test_a_dead_helper_process_validates_here(parsed, tmp_path: Path) -> None:
    with checks_for_run() as checks:
        checks.expect(LARGE)
        checks.helper._pool.submit(os._exit, 1).exception()  # the helper dies (as if killed for memory)
        checks.failures(parsed, tmp_path / "validation", LARGE)
        checks.confirm()
    assert (tmp_path / "validation" / "index.html").is_file()
