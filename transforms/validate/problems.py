"""Problems found in a round's rows, and how they are written out: one row per problem with
where it is (file, sheet, row as the spreadsheet shows it), what is wrong and what would be right."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from transforms.contract.bilingual_fields import Bilingual
from transforms.contract.messages import message
from transforms.contract.outputs import PROBLEM_COLUMNS, PROBLEM_EXTRA_COLUMNS
from transforms.contract.tables import TABLES, Kind
from transforms.ingest.sheets import Notice
from transforms.validate.column_rules import ROW_ID
from transforms.validate.parsing import (
    is_blank,
)

if TYPE_CHECKING:
    from transforms.validate.parse import ParsedRound


PLACE_KINDS = (Kind.KABUPATEN, Kind.KECAMATAN, Kind.DESA)


@dataclass
class Problem:
    table: str
    row: int  # ROW_ID in that table's raw frame; -1 for a problem with no input row
    column: str  # canonical field name ("" when the row as a whole is concerned)
    code: str
    value: str = ""
    suggestion: str = ""
    details: dict[str, str | Bilingual] = field(default_factory=dict)  # {expected}, {parent}, {here}, …


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


def notices_frame(notices: list[Notice]) -> pd.DataFrame:
    """Skipped sheets and columns, as warnings that name the file and sheet."""
    records = [{
        "source_file": n.file, "source_sheet": n.sheet, "source_row": n.row or "",
        "table": "", "column": n.value if n.code == "column_ignored" else "", "value": n.value,
        "code": n.code, "message_id": message(n.code, "id", value=n.value),
        "message_en": message(n.code, "en", value=n.value), "suggestion": "",
        "kabupaten": "", "kecamatan": "", "row_data": "",
    } for n in notices]
    return pd.DataFrame.from_records(records, columns=[*PROBLEM_COLUMNS, *PROBLEM_EXTRA_COLUMNS])


def dedupe(problems: list[Problem]) -> list[Problem]:
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
    chosen = problems if keep_all else dedupe(problems)
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
    frame = pd.DataFrame.from_records(records, columns=[*PROBLEM_COLUMNS, *PROBLEM_EXTRA_COLUMNS])
    return frame.astype(object)


def distinct_rows(problems: pd.DataFrame) -> int:
    """Input rows a problem frame concerns (a row with three problems counts once)."""
    return len(problems.drop_duplicates(subset=["source_file", "source_sheet", "source_row"]))
