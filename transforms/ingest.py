"""From sheets as read off the files to one raw frame per table (values untouched).

The readers in flows/ turn each file into RawSheets (a header row and value rows, with where they
came from); this module recognises the tables and columns, and reports what it cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from transforms.catalog import FileProblem
from transforms.contract import SOURCE_COLUMNS, TABLES, Table
from transforms.expectations import ROW_ID
from transforms.headers import match_headers
from transforms.parsing import blank_mask


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


def _blank_rows(columns: list[tuple[object, ...]], count: int) -> np.ndarray:
    """Rows whose every cell is blank; a column only needs checking where all before it were."""
    blank = np.ones(count, dtype=bool)
    for values in columns:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        blank[candidates] = blank_mask(np.asarray(values, dtype=object)[candidates])
    return blank


def _inferred(values: np.ndarray) -> pd.Series:
    """A column as DataFrame.from_records infers it, except that text stays Python strings
    (NA as NaN, as the `str` dtype has it once ingest_sheets makes every column object): no
    second copy of every string, which at national scale is half a gigabyte."""
    if infer_dtype(values, skipna=True) == "string":
        return pd.Series(np.where(pd.isna(values), np.nan, values), dtype=object)
    return pd.Series(values, dtype=object).infer_objects()


def _sheet_frame(sheet: RawSheet, table: Table, columns: dict[int, str]) -> pd.DataFrame:
    """The sheet's non-empty rows under the table's columns (the values as read)."""
    cells = list(zip_longest(*sheet.rows))  # one tuple per column, short rows padded with None
    kept = np.flatnonzero(~_blank_rows(cells, len(sheet.rows)))
    data: dict[str, np.ndarray] = {name: np.full(len(kept), None, dtype=object) for name in table.columns}
    for position, name in columns.items():
        if position < len(cells):
            data[name] = np.asarray(cells[position], dtype=object)[kept]
    data["source_file"] = np.full(len(kept), sheet.file, dtype=object)
    data["source_sheet"] = np.full(len(kept), sheet.sheet, dtype=object)
    data["source_row"] = (kept + sheet.header_row + 1).astype(object)
    if not len(kept):
        return pd.DataFrame(data, columns=[*table.columns, *SOURCE_COLUMNS])
    return pd.DataFrame({name: _inferred(values) for name, values in data.items()})


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
