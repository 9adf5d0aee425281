"""The follow-up recommendation matrix of each kecamatan for one round.

Rows, in order: the recommendations agreed at this round's meeting (when staff have dropped the
filled matrix into the round's raw folder), then every earlier recommendation still open (latest
status), then — when nothing was agreed yet — proposals drafted from this round's constraints with
the rules table `data/reference/recommendation_rules.csv`.

All kecamatan are built at once (national scale: thousands of them), from one pass over each
input: the rows are tagged with their kecamatan's position, ordered, and only then split.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from transforms.contract.labels import counted, label
from transforms.contract.outputs import MATRIX
from transforms.contract.places import KECAMATAN_KEY
from transforms.contract.tables import RECOMMENDATIONS, VOCABULARIES

PLACE = KECAMATAN_KEY
REC_KEY = [*PLACE, "rec_id"]
MATRIX_COLUMNS = MATRIX.names
CLOSED_STATUSES = ("selesai", "tidak_ditindaklanjuti")
RULE_COLUMNS = ("constraint_category", "responsible_level", "usual_agency", "issue_id", "issue_en",
                "recommendation_id", "recommendation_en")


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


def _keys(frame: pd.DataFrame, columns: list[str]) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame[c].to_numpy(dtype=object) for c in columns], names=columns)


def _place_codes(frame: pd.DataFrame, places: pd.MultiIndex) -> np.ndarray:
    """Each row's position in the list of kecamatan, -1 outside it."""
    if frame.empty:
        return np.zeros(0, dtype=np.intp)
    return places.get_indexer(_keys(frame, PLACE))


def _agreed(this_round: pd.DataFrame, earlier: pd.DataFrame, round_id: str,
            places: pd.MultiIndex) -> pd.DataFrame:
    """This round's rows; one agreed again under an earlier id keeps the round it was first agreed in."""
    codes = _place_codes(this_round, places)
    agreed = this_round.loc[codes >= 0].assign(_place=codes[codes >= 0], origin="agreed",
                                               origin_round=round_id)
    known = earlier.drop_duplicates(subset=REC_KEY, keep="last")  # as a dict of the ids would be
    position = _keys(known, REC_KEY).get_indexer(_keys(agreed, REC_KEY)) if len(agreed) \
        else np.zeros(0, dtype=np.intp)
    again = position >= 0
    agreed.loc[again, "origin"] = "carried"
    agreed.loc[again, "origin_round"] = known["origin_round"].to_numpy(dtype=object)[position[again]]
    return agreed


def _carried(earlier: pd.DataFrame, this_round: pd.DataFrame, places: pd.MultiIndex) -> pd.DataFrame:
    """Earlier rows still open and not agreed again this round."""
    codes = _place_codes(earlier, places)
    again = _keys(earlier, REC_KEY).isin(_keys(this_round, REC_KEY)) if len(this_round) and len(earlier) \
        else np.zeros(len(earlier), dtype=bool)
    keep = (codes >= 0) & ~earlier["status"].isin(CLOSED_STATUSES).to_numpy() & ~again
    return earlier.loc[keep].assign(_place=codes[keep], origin="carried")


def _constraint_counts(constrained: pd.DataFrame) -> pd.DataFrame:
    """Per kecamatan and constraint category, biggest first (ties: category order)."""
    counts = constrained.groupby(["_place", "constraint_category"]).agg(
        activities=("activity_code", "size"), villages=("desa", "nunique")).reset_index()
    return counts.sort_values(["_place", "activities", "villages"], ascending=[True, False, False])


def _with_rules(counts: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """The rule of each category (the last one listed), else the `lainnya` rule; none: no draft."""
    by_category = rules.drop_duplicates(subset="constraint_category", keep="last").set_index(
        "constraint_category")
    rule = counts["constraint_category"].where(counts["constraint_category"].isin(by_category.index),
                                               "lainnya")
    counts = counts.assign(_rule=rule.to_numpy(dtype=object)).loc[rule.isin(by_category.index)]
    return counts.join(by_category, on="_rule")


def _main_agency(constrained: pd.DataFrame) -> pd.Series:
    """The agency most asked for support per (kecamatan, category); ties: the first by name."""
    asked = constrained.dropna(subset=["support_from"]).groupby(
        ["_place", "constraint_category", "support_from"]).size().rename("n").reset_index()
    asked = asked.sort_values(["_place", "constraint_category", "n", "support_from"],
                              ascending=[True, True, False, True])
    return asked.drop_duplicates(subset=["_place", "constraint_category"]).set_index(
        ["_place", "constraint_category"])["support_from"]


def _village_lists(constrained: pd.DataFrame) -> pd.Series:
    """`Desa A; Desa B` (sorted, distinct) per (kecamatan, category), joined without a loop."""
    villages = constrained.drop_duplicates(subset=["_place", "constraint_category", "desa"]).sort_values(
        ["_place", "constraint_category", "desa"])
    group = ["_place", "constraint_category"]
    starts = ~villages.duplicated(subset=group).to_numpy()
    pieces = villages["desa"].to_numpy(dtype=object).copy()
    pieces[~starts] = "; " + pieces[~starts]
    joined = np.add.reduceat(pieces, np.flatnonzero(starts)) if len(pieces) else pieces
    return pd.Series(joined, index=pd.MultiIndex.from_frame(villages.loc[starts, group]))


def _draft_ids(earlier: pd.DataFrame, drafts: pd.DataFrame, places: pd.MultiIndex) -> np.ndarray:
    """Numbers after the highest numeric id of the kecamatan, closed rows included."""
    ids = earlier["rec_id"].astype(str)
    numeric = ids.str.isdigit().fillna(False).to_numpy(dtype=bool)
    highest = pd.Series(ids[numeric].map(int).to_numpy(),
                        index=_place_codes(earlier, places)[numeric]).groupby(level=0).max()
    base = highest.reindex(drafts["_place"].to_numpy(), fill_value=0).to_numpy()
    return (base + drafts.groupby("_place").cumcount().to_numpy() + 1).astype(str)


def _notes(drafts: pd.DataFrame, lang: str) -> np.ndarray:
    """The draft note per row, formatted once per distinct (activities, villages, category)."""
    fields = drafts[["activities", "villages", "constraint_category"]]
    texts = {(a, v, c): label("draft_note", lang, activities=int(a), villages=int(v),
                              category=VOCABULARIES["constraint_category"].label(str(c), lang).lower())
             for a, v, c in fields.drop_duplicates().itertuples(index=False, name=None)}
    return np.array([texts[k] for k in fields.itertuples(index=False, name=None)], dtype=object)


def _drafts(activities: pd.DataFrame, rules: pd.DataFrame, earlier: pd.DataFrame, agreed: pd.DataFrame,
            places: pd.MultiIndex, round_id: str, lang: str) -> pd.DataFrame:
    """Proposals from this round's constraints, for the kecamatan where nothing was agreed."""
    codes = _place_codes(activities, places)
    wanted = (codes >= 0) & ~np.isin(codes, agreed["_place"].to_numpy()) \
        & activities["constraint_category"].notna().to_numpy()
    if not wanted.any() or "constraint_category" not in rules.columns:
        return pd.DataFrame(columns=[*MATRIX_COLUMNS, "_place"])
    constrained = activities.loc[wanted].assign(_place=codes[wanted])
    drafts = _with_rules(_constraint_counts(constrained), rules)
    at = pd.MultiIndex.from_frame(drafts[["_place", "constraint_category"]])
    english, place = lang != "id", drafts["_place"].to_numpy()
    return pd.DataFrame({
        "_place": place,
        "kabupaten": places.get_level_values(0).to_numpy(dtype=object)[place],
        "kecamatan": places.get_level_values(1).to_numpy(dtype=object)[place],
        "rec_id": _draft_ids(earlier, drafts, places),
        "issue": drafts["issue_en" if english else "issue_id"].to_numpy(dtype=object),
        "villages": _village_lists(constrained).reindex(at).to_numpy(dtype=object),
        "recommendation": drafts["recommendation_en" if english else "recommendation_id"].to_numpy(
            dtype=object),
        "responsible_level": drafts["responsible_level"].to_numpy(dtype=object),
        "responsible_agency": _main_agency(constrained).reindex(at).to_numpy(dtype=object),
        "due": None, "status": "baru", "notes": _notes(drafts, lang), "origin": "draft",
        "origin_round": round_id,
    }).assign(responsible_agency=lambda d: d["responsible_agency"].where(
        d["responsible_agency"].notna(), drafts["usual_agency"].to_numpy(dtype=object)))


def _ages(rows: pd.DataFrame, round_id: str, round_ids: list[str] | None) -> np.ndarray:
    """`rounds_between` per row, over the rounds known to its kecamatan: `round_ids`, this round
    and the origin rounds of the kecamatan's rows."""
    known = np.array(sorted({round_id, *(round_ids or [])}), dtype=object)
    origin = rows["origin_round"].astype(str).to_numpy(dtype=object)
    end = np.searchsorted(known, round_id)
    ages = np.maximum(end - np.searchsorted(known, origin), 0)
    # an origin round outside `round_ids` counts in its own kecamatan only
    extra = pd.DataFrame({"_place": rows["_place"].to_numpy(), "extra": origin}).loc[
        ~np.isin(origin, known)].drop_duplicates()
    if extra.empty:
        return ages
    pairs = pd.DataFrame({"_row": np.arange(len(rows)), "_place": rows["_place"].to_numpy(),
                          "origin": origin}).merge(extra, on="_place")
    between = pairs.loc[(pairs["extra"] >= pairs["origin"]) & (pairs["extra"] < round_id), "_row"]
    return ages + np.bincount(between.to_numpy(dtype=np.intp), minlength=len(rows))


def _split(rows: pd.DataFrame, places: list[tuple[str, str]]) -> dict[tuple[str, str], pd.DataFrame]:
    """One frame per kecamatan, as `from_records(...).astype(object)` with None for missing."""
    cells = rows[list(MATRIX_COLUMNS)].astype(object).to_numpy(dtype=object)
    cells[pd.isna(cells)] = None
    bounds = np.searchsorted(rows["_place"].to_numpy(), np.arange(len(places) + 1))
    columns = pd.Index(list(MATRIX_COLUMNS))  # built once: a new one per frame is most of the cost
    return {place: pd.DataFrame(cells[start:end], columns=columns, dtype=object)
            for place, (start, end) in zip(places, pairwise(bounds), strict=True)}


def build_matrices(places: list[tuple[str, str]], round_id: str, this_round: pd.DataFrame,
                   earlier: pd.DataFrame, activities: pd.DataFrame, rules: pd.DataFrame, lang: str,
                   round_ids: list[str] | None = None) -> dict[tuple[str, str], pd.DataFrame]:
    """Matrix rows of each kecamatan of `places` (see the module docstring for their order);
    `age_rounds` counts the rounds since each row was first agreed, over `round_ids` (default:
    as seen in the kecamatan). `earlier` is `latest_recommendations` of the earlier rounds."""
    if not places:
        return {}
    index = pd.MultiIndex.from_tuples(places, names=PLACE)
    agreed = _agreed(this_round, earlier, round_id, index)
    parts = [agreed, _carried(earlier, this_round, index),
             _drafts(activities, rules, earlier, agreed, index, round_id, lang)]
    rows = pd.concat([p.assign(_part=n, _order=np.arange(len(p))) for n, p in enumerate(parts) if len(p)],
                     ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=[*MATRIX_COLUMNS, "_place", "_part", "_order"])
    rows = rows.sort_values(["_place", "_part", "_order"], kind="stable").reset_index(drop=True)
    rows["age_rounds"] = _ages(rows, round_id, round_ids) if len(rows) else []
    return _split(rows, places)


def build_matrix(kabupaten: str, kecamatan: str, round_id: str, this_round: pd.DataFrame,
                 earlier: pd.DataFrame, activities: pd.DataFrame, rules: pd.DataFrame,
                 lang: str, round_ids: list[str] | None = None) -> pd.DataFrame:
    """The matrix of one kecamatan (`build_matrices` for many at once)."""
    return build_matrices([(kabupaten, kecamatan)], round_id, this_round, earlier, activities, rules,
                          lang, round_ids)[(kabupaten, kecamatan)]
