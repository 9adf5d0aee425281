"""View models of the briefs: every figure and sentence the templates show, already formatted.

Templates only lay these out. Each key figure is read from the summary rows that are also
written as CSV, so the PDF and the CSV cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from transforms import charts
from transforms import formatting as fmt
from transforms.catalog import counted, label, labels
from transforms.contract import STATUS_COLUMNS, VOCABULARIES
from transforms.matrix import CLOSED_STATUSES, origin_text, rounds_between
from transforms.reference import RoundInfo
from transforms.tracking import CHANGE_ORDER

STATUS_ORDER = tuple(STATUS_COLUMNS)
QUARANTINE_ROWS_SHOWN = 60  # beyond this the annex points to quarantine.csv
WARNING_ROWS_SHOWN = 40
QUOTE_LENGTH = 220


@dataclass(frozen=True)
class BriefContext:
    lang: str
    round: RoundInfo
    data_date: date | None


def _vocab(name: str, value: object, lang: str) -> str:
    return "–" if value is None or value != value else VOCABULARIES[name].label(str(value), lang)


def _quote(text: object) -> str:
    value = "" if text is None or text != text else str(text).strip()
    return value if len(value) <= QUOTE_LENGTH else value[: QUOTE_LENGTH - 1].rstrip() + "…"


def _sum(summary: dict[str, object], *keys: str) -> int:
    return sum(int(summary[k] or 0) for k in keys)


def key_figures(summary: dict[str, object], lang: str) -> list[dict[str, str]]:
    """The key-figures panel: label, main value, detail."""
    n = lambda key: fmt.number(summary[key], lang)  # noqa: E731
    male, female = label("male_short", lang), label("female_short", lang)
    return [
        {"label": label("villages_reporting", lang),
         "value": f"{n('villages_reported')} {label('of_target', lang)} {n('villages_target')}",
         "detail": fmt.percent(summary["reporting_rate_pct"], lang)},
        {"label": label("activities", lang), "value": n("activities_total"),
         "detail": " · ".join(f"{label('status_' + s, lang)} {n(c)}"
                              for s, c in STATUS_COLUMNS.items())},
        {"label": label("budget_realization", lang),
         "value": fmt.percent(summary["budget_realization_pct"], lang),
         "detail": f"{fmt.rupiah(summary['budget_realized'], lang)} / "
                   f"{fmt.rupiah(summary['budget_planned'], lang)}"},
        {"label": label("mean_progress", lang), "value": fmt.percent(summary["mean_progress_pct"], lang),
         "detail": ""},
        {"label": label("beneficiaries", lang),
         "value": fmt.number(_sum(summary, "beneficiaries_male", "beneficiaries_female"), lang),
         "detail": f"{male} {n('beneficiaries_male')} · {female} {n('beneficiaries_female')}"},
        {"label": label("participants", lang), "value": n("meeting_participants_total"),
         "detail": f"{male} {n('meeting_participants_male')} · {female} "
                   f"{n('meeting_participants_female')} · "
                   f"{counted(int(summary['meetings'] or 0), 'meeting', lang)}"},
    ]


def status_bar(summary: dict[str, object], lang: str) -> list[dict[str, object]]:
    total = int(summary["activities_total"] or 0)
    bar = []
    for status, column in STATUS_COLUMNS.items():
        count = int(summary[column] or 0)
        share = 100 * count / total if total else 0
        bar.append({"key": status, "label": label("status_" + status, lang), "count": count,
                    "width": f"{share:.1f}", "share": fmt.percent(round(share, 1), lang)})
    return bar


def meeting_lines(meetings: pd.DataFrame, lang: str) -> list[str]:
    lines = []
    for row in meetings.sort_values(["meeting_date", "batch"]).itertuples(index=False):
        text = fmt.long_date(row.meeting_date.date(), lang)
        batches = meetings.loc[meetings["meeting_date"] == row.meeting_date]
        if len(meetings) > 1 or len(batches) > 1 or row.batch != 1:
            text += f" ({label('batch', lang)} {int(row.batch)})"
        lines.append(text)
    return lines


def village_sections(villages: list[str], activities: pd.DataFrame, lang: str
                     ) -> tuple[list[dict[str, object]], list[str]]:
    """Per reporting village its activities; and the villages that did not report."""
    sections, missing = [], []
    for desa in villages:
        rows = activities.loc[activities["desa"] == desa].sort_values("activity_code")
        if rows.empty:
            missing.append(desa)
            continue
        sections.append({"name": desa, "activities": [{
            "code": r.activity_code, "name": r.activity_name,
            "sector": _vocab("sector", r.sector, lang),
            "funding": _vocab("funding_source", r.funding_source, lang),
            "status_key": r.status, "status": _vocab("activity_status", r.status, lang),
            "progress": fmt.percent(r.progress_pct, lang),
            "realized": fmt.rupiah(r.budget_realized, lang),
            "planned": fmt.rupiah(r.budget_planned, lang),
        } for r in rows.itertuples(index=False)]})
    return sections, missing


def running_by_village(sections: list[dict[str, object]]) -> list[dict[str, str]]:
    """`Madak: Benih ikan (60,0%) · Kolam ikan (40,0%)` — what runs, village by village."""
    lines = []
    for section in sections:
        running = [a for a in section["activities"] if a["status_key"] == "berjalan"]
        if running:
            lines.append({"desa": section["name"],
                          "activities": " · ".join(f"{a['name']} ({a['progress']})" for a in running)})
    return lines


def constraint_groups(activities: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """Constraint categories ranked by activities affected, with the villages' own words."""
    with_constraint = activities.loc[activities["constraint"].notna()
                                     | (activities["status"] == "tidak_berjalan")]
    if with_constraint.empty:
        return []
    grouped = with_constraint.assign(
        category=with_constraint["constraint_category"].fillna("lainnya"))
    stats = grouped.groupby("category").agg(n=("activity_code", "size"), v=("desa", "nunique"))
    groups = []
    for category, row in stats.sort_values(["n", "v"], ascending=False).iterrows():
        members = grouped.loc[grouped["category"] == category].sort_values(["desa", "activity_code"])
        stalled = int((members["status"] == "tidak_berjalan").sum())
        where = members.groupby("kecamatan")["activity_code"].size()
        groups.append({
            "category": _vocab("constraint_category", category, lang),
            "counts": f"{counted(int(row['n']), 'activity', lang)} "
                      f"({counted(stalled, 'stalled', lang)}), {counted(int(row['v']), 'village', lang)}",
            "kecamatan": ", ".join(f"{kec} ({count})" for kec, count in where.items()),
            "quotes": [{"desa": r.desa, "activity": r.activity_name, "status_key": r.status,
                        "status": _vocab("activity_status", r.status, lang),
                        "text": _quote(r.constraint)} for r in members.itertuples(index=False)],
        })
    return groups


HEADLINE_LENGTH = 110
PAGE_ONE_CATEGORIES = 4
PAGE_ONE_AGENCIES = 6


def constraint_headlines(groups: list[dict[str, object]], lang: str) -> dict[str, object]:
    """Page 1: the first categories, each with its villages and one short quote (a stalled
    activity's when there is one); the full list follows on the next pages."""
    shown = []
    for group in groups[:PAGE_ONE_CATEGORIES]:
        quotes = group["quotes"]
        stalled = [q for q in quotes if q["status_key"] == "tidak_berjalan" and q["text"]]
        first = (stalled or [q for q in quotes if q["text"]] or [None])[0]
        shown.append({"category": group["category"], "counts": group["counts"],
                      "villages": ", ".join(dict.fromkeys(q["desa"] for q in quotes)),
                      "quote": _short(first["text"]) if first else "",
                      "quote_desa": first["desa"] if first else ""})
    more = len(groups) - len(shown)
    return {"groups": shown, "more": label("more_categories", lang, count=more) if more > 0 else ""}


def _short(text: str) -> str:
    return text if len(text) <= HEADLINE_LENGTH else text[: HEADLINE_LENGTH - 1].rstrip() + "…"


# Parties in or of the village itself: the facilitators' `pihak_pendukung` is free text, and a
# request to the village government is not something the kabupaten can act on.
# In Maluku a village is often a `negeri`, its council the `saniri`.
VILLAGE_PARTY = re.compile(r"^\s*(pemerintah (desa|negeri)|pemdes|kepala (desa|negeri)|kades|bpd|"
                           r"saniri|bumdes|desa\b|negeri\b|kelompok|warga|masyarakat|swadaya)",
                           re.IGNORECASE)


def is_village_party(agency: str) -> bool:
    return bool(VILLAGE_PARTY.match(agency))


def asks_headlines(activities: pd.DataFrame, matrix: pd.DataFrame, lang: str) -> dict[str, object]:
    """Page 1: what is asked of the district, by agency — the villages' requests and the
    open district-level rows of the matrix. Requests to the village's own parties come last,
    in one line of their own."""
    asks = activities.loc[activities["support_needed"].notna()]
    asks = asks.assign(agency=asks["support_from"].fillna(label("unspecified_agency", lang)))
    proposals = matrix.loc[(matrix["responsible_level"] == "kabupaten")
                           & ~matrix["status"].isin(CLOSED_STATUSES)] if not matrix.empty else matrix
    proposals = proposals.assign(agency=proposals["responsible_agency"].fillna(
        label("unspecified_agency", lang))) if not proposals.empty else proposals
    agencies = sorted({*asks["agency"], *(proposals["agency"] if not proposals.empty else [])})
    lines = []
    for agency in agencies:
        mine = asks.loc[asks["agency"] == agency]
        rows = proposals.loc[proposals["agency"] == agency] if not proposals.empty else proposals
        parts = []
        if len(mine):
            parts.append(f"{counted(len(mine), 'request', lang)} "
                         f"({', '.join(sorted(mine['desa'].unique()))})")
        if len(rows):
            parts.append(counted(len(rows), "proposal", lang))
        lines.append({"agency": agency, "text": "; ".join(parts), "weight": len(mine) + len(rows)})
    lines.sort(key=lambda line: -line["weight"])
    own = [line for line in lines if is_village_party(line["agency"])]
    lines = [line for line in lines if not is_village_party(line["agency"])]
    more = len(lines) - PAGE_ONE_AGENCIES
    village_level = ", ".join(f"{line['agency']} ({line['weight']})" for line in own)
    return {"lines": lines[:PAGE_ONE_AGENCIES],
            "more": label("more_agencies", lang, count=more) if more > 0 else "",
            "village_level": label("asks_village_level", lang, parties=village_level) if own else ""}


def support_groups(activities: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """Support the villages ask for, grouped by the party they ask it of."""
    asks = activities.loc[activities["support_needed"].notna()]
    groups = []
    agencies = asks["support_from"].fillna(label("unspecified_agency", lang))
    for agency in sorted(agencies.unique()):
        members = asks.loc[agencies == agency].sort_values(["desa", "activity_code"])
        groups.append({"agency": agency, "entries": [
            {"desa": r.desa, "activity": r.activity_name, "text": _quote(r.support_needed)}
            for r in members.itertuples(index=False)]})
    return groups


def lesson_items(activities: pd.DataFrame) -> list[dict[str, str]]:
    rows = activities.loc[activities["lesson"].notna()].sort_values(["desa", "activity_code"])
    return [{"desa": r.desa, "activity": r.activity_name, "text": _quote(r.lesson)}
            for r in rows.itertuples(index=False)]


def matrix_rows(matrix: pd.DataFrame, lang: str, round_labels: dict[str, str]
                ) -> list[dict[str, str]]:
    rows = []
    for r in matrix.itertuples(index=False):
        origin = origin_text(r.origin, r.origin_round, r.age_rounds, lang, round_labels)
        rows.append({
            "no": r.rec_id, "issue": r.issue, "villages": r.villages or "–",
            "recommendation": r.recommendation,
            "level": _vocab("responsible_level", r.responsible_level, lang),
            "agency": r.responsible_agency or "–", "due": fmt.month(r.due, lang),
            "status_key": r.status, "status": _vocab("follow_up_status", r.status, lang),
            "notes": r.notes or "", "origin": origin,
        })
    return rows


def _breakable(name: object) -> str:
    """File and column names may wrap after `_` and before `.` rather than mid-word."""
    text = "" if name is None or name != name else str(name)
    return text.replace("_", "_\u200b").replace(".", "\u200b.")


def problem_rows(problems: pd.DataFrame, lang: str, limit: int) -> tuple[list[dict[str, str]], int]:
    message_column = "message_id" if lang == "id" else "message_en"
    shown = problems.head(limit)
    rows = [{"file": _breakable(r.source_file), "sheet": r.source_sheet or "–",
             "row": str(r.source_row), "column": _breakable(r.column) or "–", "value": _quote(r.value),
             "message": getattr(r, message_column), "suggestion": _quote(r.suggestion)}
            for r in shown.itertuples(index=False)]
    return rows, max(0, len(problems) - limit)


def _forum(kabupaten_code: str, lang: str) -> str:
    return label("forum_sbt" if kabupaten_code.startswith("81") else "forum_sbd", lang)


def _charts(lang: str, specs: list[charts.ChartSpec]) -> dict[str, object]:
    return {"charts": charts.chart_views(specs, lang), "chart_specs": specs}


def _rounds_so_far(ctx: BriefContext, status_history: pd.DataFrame) -> list[str]:
    return sorted({*status_history["round_id"], ctx.round.round_id})


def kecamatan_brief(ctx: BriefContext, kabupaten: str, kecamatan: str, summary: dict[str, object],
                    villages: list[str], clean: dict[str, pd.DataFrame], matrix: pd.DataFrame,
                    quarantine: pd.DataFrame, warnings: pd.DataFrame,
                    round_labels: dict[str, str], tracking: pd.DataFrame,
                    status_history: pd.DataFrame) -> dict[str, object]:
    """`status_history`: this kecamatan's activity counts by round and status (charts)."""
    lang = ctx.lang
    place = lambda f: f.loc[(f["kabupaten"] == kabupaten) & (f["kecamatan"] == kecamatan)]  # noqa: E731
    activities = place(clean["activities"])
    rounds = _rounds_so_far(ctx, status_history)
    specs = [
        charts.status_by_place(activities, villages, "desa", lang, "chart_status_village"),
        charts.status_across_rounds(status_history, rounds,
                                    {r: fmt.short_month(r, lang) for r in rounds}, lang),
        charts.people_by_sex(summary, lang),
        charts.budget_by_place(activities, villages, "desa", lang, "chart_budget_village"),
    ]
    quarantine_rows, quarantine_more = problem_rows(quarantine, lang, QUARANTINE_ROWS_SHOWN)
    warning_rows, warning_more = problem_rows(warnings, lang, WARNING_ROWS_SHOWN)
    sections, missing = village_sections(villages, activities, lang)
    constraints = constraint_groups(activities, lang)
    return {
        "lang": lang, "t": labels(lang), "kind": "kecamatan",
        "title": f"{label('brief_kecamatan', lang)}: {label('kecamatan', lang)} {kecamatan}",
        "kabupaten": kabupaten, "kecamatan": kecamatan,
        "round_label": ctx.round.label(lang), "round_id": ctx.round.round_id,
        "data_date": fmt.long_date(ctx.data_date, lang),
        "data_date_iso": ctx.data_date.isoformat() if ctx.data_date else "",
        "meetings": meeting_lines(place(clean["meetings"]), lang),
        "figures": key_figures(summary, lang), "status_bar": status_bar(summary, lang),
        "running": running_by_village(sections),
        "progress": progress_since(tracking, ctx.round.previous is not None, lang),
        "villages": sections, "not_reported": missing,
        "constraints": constraints,
        "constraint_headlines": constraint_headlines(constraints, lang),
        "asks": asks_headlines(activities, matrix, lang),
        "support": support_groups(activities, lang), "lessons": lesson_items(activities),
        "matrix": matrix_rows(matrix, lang, round_labels),
        **_charts(lang, specs),
        "quarantine": quarantine_rows, "quarantine_more": quarantine_more,
        "quarantine_more_text": label("more_rows", lang, count=quarantine_more),
        "warnings": warning_rows, "warnings_more": warning_more,
        "warnings_more_text": label("more_warnings", lang, count=warning_more),
    }


def _progress_entry(r: object, lang: str) -> dict[str, str]:
    before, now = r.realization_pct_previous, r.realization_pct
    return {
        "desa": r.desa, "activity": r.activity_name, "code": r.activity_code,
        "path": " → ".join(_vocab("activity_status", s, lang) for s in r.status_path.split(" → ")),
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
    rows = []
    for r in summaries.to_dict("records"):
        total = r["activities_total"] or 0
        share = lambda c: fmt.percent(round(100 * r[c] / total, 1) if total else None, lang)  # noqa: E731, B023
        rows.append({
            "name": r.get("kecamatan") or label("kabupaten_total", lang),
            "reporting": f"{fmt.number(r['villages_reported'], lang)}/"
                         f"{fmt.number(r['villages_target'], lang)} "
                         f"({fmt.percent(r['reporting_rate_pct'], lang)})",
            "activities": fmt.number(total, lang),
            "running": share("activities_running"), "completed": share("activities_completed"),
            "stalled": share("activities_stalled"),
            "budget": fmt.percent(r["budget_realization_pct"], lang),
            "participants": "–" if not r["meetings"] else
                            f"{fmt.number(r['meeting_participants_male'], lang)} / "
                            f"{fmt.number(r['meeting_participants_female'], lang)} / "
                            f"{fmt.number(r['meeting_participants_total'], lang)}",
            "quarantined": fmt.number(r["rows_quarantined"], lang),
        })
    return rows


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
        "status_key": r.status, "status": _vocab("follow_up_status", r.status, lang),
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
            "status": _vocab("follow_up_status", r.status, lang), "status_key": r.status,
        } for r in members.itertuples(index=False)]})
    return groups


def kabupaten_brief(ctx: BriefContext, kabupaten: str, kabupaten_code: str,
                    summary: dict[str, object], kecamatan_summaries: pd.DataFrame,
                    clean: dict[str, pd.DataFrame], matrices: pd.DataFrame,
                    quarantine: pd.DataFrame, warnings: pd.DataFrame,
                    earlier_recommendations: pd.DataFrame, round_ids: list[str],
                    round_labels: dict[str, str], status_history: pd.DataFrame) -> dict[str, object]:
    lang = ctx.lang
    activities = clean["activities"].loc[clean["activities"]["kabupaten"] == kabupaten]
    rounds = _rounds_so_far(ctx, status_history)
    places = list(kecamatan_summaries["kecamatan"])
    specs = [
        charts.status_by_place(activities, places, "kecamatan", lang, "chart_status_kecamatan"),
        charts.status_across_rounds(status_history, rounds,
                                    {r: fmt.short_month(r, lang) for r in rounds}, lang),
        charts.people_by_sex(summary, lang),
        charts.budget_by_place(activities, places, "kecamatan", lang, "chart_budget_kecamatan"),
    ]
    quarantine_rows, quarantine_more = problem_rows(quarantine, lang, QUARANTINE_ROWS_SHOWN)
    warning_rows, warning_more = problem_rows(warnings, lang, WARNING_ROWS_SHOWN)
    return {
        "lang": lang, "t": labels(lang), "kind": "kabupaten",
        "title": f"{label('brief_kabupaten', lang)}: {label('kabupaten', lang)} {kabupaten}",
        "kabupaten": kabupaten, "kecamatan": "", "forum": _forum(kabupaten_code, lang),
        "round_label": ctx.round.label(lang), "round_id": ctx.round.round_id,
        "data_date": fmt.long_date(ctx.data_date, lang),
        "data_date_iso": ctx.data_date.isoformat() if ctx.data_date else "",
        "figures": key_figures(summary, lang), "status_bar": status_bar(summary, lang),
        "comparison": comparison_rows(kecamatan_summaries, lang),
        "comparison_total": comparison_rows(pd.DataFrame([summary]), lang)[0],
        "constraints": constraint_groups(activities, lang),
        "proposals": kabupaten_proposals(matrices, lang),
        "follow_ups": follow_up_rows(earlier_recommendations, ctx.round.round_id, round_ids,
                                     round_labels, lang),
        "lessons": lesson_items(activities),
        **_charts(lang, specs),
        "quarantine": quarantine_rows, "quarantine_more": quarantine_more,
        "quarantine_more_text": label("more_rows", lang, count=quarantine_more),
        "warnings": warning_rows, "warnings_more": warning_more,
        "warnings_more_text": label("more_warnings", lang, count=warning_more),
    }
