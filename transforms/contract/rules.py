"""The contract's row rules and warnings (§4) that look at more than one value, declared as data.

A rule flags the rows of its table where every one of its conditions holds. An error rule
quarantines the row; a warning rule keeps it and lists it in warnings.csv. Each rule names its
problem code (the message is in messages.py), the column the problem is shown on, the value
shown and what would be right. Single-column rules (required, vocabulary, range) come from the
fields themselves (validate/column_rules.py); checks across rows and tables (duplicates,
villages without a `desa` row, activities missing since the last round) are listed in
CROSS_ROW_CHECKS with their codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Severity(StrEnum):
    ERROR = "error"  # quarantined
    WARNING = "warning"  # counted, and listed to be checked


@dataclass(frozen=True)
class Filled:
    column: str


@dataclass(frozen=True)
class Blank:
    column: str


@dataclass(frozen=True)
class Equals:
    column: str
    value: str


@dataclass(frozen=True)
class Compare:
    """`column` `op` `other`: another column's value, or a number (a blank compares false)."""
    column: str
    op: Literal[">", "<", ">="]
    other: str | float


@dataclass(frozen=True)
class NotSumOf:
    """`column` and all `parts` filled, and `column` differs from their sum."""
    column: str
    parts: tuple[str, ...]


class Until(StrEnum):
    WINDOW_END = "window_end"  # on or before the last day of the round's window
    NEXT_ROUND = "next_round"  # before the next round's window starts


@dataclass(frozen=True)
class OutsideWindow:
    """A date before the round's window starts, or after its end (see `Until`)."""
    column: str
    until: Until


Condition = Filled | Blank | Equals | Compare | NotSumOf | OutsideWindow


@dataclass(frozen=True)
class RowRule:
    code: str
    table: str
    column: str  # the column the problem is shown on
    when: tuple[Condition, ...]  # every one holds: the row is flagged
    severity: Severity
    shows_value: bool = True  # the flagged value is shown (an empty column's problem shows none)
    expected: str = ""  # a column whose value would be right; the window and the sum say their own


ROW_RULES: tuple[RowRule, ...] = (
    RowRule("date_outside_window", "villages", "monitoring_date",
            (OutsideWindow("monitoring_date", Until.WINDOW_END),), Severity.ERROR),
    RowRule("date_outside_window", "meetings", "meeting_date",
            (OutsideWindow("meeting_date", Until.NEXT_ROUND),), Severity.ERROR),
    RowRule("total_mismatch", "meetings", "participants_total",
            (NotSumOf("participants_total", ("participants_male", "participants_female")),),
            Severity.ERROR),
    RowRule("constraint_category_missing", "activities", "constraint_category",
            (Filled("constraint"), Blank("constraint_category")), Severity.ERROR, shows_value=False),
    RowRule("realized_exceeds_planned", "activities", "budget_realized",
            (Compare("budget_realized", ">", "budget_planned"),), Severity.WARNING,
            expected="budget_planned"),
    RowRule("completed_below_100", "activities", "progress_pct",
            (Equals("status", "selesai"), Compare("progress_pct", "<", 100)), Severity.WARNING),
    RowRule("running_at_100", "activities", "progress_pct",
            (Equals("status", "berjalan"), Compare("progress_pct", ">=", 100)), Severity.WARNING),
    RowRule("stalled_without_constraint", "activities", "constraint",
            (Equals("status", "tidak_berjalan"), Blank("constraint")), Severity.WARNING, shows_value=False),
)


@dataclass(frozen=True)
class CrossRowCheck:
    code: str
    table: str
    severity: Severity
    doc_en: str
    # False: the row was settled by the meeting, not by the village; its corrections workbook
    # does not ask the village to check it
    for_villages: bool = True


CROSS_ROW_CHECKS: tuple[CrossRowCheck, ...] = (
    CrossRowCheck("conflicting_duplicate", "*", Severity.ERROR,
                  "rows sharing the table's key but differing: all of them"),
    CrossRowCheck("exact_duplicate", "*", Severity.WARNING, "a repeat of a clean row: counted once"),
    CrossRowCheck("village_without_desa_row", "activities", Severity.WARNING,
                  "a village with activities but no row in `desa`"),
    CrossRowCheck("village_row_quarantined", "activities", Severity.WARNING,
                  "a village with activities whose `desa` row is quarantined"),
    CrossRowCheck("activity_missing_since_last_round", "activities", Severity.WARNING,
                  "an activity of last round missing from a village that reported"),
    CrossRowCheck("replaced_by_matrix", "recommendations", Severity.WARNING,
                  "a kecamatan's row from another file than its matrix of the round, saved back "
                  "into the round folder: replaced by the matrix's rows", for_villages=False),
)
NOT_FOR_VILLAGES = frozenset(check.code for check in CROSS_ROW_CHECKS if not check.for_villages)


def rules_of(table: str, severity: Severity) -> list[RowRule]:
    return [rule for rule in ROW_RULES if rule.table == table and rule.severity == severity]
