"""XLSX workbooks people fill in: the meeting's recommendation matrix and the empty round template.

Headers are the contract's Indonesian headers, so a filled workbook dropped into a round's raw
folder is read back as it is. Every text cell is written as text: a village's words can never
become a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from flows.print_setup import PrintLayout, prepare_for_print
from flows.readers import CHOICE_LIST_SHEET
from transforms.contract.labels import label
from transforms.contract.tables import RECOMMENDATIONS, TABLES, VOCABULARIES, Field, Kind, Table
from transforms.derive.matrix import origin_text
from transforms.ingest.matrix_identity import IDENTITY_SHEET, MatrixIdentity, identity_rows
from transforms.present.corrections import correction_rows
from transforms.present.jobs import CorrectionsInputs, WorkbookJob
from transforms.present.safety import writable_text
from transforms.validate.names import Gazetteer

FIXED_TIME = datetime(2024, 1, 1)  # workbook properties: same inputs, same bytes
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
INFO_FILL = PatternFill("solid", fgColor="F2F2F2")  # read-only information, not data to fill in
WIDE = {Kind.TEXT: 40, Kind.DESA_LIST: 28}
LIST_SHEET = CHOICE_LIST_SHEET
MAX_ROWS = 500  # drop-downs cover this many data rows
# The matrix on paper: the meeting's words get the room, codes and dates just their header
MATRIX_WIDTHS = {"rec_id": 5, "issue": 30, "villages": 16, "recommendation": 34,
                 "responsible_level": 11, "responsible_agency": 18, "due": 9, "notes": 24}
TEMPLATE_TEXT_WIDTH = 24
PROSE = PrintLayout(header_rows=0)  # an instructions sheet: nothing to repeat or freeze


def _text_cell(sheet: Worksheet, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None or (isinstance(value, float) and value != value):
        return
    # a village's text may hold controls XLSX cannot store (Word's line break): written as shown
    cell.value = value if isinstance(value, (int, float)) else writable_text(str(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet, fields: tuple[Field, ...], lang: str) -> None:
    for column, f in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=column, value=f.header_id)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        note = f.doc_id if lang == "id" else f.doc_en
        cell.comment = Comment(note + (" (wajib)" if f.required and lang == "id" else
                                       " (required)" if f.required else ""), "BangKIT")
        sheet.column_dimensions[get_column_letter(column)].width = WIDE.get(f.kind, 16)
    sheet.freeze_panes = "A2"


def _choice_lists(workbook: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    """One hidden sheet holding every drop-down list; returns list name → range formula."""
    sheet = workbook.create_sheet(LIST_SHEET)
    sheet.sheet_state = "hidden"
    ranges = {}
    for column, (name, values) in enumerate(lists.items(), start=1):
        sheet.cell(row=1, column=column, value=name)
        for row, value in enumerate(values, start=2):
            _text_cell(sheet, row, column, value)
        letter = get_column_letter(column)
        ranges[name] = f"{LIST_SHEET}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return ranges


def _bilingual(key: str) -> str:
    return f"{label(key, 'id')} / {label(key, 'en')}"


def _dropdown(sheet: Worksheet, column: int, formula: str) -> None:
    """A drop-down that warns on a value not in its list and lets it be kept: the pipeline reads
    synonyms and reports unknown values in the corrections workbook, and a meeting must be able
    to write down what it decided even when the list lacks it ('stop' would refuse it, and people
    paste over a refusing cell, which drops the validation altogether)."""
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=True, errorStyle="warning")
    validation.errorTitle = _bilingual("dropdown_error_title")[:32]  # Excel's limits
    validation.error = _bilingual("dropdown_error")[:255]
    sheet.add_data_validation(validation)
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{MAX_ROWS}")


def stable_xlsx_bytes(data: bytes, stamp: datetime = FIXED_TIME) -> bytes:
    """Repack a saved workbook with fixed zip entry times and the fixed modification time that
    openpyxl overwrites on save: the same content gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    zip_time = stamp.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=zip_time), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def save_stable(workbook: Workbook, path: Path) -> None:
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "bangkit-pipeline"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_xlsx_bytes(buffer.getvalue()))


def _identity_sheet(workbook: Workbook, identity: MatrixIdentity) -> None:
    """The hidden sheet naming the matrix's round and kecamatan: read back when the filled matrix
    is saved into a round folder (its rows replace that kecamatan's, or it is in the wrong folder)."""
    sheet = workbook.create_sheet(IDENTITY_SHEET)
    sheet.sheet_state = "hidden"
    for row, values in enumerate(identity_rows(identity), start=1):
        for column, value in enumerate(values, start=1):
            _text_cell(sheet, row, column, value or None)
    sheet.column_dimensions["A"].width = 60


def _help_sheet(workbook: Workbook, identity: MatrixIdentity, lang: str,
                round_labels: dict[str, str]) -> None:
    """Instructions: which round and kecamatan the matrix is for, and the exact folder it goes into."""
    sheet = workbook.create_sheet(label("matrix_sheet_help", lang))
    fields = {"round_id": identity.round_id, "round": round_labels.get(identity.round_id, identity.round_id),
              "kabupaten": identity.kabupaten, "kecamatan": identity.kecamatan}
    lines = [label("matrix_identity_line", lang, **fields), label("matrix_where_line", lang, **fields),
             label("matrix_help", lang)]
    for row, line in enumerate(lines, start=1):
        _text_cell(sheet, row, 1, line)
    sheet.cell(row=1, column=1).font = Font(bold=True)
    sheet.cell(row=2, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 100
    prepare_for_print(sheet, PROSE)


def write_matrix(matrix: pd.DataFrame, path: Path, lang: str, identity: MatrixIdentity,
                 round_labels: dict[str, str] | None = None) -> None:
    """The kecamatan's matrix for the meeting: sheet `rekomendasi`, landscape, wrapped, frozen.
    Two grey columns after the contract's say where each row comes from and how old it is; they
    are for reading only and skipped when the filled matrix comes back as `rekomendasi`. A hidden
    sheet and the instructions name the round and kecamatan it is for."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = RECOMMENDATIONS.name_id
    fields = RECOMMENDATIONS.fields
    _header(sheet, fields, lang)
    for column, f in enumerate(fields, start=1):
        if f.name in MATRIX_WIDTHS:
            sheet.column_dimensions[get_column_letter(column)].width = MATRIX_WIDTHS[f.name]
    info = len(fields) + 1
    for offset, key in enumerate(("matrix_origin", "matrix_age")):
        cell = sheet.cell(row=1, column=info + offset, value=label(key, lang))
        cell.font = Font(bold=True, italic=True)
        cell.fill = INFO_FILL
        sheet.column_dimensions[get_column_letter(info + offset)].width = 24 if offset == 0 else 10
    for row, record in enumerate(matrix.to_dict("records"), start=2):
        for column, f in enumerate(fields, start=1):
            _text_cell(sheet, row, column, record.get(f.name))
        _text_cell(sheet, row, info, origin_text(record["origin"], record["origin_round"],
                                                 record["age_rounds"], lang, round_labels or {}))
        _text_cell(sheet, row, info + 1, record["age_rounds"])
        for column in (info, info + 1):
            sheet.cell(row=row, column=column).fill = INFO_FILL
    ranges = _choice_lists(workbook, {
        f.header_id: VOCABULARIES[f.vocab].values for f in fields if f.vocab})
    for column, f in enumerate(fields, start=1):
        if f.vocab:
            _dropdown(sheet, column, ranges[f.header_id])
    # kabupaten and kecamatan are the same on every row: the page header names them instead
    prepare_for_print(sheet, PrintLayout(first_column=3, page_header=_place_header(matrix)))
    _help_sheet(workbook, identity, lang, round_labels or {})
    _identity_sheet(workbook, identity)
    save_stable(workbook, path)


def _place_header(matrix: pd.DataFrame) -> str:
    places = matrix[["kecamatan", "kabupaten"]].dropna().drop_duplicates() if len(matrix) else []
    if len(places) != 1:
        return ""
    kecamatan, kabupaten = places.iloc[0]
    return f"{kecamatan}, {kabupaten}".replace("&", "&&")  # `&` starts a header code


def _place_lists(gazetteer: Gazetteer) -> dict[str, list[str]]:
    kabupaten = sorted(gazetteer.kabupaten.places)
    kecamatan = sorted({k for index in gazetteer.kecamatan.values() for k in index.places})
    desa = sorted({d for index in gazetteer.desa.values() for d in index.places})
    return {"kabupaten": kabupaten, "kecamatan": kecamatan, "desa": desa}


def write_round_template(path: Path, gazetteer: Gazetteer, lang: str = "id") -> None:
    """An empty round workbook: an instructions sheet, the four sheets, a note on each header,
    drop-down lists."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    lists = _place_lists(gazetteer) | {name: v.values for name, v in VOCABULARIES.items()}
    _template_help(workbook.create_sheet(label("matrix_sheet_help", lang)), lists, lang)
    sheets: list[tuple[Table, Worksheet]] = []
    for table in TABLES.values():
        sheet = workbook.create_sheet(table.name_id)
        _header(sheet, table.fields, lang)
        for column, f in enumerate(table.fields, start=1):
            if f.kind == Kind.TEXT:  # empty: narrower, so the printed sheet stays legible
                sheet.column_dimensions[get_column_letter(column)].width = TEMPLATE_TEXT_WIDTH
        sheets.append((table, sheet))
    ranges = _choice_lists(workbook, lists)
    for table, sheet in sheets:
        for column, f in enumerate(table.fields, start=1):
            source = _list_of(f)
            if source:
                _dropdown(sheet, column, ranges[source])
        prepare_for_print(sheet)
    save_stable(workbook, path)


def _list_of(f: Field) -> str | None:
    """The drop-down list a template column uses, if any."""
    return f.vocab or (f.kind.value if f.kind in (Kind.KABUPATEN, Kind.KECAMATAN, Kind.DESA)
                       else None)


def _template_help(sheet: Worksheet, lists: dict[str, list[str]], lang: str) -> None:
    """What each sheet is, where the file goes, and every drop-down's choices, in two columns."""
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 74
    rows: list[tuple[str, str, bool]] = [(label("template_help_title", lang), "", True),
                                         (label("template_help_save", lang), "", False),
                                         (label("template_help_sheets", lang),
                                          label("template_help_about", lang), True)]
    rows += [(t.name_id, t.doc_id if lang == "id" else t.doc_en, False) for t in TABLES.values()]
    rows.append((label("template_help_choices", lang), label("template_help_choice_values", lang),
                 True))
    for table in TABLES.values():
        for f in table.fields:
            source = _list_of(f)
            if source:
                rows.append((f"{table.name_id} · {f.header_id}", _choices_text(source, lists, lang),
                             False))
    rows.append((label("template_help_warning", lang), "", False))
    for row, (first, second, bold) in enumerate(rows, start=1):
        _text_cell(sheet, row, 1, first)
        _text_cell(sheet, row, 2, second)
        if not second:  # a sentence across both columns
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        for column in (1, 2):
            sheet.cell(row=row, column=column).font = Font(bold=bold)
    prepare_for_print(sheet, PROSE)


def _choices_text(source: str, lists: dict[str, list[str]], lang: str) -> str:
    if source not in VOCABULARIES:  # a place list: too long to print, say where it comes from
        return label("template_help_places", lang, count=len(lists[source]))
    return "; ".join(f"{t.value} ({t.label_id if lang == 'id' else t.label_en})"
                     for t in VOCABULARIES[source].terms)


def _problem_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    widths = (20, 10, 7, 11, 14, 18, 16, 44, 28, 44)  # on one landscape page at a legible size
    for column, (header, width) in enumerate(zip(frame.columns, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=column, value=str(header))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, record in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(record, start=1):
            _text_cell(sheet, row, column, value)
    sheet.auto_filter.ref = sheet.dimensions
    prepare_for_print(sheet)


def write_corrections(to_fix: pd.DataFrame, to_check: pd.DataFrame, path: Path, lang: str) -> None:
    """The correction workbook of one kecamatan: rows to fix, rows to check, how to use it."""
    workbook = Workbook()
    fix = workbook.active
    fix.title = label("to_fix", lang)
    _problem_sheet(fix, to_fix)
    _problem_sheet(workbook.create_sheet(label("to_check", lang)), to_check)
    help_sheet = workbook.create_sheet(label("matrix_sheet_help", lang))
    _text_cell(help_sheet, 1, 1, label("corrections_help", lang))
    help_sheet.column_dimensions["A"].width = 100
    prepare_for_print(help_sheet, PROSE)
    save_stable(workbook, path)


def write_workbook(job: WorkbookJob, path: Path) -> None:
    """A round's correction or matrix workbook, from its job's inputs."""
    inputs = job.inputs
    if isinstance(inputs, CorrectionsInputs):
        write_corrections(correction_rows(inputs.to_fix.frame, inputs.lang),
                          correction_rows(inputs.to_check.frame, inputs.lang), path, inputs.lang)
    else:
        write_matrix(inputs.matrix.frame, path, lang=inputs.lang, identity=inputs.identity,
                     round_labels=inputs.round_labels)
