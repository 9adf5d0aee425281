"""Parsing a round's raw rows: each value by its field's kind (once per distinct value), the row rules
that need more than one column, and the problems found on the way. Place names are resolved in
`places.py`; the column rules and the split into clean and quarantine are in `quarantine.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.contract.rules import Severity
from transforms.contract.tables import SOURCE_COLUMNS, TABLES, Field, Kind, Table
from transforms.validate.column_rules import ROW_ID
from transforms.validate.names import Gazetteer
from transforms.validate.parsing import (
    ParseError,
    blank_mask,
    distinct_values,
    parse_code,
    parse_count,
    parse_date,
    parse_due,
    parse_percent,
    parse_rupiah,
    parse_text,
    parse_vocab,
)
from transforms.validate.places import CachedNames, resolve_places
from transforms.validate.problems import PLACE_KINDS, Problem, display_value
from transforms.validate.row_checks import row_problems


@dataclass
class ParsedRound:
    round: RoundInfo
    raw: dict[str, pd.DataFrame]
    typed: dict[str, pd.DataFrame]
    errors: list[Problem]
    warnings: list[Problem]


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


def parse_round(raw: dict[str, pd.DataFrame], gazetteer: Gazetteer,
                round_info: RoundInfo) -> ParsedRound:
    typed: dict[str, pd.DataFrame] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    cached = CachedNames(gazetteer)
    for name, table in TABLES.items():
        frame, problems = parse_table(table, raw[name])
        place_errors, place_warnings = resolve_places(table, frame, gazetteer, round_info, cached)
        errors += place_errors + problems + row_problems(name, frame, round_info, Severity.ERROR)
        warnings += place_warnings
        typed[name] = frame
    return ParsedRound(round_info, raw, typed, errors, warnings)
