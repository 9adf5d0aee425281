"""Reading the reference files (locations, rounds, recommendation drafting rules): the programme's
own tables, as text frames, apart from the round's returns (readers.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.tables import LOCATION_COLUMNS, ROUND_COLUMNS


def _read_reference_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise InputFileError([FileProblem("reference_invalid", str(path), value="not found")])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in columns if c not in frame.columns and c not in ("aliases", "kode_kemendagri")]
    if missing:
        raise InputFileError([FileProblem("reference_invalid", str(path),
                                          value=f"missing columns {', '.join(missing)}")])
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return frame


BUNDLED_RULES = Path(__file__).resolve().parents[1] / "data/reference/recommendation_rules.csv"


def read_reference(reference_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(locations, rounds, recommendation rules) as text frames."""
    locations = _read_reference_csv(reference_dir / "locations.csv", LOCATION_COLUMNS)
    rounds = _read_reference_csv(reference_dir / "rounds.csv", ROUND_COLUMNS)
    rules_path = reference_dir / "recommendation_rules.csv"
    if not rules_path.is_file():  # a custom reference may leave drafting rules out
        rules_path = BUNDLED_RULES
    rules = pd.read_csv(rules_path, dtype=str, keep_default_na=False)
    return locations, rounds, rules
