"""The sections of a brief, each from the rows it shows: key figures, status bar, villages,
constraints, support asked, lessons, the matrix, the data-quality annex."""

from __future__ import annotations

import re

import pandas as pd

from transforms.contract.labels import counted, label
from transforms.contract.outputs import STATUS_COLUMNS
from transforms.contract.tables import VOCABULARIES
from transforms.derive.matrix import CLOSED_STATUSES, origin_text
from transforms.present import formatting as fmt

STATUS_ORDER = tuple(STATUS_COLUMNS)


QUOTE_LENGTH = 220


def vocab_label(name: str, value: object, lang: str) -> str:
    return "–" if value is None or value != value else VOCABULARIES[name].label(str(value), lang)


def _quote(text: object) -> str:
    value = "" if text is None or text != text else str(text).strip()
    return value if len(value) <= QUOTE_LENGTH else value[: QUOTE_LENGTH - 1].rstrip() + "…"


# A village's own words are printed inside the brief's “…”; a note typed already in quotes
# (pasted from WhatsApp or Word) would show them twice. Only one enclosing pair is dropped.
ENCLOSING_QUOTES = {'"': '"', "“": "”", "”": "”", "'": "'", "‘": "’", "«": "»", "„": "“"}


def _spoken(text: object) -> str:
    """A village's words for the brief's quotation marks: `_quote` without a pair that encloses
    the whole text."""
    value = "" if text is None or text != text else str(text).strip()
    close = ENCLOSING_QUOTES.get(value[:1])
    if close and len(value) > 2 and value.endswith(close) and close not in value[1:-1]:
        value = value[1:-1].strip()
    return _quote(value)


def _sum(summary: dict[str, object], *keys: str) -> int | None:
    """The sum of the figures that were reported; None when none was (not 0: contract §4)."""
    present = [int(summary[k]) for k in keys if not fmt.blank(summary[k])]
    return sum(present) if present else None


def key_figures(summary: dict[str, object], lang: str) -> list[dict[str, str]]:
    """The key-figures panel: label, main value, detail. A sum or mean nothing was reported for
    says so ("tidak dilaporkan") where the reader would otherwise read a number."""
    nr = label("figure_not_reported", lang)
    n = lambda key: fmt.number(summary[key], lang, nr)  # noqa: E731
    male, female = label("male_short", lang), label("female_short", lang)
    # When nothing at all was reported the value says so once; the detail is left empty.
    no_budget = fmt.blank(summary["budget_planned"]) and fmt.blank(summary["budget_realized"])
    people = _sum(summary, "beneficiaries_male", "beneficiaries_female")
    meetings = counted(int(summary["meetings"] or 0), "meeting", lang)
    return [
        {"label": label("villages_reporting", lang),
         "value": f"{n('villages_reported')} {label('of_target', lang)} {n('villages_target')}",
         "detail": fmt.percent(summary["reporting_rate_pct"], lang)},
        {"label": label("activities", lang), "value": n("activities_total"),
         "detail": " · ".join(f"{vocab_label('activity_status', s, lang)} {n(c)}"
                              for s, c in STATUS_COLUMNS.items())},
        {"label": label("budget_realization", lang),
         "value": fmt.percent(summary["budget_realization_pct"], lang, nr),
         "detail": "" if no_budget else f"{fmt.rupiah(summary['budget_realized'], lang, nr)} / "
                                        f"{fmt.rupiah(summary['budget_planned'], lang, nr)}"},
        {"label": label("mean_progress", lang),
         "value": fmt.percent(summary["mean_progress_pct"], lang, nr), "detail": ""},
        {"label": label("beneficiaries", lang), "value": fmt.number(people, lang, nr),
         "detail": "" if people is None else
                   f"{male} {n('beneficiaries_male')} · {female} {n('beneficiaries_female')}"},
        {"label": label("participants", lang), "value": n("meeting_participants_total"),
         "detail": meetings if fmt.blank(summary["meeting_participants_total"]) else
                   f"{male} {n('meeting_participants_male')} · {female} "
                   f"{n('meeting_participants_female')} · {meetings}"},
    ]


def status_bar(summary: dict[str, object], lang: str) -> list[dict[str, object]]:
    total = int(summary["activities_total"] or 0)
    bar = []
    for status, column in STATUS_COLUMNS.items():
        count = int(summary[column] or 0)
        share = 100 * count / total if total else 0
        bar.append({"key": status, "label": vocab_label("activity_status", status, lang), "count": count,
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
            "sector": vocab_label("sector", r.sector, lang),
            "funding": vocab_label("funding_source", r.funding_source, lang),
            "status_key": r.status, "status": vocab_label("activity_status", r.status, lang),
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
            "category": vocab_label("constraint_category", category, lang),
            "counts": f"{counted(int(row['n']), 'activity', lang)} "
                      f"({counted(stalled, 'stalled', lang)}), {counted(int(row['v']), 'village', lang)}",
            "kecamatan": ", ".join(f"{kec} ({count})" for kec, count in where.items()),
            "quotes": [{"desa": r.desa, "activity": r.activity_name, "status_key": r.status,
                        "status": vocab_label("activity_status", r.status, lang),
                        "text": _spoken(r.constraint)} for r in members.itertuples(index=False)],
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
            {"desa": r.desa, "activity": r.activity_name, "text": _spoken(r.support_needed)}
            for r in members.itertuples(index=False)]})
    return groups


def lesson_items(activities: pd.DataFrame) -> list[dict[str, str]]:
    rows = activities.loc[activities["lesson"].notna()].sort_values(["desa", "activity_code"])
    return [{"desa": r.desa, "activity": r.activity_name, "text": _spoken(r.lesson)}
            for r in rows.itertuples(index=False)]


def matrix_rows(matrix: pd.DataFrame, lang: str, round_labels: dict[str, str]
                ) -> list[dict[str, str]]:
    rows = []
    for r in matrix.itertuples(index=False):
        origin = origin_text(r.origin, r.origin_round, r.age_rounds, lang, round_labels)
        rows.append({
            "no": r.rec_id, "issue": r.issue, "villages": r.villages or "–",
            "recommendation": r.recommendation,
            "level": vocab_label("responsible_level", r.responsible_level, lang),
            "agency": r.responsible_agency or "–", "due": fmt.month(r.due, lang),
            "status_key": r.status, "status": vocab_label("follow_up_status", r.status, lang),
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
