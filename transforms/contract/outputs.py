"""The outputs' schemas (contract §5) and the place hierarchy they are grouped by, declared once:
the aggregation types its columns by them, the CSV writer defuses their untrusted text columns
by them, and docs/data-contract.md lists them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from transforms.contract import layout
from transforms.contract.places import KECAMATAN_KEY, PLACE_LEVELS
from transforms.contract.tables import RECOMMENDATIONS


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # whole number; empty when nothing was reported
    RUPIAH = "rupiah"  # whole rupiah; empty when nothing was reported
    PERCENT = "percent"  # one decimal; empty when there is no denominator
    POINTS = "points"  # a difference of percentages
    DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind = ColumnKind.TEXT
    untrusted: bool = False  # text that came from a file: defused before a spreadsheet sees it


@dataclass(frozen=True)
class Schema:
    path: str  # in the round's folder
    columns: tuple[Column, ...]
    doc_en: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def untrusted(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.untrusted)

    def kind(self, name: str) -> ColumnKind:
        return next(c.kind for c in self.columns if c.name == name)

    def without(self, *names: str, path: str, doc_en: str) -> Schema:
        return Schema(path, tuple(c for c in self.columns if c.name not in names), doc_en)


def _columns(kind: ColumnKind, *names: str) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name in names)


C, P, R = ColumnKind.COUNT, ColumnKind.PERCENT, ColumnKind.RUPIAH
SUMMARY_KECAMATAN = Schema(layout.SUMMARY_KECAMATAN, (
    *_columns(ColumnKind.TEXT, "round_id", "kabupaten", "kecamatan"),
    *_columns(C, "villages_target", "villages_reported"), Column("reporting_rate_pct", P),
    *_columns(C, "activities_total", "activities_not_started", "activities_running",
              "activities_completed", "activities_stalled"),
    Column("mean_progress_pct", P), *_columns(R, "budget_planned", "budget_realized"),
    Column("budget_realization_pct", P),
    *_columns(C, "beneficiaries_male", "beneficiaries_female", "meetings", "meeting_participants_male",
              "meeting_participants_female", "meeting_participants_total", "rows_quarantined"),
), "one row per programme kecamatan of the round")
SUMMARY_KABUPATEN = SUMMARY_KECAMATAN.without(
    "kecamatan", path=layout.SUMMARY_KABUPATEN,
    doc_en="one row per kabupaten, computed from the rows (a mean is over activities)")

SUMMARY_COLUMNS = SUMMARY_KECAMATAN.names
SUMMARY_KABUPATEN_COLUMNS = SUMMARY_KABUPATEN.names

# Activity status → the summary column that counts it.
STATUS_COLUMNS: dict[str, str] = {
    "belum_mulai": "activities_not_started",
    "berjalan": "activities_running",
    "selesai": "activities_completed",
    "tidak_berjalan": "activities_stalled",
}

TRACKING = Schema(layout.TRACKING, (
    *_columns(ColumnKind.TEXT, "round_id", *PLACE_LEVELS, "activity_code", "activity_name", "status_path",
              "previous_status", "status", "change"),
    *_columns(P, "realization_pct_previous", "realization_pct"),
    Column("realization_change_pts", ColumnKind.POINTS),
), "each activity's status path over the rounds and what changed since the previous round")

MATRIX = Schema("matrix/<kabupaten>/<kecamatan>.xlsx", (
    *_columns(ColumnKind.TEXT, *KECAMATAN_KEY),
    *(Column(f.name) for f in RECOMMENDATIONS.fields if f.name not in KECAMATAN_KEY),
    *_columns(ColumnKind.TEXT, "origin_round", "origin"), Column("age_rounds", C),
), "the recommendation matrix: agreed rows, open rows carried over, drafted follow-ups")

_PROBLEM_COLUMNS = (
    Column("source_file", untrusted=True), Column("source_sheet", untrusted=True),
    Column("source_row", C), Column("table"), Column("column", untrusted=True),
    Column("value", untrusted=True), Column("code"), Column("message_id", untrusted=True),
    Column("message_en", untrusted=True), Column("suggestion", untrusted=True),
)
# Beyond the contract's columns: where the row is, and the row as typed (for the corrections).
_PROBLEM_EXTRAS = (Column("kabupaten"), Column("kecamatan"), Column("row_data", untrusted=True))
QUARANTINE = Schema(layout.QUARANTINE, (*_PROBLEM_COLUMNS, *_PROBLEM_EXTRAS),
                    "one row per problem of a row left out of every figure")
WARNINGS = Schema(layout.WARNINGS, QUARANTINE.columns,
                  "the same columns, for rows that count but should be checked, and skipped sheets")
PROBLEM_COLUMNS: tuple[str, ...] = tuple(c.name for c in _PROBLEM_COLUMNS)
PROBLEM_EXTRA_COLUMNS: tuple[str, ...] = tuple(c.name for c in _PROBLEM_EXTRAS)

OUTPUT_SCHEMAS: tuple[Schema, ...] = (SUMMARY_KECAMATAN, SUMMARY_KABUPATEN, QUARANTINE, WARNINGS,
                                      TRACKING, MATRIX)
