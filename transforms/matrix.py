"""The follow-up recommendation matrix of one kecamatan for one round.

Rows, in order: the recommendations agreed at this round's meeting (when staff have dropped the
filled matrix into the round's raw folder), then every earlier recommendation still open (latest
status), then — when nothing was agreed yet — proposals drafted from this round's constraints with
the rules table `data/reference/recommendation_rules.csv`.
"""

from __future__ import annotations

import pandas as pd

from transforms.catalog import counted, label
from transforms.contract import RECOMMENDATIONS, VOCABULARIES

MATRIX_COLUMNS: tuple[str, ...] = ("kabupaten", "kecamatan", *(
    f.name for f in RECOMMENDATIONS.fields if f.name not in ("kabupaten", "kecamatan")
), "origin_round", "origin", "age_rounds")
CLOSED_STATUSES = ("selesai", "tidak_ditindaklanjuti")
RULE_COLUMNS = ("constraint_category", "responsible_level", "usual_agency", "issue_id", "issue_en",
                "recommendation_id", "recommendation_en")


def _place(frame: pd.DataFrame, kabupaten: str, kecamatan: str) -> pd.DataFrame:
    return frame.loc[(frame["kabupaten"] == kabupaten) & (frame["kecamatan"] == kecamatan)]


def latest_recommendations(history: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The last known version of every recommendation, with the round it was first agreed."""
    parts = []
    for round_id, frame in sorted(history.items()):
        if not frame.empty:
            parts.append(frame.assign(round_id=round_id))
    if not parts:
        return pd.DataFrame(columns=[*RECOMMENDATIONS.columns, "round_id", "origin_round"])
    allrecs = pd.concat(parts, ignore_index=True)
    key = ["kabupaten", "kecamatan", "rec_id"]
    first = allrecs.groupby(key, sort=False)["round_id"].min().rename("origin_round")
    latest = allrecs.drop_duplicates(subset=key, keep="last")
    return latest.merge(first, left_on=key, right_index=True)


def _next_id(used: set[str]) -> str:
    numbers = [int(u) for u in used if u.isdigit()]
    return str(max(numbers, default=0) + 1)


def _drafts(activities: pd.DataFrame, rules: pd.DataFrame, used_ids: set[str], lang: str,
            kabupaten: str, kecamatan: str) -> list[dict[str, object]]:
    with_constraint = activities.dropna(subset=["constraint_category"])
    rows = []
    rule_by_category = {r.constraint_category: r for r in rules.itertuples(index=False)}
    counts = with_constraint.groupby("constraint_category").agg(
        activities=("activity_code", "size"), villages=("desa", "nunique"))
    ordered = counts.sort_values(["activities", "villages"], ascending=False)
    for category, stats in ordered.iterrows():
        rule = rule_by_category.get(category) or rule_by_category.get("lainnya")
        if rule is None:
            continue
        group = with_constraint.loc[with_constraint["constraint_category"] == category]
        agencies = group["support_from"].dropna()
        agency = agencies.mode().sort_values().iloc[0] if not agencies.empty else rule.usual_agency
        rec_id = _next_id(used_ids)
        used_ids.add(rec_id)
        category_label = VOCABULARIES["constraint_category"].label(str(category), lang).lower()
        rows.append({
            "kabupaten": kabupaten, "kecamatan": kecamatan, "rec_id": rec_id,
            "issue": rule.issue_id if lang == "id" else rule.issue_en,
            "villages": "; ".join(sorted(group["desa"].unique())),
            "recommendation": rule.recommendation_id if lang == "id" else rule.recommendation_en,
            "responsible_level": rule.responsible_level, "responsible_agency": agency,
            "due": None, "status": "baru",
            "notes": label("draft_note", lang, activities=int(stats["activities"]),
                           villages=int(stats["villages"]), category=category_label),
            "origin": "draft",
        })
    return rows


def rounds_between(origin_round: str, round_id: str, round_ids: list[str]) -> int:
    """How many monitoring rounds ago a recommendation was first agreed (0 = this round)."""
    position = {r: i for i, r in enumerate(sorted(round_ids))}
    return max(position.get(round_id, 0) - position.get(origin_round, 0), 0)


def origin_text(origin: str, origin_round: str, age_rounds: int, lang: str,
                round_labels: dict[str, str]) -> str:
    """Where a matrix row comes from, as the meeting reads it: `Dibawa dari … (2 putaran)`."""
    if origin == "agreed":
        return label("origin_agreed", lang)
    if origin == "draft":
        return label("origin_draft", lang)
    return label("origin_carried", lang, round=round_labels.get(origin_round, origin_round),
                 age=counted(age_rounds, "round", lang))


def build_matrix(kabupaten: str, kecamatan: str, round_id: str, this_round: pd.DataFrame,
                 earlier: pd.DataFrame, activities: pd.DataFrame, rules: pd.DataFrame,
                 lang: str, round_ids: list[str] | None = None) -> pd.DataFrame:
    """Matrix rows for one kecamatan (see the module docstring for their order); `age_rounds`
    counts the rounds since each row was first agreed, over `round_ids` (default: as seen)."""
    carried = _place(earlier, kabupaten, kecamatan)
    # A row agreed again under an earlier id keeps the round it was first agreed in.
    first_agreed = dict(zip(carried["rec_id"], carried["origin_round"], strict=True))
    agreed = _place(this_round, kabupaten, kecamatan).assign(origin="agreed", origin_round=round_id)
    again = agreed["rec_id"].isin(list(first_agreed))
    agreed.loc[again, "origin"] = "carried"
    agreed.loc[again, "origin_round"] = agreed.loc[again, "rec_id"].map(first_agreed)
    carried = carried.loc[~carried["status"].isin(CLOSED_STATUSES)
                          & ~carried["rec_id"].isin(agreed["rec_id"])].assign(origin="carried")
    rows = [*agreed.to_dict("records"), *carried.to_dict("records")]
    if agreed.empty:  # ids stay unique against every earlier one, closed ones included
        used = {str(r) for r in _place(earlier, kabupaten, kecamatan)["rec_id"]}
        drafts = _drafts(_place(activities, kabupaten, kecamatan), rules, used, lang,
                         kabupaten, kecamatan)
        rows += [{**d, "origin_round": round_id} for d in drafts]
    known = sorted({round_id, *(str(r["origin_round"]) for r in rows), *(round_ids or [])})
    rows = [{**r, "age_rounds": rounds_between(str(r["origin_round"]), round_id, known)} for r in rows]
    frame = pd.DataFrame.from_records(rows, columns=list(MATRIX_COLUMNS))
    return frame.astype(object).where(frame.notna(), None)
