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

from transforms.contract.labels import label
from transforms.contract.messages import FileProblem
from transforms.contract.tables import SOURCE_COLUMNS, TABLES, Table
from transforms.ingest.headers import match_headers
from transforms.ingest.matrix_identity import MatrixIdentity
from transforms.validate.column_rules import ROW_ID
from transforms.validate.parsing import blank_mask


@dataclass
class Notice:
    """Something skipped or noticed in a file that was otherwise used: listed as a warning."""

    file: str
    sheet: str
    row: int
    code: str  # sheet_ignored, column_ignored, text_saved_as_ansi, *_skipped (non-data rows)
    value: str


@dataclass
class RawSheet:
    file: str  # path relative to the round folder
    sheet: str  # sheet name; "" for CSV
    headers: list[object]
    rows: list[list[object]]
    table: Table | None  # the table the sheet's or file's name refers to, if any
    header_row: int = 1  # spreadsheet row number of the header
    notices: list[Notice] = field(default_factory=list)  # what the reader noticed (an ANSI file)
    matrix: MatrixIdentity | None = None  # the file is a matrix the pipeline wrote (its identity)


@dataclass
class IngestResult:
    tables: dict[str, pd.DataFrame]
    problems: list[FileProblem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    matrices: dict[str, MatrixIdentity] = field(default_factory=dict)  # file → a matrix's identity


MATRIX_HELP_SHEETS = {label("matrix_sheet_help", lang) for lang in ("id", "en")}


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


SheetColumns = dict[str, np.ndarray]  # one sheet's non-empty rows, column by column, as read


def _sheet_columns(sheet: RawSheet, table: Table, columns: dict[int, str]) -> SheetColumns:
    """The sheet's non-empty rows under the table's columns (the values as read)."""
    cells = list(zip_longest(*sheet.rows))  # one tuple per column, short rows padded with None
    kept = np.flatnonzero(~_blank_rows(cells, len(sheet.rows)))
    data: SheetColumns = {name: np.full(len(kept), None, dtype=object) for name in table.columns}
    for position, name in columns.items():
        if position < len(cells):
            data[name] = np.asarray(cells[position], dtype=object)[kept]
    data["source_file"] = np.full(len(kept), sheet.file, dtype=object)
    data["source_sheet"] = np.full(len(kept), sheet.sheet, dtype=object)
    data["source_row"] = kept + sheet.header_row + 1
    return data


TEXT, LACKING, OTHER = "text", "lacking", "other"


def _part_kind(values: np.ndarray) -> str:
    """Text, wholly None (a column the sheet lacks, or an empty sheet) or anything else."""
    kind = infer_dtype(values, skipna=True)
    if kind == "string":
        return TEXT
    return LACKING if kind == "empty" and all(v is None for v in values) else OTHER


def _column(parts: list[np.ndarray]) -> np.ndarray:
    """One table column from every sheet's part, as inferring each sheet's frame, concatenating
    the frames and making them object gives it: text NA as NaN, `1` beside `1.5` as 1.0.
    Only parts that are not text are inferred one by one; the text is handled once for all."""
    kinds = [_part_kind(p) for p in parts]
    values = np.concatenate(parts)
    lacking = np.repeat(np.array([k == LACKING for k in kinds]), [len(p) for p in parts])
    column = np.where(lacking | ~pd.isna(values), values, np.nan)  # a lacking column keeps its None
    others = {i: _inferred(p) for i, (p, kind) in enumerate(zip(parts, kinds, strict=True)) if kind == OTHER}
    if not others:
        return column
    numeric = {s.dtype for s in others.values()} - {np.dtype(object)}
    if not numeric <= {np.dtype("int64")} and not numeric <= {np.dtype("float64")}:
        # frames, not Series: their concatenation casts mixed dtypes its own way (True → 1.0)
        frames = [pd.DataFrame({"v": _inferred(p) if len(p) else pd.Series(p, dtype=object)}) for p in parts]
        return pd.concat(frames, ignore_index=True)["v"].astype(object).to_numpy()
    # beside object parts, or alone, one numeric dtype just becomes Python numbers
    ends = np.cumsum([len(p) for p in parts])
    for i, inferred in others.items():
        column[ends[i] - len(parts[i]):ends[i]] = inferred.astype(object).to_numpy()
    return column


def _table_frame(table: Table, parts: list[SheetColumns]) -> pd.DataFrame:
    if not parts:
        return empty_table(table).astype(object)
    names = [*table.columns, *SOURCE_COLUMNS[:2]]
    data = {name: _column([p[name] for p in parts]) for name in names}
    data["source_row"] = np.concatenate([p["source_row"] for p in parts]).astype(object)
    return pd.DataFrame({name: pd.Series(values, dtype=object, copy=False) for name, values in data.items()})


def ingest_sheets(sheets: list[RawSheet]) -> IngestResult:
    """Match headers of every sheet that names a table; other sheets become notices."""
    parts: dict[str, list[SheetColumns]] = {name: [] for name in TABLES}
    result = IngestResult(tables={})
    for sheet in sheets:
        result.notices += sheet.notices
        if sheet.matrix is not None:
            result.matrices[sheet.file] = sheet.matrix
        if sheet.table is None and sheet.matrix is not None and sheet.sheet in MATRIX_HELP_SHEETS:
            continue  # the instructions sheet of our own matrix: nothing to notice
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
        parts[sheet.table.name].append(_sheet_columns(sheet, sheet.table, match.columns))
    for name, table_parts in parts.items():
        frame = _table_frame(TABLES[name], table_parts)
        frame[ROW_ID] = range(len(frame))
        result.tables[name] = frame
    return result
