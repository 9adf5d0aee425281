"""From sheets as read off the files to one raw frame per table (values untouched).

The readers in flows/ turn each file into RawSheets (a header row and value rows, with where they
came from); this module recognises the tables and columns, and reports what it cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from transforms.catalog import FileProblem
from transforms.contract import SOURCE_COLUMNS, TABLES, Table
from transforms.expectations import ROW_ID
from transforms.headers import match_headers
from transforms.parsing import is_blank


@dataclass
class RawSheet:
    file: str  # path relative to the round folder
    sheet: str  # sheet name; "" for CSV
    headers: list[object]
    rows: list[list[object]]
    table: Table | None  # the table the sheet's or file's name refers to, if any
    header_row: int = 1  # spreadsheet row number of the header


@dataclass
class Notice:
    """Something skipped in a file that was otherwise used: listed as a warning."""

    file: str
    sheet: str
    row: int
    code: str  # sheet_ignored, column_ignored
    value: str


@dataclass
class IngestResult:
    tables: dict[str, pd.DataFrame]
    problems: list[FileProblem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def empty_table(table: Table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in (*table.columns, *SOURCE_COLUMNS, ROW_ID)})


def _sheet_frame(sheet: RawSheet, table: Table, columns: dict[int, str]) -> pd.DataFrame:
    records = []
    for offset, values in enumerate(sheet.rows, start=1):
        if all(is_blank(v) for v in values):
            continue  # an empty line holds nothing to lose
        record: dict[str, object] = {name: None for name in table.columns}
        for position, name in columns.items():
            record[name] = values[position] if position < len(values) else None
        record.update(source_file=sheet.file, source_sheet=sheet.sheet,
                      source_row=sheet.header_row + offset)
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[*table.columns, *SOURCE_COLUMNS])


def ingest_sheets(sheets: list[RawSheet]) -> IngestResult:
    """Match headers of every sheet that names a table; other sheets become notices."""
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    result = IngestResult(tables={})
    for sheet in sheets:
        if sheet.table is None:
            result.notices.append(Notice(sheet.file, sheet.sheet, 0, "sheet_ignored", sheet.sheet))
            continue
        match = match_headers(sheet.table, sheet.headers)
        for header in match.missing_required:
            result.problems.append(FileProblem("missing_column", sheet.file, sheet.sheet,
                                               header, sheet.table.name_id))
        for header in match.duplicated:
            result.problems.append(FileProblem("duplicate_column", sheet.file, sheet.sheet,
                                               header, sheet.table.name_id))
        for header in match.ignored:
            result.notices.append(Notice(sheet.file, sheet.sheet, sheet.header_row,
                                         "column_ignored", header))
        frames[sheet.table.name].append(_sheet_frame(sheet, sheet.table, match.columns))
    for name, parts in frames.items():
        table = TABLES[name]
        frame = pd.concat(parts, ignore_index=True) if parts else empty_table(table)
        frame = frame.astype(object)
        frame[ROW_ID] = range(len(frame))
        result.tables[name] = frame
    return result
