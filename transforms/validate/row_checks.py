"""The contract's declared row rules (contract/rules.py) evaluated on a table's typed rows: each
condition is a mask over the whole frame, and a rule's problems name the value shown and what
would be right."""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.contract.rules import (
    Blank,
    Compare,
    Condition,
    Equals,
    Filled,
    NotSumOf,
    OutsideWindow,
    RowRule,
    Severity,
    Until,
    rules_of,
)
from transforms.contract.tables import TABLES, Kind
from transforms.validate.column_rules import ROW_ID
from transforms.validate.problems import Problem

COMPARISONS = {">": operator.gt, "<": operator.lt, ">=": operator.ge}


def _operand(frame: pd.DataFrame, other: str | float) -> pd.Series | float:
    return frame[other] if isinstance(other, str) else other


def _window(condition: OutsideWindow, round_info: RoundInfo) -> tuple[pd.Timestamp | None, bool, str]:
    """The window's end (None: open), whether the end is inclusive, and the window as text."""
    start = round_info.window_start.isoformat()
    if condition.until == Until.WINDOW_END:
        return pd.Timestamp(round_info.window_end), True, f"{start} – {round_info.window_end.isoformat()}"
    until = round_info.next_start
    text = f"≥ {start}" + (f", < {until.isoformat()}" if until else "")
    return (pd.Timestamp(until) if until else None), False, text


def _mask(condition: Condition, frame: pd.DataFrame, round_info: RoundInfo) -> pd.Series:
    match condition:
        case Filled(column):
            return frame[column].notna()
        case Blank(column):
            return frame[column].isna()
        case Equals(column, value):
            return frame[column] == value
        case Compare(column, op, other):
            return COMPARISONS[op](frame[column], _operand(frame, other))
        case NotSumOf(column, parts):
            summed = sum(frame[p] for p in parts)
            return frame[column].notna() & summed.notna() & (frame[column] != summed)
        case OutsideWindow(column, _):
            dates, (end, inclusive, _text) = frame[column], _window(condition, round_info)
            outside = dates.notna() & (dates < pd.Timestamp(round_info.window_start))
            if end is not None:
                outside |= dates.notna() & ((dates > end) if inclusive else (dates >= end))
            return outside
    raise TypeError(condition)


def _shown(table: str, column: str, values: pd.Series) -> list[str]:
    """Values as a problem shows them: dates as ISO, rupiah whole, other numbers plainly."""
    kind = TABLES[table].field(column).kind
    if kind == Kind.DATE:
        return [v.date().isoformat() for v in values]
    if kind == Kind.RUPIAH:
        return [f"{v:.0f}" for v in values]
    return [f"{v:g}" for v in values]


def _expected(rule: RowRule, flagged: pd.DataFrame, round_info: RoundInfo) -> list[str]:
    """What would be right, row by row ("" when the rule cannot say)."""
    for condition in rule.when:
        if isinstance(condition, OutsideWindow):
            return [_window(condition, round_info)[2]] * len(flagged)
        if isinstance(condition, NotSumOf):
            return _shown(rule.table, condition.column, sum(flagged[p] for p in condition.parts))
    if rule.expected:
        return _shown(rule.table, rule.expected, flagged[rule.expected])
    return [""] * len(flagged)


def rule_problems(rule: RowRule, frame: pd.DataFrame, round_info: RoundInfo) -> list[Problem]:
    mask = np.logical_and.reduce([_mask(c, frame, round_info).fillna(False).to_numpy(dtype=bool)
                                  for c in rule.when])
    flagged = frame.loc[mask]
    values = _shown(rule.table, rule.column, flagged[rule.column]) if rule.shows_value \
        else [""] * len(flagged)
    problems = []
    for row, value, expected in zip(flagged[ROW_ID], values, _expected(rule, flagged, round_info),
                                    strict=True):
        suggestion = expected if rule.severity == Severity.ERROR else ""
        problems.append(Problem(rule.table, int(row), rule.column, rule.code, value, suggestion,
                                {"expected": expected} if expected else {}))
    return problems


def row_problems(table: str, frame: pd.DataFrame, round_info: RoundInfo, severity: Severity
                 ) -> list[Problem]:
    """The problems the contract's row rules of this severity find in a table's rows."""
    return [p for rule in rules_of(table, severity) for p in rule_problems(rule, frame, round_info)]
