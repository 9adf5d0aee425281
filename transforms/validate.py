"""Row validation: parse values, resolve names, apply the contract's row rules, split the rows
into clean tables and quarantine, and list the warnings.

Column rules (required, vocabulary, range) are evaluated by Great Expectations in the flow; their
failing row ids come back into `finish_round` as `rule_failures`. Every input row ends in exactly
one of: a clean table, quarantine, or (an exact duplicate of a clean row) a warning.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

import numpy as np
import pandas as pd

from transforms.catalog import message
from transforms.contract import (
    PROBLEM_COLUMNS,
    SOURCE_COLUMNS,
    TABLES,
    Field,
    Kind,
    Table,
)
from transforms.expectations import ROW_ID, ColumnRule, failing_rows, rules_for
from transforms.ingest import Notice
from transforms.names import Gazetteer, Resolution
from transforms.parsing import (
    ParseError,
    blank_mask,
    distinct_values,
    is_blank,
    parse_code,
    parse_count,
    parse_date,
    parse_due,
    parse_percent,
    parse_rupiah,
    parse_text,
    parse_vocab,
    split_names,
)
from transforms.reference import RoundInfo

PLACE_KINDS = (Kind.KABUPATEN, Kind.KECAMATAN, Kind.DESA)


@dataclass
class Problem:
    table: str
    row: int  # ROW_ID in that table's raw frame; -1 for a problem with no input row
    column: str  # canonical field name ("" when the row as a whole is concerned)
    code: str
    value: str = ""
    suggestion: str = ""
    details: dict[str, str] = field(default_factory=dict)  # {expected}, {parent}, {other_rows}


@dataclass
class ParsedRound:
    round: RoundInfo
    raw: dict[str, pd.DataFrame]
    typed: dict[str, pd.DataFrame]
    errors: list[Problem]
    warnings: list[Problem]


@dataclass
class CleanRound:
    round: RoundInfo
    clean: dict[str, pd.DataFrame]
    quarantine: pd.DataFrame
    warnings: pd.DataFrame
    duplicates_dropped: int  # exact duplicate rows kept once


def display_value(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_PARSERS: dict[Kind, Callable[[object], object]] = {
    Kind.DATE: parse_date,
    Kind.DUE: parse_due,
    Kind.INT: parse_count,
    Kind.RUPIAH: parse_rupiah,
    Kind.PERCENT: parse_percent,
    Kind.TEXT: parse_text,
    Kind.CODE: parse_code,
}


def _parser(f: Field) -> Callable[[object], object]:
    if f.kind == Kind.VOCAB:
        def parser(v: object) -> object:
            return parse_vocab(v, f.vocab or "")
        return parser
    return _PARSERS[f.kind]


def _parse_one(parser: Callable[[object], object], value: object) -> object:
    try:
        return parser(value)
    except ParseError as error:
        return error


def _parse_column(table: Table, f: Field, raw: pd.DataFrame) -> tuple[pd.Series, list[Problem]]:
    """Parse one column: the parser runs once per distinct raw value, mapped back to the rows."""
    values = raw[f.name].to_numpy(dtype=object)
    if f.default is not None:
        values = np.where(blank_mask(values), f.default, values)
    codes, distinct = distinct_values(values)
    na_rows = np.flatnonzero(codes < 0)
    if len(na_rows):  # every NA value parses alike; it goes last, where code -1 points
        distinct.append(values[na_rows[0]])
    parser = _parser(f)
    results = [_parse_one(parser, v) for v in distinct]
    failed = np.fromiter((isinstance(r, ParseError) for r in results), dtype=bool, count=len(results))
    typed = _typed_series(f, [None if bad else r for r, bad in zip(results, failed, strict=True)])
    codes = np.where(codes < 0, len(distinct) - 1, codes)
    problems = []
    if failed.any():
        rows = np.flatnonzero(failed[codes])
        problems = [Problem(table.name, int(row_id), f.name, results[code].code,
                            display_value(distinct[code]))
                    for row_id, code in zip(raw[ROW_ID].to_numpy()[rows], codes[rows], strict=True)]
    return typed.take(codes).reset_index(drop=True), problems


def _typed_series(f: Field, values: list[object]) -> pd.Series:
    if f.kind in (Kind.INT, Kind.RUPIAH, Kind.PERCENT):
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if f.kind == Kind.DATE:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    return pd.Series(values, dtype=object)


def parse_table(table: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed values for every non-place column; place columns are copied for resolution."""
    typed = pd.DataFrame({ROW_ID: raw[ROW_ID].astype(int).to_numpy()})
    problems: list[Problem] = []
    for f in table.fields:
        if f.kind in PLACE_KINDS or f.kind == Kind.DESA_LIST:
            typed[f.name] = pd.Series(raw[f.name].tolist(), dtype=object)
            continue
        typed[f.name], found = _parse_column(table, f, raw)
        problems += found
    for column in SOURCE_COLUMNS:
        typed[column] = raw[column].to_numpy()
    return typed, problems


def _place_problem(table: Table, row: int, column: str, raw_value: object, res: Resolution,
                   parent: str, level: str | None = None) -> Problem:
    """`level` names the kind of place when the column holds several (desa_terkait)."""
    text = display_value(raw_value)
    if res.method == "blank":
        return Problem(table.name, row, column, "missing_value", text)
    code = "ambiguous_name" if res.method == "ambiguous" else f"unknown_{level or column}"
    return Problem(table.name, row, column, code, text, "; ".join(res.candidates),
                   {"parent": parent})


PlaceFinding = tuple[str, Resolution, str]  # (column, resolution, parent name)


class _CachedNames:
    """A gazetteer whose kabupaten and kecamatan answers are kept: thousands of villages share
    a handful of kabupaten and kecamatan spellings."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolve_kabupaten = cache(gazetteer.resolve_kabupaten)
        self.resolve_kecamatan = cache(gazetteer.resolve_kecamatan)
        self.resolve_desa = gazetteer.resolve_desa
        self.desa_elsewhere = gazetteer.desa_elsewhere
        self.combos: dict[tuple[str, ...], tuple[list[str | None], list[PlaceFinding]]] = {}
        self.late_villages = cache(gazetteer.joining_after)

    def resolve_combo(self, combo: tuple[str, ...]) -> tuple[list[str | None], list[PlaceFinding]]:
        """Once per distinct place across tables: a village's desa and kegiatan rows share it."""
        if combo not in self.combos:
            self.combos[combo] = _resolve_combo(combo, self)
        return self.combos[combo]


def _place_texts(typed: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The place columns as text (display_value), computed once per distinct value."""
    texts = {}
    for n in names:
        codes, distinct = distinct_values(typed[n])
        shown = np.array([*(display_value(v) for v in distinct), ""], dtype=object)  # NA → ""
        texts[n] = shown[codes]  # code -1 picks the ""
    return pd.DataFrame(texts, index=typed.index)


def resolve_places(table: Table, typed: pd.DataFrame, gazetteer: Gazetteer,
                   round_info: RoundInfo, cached: _CachedNames | None = None
                   ) -> tuple[list[Problem], list[Problem]]:
    """Replace typed names by official names in place; return (errors, warnings).
    Each distinct (kabupaten, kecamatan, desa) is resolved once; problems are listed per row."""
    has_desa = "desa" in table.columns
    names = ["kabupaten", "kecamatan", *(["desa"] if has_desa else [])]
    keys = _place_texts(typed, names)
    combo_of_row = keys.groupby(names, sort=False).ngroup().to_numpy()
    combos = list(keys.drop_duplicates().itertuples(index=False, name=None))
    cached = cached or _CachedNames(gazetteer)
    resolved = [cached.resolve_combo(combo) for combo in combos]
    official = np.array([found for found, _ in resolved], dtype=object).reshape(len(combos), len(names))
    for i, n in enumerate(names):
        typed[n] = pd.Series(official[combo_of_row, i] if len(combos) else [], dtype=object,
                             index=typed.index)
    errors, warnings = _combo_problems(table, typed[ROW_ID].to_numpy(), combo_of_row, combos,
                                       [findings for _, findings in resolved], names)
    if has_desa:
        errors += _not_in_round(table, typed, cached.late_villages(round_info.round_id),
                                combo_of_row, official, len(combos))
    if "villages" in table.columns:
        errors += _resolve_village_lists(table, typed, gazetteer)
    return errors, warnings


def _combo_problems(table: Table, row_ids: np.ndarray, combo_of_row: np.ndarray,
                    combos: list[tuple[str, ...]], findings: list[list[PlaceFinding]],
                    names: list[str]) -> tuple[list[Problem], list[Problem]]:
    """Corrected names (warnings) and unresolved ones (errors), row by row for the rows concerned."""
    telling = [[(column, res, parent) for column, res, parent in found
                if not res.ok or res.method == "fuzzy"] for found in findings]
    flagged = np.fromiter((bool(t) for t in telling), dtype=bool, count=len(telling))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if not flagged.any():
        return errors, warnings
    for position in np.flatnonzero(flagged[combo_of_row]):
        row_id, combo = int(row_ids[position]), combo_of_row[position]
        for column, res, parent in telling[combo]:
            raw_value = combos[combo][names.index(column)]
            if res.ok:
                warnings.append(Problem(table.name, row_id, column, "name_corrected",
                                        raw_value, res.name or "", {"expected": res.name or ""}))
            else:
                errors.append(_place_problem(table, row_id, column, raw_value, res, parent))
    return errors, warnings


def _resolve_combo(combo: tuple[str, ...], gazetteer: Gazetteer | _CachedNames
                   ) -> tuple[list[str | None], list[PlaceFinding]]:
    findings: list[PlaceFinding] = []
    kab_res = gazetteer.resolve_kabupaten(combo[0])
    findings.append(("kabupaten", kab_res, ""))
    official: list[str | None] = [kab_res.name]
    if not kab_res.ok:
        return [*official, *([None] * (len(combo) - 1))], findings
    kec_res = gazetteer.resolve_kecamatan(kab_res.name or "", combo[1])
    findings.append(("kecamatan", kec_res, kab_res.name or ""))
    official.append(kec_res.name)
    if len(combo) == 2:
        return official, findings
    if not kec_res.ok:
        return [*official, None], findings
    desa_res = gazetteer.resolve_desa(kab_res.name or "", kec_res.name or "", combo[2])
    if desa_res.method in ("unknown", "fuzzy"):
        # A name that exists as typed in another kecamatan was filed under the wrong one:
        # a close spelling here must not win over it.
        elsewhere = gazetteer.desa_elsewhere(kab_res.name or "", kec_res.name or "", combo[2])
        if elsewhere:
            desa_res = Resolution(None, "unknown", elsewhere + desa_res.candidates)
    findings.append(("desa", desa_res, kec_res.name or ""))
    return [*official, desa_res.name], findings


def _not_in_round(table: Table, typed: pd.DataFrame, late_villages: dict[tuple[str, str, str], str],
                  combo_of_row: np.ndarray, official: np.ndarray, count: int) -> list[Problem]:
    """Rows of villages that join the programme in a later round (checked once per distinct place)."""
    if not late_villages:
        return []
    joins = [late_villages.get(tuple(place), "") for place in official[:count].tolist()]
    late = np.fromiter((bool(j) for j in joins), dtype=bool, count=count)
    if not late.any():
        return []
    rows = np.flatnonzero(late[combo_of_row])
    return [Problem(table.name, int(row_id), "desa", "not_in_programme_round", desa, joins[combo],
                    {"expected": joins[combo]})
            for row_id, desa, combo in zip(typed[ROW_ID].to_numpy()[rows],
                                           typed["desa"].to_numpy()[rows], combo_of_row[rows],
                                           strict=True)]


def _resolve_village_lists(table: Table, typed: pd.DataFrame, gazetteer: Gazetteer
                           ) -> list[Problem]:
    problems = []
    resolved_lists: list[object] = []
    for row in typed[["kabupaten", "kecamatan", "villages", ROW_ID]].itertuples(index=False):
        names = split_names(row.villages)
        if pd.isna(row.kecamatan) or not names:
            resolved_lists.append(None if not names else "; ".join(names))
            continue
        official = []
        for name in names:
            res = gazetteer.resolve_desa(row.kabupaten, row.kecamatan, name)
            if res.ok:
                official.append(res.name)
            else:
                problems.append(_place_problem(table, int(getattr(row, ROW_ID)), "villages", name,
                                               res, row.kecamatan, level="desa"))
        resolved_lists.append("; ".join(dict.fromkeys(official)))
    typed["villages"] = pd.Series(resolved_lists, dtype=object, index=typed.index)
    return problems


def _dates_outside(table: Table, typed: pd.DataFrame, column: str, start: date,
                   end: date | None, inclusive_end: bool, window_text: str) -> list[Problem]:
    dates = typed[column]
    outside = dates.notna() & (dates < pd.Timestamp(start))
    if end is not None:
        outside |= dates.notna() & ((dates > pd.Timestamp(end)) if inclusive_end
                                    else (dates >= pd.Timestamp(end)))
    return [
        Problem(table.name, int(r), column, "date_outside_window", d.date().isoformat(),
                window_text, {"expected": window_text})
        for r, d in zip(typed.loc[outside, ROW_ID], dates[outside], strict=True)
    ]


def row_rules(table: Table, typed: pd.DataFrame, round_info: RoundInfo) -> list[Problem]:
    """The contract's row rules that are not single-column checks."""
    problems: list[Problem] = []
    if table.name == "villages":
        window = f"{round_info.window_start.isoformat()} – {round_info.window_end.isoformat()}"
        problems += _dates_outside(table, typed, "monitoring_date", round_info.window_start,
                                   round_info.window_end, True, window)
    if table.name == "meetings":
        until = round_info.next_start.isoformat() if round_info.next_start else ""
        window = f"≥ {round_info.window_start.isoformat()}" + (f", < {until}" if until else "")
        problems += _dates_outside(table, typed, "meeting_date", round_info.window_start,
                                   round_info.next_start, False, window)
        total = typed["participants_total"]
        summed = typed["participants_male"] + typed["participants_female"]
        bad = total.notna() & summed.notna() & (total != summed)
        problems += [
            Problem(table.name, int(r), "participants_total", "total_mismatch", f"{t:g}",
                    f"{s:g}", {"expected": f"{s:g}"})
            for r, t, s in zip(typed.loc[bad, ROW_ID], total[bad], summed[bad], strict=True)
        ]
    if table.name == "activities":
        bad = typed["constraint"].notna() & typed["constraint_category"].isna()
        problems += [Problem(table.name, int(r), "constraint_category",
                             "constraint_category_missing")
                     for r in typed.loc[bad, ROW_ID]]
    return problems


def parse_round(raw: dict[str, pd.DataFrame], gazetteer: Gazetteer,
                round_info: RoundInfo) -> ParsedRound:
    typed: dict[str, pd.DataFrame] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    cached = _CachedNames(gazetteer)
    for name, table in TABLES.items():
        frame, problems = parse_table(table, raw[name])
        place_errors, place_warnings = resolve_places(table, frame, gazetteer, round_info, cached)
        errors += place_errors + problems + row_rules(table, frame, round_info)
        warnings += place_warnings
        typed[name] = frame
    return ParsedRound(round_info, raw, typed, errors, warnings)


def column_rules() -> list[ColumnRule]:
    return [rule for table in TABLES.values() for rule in rules_for(table)]


def evaluate_rules_with_pandas(parsed: ParsedRound) -> dict[str, list[int]]:
    """Failing row ids per rule id, computed without Great Expectations."""
    return {rule.rule_id: failing_rows(parsed.typed[rule.table], rule) for rule in column_rules()}


def _rule_problems(parsed: ParsedRound, failures: dict[str, list[int]]) -> list[Problem]:
    problems = []
    for rule in column_rules():
        if not failures.get(rule.rule_id):
            continue
        values = dict(zip(parsed.raw[rule.table][ROW_ID], parsed.raw[rule.table][rule.column],
                          strict=True))
        place = TABLES[rule.table].field(rule.column).kind in PLACE_KINDS
        for row in failures.get(rule.rule_id, []):
            value = display_value(values[row])
            if place and value:
                continue  # typed but not resolved: the name problem already says why
            problems.append(Problem(rule.table, row, rule.column, rule.code, value,
                                    rule.expected_text, {"expected": rule.expected_text}))
    return problems


def _content_signature(frame: pd.DataFrame, raw: pd.DataFrame, table: Table) -> pd.Series:
    """What a row says: parsed values, and the raw text where a value could not be parsed
    (`abc` and a blank both parse to nothing, but they are not the same row)."""
    raw = raw.set_index(ROW_ID).loc[frame[ROW_ID], table.columns].set_axis(frame.index)
    parsed = frame[table.columns].map(display_value)
    typed_raw = raw.map(display_value)
    return parsed.where(parsed != "", "\x1e" + typed_raw).agg("\x1f".join, axis=1)


def _duplicates(table: Table, typed: pd.DataFrame, raw: pd.DataFrame, rows_with_errors: set[int]
                ) -> tuple[list[Problem], list[Problem], set[int]]:
    """Conflicting duplicates are errors on every row; exact ones keep the first clean row."""
    keyed = typed.dropna(subset=list(table.key))
    keyed = keyed.loc[keyed.duplicated(subset=list(table.key), keep=False)]  # rare: compare only these
    errors: list[Problem] = []
    warnings: list[Problem] = []
    dropped: set[int] = set()
    if keyed.empty:
        return errors, warnings, dropped
    signature = _content_signature(keyed, raw, table)
    for _, group in keyed.groupby(list(table.key), sort=False, dropna=True):
        if len(group) < 2:
            continue
        key_text = " / ".join(display_value(v) for v in group.iloc[0][list(table.key)])
        ids = [int(r) for r in group[ROW_ID]]
        rows_text = {r: ", ".join(str(int(s)) for rr, s in zip(group[ROW_ID], group["source_row"],
                                                               strict=True) if int(rr) != r)
                     for r in ids}
        if signature[group.index].nunique() > 1:
            errors += [Problem(table.name, r, "", "conflicting_duplicate", key_text, "",
                               {"other_rows": rows_text[r]}) for r in ids]
            continue
        clean_ids = [r for r in ids if r not in rows_with_errors]
        for r in clean_ids[1:]:
            dropped.add(r)
            warnings.append(Problem(table.name, r, "", "exact_duplicate", key_text, "",
                                    {"other_rows": rows_text[r]}))
    return errors, warnings, dropped


def _activity_warnings(clean: pd.DataFrame) -> list[Problem]:
    def rows(mask: pd.Series):
        return clean.loc[mask.fillna(False).astype(bool)].itertuples(index=False)

    def warn(r, column: str, code: str, value: str = "", **details: str) -> Problem:
        return Problem("activities", int(r.row_id), column, code, value, "", details)

    over = rows(clean["budget_realized"] > clean["budget_planned"])
    below = rows((clean["status"] == "selesai") & (clean["progress_pct"] < 100))
    at100 = rows((clean["status"] == "berjalan") & (clean["progress_pct"] >= 100))
    stalled = rows((clean["status"] == "tidak_berjalan") & clean["constraint"].isna())
    return [
        *(warn(r, "budget_realized", "realized_exceeds_planned", f"{r.budget_realized:.0f}",
               expected=f"{r.budget_planned:.0f}") for r in over),
        *(warn(r, "progress_pct", "completed_below_100", f"{r.progress_pct:g}") for r in below),
        *(warn(r, "progress_pct", "running_at_100", f"{r.progress_pct:g}") for r in at100),
        *(warn(r, "constraint", "stalled_without_constraint") for r in stalled),
    ]


def _cross_table_warnings(clean: dict[str, pd.DataFrame], quarantined_villages: set[tuple],
                          previous_activities: pd.DataFrame | None) -> list[Problem]:
    warnings = []
    acts, villages = clean["activities"], clean["villages"]
    place = ["kabupaten", "kecamatan", "desa"]
    with_row = set(villages[place].itertuples(index=False, name=None))
    firsts = acts.drop_duplicates(subset=place)
    for r in firsts.itertuples(index=False):
        key = (r.kabupaten, r.kecamatan, r.desa)
        if key not in with_row:
            code = "village_row_quarantined" if key in quarantined_villages else "village_without_desa_row"
            warnings.append(Problem("activities", int(getattr(r, ROW_ID)), "desa", code, r.desa))
    if previous_activities is not None and not previous_activities.empty:
        reported = with_row | set(acts[place].itertuples(index=False, name=None))
        now = set(acts[[*place, "activity_code"]].itertuples(index=False, name=None))
        for r in previous_activities.itertuples(index=False):
            key = (r.kabupaten, r.kecamatan, r.desa, r.activity_code)
            if key[:3] in reported and key not in now:
                warnings.append(Problem("activities", -1, "activity_code",
                                        "activity_missing_since_last_round",
                                        f"{r.activity_code} ({r.desa})", "",
                                        {"kabupaten": r.kabupaten, "kecamatan": r.kecamatan}))
    return warnings


def finish_round(parsed: ParsedRound, rule_failures: dict[str, list[int]],
                 previous_activities: pd.DataFrame | None = None,
                 notices: list[Notice] | None = None) -> CleanRound:
    """Split every row into clean or quarantine, and gather the warnings."""
    errors = list(parsed.errors) + _rule_problems(parsed, rule_failures)
    warnings = list(parsed.warnings)
    clean: dict[str, pd.DataFrame] = {}
    dropped_total = 0
    for name, table in TABLES.items():
        typed = parsed.typed[name]
        erroneous = {p.row for p in errors if p.table == name}
        dup_errors, dup_warnings, dropped = _duplicates(table, typed, parsed.raw[name], erroneous)
        errors += dup_errors
        warnings += dup_warnings
        dropped_total += len(dropped)
        erroneous |= {p.row for p in dup_errors}
        keep = ~typed[ROW_ID].isin(erroneous | dropped)
        clean[name] = typed.loc[keep].reset_index(drop=True)
    warnings += _activity_warnings(clean["activities"])
    villages = parsed.typed["villages"]
    set_aside = villages.loc[~villages[ROW_ID].isin(clean["villages"][ROW_ID])]
    quarantined_villages = set(set_aside[["kabupaten", "kecamatan", "desa"]].dropna()
                               .itertuples(index=False, name=None))
    warnings += _cross_table_warnings(clean, quarantined_villages, previous_activities)
    quarantine = problems_frame(_dedupe(errors), parsed)
    warning_frame = pd.concat([notices_frame(notices or []), problems_frame(warnings, parsed, True)],
                              ignore_index=True)
    return CleanRound(parsed.round, clean, quarantine, warning_frame, dropped_total)


def notices_frame(notices: list[Notice]) -> pd.DataFrame:
    """Skipped sheets and columns, as warnings that name the file and sheet."""
    records = [{
        "source_file": n.file, "source_sheet": n.sheet, "source_row": n.row or "",
        "table": "", "column": n.value if n.code == "column_ignored" else "", "value": n.value,
        "code": n.code, "message_id": message(n.code, "id", value=n.value),
        "message_en": message(n.code, "en", value=n.value), "suggestion": "",
        "kabupaten": "", "kecamatan": "", "row_data": "",
    } for n in notices]
    return pd.DataFrame.from_records(records, columns=[*PROBLEM_COLUMNS, *EXTRA_PROBLEM_COLUMNS])


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per row and column: a value that failed parsing is also null for the
    expectation suite, and the first (more specific) finding is kept."""
    seen: set[tuple[str, int, str, str]] = set()
    kept = []
    for p in problems:
        key = (p.table, p.row, p.column, "" if p.column else p.code)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


EXTRA_PROBLEM_COLUMNS: tuple[str, ...] = ("kabupaten", "kecamatan", "row_data")


def _rows_concerned(problems: list[Problem], parsed: ParsedRound
                    ) -> tuple[dict[str, dict[int, dict]], dict[str, dict[int, tuple]]]:
    """Raw rows and resolved places of the rows that have a problem, looked up once."""
    raw_rows: dict[str, dict[int, dict]] = {}
    places: dict[str, dict[int, tuple]] = {}
    for name in {p.table for p in problems if p.row >= 0}:
        ids = sorted({p.row for p in problems if p.table == name and p.row >= 0})
        raw_rows[name] = parsed.raw[name].set_index(ROW_ID).loc[ids].to_dict("index")
        typed = parsed.typed[name].set_index(ROW_ID).loc[ids]
        places[name] = dict(zip(ids, zip(typed["kabupaten"], typed["kecamatan"], strict=True),
                                strict=True))
    return raw_rows, places


def problems_frame(problems: list[Problem], parsed: ParsedRound,
                   keep_all: bool = False) -> pd.DataFrame:
    """quarantine.csv / warnings.csv rows: where, what, why (id + en), what would be right."""
    records = []
    chosen = problems if keep_all else _dedupe(problems)
    raw_rows, places = _rows_concerned(chosen, parsed)
    for p in chosen:
        table = TABLES[p.table]
        header = table.field(p.column).header_id if p.column else ""
        source, row_data = ("", "", 0), ""
        kab, kec = p.details.get("kabupaten", ""), p.details.get("kecamatan", "")
        if p.row >= 0:
            raw_row = raw_rows[p.table][p.row]
            source = (raw_row["source_file"], raw_row["source_sheet"], int(raw_row["source_row"]))
            row_data = json.dumps({f.header_id: display_value(raw_row[f.name]) for f in table.fields},
                                  ensure_ascii=False)
            kab, kec = ("" if pd.isna(v) else v for v in places[p.table][p.row])
        fields = {"header": header, "value": p.value, "suggestion": p.suggestion,
                  "round": parsed.round.round_id, "parent": "", **p.details}
        records.append({
            "source_file": source[0], "source_sheet": source[1], "source_row": source[2] or "",
            "table": table.name_id, "column": header, "value": p.value, "code": p.code,
            "message_id": message(p.code, "id", **fields),
            "message_en": message(p.code, "en", **fields),
            "suggestion": p.suggestion, "kabupaten": kab, "kecamatan": kec, "row_data": row_data,
        })
    frame = pd.DataFrame.from_records(records, columns=[*PROBLEM_COLUMNS, *EXTRA_PROBLEM_COLUMNS])
    return frame.astype(object)
