"""The split of a parsed round into clean tables, quarantine and warnings.

Column rules (required, vocabulary, range) are evaluated by Great Expectations in the flow; their
failing row ids come back into `finish_round` as `rule_failures`. Every input row ends in exactly
one of: a clean table, quarantine, or a warning (an exact duplicate of a clean row; a row the
meeting's matrix replaced)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from transforms.contract.bilingual_fields import Bilingual, where_text
from transforms.contract.places import VILLAGE_KEY
from transforms.contract.reference import RoundInfo
from transforms.contract.rules import Severity
from transforms.contract.tables import TABLES, Table
from transforms.ingest.matrix_identity import MatrixIdentity
from transforms.ingest.sheets import Notice
from transforms.validate.column_rules import ROW_ID, ColumnRule, failing_rows, rules_for
from transforms.validate.parse import ParsedRound
from transforms.validate.problems import (
    PLACE_KINDS,
    Problem,
    dedupe,
    display_value,
    notices_frame,
    problems_frame,
)
from transforms.validate.returned_matrix import replaced_by_matrices
from transforms.validate.row_checks import row_problems


@dataclass
class CleanRound:
    round: RoundInfo
    clean: dict[str, pd.DataFrame]
    quarantine: pd.DataFrame
    warnings: pd.DataFrame
    duplicates_dropped: int  # exact duplicate rows kept once


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
        where = _where_of(group)
        if signature[group.index].nunique() > 1:
            errors += [Problem(table.name, r, "", "conflicting_duplicate", key_text, "",
                               _here_and_others(where, r)) for r in ids]
            continue
        clean_ids = [r for r in ids if r not in rows_with_errors]
        for r in clean_ids[1:]:
            dropped.add(r)
            warnings.append(Problem(table.name, r, "", "exact_duplicate", key_text, "",
                                    _here_and_others(where, r)))
    return errors, warnings, dropped


def _where_of(rows: pd.DataFrame) -> dict[int, tuple[str, str, int]]:
    """Row id → (file, sheet, row as the spreadsheet shows it)."""
    return {int(r): (display_value(f), display_value(s), int(n)) for r, f, s, n in zip(
        rows[ROW_ID], rows["source_file"], rows["source_sheet"], rows["source_row"], strict=True)}


def _here_and_others(where: dict[int, tuple[str, str, int]], row: int) -> dict[str, Bilingual | str]:
    """A duplicate's message names its own place and every other row's, files and sheets included:
    the rows of a conflict are often in two files."""
    return {"here": where_text([where[row]]),
            "others": where_text([place for r, place in where.items() if r != row])}


def _cross_table_warnings(clean: dict[str, pd.DataFrame], quarantined_villages: set[tuple],
                          previous_activities: pd.DataFrame | None) -> list[Problem]:
    warnings = []
    acts, villages = clean["activities"], clean["villages"]
    place = VILLAGE_KEY
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
                 notices: list[Notice] | None = None,
                 matrices: dict[str, MatrixIdentity] | None = None) -> CleanRound:
    """Split every row into clean or quarantine, and gather the warnings. `matrices` are the
    files that are matrices the pipeline wrote (see returned_matrix.py): this round's replace
    their kecamatan's recommendations from other files."""
    replacement = replaced_by_matrices(parsed.typed["recommendations"], matrices or {},
                                       parsed.round.round_id)
    def kept(problems: list[Problem]) -> list[Problem]:  # a replaced row's problems no longer count
        return [p for p in problems if p.table != "recommendations" or p.row not in replacement.rows]
    errors = kept(list(parsed.errors) + _rule_problems(parsed, rule_failures))
    warnings = kept(list(parsed.warnings)) + replacement.warnings
    clean: dict[str, pd.DataFrame] = {}
    dropped_total = 0
    for name, table in TABLES.items():
        typed = parsed.typed[name]
        if name == "recommendations" and replacement.rows:
            typed = typed.loc[~typed[ROW_ID].isin(replacement.rows)]
        erroneous = {p.row for p in errors if p.table == name}
        dup_errors, dup_warnings, dropped = _duplicates(table, typed, parsed.raw[name], erroneous)
        errors += dup_errors
        warnings += dup_warnings
        dropped_total += len(dropped)
        erroneous |= {p.row for p in dup_errors}
        keep = ~typed[ROW_ID].isin(erroneous | dropped)
        clean[name] = typed.loc[keep].reset_index(drop=True)
    for name in TABLES:
        warnings += row_problems(name, clean[name], parsed.round, Severity.WARNING)
    villages = parsed.typed["villages"]
    set_aside = villages.loc[~villages[ROW_ID].isin(clean["villages"][ROW_ID])]
    quarantined_villages = set(set_aside[VILLAGE_KEY].dropna()
                               .itertuples(index=False, name=None))
    warnings += _cross_table_warnings(clean, quarantined_villages, previous_activities)
    quarantine = problems_frame(dedupe(errors), parsed)
    warning_frame = pd.concat([notices_frame(notices or []), problems_frame(warnings, parsed, True)],
                              ignore_index=True)
    return CleanRound(parsed.round, clean, quarantine, warning_frame, dropped_total)


