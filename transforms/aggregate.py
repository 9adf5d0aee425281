"""Summaries by kecamatan and kabupaten (contract §5), computed from the clean rows."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from transforms.contract import (
    SOURCE_COLUMNS,
    STATUS_COLUMNS,
    SUMMARY_COLUMNS,
    SUMMARY_KABUPATEN_COLUMNS,
)
from transforms.reference import Programme

PLACE = ["kabupaten", "kecamatan", "desa"]


def one_decimal(numerator: float, denominator: float) -> float | None:
    """100 × n / d rounded half-up to one decimal; None when d is zero."""
    if not denominator:
        return None
    value = Decimal(repr(100 * numerator / denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean_one_decimal(values: pd.Series) -> float | None:
    present = values.dropna()
    if present.empty:
        return None
    value = Decimal(repr(float(present.sum()) / len(present)))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _figures(villages_target: int, villages: pd.DataFrame, activities: pd.DataFrame,
             meetings: pd.DataFrame, quarantined: pd.DataFrame) -> dict[str, object]:
    reported = set(villages[PLACE].itertuples(index=False, name=None))
    reported |= set(activities[PLACE].itertuples(index=False, name=None))
    status_counts = activities["status"].value_counts()
    both = activities.dropna(subset=["budget_planned", "budget_realized"])
    male = int(meetings["participants_male"].sum())
    female = int(meetings["participants_female"].sum())
    figures: dict[str, object] = {
        "villages_target": villages_target,
        "villages_reported": len(reported),
        "reporting_rate_pct": one_decimal(len(reported), villages_target),
        "activities_total": len(activities),
    }
    figures |= {column: int(status_counts.get(status, 0)) for status, column in STATUS_COLUMNS.items()}
    figures |= {
        "mean_progress_pct": mean_one_decimal(activities["progress_pct"]),
        "budget_planned": int(activities["budget_planned"].sum()),
        "budget_realized": int(activities["budget_realized"].sum()),
        "budget_realization_pct": one_decimal(float(both["budget_realized"].sum()),
                                              float(both["budget_planned"].sum())),
        "beneficiaries_male": int(activities["beneficiaries_male"].sum()),
        "beneficiaries_female": int(activities["beneficiaries_female"].sum()),
        "meetings": len(meetings),
        "meeting_participants_male": male,
        "meeting_participants_female": female,
        "meeting_participants_total": male + female,
        "rows_quarantined": len(quarantined.drop_duplicates(subset=list(SOURCE_COLUMNS))),
    }
    return figures


def _where(frame: pd.DataFrame, **place: str) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in place.items():
        mask &= frame[column] == value
    return frame.loc[mask]


def _typed_summary(records: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    for column in columns:
        if column.endswith("_pct"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
        elif column not in ("round_id", "kabupaten", "kecamatan"):
            frame[column] = frame[column].astype("Int64")
    return frame


def summarise(round_id: str, programme: Programme, clean: dict[str, pd.DataFrame],
              quarantine: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(summary_kecamatan, summary_kabupaten): one row per programme kecamatan / kabupaten."""
    quarantined_rows = quarantine.loc[quarantine["source_row"].astype(str) != ""]
    by_kecamatan, by_kabupaten = [], []
    for kabupaten, kecamatans in programme.places.items():
        for kecamatan, villages in kecamatans.items():
            place = {"kabupaten": kabupaten, "kecamatan": kecamatan}
            figures = _figures(
                len(villages), _where(clean["villages"], **place),
                _where(clean["activities"], **place), _where(clean["meetings"], **place),
                _where(quarantined_rows, **place),
            )
            by_kecamatan.append({"round_id": round_id, **place, **figures})
        target = sum(len(v) for v in kecamatans.values())
        figures = _figures(
            target, _where(clean["villages"], kabupaten=kabupaten),
            _where(clean["activities"], kabupaten=kabupaten),
            _where(clean["meetings"], kabupaten=kabupaten),
            _where(quarantined_rows, kabupaten=kabupaten),
        )
        by_kabupaten.append({"round_id": round_id, "kabupaten": kabupaten, **figures})
    return (_typed_summary(by_kecamatan, SUMMARY_COLUMNS),
            _typed_summary(by_kabupaten, SUMMARY_KABUPATEN_COLUMNS))
