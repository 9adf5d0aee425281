"""Great Expectations runs the contract's rules for real: its failing rows equal the rules' own
definition, its validation page is written (one offline file), an expectation that errors is a
loud failure, and a disagreement with the rules' pandas definition stops the run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows import gx_validation
from flows.gx_validation import ValidationEngineError, column_failures, run_expectations
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
    page = (tmp_path / "validation" / "index.html").read_text(encoding="utf-8")
    for rule_id in ("activities.progress_pct.between", "activities.status.in_set"):
        row = re.search(rf'<tr class="(\w+)" data-rule="{re.escape(rule_id)}">', page)
        assert row and row.group(1) == "failed", rule_id
    assert '<tr class="passed" data-rule="activities.kabupaten.not_null">' in page
    assert not re.search(r"(?:src|href)=\"(?!#)", page)  # nothing to load: no asset, no CDN
    assert [p.name for p in (tmp_path / "validation").iterdir()] == ["index.html"]


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


def test_column_failures_are_gx_checked_against_pandas_with_their_page(parsed, tmp_path: Path) -> None:
    assert column_failures(parsed, tmp_path / "validation") == evaluate_rules_with_pandas(parsed)
    assert (tmp_path / "validation" / "index.html").is_file()


def test_column_failures_without_docs_are_the_pandas_rules(parsed, tmp_path: Path) -> None:
    """A round read only for comparison: the rules in pandas, no GX and no validation page."""
    assert column_failures(parsed, None) == evaluate_rules_with_pandas(parsed)


def test_gx_disagreeing_with_pandas_stops_the_run(parsed, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = gx_validation.failing_rows

    def one_row_short(frame, rule):  # the contract's own definition drops a row GX finds
        rows = real(frame, rule)
        return rows[1:] if rule.rule_id == "activities.status.in_set" else rows
    monkeypatch.setattr(gx_validation, "failing_rows", one_row_short)
    with pytest.raises(ValidationEngineError, match=r"activities\.status\.in_set"):
        column_failures(parsed, tmp_path / "validation")
