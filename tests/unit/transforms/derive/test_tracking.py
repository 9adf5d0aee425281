"""Round-over-round tracking of activities by (village, activity code) (transforms/derive/tracking.py),
and the edge cases of tracking every kecamatan at once."""

from __future__ import annotations

import pandas as pd

from transforms.derive.tracking import TRACKING_COLUMNS, track


def acts(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"kabupaten": "K", "kecamatan": "C", "desa": d, "activity_code": c,
                          "activity_name": f"Kegiatan {c}", "status": s, "budget_planned": p,
                          "budget_realized": r} for d, c, s, p, r in rows])


def test_every_kind_of_change() -> None:
    first = acts(("A", "1", "berjalan", 100.0, 10.0), ("A", "2", "berjalan", None, None),
                 ("A", "3", "tidak_berjalan", None, None), ("A", "4", "belum_mulai", None, None),
                 ("A", "5", "berjalan", None, None), ("B", "6", "berjalan", None, None),
                 ("A", "7", "berjalan", None, None))
    second = acts(("A", "1", "tidak_berjalan", 100.0, 20.0), ("A", "2", "selesai", None, None),
                  ("A", "3", "tidak_berjalan", None, None), ("A", "4", "berjalan", None, None),
                  ("A", "7", "berjalan", None, None), ("A", "8", "belum_mulai", None, None))
    third = acts(("A", "1", "berjalan", 100.0, 45.5), ("A", "3", "tidak_berjalan", None, None),
                 ("A", "7", "berjalan", None, None))
    tracked = track("2024-10", second, {"2024-07": first}, {("K", "C", "A")})
    assert tuple(tracked.columns) == TRACKING_COLUMNS
    change = dict(zip(tracked["activity_code"], tracked["change"], strict=True))
    assert change == {"1": "newly_stalled", "2": "newly_completed", "3": "stalled_again",
                      "4": "started", "5": "disappeared", "7": "unchanged", "8": "new"}
    # activity 6: village B did not report this round, so its absence is not a disappearance
    later = track("2025-01", third, {"2024-07": first, "2024-10": second}, {("K", "C", "A")})
    one = later.set_index("activity_code").loc["1"]
    assert one["change"] == "recovered"
    assert one["status_path"] == "berjalan → tidak_berjalan → berjalan"
    assert (one["realization_pct_previous"], one["realization_pct"], one["realization_change_pts"]) == (
        20.0, 45.5, 25.5)


def test_first_round_is_all_new() -> None:
    tracked = track("2024-07", acts(("A", "1", "berjalan", None, None)), {}, {("K", "C", "A")})
    assert list(tracked["change"]) == ["new"]


def placed_acts(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"kabupaten": k, "kecamatan": c, "desa": d, "activity_code": code,
                          "activity_name": f"Kegiatan {code}", "status": s, "budget_planned": 100.0,
                          "budget_realized": r} for k, c, d, code, s, r in rows])


def test_tracking_takes_the_latest_earlier_round_and_villages_as_rows() -> None:
    oldest = placed_acts(("K", "C", "A", "1", "berjalan", 10.0), ("K", "C", "A", "9", "selesai", 10.0))
    previous = placed_acts(("K", "C", "A", "1", "tidak_berjalan", 20.0),
                           ("K", "C", "B", "2", "berjalan", 5.0))
    current = placed_acts(("K", "C", "A", "1", "berjalan", 45.5), ("K", "C", "A", "9", "selesai", 50.0))
    earlier = {"2024-01": oldest, "2024-04": previous, "2025-01": current}  # a later round is ignored
    villages = pd.DataFrame({"kabupaten": ["K"], "kecamatan": ["C"], "desa": ["B"]})
    tracked = track("2024-10", current, earlier, villages)
    assert tracked.equals(track("2024-10", current, earlier, {("K", "C", "B")}))
    rows = tracked.set_index("activity_code")
    # 9 was not there last round: new again, though its path remembers the oldest round
    assert rows.loc["9", "change"] == "new" and rows.loc["9", "status_path"] == "selesai → selesai"
    assert rows.loc["1", "change"] == "recovered" and rows.loc["1", "realization_change_pts"] == 25.5
    assert rows.loc["2", "change"] == "disappeared" and pd.isna(rows.loc["2", "status"])
    assert list(tracked["activity_code"]) == ["1", "9", "2"]  # sorted by village, then code
    # the village of 2 did not report: not listed at all
    assert "2" not in set(track("2024-10", current, earlier, set())["activity_code"])


def test_tracking_of_a_first_round_types_columns_like_before() -> None:
    tracked = track("2024-07", placed_acts(("K", "C", "A", "1", "berjalan", None)), {}, set())
    assert tracked["previous_status"].dtype == object and tracked["previous_status"].isna().all()
    assert str(tracked["realization_pct"].dtype) == "Float64" and tracked["realization_pct"].isna().all()
    empty = track("2024-07", placed_acts(("K", "C", "A", "1", "berjalan", None)).iloc[:0], {}, set())
    assert empty.empty and list(empty.columns) == list(tracked.columns)

