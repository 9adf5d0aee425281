"""Round-over-round tracking of each VLP activity, by (village, activity code).

For the current round, every activity present now or last round gets its status path over all
rounds so far and what changed since the previous round: started, newly completed, newly
stalled, stalled again (two consecutive rounds), recovered, new, disappeared (present last round,
absent now while its village reported), or unchanged; and the change in budget realisation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from transforms.contract.outputs import TRACKING
from transforms.contract.places import VILLAGE_KEY

PLACE = VILLAGE_KEY
KEY = [*PLACE, "activity_code"]
TRACKING_COLUMNS = TRACKING.names
# Order in which changes are listed in a brief: what needs attention first.
CHANGE_ORDER: tuple[str, ...] = (
    "stalled_again", "newly_stalled", "disappeared", "recovered", "newly_completed", "started",
    "new", "unchanged",
)


def _realization(frame: pd.DataFrame) -> pd.Series:
    both = frame["budget_planned"].notna() & frame["budget_realized"].notna() & (frame["budget_planned"] > 0)
    pct = 100 * frame["budget_realized"] / frame["budget_planned"]
    return pct.where(both).round(1)


def _key_codes(rounds: dict[str, pd.DataFrame]) -> dict[str, np.ndarray]:
    """One integer per (village, activity code) across the rounds: array lookups instead of joins."""
    codes = pd.concat([f[KEY] for f in rounds.values()], ignore_index=True).groupby(
        KEY, sort=False).ngroup().to_numpy()
    ends = np.cumsum([len(f) for f in rounds.values()])
    return dict(zip(rounds, np.split(codes, ends[:-1]), strict=True))


def _status_paths(rounds: dict[str, pd.DataFrame], codes: dict[str, np.ndarray]) -> np.ndarray:
    """`belum_mulai → berjalan → …` by key code, extended one round at a time (rounds are few and
    a key appears at most once per round: it is the activities key)."""
    size = max((int(c.max()) + 1 for c in codes.values() if len(c)), default=0)
    paths = np.full(size, None, dtype=object)
    for round_id, frame in rounds.items():
        at, status = codes[round_id], frame["status"].to_numpy(dtype=object)
        so_far = paths[at]
        first = pd.isna(so_far)
        so_far[first] = status[first]
        so_far[~first] += " → " + status[~first]
        paths[at] = so_far
    return paths


def _by_code(values: pd.Series, at: np.ndarray, size: int, numeric: bool = False) -> np.ndarray:
    """`values` placed at their key codes; None (or NaN when numeric) for the other keys."""
    spread = np.full(size, np.nan) if numeric else np.full(size, None, dtype=object)
    spread[at] = values.to_numpy(dtype=float, na_value=np.nan) if numeric else values.to_numpy(dtype=object)
    return spread


def _change(previous: np.ndarray, status: np.ndarray, present_now: np.ndarray,
            village_reported: np.ndarray) -> np.ndarray:
    """What changed for each key (see `CHANGE_ORDER`); None for a key not tracked this round
    (absent now, and absent last round or its village did not report)."""
    had = pd.notna(previous)  # statuses are vocabulary strings
    stalled, was_stalled = status == "tidak_berjalan", previous == "tidak_berjalan"
    return np.select(
        [~present_now, ~had, stalled & was_stalled, stalled, was_stalled,
         (status == "selesai") & (previous != "selesai"),
         (status == "berjalan") & (previous == "belum_mulai")],
        [np.where(had & village_reported, "disappeared", None), "new", "stalled_again", "newly_stalled",
         "recovered", "newly_completed", "started"],
        default="unchanged")


def _reported(frame: pd.DataFrame, villages: set[tuple[str, str, str]] | pd.DataFrame) -> np.ndarray:
    """Whether each row's village reported this round (`villages`: tuples, or rows with the
    kabupaten, kecamatan and desa columns)."""
    if frame.empty or len(villages) == 0:
        return np.zeros(len(frame), dtype=bool)
    if isinstance(villages, pd.DataFrame):
        villages = pd.MultiIndex.from_frame(villages[PLACE].drop_duplicates())
    else:
        villages = pd.MultiIndex.from_tuples(list(villages), names=PLACE)
    return pd.MultiIndex.from_frame(frame[PLACE]).isin(villages)


def _text(values: np.ndarray) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """Text with missing values as the `str` dtype a records frame infers, each distinct text
    converted once (most of the cost at national scale); anything else as it is."""
    if values.dtype != object:
        return values
    codes, uniques = pd.factorize(values)
    if len(uniques) == 0 or pd.api.types.infer_dtype(uniques, skipna=True) != "string":
        return values
    return pd.array(uniques, dtype="str").take(codes, allow_fill=True)


def _columns(round_id: str, rows: pd.DataFrame, paths: np.ndarray, previous: np.ndarray,
             status: np.ndarray, change: np.ndarray, pct_before: np.ndarray,
             pct_now: np.ndarray) -> pd.DataFrame:
    """The tracked keys (change not None), typed as the records frame of one dict per key would be."""
    columns = {
        "round_id": np.full(len(rows), round_id, dtype=object),
        **{c: rows[c].to_numpy(dtype=object) for c in (*KEY, "activity_name")},
        "status_path": paths, "previous_status": previous, "status": status, "change": change,
        "realization_pct_previous": pct_before, "realization_pct": pct_now,
        "realization_change_pts": np.round(pct_now - pct_before, 1),
    }
    tracked = pd.notna(change)
    # inferred after filtering: a column with only None left stays object, as in a records frame
    frame = pd.DataFrame({c: _text(v[tracked]) for c, v in columns.items()}, columns=list(TRACKING_COLUMNS))
    frame = frame.infer_objects()
    for column in ("realization_pct_previous", "realization_pct", "realization_change_pts"):
        frame[column] = frame[column].astype("float64").astype("Float64")
    return frame


def track(round_id: str, current: pd.DataFrame, earlier: dict[str, pd.DataFrame],
          reported_villages: set[tuple[str, str, str]] | pd.DataFrame) -> pd.DataFrame:
    """Tracking rows for `round_id`; `earlier` maps earlier round ids to their clean activities;
    `reported_villages` as tuples or as rows (kabupaten, kecamatan, desa)."""
    rounds = {**{r: f for r, f in sorted(earlier.items()) if r < round_id}, round_id: current}
    codes = _key_codes(rounds)
    paths = _status_paths(rounds, codes)
    previous_id = max((r for r in rounds if r < round_id), default=None)
    before = rounds[previous_id] if previous_id is not None else current.iloc[:0]
    at_before = codes[previous_id] if previous_id is not None else codes[round_id][:0]
    gone = ~np.isin(at_before, codes[round_id])
    # one row per key present now or last round: this round's row, else last round's
    rows = pd.concat([current[[*KEY, "activity_name"]], before.loc[gone, [*KEY, "activity_name"]]],
                     ignore_index=True)
    at = np.concatenate([codes[round_id], at_before[gone]])
    present_now = np.arange(len(rows)) < len(current)
    previous = _by_code(before["status"], at_before, len(paths))[at]
    pct_before = _by_code(_realization(before), at_before, len(paths), numeric=True)[at]
    status = np.concatenate([current["status"].to_numpy(dtype=object), np.full(gone.sum(), None)])
    pct_now = np.concatenate([_realization(current).to_numpy(dtype=float, na_value=np.nan),
                              np.full(gone.sum(), np.nan)])
    reported = np.zeros(len(rows), dtype=bool)
    reported[~present_now] = _reported(rows.loc[~present_now], reported_villages)
    change = _change(previous, status, present_now, reported)
    frame = _columns(round_id, rows, paths[at], previous, status, change, pct_before, pct_now)
    return frame.sort_values(KEY, kind="stable").reset_index(drop=True)
