"""Round-over-round tracking of activities by (village, activity code)."""

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
