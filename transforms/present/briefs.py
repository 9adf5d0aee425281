"""View models of the briefs: every figure and sentence the templates show, already formatted.

Templates only lay these out. Each key figure is read from the summary rows that are also
written as CSV, so the PDF and the CSV cannot disagree. The sections both briefs share are in
`brief_sections.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from transforms.contract.labels import label, labels
from transforms.contract.reference import RoundInfo
from transforms.derive.matrix import CLOSED_STATUSES, rounds_between
from transforms.derive.tracking import CHANGE_ORDER
from transforms.digests import Rows
from transforms.present import charts
from transforms.present import formatting as fmt
from transforms.present.brief_sections import (
    asks_headlines,
    constraint_groups,
    constraint_headlines,
    key_figures,
    lesson_items,
    matrix_rows,
    meeting_lines,
    problem_rows,
    running_by_village,
    status_bar,
    support_groups,
    village_sections,
    vocab_label,
)

QUARANTINE_ROWS_SHOWN = 60  # beyond this the annex points to quarantine.csv


WARNING_ROWS_SHOWN = 40


@dataclass(frozen=True)
class BriefContext:
    lang: str
    round: RoundInfo
    data_date: date | None

@dataclass(frozen=True)
class BriefView:
    """What a brief's template shows: every figure and sentence, already formatted."""
    lang: str
    t: dict[str, str]  # the words and headings, in the brief's language
    kind: str  # kecamatan | kabupaten
    title: str
    kabupaten: str
    kecamatan: str
    round_label: str
    round_id: str
    data_date: str
    data_date_iso: str
    figures: list[dict[str, str]]
    status_bar: list[dict[str, object]]
    constraints: list[dict[str, object]]
    lessons: list[dict[str, str]]
    charts: dict[str, object]
    chart_specs: list[charts.ChartSpec]  # drawn by the renderer, served from memory
    quarantine: list[dict[str, str]]
    quarantine_more: int
    quarantine_more_text: str
    warnings: list[dict[str, str]]
    warnings_more: int
    warnings_more_text: str


@dataclass(frozen=True)
class KecamatanBrief(BriefView):
    meetings: list[str]
    running: list[dict[str, str]]
    progress: dict[str, object]
    villages: list[dict[str, object]]
    not_reported: list[str]
    constraint_headlines: dict[str, object]
    asks: dict[str, object]
    support: list[dict[str, object]]
    matrix: list[dict[str, str]]


@dataclass(frozen=True)
class NoReportBrief(BriefView):
    """A kecamatan none of whose villages reported this round: one page that says so, which
    villages are missing and since when, instead of pages of zeros."""
    meetings: list[str]
    notice: str
    todo: str
    missing: list[dict[str, str]]  # desa, the last round it reported in
    quarantined: str  # why, perhaps: rows of the kecamatan left out (the annex lists them)
    annex: bool
    matrix: list[dict[str, str]]  # open rows carried over: still the meeting's business


@dataclass(frozen=True)
class KabupatenBrief(BriefView):
    no_report: str  # page 1: the kecamatan no village reported for
    forum: str
    comparison: list[dict[str, str]]
    comparison_total: dict[str, str]
    proposals: list[dict[str, object]]
    follow_ups: list[dict[str, str]]



@dataclass(frozen=True)
class KecamatanBriefInputs:
    """Everything a kecamatan brief is built from. Its digest is the brief's rerun key
    (`transforms.digests.inputs_digest`): a field added here is in the key too."""
    context: BriefContext
    kabupaten: str
    kecamatan: str
    summary: dict[str, object]  # its row of summary_kecamatan.csv
    villages: list[str]  # the programme villages of the round
    activities: Rows
    meetings: Rows
    quarantine: Rows
    warnings: Rows
    tracking: Rows
    status_history: Rows  # activity counts by round and status (charts)
    matrix: Rows
    round_labels: dict[str, str]
    # a kecamatan no village reported for: desa → the last earlier round it reported in ("" never)
    last_reported: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KabupatenBriefInputs:
    """Everything a district forum brief is built from; its digest is the brief's rerun key."""
    context: BriefContext
    kabupaten: str
    kabupaten_code: str
    summary: dict[str, object]  # its row of summary_kabupaten.csv
    kecamatan_summaries: Rows
    activities: Rows
    meetings: Rows
    matrices: Rows  # every kecamatan matrix of the kabupaten
    quarantine: Rows
    warnings: Rows
    recommendations: Rows  # the latest version of every recommendation so far
    status_history: Rows
    round_ids: list[str]
    round_labels: dict[str, str]


BriefInputs = KecamatanBriefInputs | KabupatenBriefInputs


def nothing_reported(summary: dict[str, object]) -> bool:
    """No village of the place reported this round (no `desa` row, no activity row passed)."""
    reported = summary.get("villages_reported")
    return not fmt.blank(reported) and int(reported) == 0


def brief_template(inputs: BriefInputs) -> str:
    """The template a brief is laid out with: the view model's kind decides, not the template."""
    if isinstance(inputs, KabupatenBriefInputs):
        return "kabupaten.html.j2"
    return "kecamatan_no_report.html.j2" if nothing_reported(inputs.summary) else "kecamatan.html.j2"


def brief_view(inputs: BriefInputs) -> BriefView:
    """The view model of a brief, built where it is rendered."""
    if isinstance(inputs, KecamatanBriefInputs):
        return no_report_brief(inputs) if nothing_reported(inputs.summary) else kecamatan_brief(inputs)
    return kabupaten_brief(inputs)


def _forum(kabupaten_code: str, lang: str) -> str:
    return label("forum_sbt" if kabupaten_code.startswith("81") else "forum_sbd", lang)


def _charts(lang: str, specs: list[charts.ChartSpec]) -> dict[str, object]:
    return {"charts": charts.chart_views(specs, lang), "chart_specs": specs}


def _chart_specs(ctx: BriefContext, activities: pd.DataFrame, places: list[str], level: str,
                 summary: dict[str, object], status_history: pd.DataFrame) -> list[charts.ChartSpec]:
    """The four charts of a brief: status and budget by place (villages of a kecamatan, or
    kecamatan of a kabupaten), status over the rounds so far, people by sex."""
    lang = ctx.lang
    rounds = sorted({*status_history["round_id"], ctx.round.round_id})
    by = "village" if level == "desa" else "kecamatan"
    return [
        charts.status_by_place(activities, places, level, lang, f"chart_status_{by}"),
        charts.status_across_rounds(status_history, rounds,
                                    {r: fmt.short_month(r, lang) for r in rounds}, lang),
        charts.people_by_sex(summary, lang),
        charts.budget_by_place(activities, places, level, lang, f"chart_budget_{by}"),
    ]


def _annex(quarantine: pd.DataFrame, warnings: pd.DataFrame, lang: str) -> dict[str, object]:
    """The data-quality annex: the first problems of each kind, and how many more there are."""
    quarantine_rows, quarantine_more = problem_rows(quarantine, lang, QUARANTINE_ROWS_SHOWN)
    warning_rows, warning_more = problem_rows(warnings, lang, WARNING_ROWS_SHOWN)
    return {"quarantine": quarantine_rows, "quarantine_more": quarantine_more,
            "quarantine_more_text": label("more_rows", lang, count=quarantine_more),
            "warnings": warning_rows, "warnings_more": warning_more,
            "warnings_more_text": label("more_warnings", lang, count=warning_more)}


def kecamatan_brief(inputs: KecamatanBriefInputs) -> KecamatanBrief:
    ctx, kabupaten, kecamatan, summary = inputs.context, inputs.kabupaten, inputs.kecamatan, inputs.summary
    villages, matrix, tracking = inputs.villages, inputs.matrix.frame, inputs.tracking.frame
    status_history = inputs.status_history.frame
    lang = ctx.lang
    place = lambda f: f.loc[(f["kabupaten"] == kabupaten) & (f["kecamatan"] == kecamatan)]  # noqa: E731
    activities = place(inputs.activities.frame)
    specs = _chart_specs(ctx, activities, villages, "desa", summary, status_history)
    sections, missing = village_sections(villages, activities, lang)
    constraints = constraint_groups(activities, lang)
    return KecamatanBrief(**{
        "lang": lang, "t": labels(lang), "kind": "kecamatan",
        "title": f"{label('brief_kecamatan', lang)}: {label('kecamatan', lang)} {kecamatan}",
        "kabupaten": kabupaten, "kecamatan": kecamatan,
        "round_label": ctx.round.label(lang), "round_id": ctx.round.round_id,
        "data_date": fmt.long_date(ctx.data_date, lang),
        "data_date_iso": ctx.data_date.isoformat() if ctx.data_date else "",
        "meetings": meeting_lines(place(inputs.meetings.frame), lang),
        "figures": key_figures(summary, lang), "status_bar": status_bar(summary, lang),
        "running": running_by_village(sections),
        "progress": progress_since(tracking, ctx.round.previous is not None, lang),
        "villages": sections, "not_reported": missing,
        "constraints": constraints,
        "constraint_headlines": constraint_headlines(constraints, lang),
        "asks": asks_headlines(activities, matrix, lang),
        "support": support_groups(activities, lang), "lessons": lesson_items(activities),
        "matrix": matrix_rows(matrix, lang, inputs.round_labels),
        **_charts(lang, specs), **_annex(inputs.quarantine.frame, inputs.warnings.frame, lang),
    })


def no_report_brief(inputs: KecamatanBriefInputs) -> NoReportBrief:
    """The short brief of a kecamatan no village reported for: page 1 says so, lists the
    villages with the last round each reported in, and what to do; the matrix rows still open
    and the rows left out in quarantine follow when there are any."""
    ctx, kecamatan, summary, lang = inputs.context, inputs.kecamatan, inputs.summary, inputs.context.lang
    place = lambda f: f.loc[(f["kabupaten"] == inputs.kabupaten) & (f["kecamatan"] == kecamatan)]  # noqa: E731
    annex = _annex(inputs.quarantine.frame, inputs.warnings.frame, lang)
    quarantined = int(summary.get("rows_quarantined") or 0)
    return NoReportBrief(**{
        "lang": lang, "t": labels(lang), "kind": "kecamatan",
        "title": f"{label('brief_kecamatan', lang)}: {label('kecamatan', lang)} {kecamatan}",
        "kabupaten": inputs.kabupaten, "kecamatan": kecamatan,
        "round_label": ctx.round.label(lang), "round_id": ctx.round.round_id,
        "data_date": fmt.long_date(ctx.data_date, lang),
        "data_date_iso": ctx.data_date.isoformat() if ctx.data_date else "",
        "meetings": meeting_lines(place(inputs.meetings.frame), lang),
        "notice": label("no_report_notice", lang, kecamatan=kecamatan, round=ctx.round.label(lang),
                        target=fmt.number(summary.get("villages_target") or len(inputs.villages), lang)),
        "todo": label("no_report_todo", lang, round_id=ctx.round.round_id),
        "missing": missing_villages(inputs.villages, inputs.last_reported, inputs.round_labels, lang),
        "quarantined": label("no_report_quarantined", lang, count=quarantined) if quarantined else "",
        "annex": bool(annex["quarantine"] or annex["warnings"]),
        "matrix": matrix_rows(inputs.matrix.frame, lang, inputs.round_labels),
        # nothing to count: no figures, bar, charts, constraints or lessons
        "figures": [], "status_bar": [], "constraints": [], "lessons": [], **_charts(lang, []), **annex,
    })


def missing_villages(villages: list[str], last_reported: dict[str, str], round_labels: dict[str, str],
                     lang: str) -> list[dict[str, str]]:
    """Each programme village with the last earlier round it reported in, or that it never did
    in the rounds on record."""
    never = label("no_report_never", lang)
    return [{"desa": desa, "since": round_labels.get(last_reported[desa], last_reported[desa])
             if last_reported.get(desa) else never} for desa in villages]


def _progress_entry(r: object, lang: str) -> dict[str, str]:
    before, now = r.realization_pct_previous, r.realization_pct
    return {
        "desa": r.desa, "activity": r.activity_name, "code": r.activity_code,
        "path": " → ".join(vocab_label("activity_status", s, lang) for s in r.status_path.split(" → ")),
        "realization": "" if pd.isna(before) and pd.isna(now) else label(
            "realization_change", lang, before=fmt.percent(before, lang), now=fmt.percent(now, lang)),
    }


def progress_since(tracking: pd.DataFrame, has_previous: bool, lang: str) -> dict[str, object]:
    """What changed since the previous round: counts per change, and the activities behind the
    changes that need attention or deserve notice."""
    if not has_previous:
        return {"available": False, "counts": [], "groups": []}
    counts = tracking["change"].value_counts()
    listed = [c for c in CHANGE_ORDER if c not in ("new", "unchanged", "started")]
    groups = []
    for change in listed:
        rows = tracking.loc[tracking["change"] == change]
        if rows.empty:
            continue
        groups.append({"label": label(f"change_{change}", lang),
                       "entries": [_progress_entry(r, lang) for r in rows.itertuples(index=False)]})
    return {"available": True, "groups": groups, "counts": [
        {"label": label(f"change_{c}", lang), "count": int(counts.get(c, 0))}
        for c in CHANGE_ORDER if counts.get(c, 0)]}


def comparison_rows(summaries: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """The kabupaten's kecamatan side by side; a figure nothing was reported for says so."""
    nr = label("figure_not_reported", lang)
    rows = []
    for r in summaries.to_dict("records"):
        if r.get("kecamatan") and nothing_reported(r):
            rows.append(_no_report_row(r, lang))
            continue
        total = r["activities_total"] or 0
        share = lambda c: fmt.percent(round(100 * r[c] / total, 1) if total else None, lang)  # noqa: E731, B023
        rows.append({
            "name": r.get("kecamatan") or label("kabupaten_total", lang), "no_report": "",
            "reporting": f"{fmt.number(r['villages_reported'], lang)}/"
                         f"{fmt.number(r['villages_target'], lang)} "
                         f"({fmt.percent(r['reporting_rate_pct'], lang)})",
            "activities": fmt.number(total, lang),
            "running": share("activities_running"), "completed": share("activities_completed"),
            "stalled": share("activities_stalled"),
            "budget": fmt.percent(r["budget_realization_pct"], lang, nr),
            "participants": nr if fmt.blank(r["meeting_participants_total"]) else
                            f"{fmt.number(r['meeting_participants_male'], lang, nr)} / "
                            f"{fmt.number(r['meeting_participants_female'], lang, nr)} / "
                            f"{fmt.number(r['meeting_participants_total'], lang, nr)}",
            "quarantined": fmt.number(r["rows_quarantined"], lang),
        })
    return rows


def _no_report_row(r: dict[str, object], lang: str) -> dict[str, str]:
    """A kecamatan no village reported for, in the comparison: its reporting rate, and "no report
    yet" across the figures the others have (never 0%)."""
    return {"name": r["kecamatan"], "reporting": f"0/{fmt.number(r['villages_target'], lang)} "
                                                 f"({fmt.percent(r['reporting_rate_pct'], lang)})",
            "no_report": label("no_report_row", lang), "activities": "–", "running": "–",
            "completed": "–", "stalled": "–", "budget": "–", "participants": "–",
            "quarantined": fmt.number(r["rows_quarantined"], lang)}


def no_report_first(summaries: pd.DataFrame) -> pd.DataFrame:
    """The kecamatan no village reported for first (the forum's first question), the others in
    their order."""
    if summaries.empty:
        return summaries
    silent = summaries.apply(lambda r: nothing_reported(r.to_dict()), axis=1).astype(bool)
    return pd.concat([summaries.loc[silent], summaries.loc[~silent]])


def no_report_notice(summaries: pd.DataFrame, lang: str) -> str:
    silent = [r["kecamatan"] for r in summaries.to_dict("records") if nothing_reported(r)]
    return label("kabupaten_no_report", lang, names=", ".join(silent)) if silent else ""


def follow_up_rows(recommendations: pd.DataFrame, round_id: str, round_ids: list[str],
                   round_labels: dict[str, str], lang: str) -> list[dict[str, str]]:
    """Earlier district-level recommendations, latest status and how many rounds they are old."""
    if recommendations.empty:
        return []
    earlier = recommendations.loc[(recommendations["responsible_level"] == "kabupaten")
                                  & (recommendations["origin_round"] < round_id)]
    return [{
        "kecamatan": r.kecamatan, "no": r.rec_id, "issue": r.issue,
        "agency": r.responsible_agency or label("unspecified_agency", lang),
        "origin": round_labels.get(r.origin_round, r.origin_round),
        "age": str(rounds_between(r.origin_round, round_id, round_ids)),
        "status_key": r.status, "status": vocab_label("follow_up_status", r.status, lang),
    } for r in earlier.sort_values(["kecamatan", "origin_round", "rec_id"]).itertuples(index=False)]


def kabupaten_proposals(matrices: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """Matrix rows that need district action, grouped by agency (OPD)."""
    if matrices.empty:
        return []
    district = matrices.loc[(matrices["responsible_level"] == "kabupaten")
                            & ~matrices["status"].isin(CLOSED_STATUSES)]
    agencies = district["responsible_agency"].fillna(label("unspecified_agency", lang))
    groups = []
    for agency in sorted(agencies.unique()):
        members = district.loc[agencies == agency].sort_values(["kecamatan", "rec_id"])
        groups.append({"agency": agency, "entries": [{
            "kecamatan": r.kecamatan, "no": r.rec_id, "issue": r.issue,
            "villages": r.villages or "–", "recommendation": r.recommendation,
            "status": vocab_label("follow_up_status", r.status, lang), "status_key": r.status,
        } for r in members.itertuples(index=False)]})
    return groups


def kabupaten_brief(inputs: KabupatenBriefInputs) -> KabupatenBrief:
    ctx, kabupaten, summary, lang = inputs.context, inputs.kabupaten, inputs.summary, inputs.context.lang
    kecamatan_summaries, status_history = inputs.kecamatan_summaries.frame, inputs.status_history.frame
    activities = inputs.activities.frame
    activities = activities.loc[activities["kabupaten"] == kabupaten]
    places = list(kecamatan_summaries["kecamatan"])
    specs = _chart_specs(ctx, activities, places, "kecamatan", summary, status_history)
    return KabupatenBrief(**{
        "lang": lang, "t": labels(lang), "kind": "kabupaten",
        "title": f"{label('brief_kabupaten', lang)}: {label('kabupaten', lang)} {kabupaten}",
        "kabupaten": kabupaten, "kecamatan": "", "forum": _forum(inputs.kabupaten_code, lang),
        "round_label": ctx.round.label(lang), "round_id": ctx.round.round_id,
        "data_date": fmt.long_date(ctx.data_date, lang),
        "data_date_iso": ctx.data_date.isoformat() if ctx.data_date else "",
        "figures": key_figures(summary, lang), "status_bar": status_bar(summary, lang),
        "no_report": no_report_notice(kecamatan_summaries, lang),
        "comparison": comparison_rows(no_report_first(kecamatan_summaries), lang),
        "comparison_total": comparison_rows(pd.DataFrame([summary]), lang)[0],
        "constraints": constraint_groups(activities, lang),
        "proposals": kabupaten_proposals(inputs.matrices.frame, lang),
        "follow_ups": follow_up_rows(inputs.recommendations.frame, ctx.round.round_id, inputs.round_ids,
                                     inputs.round_labels, lang),
        "lessons": lesson_items(activities),
        **_charts(lang, specs), **_annex(inputs.quarantine.frame, inputs.warnings.frame, lang),
    })
