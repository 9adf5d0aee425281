"""The vectorised aggregation (transforms/derive/aggregate.py, all kecamatan at once): the edge
cases a per-place loop got for free."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.contract.reference import Programme
from transforms.derive.aggregate import _pairwise_sums, summarise

# The figures that are sums or means of reported values: empty (<NA>) when nothing was reported.
NOT_REPORTED = ("mean_progress_pct", "budget_planned", "budget_realized", "budget_realization_pct",
                "beneficiaries_male", "beneficiaries_female", "meeting_participants_male",
                "meeting_participants_female", "meeting_participants_total")


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
    # a kecamatan nobody reported from: counts are zero, sums over no value are empty
    assert (d["villages_reported"], d["activities_total"], d["meetings"]) == (0, 0, 0)
    assert all(pd.isna(d[c]) for c in NOT_REPORTED)
    assert d["reporting_rate_pct"] == 0.0
    # rows of a kecamatan outside the programme count for their kabupaten only
    k = by_kabupaten.set_index("kabupaten").loc["K"]
    assert (k["villages_target"], k["villages_reported"], k["activities_total"], k["rows_quarantined"]) == (
        3, 2, 3, 2)
    assert list(by_kabupaten["kabupaten"]) == ["K", "L"]
    assert str(by_kecamatan["villages_reported"].dtype) == "Int64"
    assert str(by_kecamatan["mean_progress_pct"].dtype) == "Float64"


def test_activities_without_budget_or_beneficiaries_are_not_reported_not_zero() -> None:
    """A kegiatan sheet whose budget and beneficiary columns were not read (contract §4): the
    activities count, their sums are empty, never 0; the other kecamatan keep their figures."""
    programme, clean, quarantine = summary_inputs()
    extra = pd.DataFrame({"kabupaten": ["K", "K"], "kecamatan": ["D", "D"], "desa": ["E", "E"],
                          "status": ["berjalan", "belum_mulai"], "progress_pct": [None, None],
                          "budget_planned": [None, None], "budget_realized": [None, None],
                          "beneficiaries_male": [None, None], "beneficiaries_female": [None, None]})
    clean["activities"] = pd.concat([clean["activities"], extra], ignore_index=True)
    by_kecamatan, by_kabupaten = summarise("2025-01", programme, clean, quarantine)
    d = by_kecamatan.set_index("kecamatan").loc["D"]
    assert (d["activities_total"], d["activities_running"], d["villages_reported"]) == (2, 1, 1)
    assert all(pd.isna(d[c]) for c in NOT_REPORTED)
    assert str(by_kecamatan["budget_planned"].dtype) == "Int64"
    c = by_kecamatan.set_index("kecamatan").loc["C"]
    assert (c["budget_planned"], c["beneficiaries_female"], c["meeting_participants_total"]) == (100, 7, 11)
    k = by_kabupaten.set_index("kabupaten").loc["K"]  # the kabupaten sums what was reported
    assert (k["budget_planned"], k["beneficiaries_male"]) == (150, 3)
    assert pd.isna(by_kabupaten.set_index("kabupaten").loc["L"]["budget_planned"])
    # in the CSV an empty cell, not 0
    row = by_kecamatan.to_csv(index=False).splitlines()[2].split(",")
    assert row[by_kecamatan.columns.get_loc("budget_planned")] == ""


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
