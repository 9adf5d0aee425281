"""The recommendation matrices (transforms/derive/matrix.py): rows carried from earlier rounds,
agreed this round, and drafted from the rules where nothing was agreed."""

from __future__ import annotations

import pandas as pd

from transforms.derive.matrix import MATRIX_COLUMNS, build_matrices, build_matrix, latest_recommendations

RULES = pd.DataFrame([
    {"constraint_category": c, "responsible_level": "kabupaten", "usual_agency": f"Dinas {c}",
     "issue_id": f"Masalah {c}", "issue_en": f"Issue {c}", "recommendation_id": f"Rekomendasi {c}",
     "recommendation_en": f"Recommendation {c}"} for c in ("dana", "pasar", "lainnya")])


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



def test_matrix_rows_keep_the_round_they_were_first_agreed_in() -> None:
    from transforms.derive.matrix import build_matrix, latest_recommendations

    def rec(rec_id: str, status: str) -> dict:
        return {"kabupaten": "K", "kecamatan": "C", "rec_id": rec_id, "issue": "i", "villages": None,
                "recommendation": "r", "responsible_level": "kabupaten", "responsible_agency": "Dinas",
                "due": None, "status": status, "notes": None}

    earlier = latest_recommendations({"2024-07": pd.DataFrame([rec("1", "baru"), rec("2", "selesai")])})
    now = pd.DataFrame([rec("1", "proses"), rec("3", "baru")])
    empty = pd.DataFrame(columns=["kabupaten", "kecamatan", "desa", "activity_code",
                                  "constraint_category", "support_from"])
    matrix = build_matrix("K", "C", "2024-10", now, earlier, empty, pd.DataFrame(), "id")
    got = list(zip(matrix["rec_id"], matrix["status"], matrix["origin"], matrix["origin_round"],
                   strict=True))
    assert got == [("1", "proses", "carried", "2024-07"), ("3", "baru", "agreed", "2024-10")]

