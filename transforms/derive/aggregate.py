"""Summaries by kecamatan and kabupaten (contract §5), computed from the clean rows.

Each table is read once per level: every row gets the position of its place in the programme
(-1 outside it) and the figures are counts and sums by that position (national scale: thousands
of kecamatan), rounded half-up like a person would."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import numpy as np
import pandas as pd

from transforms.contract.outputs import (
    STATUS_COLUMNS,
    SUMMARY_KABUPATEN,
    SUMMARY_KECAMATAN,
    ColumnKind,
    Schema,
)
from transforms.contract.places import KABUPATEN_KEY, KECAMATAN_KEY, VILLAGE_KEY
from transforms.contract.reference import Programme
from transforms.contract.tables import SOURCE_COLUMNS

PLACE = VILLAGE_KEY


def one_decimal(numerator: float, denominator: float) -> float | None:
    """100 × n / d rounded half-up to one decimal; None when d is zero."""
    if not denominator:
        return None
    value = Decimal(repr(100 * numerator / denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean_one_decimal(values: pd.Series) -> float | None:
    present = values.dropna()
    return _rounded_mean(float(present.sum()), len(present))


def _rounded_mean(total: float, count: int) -> float | None:
    if not count:
        return None
    value = Decimal(repr(total / count))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _positions(frame: pd.DataFrame, places: pd.Index, columns: list[str]) -> np.ndarray:
    """Each row's position among `places` (values of `columns`), -1 for a place outside them."""
    if frame.empty or places.empty:
        return np.full(len(frame), -1, dtype=np.intp)
    if len(columns) == 1:
        return places.get_indexer(frame[columns[0]].to_numpy(dtype=object))
    return places.get_indexer(pd.MultiIndex.from_arrays([frame[c].to_numpy(dtype=object) for c in columns]))


def _count(at: np.ndarray, size: int, where: np.ndarray | None = None) -> np.ndarray:
    keep = at >= 0 if where is None else (at >= 0) & where
    return np.bincount(at[keep], minlength=size)


def _whole_sum(values: pd.Series, at: np.ndarray, size: int,
               where: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    """Sums of whole numbers (rupiah, people: contract kinds RUPIAH and INT) per place, missing
    values skipped; exact in any order, so equal to the sum of each place's rows on their own.
    A place none of whose rows carries a value gets <NA>, not 0: not reported is not zero
    (contract §4), e.g. a budget column the reader could not place."""
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    keep = (at >= 0) & ~np.isnan(numbers) & (True if where is None else where)
    sums = np.bincount(at[keep], weights=numbers[keep], minlength=size).astype(np.int64)
    carried = np.bincount(at[keep], minlength=size) > 0
    return pd.arrays.IntegerArray(sums, mask=~carried)


def _pairwise_sums(values: pd.Series, at: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(sum, count) of the present values per place. Fractions (progress %) add up differently in
    another order: each place's values are summed on their own, in row order, as `Series.sum()`
    does, so that a mean on a rounding edge rounds the same way."""
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    keep = (at >= 0) & ~np.isnan(numbers)
    order = np.argsort(at[keep], kind="stable")
    numbers, at = numbers[keep][order], at[keep][order]
    bounds = np.searchsorted(at, np.arange(size + 1))
    sums = np.array([numbers[start:end].sum() for start, end in pairwise(bounds)])
    return sums, np.diff(bounds)


def _figures(targets: np.ndarray, places: pd.Index, columns: list[str], clean: dict[str, pd.DataFrame],
             quarantined: pd.DataFrame) -> dict[str, object]:
    """Every figure of contract §5 for each of `places`, as columns."""
    size = len(places)
    villages, activities, meetings = clean["villages"], clean["activities"], clean["meetings"]
    reported = pd.concat([villages[PLACE], activities[PLACE]], ignore_index=True).drop_duplicates()
    reported_count = _count(_positions(reported, places, columns), size)
    at = _positions(activities, places, columns)
    status = activities["status"].to_numpy(dtype=object)
    both = (activities["budget_planned"].notna() & activities["budget_realized"].notna()).to_numpy()
    progress_sums, progress_counts = _pairwise_sums(activities["progress_pct"], at, size)
    at_meeting = _positions(meetings, places, columns)
    male = _whole_sum(meetings["participants_male"], at_meeting, size)
    female = _whole_sum(meetings["participants_female"], at_meeting, size)
    unique_rows = quarantined.drop_duplicates(subset=[*columns, *SOURCE_COLUMNS])
    return {
        "villages_target": targets,
        "villages_reported": reported_count,
        "reporting_rate_pct": [one_decimal(int(n), int(d))
                               for n, d in zip(reported_count, targets, strict=True)],
        "activities_total": _count(at, size),
        **{column: _count(at, size, status == value) for value, column in STATUS_COLUMNS.items()},
        "mean_progress_pct": [_rounded_mean(float(s), int(n))
                              for s, n in zip(progress_sums, progress_counts, strict=True)],
        "budget_planned": _whole_sum(activities["budget_planned"], at, size),
        "budget_realized": _whole_sum(activities["budget_realized"], at, size),
        "budget_realization_pct": [None if p is pd.NA else one_decimal(float(r), float(p))
                                   for r, p in zip(
            _whole_sum(activities["budget_realized"], at, size, both),
            _whole_sum(activities["budget_planned"], at, size, both), strict=True)],
        "beneficiaries_male": _whole_sum(activities["beneficiaries_male"], at, size),
        "beneficiaries_female": _whole_sum(activities["beneficiaries_female"], at, size),
        "meetings": _count(at_meeting, size),
        "meeting_participants_male": male,
        "meeting_participants_female": female,
        # Both are required on a meeting row: the total is empty exactly when there is no meeting.
        "meeting_participants_total": male + female,
        "rows_quarantined": _count(_positions(unique_rows, places, columns), size),
    }


def _typed_summary(columns: dict[str, object], schema: Schema) -> pd.DataFrame:
    """Text columns as text, counts and rupiah as Int64, percentages as Float64 (missing: <NA>)."""
    frame = pd.DataFrame({name: (np.asarray(columns[name], dtype=object)
                                 if schema.kind(name) == ColumnKind.TEXT else columns[name])
                          for name in schema.names}, columns=list(schema.names))
    for name in schema.names:
        if schema.kind(name) == ColumnKind.PERCENT:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Float64")
        elif schema.kind(name) != ColumnKind.TEXT:
            frame[name] = frame[name].astype("Int64")
    return frame


def summarise(round_id: str, programme: Programme, clean: dict[str, pd.DataFrame],
              quarantine: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(summary_kecamatan, summary_kabupaten): one row per programme kecamatan / kabupaten."""
    quarantined_rows = quarantine.loc[quarantine["source_row"].astype(str) != ""]
    kecamatan = programme.kecamatan
    kecamatan_index = pd.MultiIndex.from_tuples(kecamatan) if kecamatan else pd.Index([])
    kecamatan_targets = np.array([len(programme.villages(*k)) for k in kecamatan], dtype=np.int64)
    by_kecamatan = {
        "round_id": [round_id] * len(kecamatan), "kabupaten": [k for k, _ in kecamatan],
        "kecamatan": [c for _, c in kecamatan],
        **_figures(kecamatan_targets, kecamatan_index, KECAMATAN_KEY, clean, quarantined_rows)}
    kabupaten = list(programme.places)
    kabupaten_targets = np.array([sum(len(v) for v in programme.places[k].values()) for k in kabupaten],
                                 dtype=np.int64)
    by_kabupaten = {
        "round_id": [round_id] * len(kabupaten), "kabupaten": kabupaten,
        **_figures(kabupaten_targets, pd.Index(kabupaten, dtype=object), KABUPATEN_KEY, clean,
                   quarantined_rows)}
    return (_typed_summary(by_kecamatan, SUMMARY_KECAMATAN),
            _typed_summary(by_kabupaten, SUMMARY_KABUPATEN))
