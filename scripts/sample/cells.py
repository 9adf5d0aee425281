"""How a row is typed into a file: each cell as the facilitator of that file would type it.

The forms of values (rupiah, dates, counts, names) are scripts/typing_habits.py; which of the
contract's spellings this sample's facilitators use is content/spellings.toml. Draws are seeded by
file, table, place and row, so a row looks the same however many rows come before it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from scripts.sample.content import SHORT, SPELLINGS
from scripts.sample.records import Record
from scripts.sample.reference import Reference, rng_for
from scripts.typing_habits import (
    DESA_PREFIX,
    KABUPATEN_PREFIX,
    KECAMATAN_PREFIX,
    choose,
    count_or_cell,
    date_or_cell,
    rupiah_or_cell,
    typed_name,
    typed_name_list,
)
from transforms.contract.tables import TABLES, Kind

HEADERS: dict[str, tuple[str, ...]] = {t.name_id: tuple(f.header_id for f in t.fields)
                                       for t in TABLES.values()}
VOCABULARY_OF: dict[str, str] = {f.header_id: f.vocab for t in TABLES.values() for f in t.fields if f.vocab}
RUPIAH_HEADERS = {f.header_id for t in TABLES.values() for f in t.fields if f.kind == Kind.RUPIAH}


@dataclass(frozen=True)
class Style:
    xlsx: bool  # a workbook keeps numbers and dates as cells; a CSV has text only
    status_habit: int  # which of the status spellings a file prefers


def typed_value(rng: random.Random, header: str, value: object, style: Style) -> object:
    if value is None:
        return None
    if isinstance(value, date):
        return date_or_cell(rng, value, style.xlsx)
    if header in RUPIAH_HEADERS:
        return rupiah_or_cell(rng, int(str(value)), style.xlsx)
    if isinstance(value, int):
        return count_or_cell(rng, value, style.xlsx, percent=header == "progres_persen")
    vocabulary = VOCABULARY_OF.get(header)
    if vocabulary == "activity_status":
        forms = SPELLINGS[vocabulary][str(value)]
        return choose(rng, forms[style.status_habit:] + forms[:style.status_habit])
    if vocabulary in SPELLINGS:
        return choose(rng, SPELLINGS[vocabulary].get(str(value), (str(value),)))
    if header == "desa_terkait" and isinstance(value, tuple):
        return typed_name_list(rng, value)
    if vocabulary:  # responsible level, follow-up status: as written or capitalised
        return choose(rng, (str(value), str(value).title()), 0.7)
    return value


def typed_row(record: Record, style: Style, ref: Reference, file_name: str) -> dict[str, object]:
    """The row's cells by Indonesian header; planted raw text wins over the typed value."""
    rng = rng_for("cell", file_name, record.table, record.kab, record.kec, record.identity)
    habit = rng_for("habit", file_name, record.kec)  # one person types a kecamatan's rows
    kab_forms = (record.kab, SHORT[record.kab], f"{KABUPATEN_PREFIX} {record.kab}", record.kab.upper())
    row: dict[str, object] = {
        "kabupaten": choose(habit, kab_forms, 0.5),
        "kecamatan": typed_name(habit if rng.random() < 0.8 else rng, record.kec,
                                ref.kec_aliases.get((record.kab, record.kec), ()), KECAMATAN_PREFIX),
    }
    for header in HEADERS[record.table][2:]:
        if header == "desa":
            desa = str(record.values["desa"])
            village_habit = rng_for("habit", file_name, record.kec, desa)
            row[header] = typed_name(village_habit if rng.random() < 0.8 else rng, desa,
                                     ref.aliases(record.kab, record.kec, desa), DESA_PREFIX)
        else:
            row[header] = typed_value(rng, header, record.values.get(header), style)
    row.update(record.raw)
    return row
