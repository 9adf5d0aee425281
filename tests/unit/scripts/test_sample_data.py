"""The bundled sample rounds are generated data: regenerating gives the committed bytes, and every
mistake planted in them is reported by the pipeline with its code at its file, sheet and row
(data/raw/expected_problems.csv), and nothing else is."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from flows.readers import read_round
from flows.reference_files import read_reference
from scripts.sample.generate import generate
from transforms.contract.reference import build_gazetteer, build_rounds
from transforms.ingest.sheets import ingest_sheets
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import evaluate_rules_with_pandas, finish_round

PROJECT = Path(__file__).resolve().parents[3]
RAW, REFERENCE = PROJECT / "data" / "raw", PROJECT / "data" / "reference"
WHERE = ("source_file", "source_sheet", "source_row", "table", "column", "code")
LISTS = {"quarantine": "quarantine", "warning": "warnings", "accepted": "warnings"}  # fuzzy: a warning


def pipeline_problems(raw: Path, reference: Path) -> dict[str, dict[str, pd.DataFrame]]:
    """Each round's quarantine and warnings from the pipeline's pure stages (no Prefect, no
    rendering), rounds oldest first: "missing since last round" needs the previous round's clean
    activities. The one place to follow the pipeline's functions when they move."""
    locations, rounds, _ = read_reference(reference)
    gazetteer, calendar = build_gazetteer(locations), build_rounds(rounds)
    found: dict[str, dict[str, pd.DataFrame]] = {}
    previous = None
    for round_id in sorted(p.name for p in raw.iterdir() if p.is_dir()):
        ingested = ingest_sheets(read_round(raw / round_id))
        assert not ingested.problems, ingested.problems
        parsed = parse_round(ingested.tables, gazetteer, calendar[round_id])
        cleaned = finish_round(parsed, evaluate_rules_with_pandas(parsed), previous, ingested.notices)
        found[round_id] = {"quarantine": cleaned.quarantine, "warnings": cleaned.warnings}
        previous = cleaned.clean["activities"]
    return found


def _where(frame: pd.DataFrame) -> Counter[tuple[str, ...]]:
    rows = frame[list(WHERE)].fillna("").itertuples(index=False)
    return Counter(tuple(str(v) for v in row) for row in rows)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.read_csv(RAW / "expected_problems.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def reported() -> dict[str, dict[str, pd.DataFrame]]:
    return pipeline_problems(RAW, REFERENCE)


def test_regenerating_gives_the_committed_bytes(tmp_path: Path) -> None:
    generate(tmp_path)
    committed = {p.relative_to(RAW): p.read_bytes() for p in sorted(RAW.rglob("*")) if p.is_file()}
    generated = {p.relative_to(tmp_path): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert sorted(generated) == sorted(committed)
    changed = [str(path) for path, content in generated.items() if committed[path] != content]
    assert not changed, f"regenerated differently (rerun scripts/generate_sample.py?): {changed}"


def test_expected_problems_are_not_round_input(expected: pd.DataFrame) -> None:
    """It sits beside the round folders: only `data/raw/<round_id>/` folders are rounds."""
    assert not (RAW / "expected_problems.csv").is_dir()
    assert set(expected["round_id"]) == {p.name for p in RAW.iterdir() if p.is_dir()}
    assert set(expected["outcome"]) <= set(LISTS)


@pytest.mark.parametrize("round_id", ["2024-07", "2024-10", "2025-01"])
def test_every_planted_mistake_is_reported_at_its_row(expected: pd.DataFrame,
                                                       reported: dict[str, dict[str, pd.DataFrame]],
                                                       round_id: str) -> None:
    mine = expected.loc[expected["round_id"] == round_id]
    assert len(mine) > 0
    for outcome, listed in LISTS.items():
        wanted = _where(mine.loc[mine["outcome"] == outcome])
        missing = wanted - _where(reported[round_id][listed])
        assert not missing, f"{round_id}: not in {listed}: {sorted(missing)}"


@pytest.mark.parametrize("round_id", ["2024-07", "2024-10", "2025-01"])
def test_the_sample_has_no_problem_it_does_not_document(expected: pd.DataFrame,
                                                         reported: dict[str, dict[str, pd.DataFrame]],
                                                         round_id: str) -> None:
    """The reverse: no quarantined row and no warning that expected_problems.csv does not list, so
    a trainer's list of what the demo shows is complete."""
    mine = expected.loc[expected["round_id"] == round_id]
    for listed in ("quarantine", "warnings"):
        wanted = _where(mine.loc[mine["outcome"].map(LISTS) == listed])
        unexpected = _where(reported[round_id][listed]) - wanted
        assert not unexpected, f"{round_id}: {listed} not in expected_problems.csv: {sorted(unexpected)}"
