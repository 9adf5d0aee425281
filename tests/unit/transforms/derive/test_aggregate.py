"""The vectorised aggregation (all kecamatan at once): the edge cases a per-place loop got for free."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.contract.reference import Programme
from transforms.derive.aggregate import _pairwise_sums, summarise
from transforms.derive.matrix import MATRIX_COLUMNS, build_matrices, build_matrix, latest_recommendations
from transforms.derive.tracking import track

RULES = pd.DataFrame([
    {"constraint_category": c, "responsible_level": "kabupaten", "usual_agency": f"Dinas {c}",
     "issue_id": f"Masalah {c}", "issue_en": f"Issue {c}", "recommendation_id": f"Rekomendasi {c}",
     "recommendation_en": f"Recommendation {c}"} for c in ("dana", "pasar", "lainnya")])


def acts(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"kabupaten": k, "kecamatan": c, "desa": d, "activity_code": code,
                          "activity_name": f"Kegiatan {code}", "status": s, "budget_planned": 100.0,
                          "budget_realized": r} for k, c, d, code, s, r in rows])


def test_tracking_takes_the_latest_earlier_round_and_villages_as_rows() -> None:
    oldest = acts(("K", "C", "A", "1", "berjalan", 10.0), ("K", "C", "A", "9", "selesai", 10.0))
    previous = acts(("K", "C", "A", "1", "tidak_berjalan", 20.0), ("K", "C", "B", "2", "berjalan", 5.0))
    current = acts(("K", "C", "A", "1", "berjalan", 45.5), ("K", "C", "A", "9", "selesai", 50.0))
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
    tracked = track("2024-07", acts(("K", "C", "A", "1", "berjalan", None)), {}, set())
    assert tracked["previous_status"].dtype == object and tracked["previous_status"].isna().all()
    assert str(tracked["realization_pct"].dtype) == "Float64" and tracked["realization_pct"].isna().all()
    empty = track("2024-07", acts(("K", "C", "A", "1", "berjalan", None)).iloc[:0], {}, set())
    assert empty.empty and list(empty.columns) == list(tracked.columns)


def rec(kec: str, rec_id: str, status: str) -> dict:
    return {"kabupaten": "K", "kecamatan": kec, "rec_id": rec_id, "issue": "i", "villages": None,
            "recommendation": "r", "responsible_level": "kabupaten", "responsible_agency": "Dinas",
            "due": None, "status": status, "notes": None}


def constrained(kec: str, desa: str, code: str, category: str | None, support: str | None = None) -> dict:
    return {"kabupaten": "K", "kecamatan": kec, "desa": desa, "activity_code": code,
            "constraint_category": category, "support_from": support}


def test_matrices_of_many_kecamatan_at_once() -> None:
    places = [("K", "Agreed"), ("K", "Drafted"), ("K", "Quiet"), ("K", "Fresh")]
    earlier = latest_recommendations({
        "2024-07": pd.DataFrame([rec("Drafted", "3", "baru"), rec("Drafted", "x", "baru")]),
        "2024-10": pd.DataFrame([rec("Drafted", "7", "selesai"), rec("Agreed", "1", "baru")])})
    now = pd.DataFrame([rec("Agreed", "2", "baru")])
    activities = pd.DataFrame([
        constrained("Agreed", "A", "1", "dana"),  # something was agreed: no drafts here
        constrained("Drafted", "B", "1", "pasar", "Dinas Pasar"),
        constrained("Drafted", "C", "2", "pasar", "Dinas Koperasi"),
        constrained("Drafted", "B", "3", "dana"), constrained("Drafted", "B", "4", "dana"),
        constrained("Drafted", "B", "5", "banjir"),  # no rule of its own: the `lainnya` rule
        constrained("Drafted", "B", "6", None),
        constrained("Fresh", "D", "1", "dana"),
        constrained("Elsewhere", "E", "1", "dana"),  # not in the programme
    ])
    rounds = ["2024-07", "2024-10", "2025-01"]
    matrices = build_matrices(places, "2025-01", now, earlier, activities, RULES, "en", rounds)
    assert list(matrices) == places
    for place, matrix in matrices.items():
        assert matrix.equals(build_matrix(*place, "2025-01", now, earlier, activities, RULES, "en", rounds))
        assert tuple(matrix.columns) == MATRIX_COLUMNS
    agreed = matrices[("K", "Agreed")]
    assert list(zip(agreed["rec_id"], agreed["origin"], agreed["age_rounds"], strict=True)) == [
        ("2", "agreed", 0), ("1", "carried", 1)]
    drafted = matrices[("K", "Drafted")]
    # open earlier rows first; drafts numbered after the highest id, the closed 7 included;
    # most activities first, ties on villages (pasar: 2) before category name
    assert list(zip(drafted["rec_id"], drafted["origin"], drafted["issue"], strict=True)) == [
        ("3", "carried", "i"), ("x", "carried", "i"), ("8", "draft", "Issue pasar"),
        ("9", "draft", "Issue dana"), ("10", "draft", "Issue lainnya")]
    assert list(drafted["age_rounds"]) == [2, 2, 0, 0, 0]
    pasar = drafted.iloc[2]
    assert pasar["villages"] == "B; C" and pasar["responsible_agency"] == "Dinas Koperasi"  # tie: by name
    assert drafted.iloc[3]["responsible_agency"] == "Dinas dana"  # nobody asked: the rule's agency
    assert drafted["due"].isna().all() and drafted.iloc[3]["due"] is None
    assert list(matrices[("K", "Fresh")]["rec_id"]) == ["1"]
    quiet = matrices[("K", "Quiet")]
    assert quiet.empty and tuple(quiet.columns) == MATRIX_COLUMNS


def summary_inputs() -> tuple[Programme, dict[str, pd.DataFrame], pd.DataFrame]:
    programme = Programme({"K": {"C": ["A", "B"], "D": ["E"]}, "L": {"F": ["G"]}})
    villages = pd.DataFrame({"kabupaten": ["K", "K"], "kecamatan": ["C", "X"], "desa": ["A", "Y"]})
    activities = pd.DataFrame({
        "kabupaten": ["K", "K", "K"], "kecamatan": ["C", "C", "X"], "desa": ["A", "A", "Y"],
        "status": ["berjalan", "selesai", "berjalan"], "progress_pct": [33.3, 66.65, 10.0],
        "budget_planned": [100.0, None, 50.0], "budget_realized": [55.0, 10.0, 5.0],
        "beneficiaries_male": [1.0, None, 2.0], "beneficiaries_female": [3.0, 4.0, None]})
    meetings = pd.DataFrame({"kabupaten": ["K"], "kecamatan": ["C"], "participants_male": [5.0],
                             "participants_female": [6.0]})
    quarantine = pd.DataFrame({
        "source_file": ["f", "f", "f", "g"], "source_sheet": ["", "", "", ""], "source_row": [2, 2, 3, ""],
        "kabupaten": ["K", "K", "K", "K"], "kecamatan": ["C", "C", "X", "C"]})
    return programme, {"villages": villages, "activities": activities, "meetings": meetings}, quarantine


def test_summaries_of_quiet_and_unlisted_places() -> None:
    programme, clean, quarantine = summary_inputs()
    by_kecamatan, by_kabupaten = summarise("2025-01", programme, clean, quarantine)
    c, d = by_kecamatan.set_index("kecamatan").loc["C"], by_kecamatan.set_index("kecamatan").loc["D"]
    assert (c["villages_target"], c["villages_reported"], c["reporting_rate_pct"]) == (2, 1, 50.0)
    assert (c["activities_total"], c["activities_running"], c["activities_completed"]) == (2, 1, 1)
    assert c["mean_progress_pct"] == 50.0  # 49.975 rounded half-up
    assert (c["budget_planned"], c["budget_realized"], c["budget_realization_pct"]) == (100, 65, 55.0)
    assert (c["beneficiaries_male"], c["beneficiaries_female"], c["meeting_participants_total"]) == (1, 7, 11)
    assert c["rows_quarantined"] == 1  # one source row with two problems; a file problem has no row
    # a kecamatan nobody reported from: zeros, and no percentage where there is nothing to divide
    assert (d["villages_reported"], d["activities_total"], d["budget_planned"], d["meetings"]) == (0, 0, 0, 0)
    assert pd.isna(d["mean_progress_pct"]) and pd.isna(d["budget_realization_pct"])
    assert d["reporting_rate_pct"] == 0.0
    # rows of a kecamatan outside the programme count for their kabupaten only
    k = by_kabupaten.set_index("kabupaten").loc["K"]
    assert (k["villages_target"], k["villages_reported"], k["activities_total"], k["rows_quarantined"]) == (
        3, 2, 3, 2)
    assert list(by_kabupaten["kabupaten"]) == ["K", "L"]
    assert str(by_kecamatan["villages_reported"].dtype) == "Int64"
    assert str(by_kecamatan["mean_progress_pct"].dtype) == "Float64"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 4), st.one_of(st.none(), st.floats(0, 100, width=32))),
                max_size=300))
def test_sums_of_fractions_add_up_as_each_place_alone(rows: list[tuple[int, float | None]]) -> None:
    """A mean on a rounding edge must round as before: sums in each place's own row order."""
    at = np.array([p for p, _ in rows], dtype=np.intp)
    values = pd.Series([v for _, v in rows], dtype=float)
    sums, counts = _pairwise_sums(values, at, 5)
    for place in range(5):
        alone = values[at == place].dropna()
        assert counts[place] == len(alone)
        assert sums[place] == float(alone.sum())  # bit for bit
