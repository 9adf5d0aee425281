"""A kecamatan no village reported for (transforms/present/briefs.py): a short brief that says
so on page 1, with the villages missing and the last round each reported in; the kabupaten brief
names such kecamatan first. The view model decides; the template only lays it out."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.digests import PlaceSplit, Rows
from transforms.present.briefs import (
    BriefContext,
    KecamatanBriefInputs,
    NoReportBrief,
    brief_template,
    brief_view,
    comparison_rows,
    missing_villages,
    no_report_first,
    no_report_notice,
)

ROUND = RoundInfo("2024-10", "Pemantauan II (Oktober 2024)", "Monitoring round II (October 2024)",
                  date(2024, 10, 1), date(2024, 10, 31), "2024-07", None)
LABELS = {"2024-07": "Pemantauan I (Juli 2024)", "2024-10": "Pemantauan II (Oktober 2024)"}
EMPTY = pd.DataFrame({"kabupaten": pd.Series(dtype=object), "kecamatan": pd.Series(dtype=object)})


def summary(kecamatan: str, reported: int, target: int = 3, **extra: object) -> dict[str, object]:
    return {"round_id": "2024-10", "kabupaten": "Seram Bagian Timur", "kecamatan": kecamatan,
            "villages_target": target, "villages_reported": reported,
            "reporting_rate_pct": round(100 * reported / target, 1), "activities_total": 0,
            "activities_not_started": 0, "activities_running": 0, "activities_completed": 0,
            "activities_stalled": 0, "budget_realization_pct": None, "meeting_participants_male": None,
            "meeting_participants_female": None, "meeting_participants_total": None,
            "rows_quarantined": 0, **extra}


def inputs(lang: str = "id", reported: int = 0, **extra: object) -> KecamatanBriefInputs:
    place = ("Seram Bagian Timur", "Gorom Timur")
    rows = {f.name: Rows.of(PlaceSplit(EMPTY, ["kabupaten", "kecamatan"]), place)
            for f in fields(KecamatanBriefInputs) if f.type == "Rows"}
    meetings = EMPTY.assign(meeting_date=pd.Series(dtype="datetime64[ns]"), batch=pd.Series(dtype=int))
    rows["meetings"] = Rows.of(PlaceSplit(meetings, ["kabupaten", "kecamatan"]), place)
    return KecamatanBriefInputs(
        context=BriefContext(lang, ROUND, None), kabupaten="Seram Bagian Timur", kecamatan="Gorom Timur",
        summary=summary("Gorom Timur", reported, **extra),
        villages=["Miran", "Miran Keledar", "Miran Kilian"],
        round_labels=LABELS, last_reported={"Miran": "2024-07", "Miran Keledar": "", "Miran Kilian": ""},
        **rows)


def test_a_kecamatan_without_report_gets_the_short_brief_that_says_so() -> None:
    made = inputs()
    assert brief_template(made) == "kecamatan_no_report.html.j2"
    view = brief_view(made)
    assert isinstance(view, NoReportBrief)
    assert view.notice.startswith("Belum ada desa di Kecamatan Gorom Timur yang melapor untuk "
                                  "Pemantauan II (Oktober 2024) (0 dari 3 desa)")
    assert "data/raw/2024-10/" in view.todo
    assert view.missing == [{"desa": "Miran", "since": "Pemantauan I (Juli 2024)"},
                            {"desa": "Miran Keledar", "since": "belum pernah, dalam putaran yang tercatat"},
                            {"desa": "Miran Kilian", "since": "belum pernah, dalam putaran yang tercatat"}]
    # nothing to count, so no zeros: no figures, bar, charts, constraints; no annex without problems
    assert view.figures == [] and view.status_bar == [] and view.chart_specs == [] and view.constraints == []
    assert not view.annex and view.quarantined == "" and view.matrix == []


def test_the_short_brief_says_why_rows_may_be_missing_and_speaks_english() -> None:
    view = brief_view(inputs("en", rows_quarantined=4))
    assert view.quarantined.startswith("4 rows from this sub-district were quarantined")
    assert view.notice.startswith("No village of sub-district Gorom Timur has reported for "
                                  "Monitoring round II (October 2024) (0 of 3 villages)")
    assert missing_villages(["Miran", "Kilian"], {"Miran": "2024-07"}, LABELS, "en")[1] == {
        "desa": "Kilian", "since": "never, in the rounds on record"}


def test_a_kecamatan_with_one_report_keeps_the_full_brief() -> None:
    assert brief_template(inputs(reported=1)) == "kecamatan.html.j2"


def test_the_kabupaten_brief_names_the_silent_kecamatan_first() -> None:
    summaries = pd.DataFrame([summary("Teluk Waru", 2, activities_total=4, activities_running=2),
                              summary("Gorom Timur", 0), summary("Pulau Gorom", 3, activities_total=1)])
    ordered = no_report_first(summaries)
    assert list(ordered["kecamatan"]) == ["Gorom Timur", "Teluk Waru", "Pulau Gorom"]
    first, second, _ = comparison_rows(ordered, "id")
    assert first["name"] == "Gorom Timur" and first["reporting"] == "0/3 (0,0%)"
    assert first["no_report"] == "belum ada laporan desa: lihat ringkasan kecamatannya"
    assert first["running"] == "–"  # never 0%
    assert second["running"] == "50,0%" and second["no_report"] == ""
    assert no_report_notice(summaries, "id").startswith(
        "Belum ada laporan dari kecamatan berikut untuk putaran ini: Gorom Timur.")
    assert no_report_notice(summaries.iloc[[0, 2]], "id") == ""
