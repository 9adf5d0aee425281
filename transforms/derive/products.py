"""What one cleaned round turns into before anything is written: its summaries, problem lists
and tracking (`aggregate`), and its recommendation matrices (`recommend`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from transforms.contract.places import VILLAGE_KEY
from transforms.contract.reference import Programme, Reference, programme_for_round
from transforms.derive.aggregate import summarise
from transforms.derive.matrix import build_matrices, latest_recommendations
from transforms.derive.tracking import track
from transforms.digests import frame_digest
from transforms.present.charts import status_counts_by_round
from transforms.validate.problems import distinct_rows
from transforms.validate.quarantine import CleanRound


@dataclass
class Aggregates:
    """A round's figures: what the summary CSVs, the problem files, tracking and the charts show."""
    programme: Programme
    quarantine: pd.DataFrame
    warnings: pd.DataFrame
    by_kecamatan: pd.DataFrame
    by_kabupaten: pd.DataFrame
    tracking: pd.DataFrame
    status_history: pd.DataFrame  # activities by round, place and status, for the charts

    @property
    def rows_quarantined(self) -> int:
        """Distinct input rows in quarantine (a row with three problems counts once)."""
        return distinct_rows(self.quarantine)


@dataclass
class Matrices:
    """The recommendation matrix of every programme kecamatan of the round."""
    by_place: dict[tuple[str, str], pd.DataFrame]
    round_id: str  # the round they are drafted for (each workbook names it)

    @cached_property
    def digests(self) -> dict[tuple[str, str], str]:
        # one by one: hashing them together would let one kecamatan's column types touch all
        return {place: frame_digest(matrix) for place, matrix in self.by_place.items()}


def sorted_problems(frame: pd.DataFrame) -> pd.DataFrame:
    """Problems in the order a person reads the files: file, sheet, row (as a number)."""
    order = frame.assign(_r=pd.to_numeric(frame["source_row"], errors="coerce"))
    order = order.sort_values(["source_file", "source_sheet", "_r", "table", "column", "code"],
                              kind="stable")
    return order.drop(columns="_r").reset_index(drop=True)


def earlier_rounds(history: dict[str, CleanRound], round_id: str, table: str) -> dict[str, pd.DataFrame]:
    return {rid: r.clean[table] for rid, r in history.items() if rid < round_id}


def aggregate(cleaned: CleanRound, reference: Reference, history: dict[str, CleanRound]) -> Aggregates:
    round_id = cleaned.round.round_id
    programme = programme_for_round(reference.gazetteer, round_id)
    quarantine = sorted_problems(cleaned.quarantine)
    by_kecamatan, by_kabupaten = summarise(round_id, programme, cleaned.clean, quarantine)
    reported = pd.concat([cleaned.clean[name][VILLAGE_KEY] for name in ("villages", "activities")])
    tracking = track(round_id, cleaned.clean["activities"],
                     earlier_rounds(history, round_id, "activities"), reported)
    status_history = status_counts_by_round({rid: r.clean["activities"] for rid, r in history.items()},
                                            round_id)
    return Aggregates(programme, quarantine, sorted_problems(cleaned.warnings), by_kecamatan,
                      by_kabupaten, tracking, status_history)


def recommend(cleaned: CleanRound, programme: Programme, reference: Reference,
              history: dict[str, CleanRound], lang: str) -> Matrices:
    """Each kecamatan's matrix: this round's agreed rows, open rows carried over from earlier
    rounds, and follow-ups drafted from the constraints villages reported."""
    round_id = cleaned.round.round_id
    earlier = latest_recommendations(earlier_rounds(history, round_id, "recommendations"))
    return Matrices(build_matrices(programme.kecamatan, round_id, cleaned.clean["recommendations"],
                                   earlier, cleaned.clean["activities"], reference.rules, lang,
                                   sorted(reference.rounds)), round_id)
