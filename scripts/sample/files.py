"""Which file of a round holds which rows, and writing the workbooks and CSVs.

Sheet names and headers are the contract's (transforms/contract/tables.py), in the style each
file uses; the files themselves are content/files.toml.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from flows.workbooks import stable_xlsx_bytes
from scripts.sample.cells import HEADERS, Style, typed_row
from scripts.sample.content import FILES, INSTRUCTIONS, INSTRUCTIONS_SHEET, SHORT, kabupaten
from scripts.sample.records import Record
from scripts.sample.reference import Reference, Round
from transforms.contract.tables import TABLES

ALL = tuple(HEADERS)  # the four tables by Indonesian name, in the contract's order
_BY_NAME_ID = {t.name_id: t for t in TABLES.values()}


def english_header(table: str, header: str) -> str:
    """`Monitoring Date`, `Rec ID`: the contract's English field name in Title Case."""
    field = next(f for f in _BY_NAME_ID[table].fields if f.header_id == header)
    return re.sub(r"\bId\b", "ID", field.name.replace("_", " ").title())


@dataclass(frozen=True)
class FileSpec:
    name: str
    kab: str
    kecamatan: tuple[str, ...]  # empty: every kecamatan of the kabupaten
    tables: tuple[str, ...]
    headers: str = "id"  # id, title (Indonesian, title case), en
    sheets: str = "id"  # id, Title, en
    delimiter: str = ","
    bom: bool = False
    instructions: bool = False
    status_habit: int = 0

    @property
    def xlsx(self) -> bool:
        return self.name.endswith(".xlsx")

    def holds(self, record: Record) -> bool:
        return (record.kab == self.kab and record.table in self.tables
                and (not self.kecamatan or record.kec in self.kecamatan))


def file_specs(round_id: str) -> list[FileSpec]:
    specs: list[FileSpec] = []
    for entry in (e for e in FILES if e["round"] == round_id):
        kab, kec = kabupaten(entry["kabupaten"]), tuple(entry.get("kecamatan", ()))
        tables, habit = tuple(entry.get("tables", ALL)), entry.get("status_habit", 0)
        if "csv_prefix" in entry:  # one CSV per table; `;` with a BOM is Excel in an Indonesian locale
            semicolon = entry.get("semicolon", ())
            specs += [FileSpec(f"{entry['csv_prefix']}_{t}.csv", kab, kec, (t,),
                               delimiter=";" if t in semicolon else ",", bom=t in semicolon,
                               status_habit=habit) for t in tables]
        else:
            specs.append(FileSpec(entry["name"], kab, kec, tables, entry.get("headers", "id"),
                                  entry.get("sheets", "id"), instructions=entry.get("instructions", False),
                                  status_habit=habit))
    return specs


def header_text(table: str, header: str, style: str) -> str:
    if style == "en":
        return english_header(table, header)
    if style == "title":
        return header.replace("laki_laki", "laki-laki").replace("_", " ").title()
    return header


def sheet_name(table: str, style: str) -> str:
    return _BY_NAME_ID[table].name if style == "en" else table.title() if style == "Title" else table


def write_xlsx(path: Path, spec: FileSpec, tables: dict[str, list[dict[str, object]]],
               stamp: datetime) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    if spec.instructions:
        first.title = INSTRUCTIONS_SHEET
        for line in INSTRUCTIONS:
            first.append([line])
        first.column_dimensions["A"].width = 100
    else:
        wb.remove(first)
    for table, rows in tables.items():
        ws = wb.create_sheet(sheet_name(table, spec.sheets))
        ws.append([header_text(table, h, spec.headers) for h in HEADERS[table]])
        for row in rows:
            ws.append([row.get(h) for h in HEADERS[table]])
        format_sheet(ws)
    wb.properties.creator = f"M&E {SHORT[spec.kab]}"
    wb.properties.lastModifiedBy = f"M&E {SHORT[spec.kab]}"
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(stable_xlsx_bytes(buffer.getvalue(), stamp))  # fixed timestamps: same bytes


def format_sheet(ws: Worksheet) -> None:
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and cell.value >= 100_000:
                cell.number_format = "#,##0"
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column[:30])
        ws.column_dimensions[column[0].column_letter].width = min(45, max(10, width + 2))


def csv_cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def write_csv(path: Path, spec: FileSpec, table: str, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8-sig" if spec.bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=spec.delimiter,
                            lineterminator="\r\n" if spec.bom else "\n")
        writer.writerow([header_text(table, h, spec.headers) for h in HEADERS[table]])
        writer.writerows([[csv_cell(row.get(h)) for h in HEADERS[table]] for row in rows])


@dataclass(frozen=True)
class Placed:
    """Where a row landed: spreadsheet row numbers as the pipeline reports them (header = 1)."""

    round_id: str
    file: str
    sheet: str  # "" for a CSV
    row: int
    table: str
    record: Record


def write_round(ref: Reference, rnd: Round, records: list[Record], raw: Path) -> list[Placed]:
    """Write the round's files into `raw/<round_id>/` (replaced whole); where each row landed."""
    folder = raw / rnd.round_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    stamp = datetime.combine(rnd.end, datetime.min.time()).replace(hour=9)
    placed: list[Placed] = []
    for spec in file_specs(rnd.round_id):
        style = Style(spec.xlsx, spec.status_habit)
        tables: dict[str, list[dict[str, object]]] = {}
        for table in spec.tables:
            mine = [r for r in records if r.table == table and spec.holds(r)]
            if not mine:
                continue
            tables[table] = [typed_row(r, style, ref, spec.name) for r in mine]
            sheet = sheet_name(table, spec.sheets) if spec.xlsx else ""
            placed += [Placed(rnd.round_id, spec.name, sheet, number, table, record)
                       for number, record in enumerate(mine, start=2)]
            if not spec.xlsx:
                write_csv(folder / spec.name, spec, table, tables[table])
        if spec.xlsx:
            write_xlsx(folder / spec.name, spec, tables, stamp)
    times = Counter(id(p.record) for p in placed)
    if sorted(times) != sorted(id(r) for r in records) or set(times.values()) != {1}:
        raise SystemExit(f"{rnd.round_id}: some rows are in no file or in two")
    return placed
