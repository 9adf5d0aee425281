"""Round-over-round tracking of each VLP activity, by (village, activity code).

For the current round, every activity present now or last round gets its status path over all
rounds so far and what changed since the previous round: started, newly completed, newly
stalled, stalled again (two consecutive rounds), recovered, new, disappeared (present last round,
absent now while its village reported), or unchanged; and the change in budget realisation.
"""

from __future__ import annotations

import pandas as pd

KEY = ["kabupaten", "kecamatan", "desa", "activity_code"]
TRACKING_COLUMNS: tuple[str, ...] = (
    "round_id", *KEY, "activity_name", "status_path", "previous_status", "status", "change",
    "realization_pct_previous", "realization_pct", "realization_change_pts",
)
# Order in which changes are listed in a brief: what needs attention first.
CHANGE_ORDER: tuple[str, ...] = (
    "stalled_again", "newly_stalled", "disappeared", "recovered", "newly_completed", "started",
    "new", "unchanged",
)


def _realization(frame: pd.DataFrame) -> pd.Series:
    both = frame["budget_planned"].notna() & frame["budget_realized"].notna() & (frame["budget_planned"] > 0)
    pct = 100 * frame["budget_realized"] / frame["budget_planned"]
    return pct.where(both).round(1)


def _change(previous: object, status: object, present_now: bool, village_reported: bool) -> str | None:
    had = isinstance(previous, str)
    if not present_now:
        return "disappeared" if had and village_reported else None
    if not had:
        return "new"
    if status == "tidak_berjalan":
        return "stalled_again" if previous == "tidak_berjalan" else "newly_stalled"
    if previous == "tidak_berjalan":
        return "recovered"
    if status == "selesai" and previous != "selesai":
        return "newly_completed"
    if status == "berjalan" and previous == "belum_mulai":
        return "started"
    return "unchanged"


def track(round_id: str, current: pd.DataFrame, earlier: dict[str, pd.DataFrame],
          reported_villages: set[tuple[str, str, str]]) -> pd.DataFrame:
    """Tracking rows for `round_id`; `earlier` maps earlier round ids to their clean activities."""
    rounds = {**{r: f for r, f in sorted(earlier.items()) if r < round_id}, round_id: current}
    history = pd.concat([f.assign(round_id=r, realization=_realization(f))[
        [*KEY, "activity_name", "status", "realization", "round_id"]] for r, f in rounds.items()],
        ignore_index=True).sort_values("round_id", kind="stable")
    paths = history.groupby(KEY, sort=False)["status"].agg(" → ".join).rename("status_path")
    previous_id = max((r for r in rounds if r < round_id), default=None)
    now = history.loc[history["round_id"] == round_id].set_index(KEY)
    before = history.loc[history["round_id"] == previous_id].set_index(KEY)
    keys = now.index.union(before.index)
    rows = []
    for key in keys:
        present = key in now.index
        previous = before["status"].get(key)
        change = _change(previous, now["status"].get(key), present, tuple(key[:3]) in reported_villages)
        if change is None:
            continue
        source = now if present else before
        pct_now = now["realization"].get(key) if present else None
        pct_before = before["realization"].get(key)
        rows.append({
            "round_id": round_id, **dict(zip(KEY, key, strict=True)),
            "activity_name": source.at[key, "activity_name"], "status_path": paths.get(key, ""),
            "previous_status": previous, "status": now["status"].get(key) if present else None,
            "change": change, "realization_pct_previous": pct_before, "realization_pct": pct_now,
            "realization_change_pts": (round(pct_now - pct_before, 1)
                                       if pd.notna(pct_now) and pd.notna(pct_before) else None),
        })
    frame = pd.DataFrame.from_records(rows, columns=list(TRACKING_COLUMNS))
    for column in ("realization_pct_previous", "realization_pct", "realization_change_pts"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    return frame.sort_values(KEY, kind="stable").reset_index(drop=True)
