"""Chart specs of the briefs (transforms/present/charts.py): what each chart counts and the tables
that print its numbers, without drawing."""

from __future__ import annotations

import pandas as pd

from tests.fixtures import clean_activities as activities
from transforms.present import charts


def test_status_chart_counts_every_place_even_without_activities() -> None:
    acts = activities({"desa": "Madak", "status": "selesai"},
                      {"desa": "Madak", "activity_code": "TW-MAD-02", "status": "tidak_berjalan"},
                      {"desa": "Waru", "activity_code": "TW-WAR-01", "status": "berjalan"})
    spec = charts.status_by_place(acts, ["Madak", "Waru", "Karay"], "desa", "id", "chart_status_village")
    values = {s.key: s.values for s in spec.series}
    assert spec.categories == ("Madak", "Waru", "Karay")
    assert values["selesai"] == (1.0, 0.0, 0.0)
    assert values["tidak_berjalan"] == (1.0, 0.0, 0.0)
    assert values["berjalan"] == (0.0, 1.0, 0.0)
    assert spec.src.startswith(charts.CHART_URL_PREFIX)


def test_chart_numbers_share_one_table_per_set_of_places_in_indonesian_format() -> None:
    acts = activities({"desa": "Madak", "budget_planned": 1_500_000.0, "budget_realized": 260_000.0})
    specs = [charts.status_by_place(acts, ["Madak"], "desa", "id", "chart_status_village"),
             charts.budget_by_place(acts, ["Madak"], "desa", "id", "chart_budget_village")]
    views = charts.chart_views(specs, "id")
    [table] = views["tables"]
    assert table["rows"][0]["category"] == "Madak"
    assert table["rows"][0]["cells"][-2:] == ["1,5", "0,3"]
    assert views["pairs"][0][1]["alt"].endswith("(juta rupiah)")


def test_empty_charts_are_flagged_so_the_template_says_so_instead_of_drawing() -> None:
    spec = charts.people_by_sex({"beneficiaries_male": 0, "beneficiaries_female": None,
                                 "meeting_participants_male": 0, "meeting_participants_female": 0},
                                "en")
    assert spec.empty
    assert spec.title == "Beneficiaries and participants by sex"



def test_people_chart_with_nothing_reported_shows_no_data_not_bars_at_zero() -> None:
    nothing = {k: pd.NA for k in ("beneficiaries_male", "beneficiaries_female",
                                  "meeting_participants_male", "meeting_participants_female")}
    spec = charts.people_by_sex(nothing, "id")
    assert spec.empty
    assert all(v is None for s in spec.series for v in s.values)
    [table] = charts.chart_tables([spec], "id")
    assert {c for r in table["rows"] for c in r["cells"]} == {"tidak dilaporkan"}
    # beneficiaries not reported, participants reported: a chart, and the gap named in its table
    spec = charts.people_by_sex({**nothing, "meeting_participants_male": 12,
                                 "meeting_participants_female": 6}, "en")
    assert not spec.empty
    [table] = charts.chart_tables([spec], "en")
    assert [r["cells"] for r in table["rows"]] == [["not reported", "not reported"], ["12", "6"]]


def test_budget_chart_of_places_without_budget_is_not_reported_not_zero() -> None:
    acts = activities({"desa": "Madak", "budget_planned": None, "budget_realized": None},
                      {"desa": "Waru", "activity_code": "TW-WAR-01", "budget_planned": None,
                       "budget_realized": None})
    spec = charts.budget_by_place(acts, ["Madak", "Waru"], "desa", "id", "chart_budget_village")
    assert spec.empty and all(v is None for s in spec.series for v in s.values)
    [table] = charts.chart_tables([spec], "id")
    assert all(c == "tidak dilaporkan" for r in table["rows"] for c in r["cells"])
    # one village reported: its bars and numbers as before, the other one says not reported
    acts.loc[0, ["budget_planned", "budget_realized"]] = [1_500_000.0, 0.0]
    spec = charts.budget_by_place(acts, ["Madak", "Waru"], "desa", "id", "chart_budget_village")
    assert not spec.empty
    [table] = charts.chart_tables([spec], "id")
    assert [r["cells"] for r in table["rows"]] == [["1,5", "0,0"], ["tidak dilaporkan"] * 2]


def test_a_chart_with_unreported_values_draws() -> None:
    from flows.charts import draw

    spec = charts.people_by_sex({"beneficiaries_male": None, "beneficiaries_female": None,
                                 "meeting_participants_male": 3, "meeting_participants_female": 4},
                                "id")
    assert draw(spec).startswith(b"<?xml")
