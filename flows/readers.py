"""Reading what staff put in a round folder: workbooks (.xlsx, .xlsm, .xls, .ods), text tables
(.csv, .tsv, .txt) and ODK Central's CSV zip, as RawSheets. KoboToolbox and Central exports are
recognised by their columns and unfolded in transforms/ingest/kobo.py.

A file that cannot be used at all raises InputFileError (the round stops, exit code 2); sheets
that name no table are passed on so they are listed as skipped.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import fromstring
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from flows.cell_marks import SheetMarks, ods_marks, xls_marks
from flows.template_habits import Merge, header_and_rows
from flows.text_tables import TEXT_SUFFIXES, decode_table_text, text_rows
from flows.zip_guard import MAX_CELL_CHARS, refuse_unsafe_zip
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.tables import TABLES, Table, table_for_name
from transforms.ingest.headers import match_headers, table_from_filename
from transforms.ingest.kobo import export_table, is_export, unfold_central, unfold_kobo
from transforms.ingest.matrix_identity import is_identity_sheet, read_identity
from transforms.ingest.sheets import Notice, RawSheet

CHOICE_LIST_SHEET = "pilihan"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
CALAMINE_SUFFIXES = (".xls", ".ods")  # read by calamine only: it gives formulas' cached values
IGNORED_PREFIXES = (".", "~$")  # hidden files and Excel's lock files
IGNORED_NAMES = ("thumbs.db", "desktop.ini")  # written by Windows into any folder
TABLE_NAMES = ", ".join(f"{t.name_id}/{t.name}" for t in TABLES.values())


def round_files(round_dir: Path) -> list[Path]:
    return sorted(
        p for p in round_dir.rglob("*")
        if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
        and p.name.lower() not in IGNORED_NAMES
    )


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cell_value(cell: object) -> object:
    """A cell's value as the person typed it: a 50% cell holds 0.5, we want `50%`."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e" and isinstance(value, str):
        return ErrorCell(value)
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        return f"{value * 100:.10g}%"
    return value


def read_xlsx(path: Path, name: str) -> list[RawSheet]:
    try:
        refuse_unsafe_zip(path, name)
        return _read_workbook(path, name)
    except InputFileError:
        raise
    except Exception as error:  # a damaged workbook can fail anywhere inside openpyxl
        raise InputFileError([FileProblem("file_unreadable", name, value=type(error).__name__)]) from None


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls) is an OLE compound file
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_XLS_BYTES = 200 * 1024 * 1024  # an .xls is not compressed: its size on disk is what is read


def _content_kind(path: Path) -> str:
    """What the file's first bytes say it is, in the words of the misnamed-file message."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
            return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<table")):
        return "html"  # what web systems export under an .xls name
    if b"<?xml" in head[:64]:
        return "xml"  # Excel 2003 "XML Spreadsheet" saved as .xls
    return "empty" if not head else "other"


_KIND_WORDS = {"xls": "Excel 97-2003 (.xls)", "ods": "LibreOffice (.ods)", "xlsx": "Excel Workbook (.xlsx)",
               "zip": "zip", "html": "HTML (web page)", "xml": "XML", "empty": "nothing (0 bytes)",
               "other": "no workbook"}


def read_legacy_workbook(path: Path, name: str) -> list[RawSheet]:
    """An .xls or .ods, with the protections of the .xlsx path: its content must be what its name
    says, its size is bounded, hidden drop-down lists are skipped, formulas give cached values."""
    expected = path.suffix.lower().lstrip(".")
    try:
        kind = _content_kind(path)
    except zipfile.BadZipFile:
        kind = "other"
    if kind != expected:
        raise InputFileError([FileProblem("file_misnamed", name, value=_KIND_WORDS[kind],
                                          expected=_KIND_WORDS[expected])])
    try:
        if kind == "ods":
            refuse_unsafe_zip(path, name)
        elif path.stat().st_size > MAX_XLS_BYTES:
            raise InputFileError([FileProblem("file_too_large", name,
                                              value=f"{path.stat().st_size // 2**20} MB",
                                              expected=f"{MAX_XLS_BYTES // 2**20} MB")])
        worksheets, merges = _calamine_sheets(path)
    except InputFileError:
        raise
    except Exception as error:  # calamine raises its own errors for a damaged file
        raise InputFileError([FileProblem("file_unreadable", name, value=type(error).__name__)]) from None
    marks = ods_marks(path) if kind == "ods" else xls_marks(path)
    if kind == "ods":  # calamine gives no merged ranges for .ods: content.xml does
        merges = {title: sheet_marks.merged for title, sheet_marks in marks.items()}
    return _sheets_of([(title, _marked(rows, marks.get(title))) for title, rows in worksheets], name,
                      merges)


class ErrorCell(str):
    """A cell holding a formula error (`#DIV/0!`): read as blank, with a warning naming it."""


def _marked(rows: list[list[object]], marks: SheetMarks | None) -> list[list[object]]:
    """calamine's values with what it does not say: `50%` for a percent cell (it gives 0.5, as
    the .xlsx path does not), an ErrorCell for an error (it gives an empty cell)."""
    if marks is None:
        return rows
    for r, c in marks.percent:
        if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], (int, float)) \
                and not isinstance(rows[r][c], bool):
            rows[r][c] = f"{rows[r][c] * 100:.10g}%"
    for (r, c), text in marks.errors.items():
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = ErrorCell(text)
    return rows


def _blank_errors(rows: list[list[object]], file: str, sheet: str) -> list[Notice]:
    """Error cells become blanks (never a figure, never text to quarantine), one warning each."""
    notices = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, ErrorCell):
                cell = f"{get_column_letter(c + 1)}{r + 1}"
                notices.append(Notice(file, sheet, r + 1, "error_cell", f"{cell} ({value})"))
                row[c] = None
    return notices


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        sheets = (archive.read(i) for i in archive.namelist() if i.startswith("xl/worksheets/"))
        return any(b"<f>" in xml or b"<f " in xml for xml in sheets)


def _uncached_formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Formulas whose result the file does not carry (saved by a script, not by Excel): their
    text is passed on so the row is quarantined showing it, instead of reading as a blank.
    Nothing is ever evaluated."""
    if not _has_formulas(path):
        return {}
    values = load_workbook(path, read_only=True, data_only=True)
    formulas = load_workbook(path, read_only=True, data_only=False)

    try:
        return {cached.title: _formula_cells(cached, written)
                for cached, written in zip(values.worksheets, formulas.worksheets, strict=True)}
    finally:
        values.close()
        formulas.close()


def _formula_cells(cached: object, written: object) -> dict[tuple[int, int], str]:
    found = {}
    for r, (row_v, row_f) in enumerate(zip(cached.iter_rows(), written.iter_rows(), strict=False)):
        for c, (cell_v, cell_f) in enumerate(zip(row_v, row_f, strict=False)):
            text = getattr(cell_f, "value", None)
            if getattr(cell_v, "value", None) is None and isinstance(text, str) and text[:1] == "=":
                found[(r, c)] = text
    return found


def _read_workbook(path: Path, name: str) -> list[RawSheet]:
    uncached = _uncached_formulas(path)
    worksheets, merges = _worksheet_rows(path)
    for title, rows in worksheets:
        for (r, c), formula in uncached.get(title, {}).items():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = formula
    return _sheets_of(worksheets, name, merges)


def _sheets_of(worksheets: list[tuple[str, list[list[object]]]], name: str,
               merges: dict[str, list[Merge]] | None = None) -> list[RawSheet]:
    sheets: list[RawSheet] = []
    errors: dict[str, list[Notice]] = {}
    # a matrix the pipeline wrote names its round and kecamatan on a hidden sheet of its own
    identity = next((found for title, rows in worksheets if is_identity_sheet(title)
                     if (found := read_identity(rows)) is not None), None)
    for title, rows in worksheets:
        if identity is not None and is_identity_sheet(title):
            continue
        table = table_for_name(title)
        errors[title] = _blank_errors(rows, name, title)
        header_row, headers, body, skipped = header_and_rows(rows, table, name, title,
                                                              (merges or {}).get(title))
        if table is not None and not headers:
            raise InputFileError([FileProblem("missing_column", name, title,
                                              table.required[0].header_id, table.name_id)])
        sheets.append(RawSheet(name, title, headers, body, table, header_row, skipped, identity))
    # a sheet that is no table is skipped whole: its error cells are not news
    sheets = [replace(s, notices=[*errors[s.sheet], *s.notices]) if s.table else s
              for s in unfold_kobo(sheets)]
    if not any(s.table for s in sheets):
        if any(is_export(s) for s in sheets):
            raise InputFileError([FileProblem("kobo_export_unplaced", name,
                                              value=", ".join(s.sheet for s in sheets))])
        raise InputFileError([FileProblem("no_known_sheet", name, value=_sheet_list(sheets),
                                          expected=SHEET_NAMES)])
    return sheets


SHEET_NAMES = ", ".join(t.name_id for t in TABLES.values())


def _sheet_list(sheets: list[RawSheet]) -> str:
    return ", ".join(f"'{s.sheet}'" for s in sheets) or "-"


def _worksheet_rows(path: Path) -> tuple[list[tuple[str, list[list[object]]]], dict[str, list[Merge]]]:
    """(title, cell values from A1) of every worksheet but our hidden drop-down lists, and the
    merged ranges of each.

    calamine (Rust) reads a national workbook ~50x faster than openpyxl; openpyxl stays for the
    few workbooks whose values calamine would give differently (error cells, percent formats)."""
    try:
        if not _openpyxl_needed(path):
            return _calamine_sheets(path)
    except Exception:  # damaged: openpyxl raises the error a damaged workbook is reported with
        pass
    worksheets = _openpyxl_rows(path)
    try:  # openpyxl's read-only sheets do not know their merged cells; calamine does
        return worksheets, _calamine_sheets(path)[1]
    except Exception:
        return worksheets, {}


def _openpyxl_rows(path: Path) -> list[tuple[str, list[list[object]]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [(ws.title, [[_cell_value(c) for c in r] for r in ws.iter_rows()])
                for ws in workbook.worksheets
                if not (ws.title == CHOICE_LIST_SHEET and ws.sheet_state == "hidden")]
    finally:
        workbook.close()


def _calamine_sheets(path: Path) -> tuple[list[tuple[str, list[list[object]]]], dict[str, list[Merge]]]:
    """Every worksheet's values (as openpyxl gives them) and merged ranges (none for .ods: see
    cell_marks), in one pass: each sheet is parsed once."""
    workbook = CalamineWorkbook.from_path(str(path))
    worksheets, merges = [], {}
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet or (
                    meta.name == CHOICE_LIST_SHEET and meta.visible == SheetVisibleEnum.Hidden):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            worksheets.append((meta.name, [[_as_openpyxl(v) for v in row]
                                           for row in sheet.to_python(skip_empty_area=False)]))
            merges[meta.name] = list(sheet.merged_cell_ranges or [])
        return worksheets, merges
    finally:
        workbook.close()


def _as_openpyxl(value: object) -> object:
    """A calamine value as openpyxl gives it: empty cells None, whole numbers int (calamine reads
    every number as a double), date cells datetime."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:  # as openpyxl: `5` → 5, `1e+20` stays a float
        return int(value) if value.is_integer() and abs(value) < WHOLE_NUMBER_LIMIT else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


WHOLE_NUMBER_LIMIT = 1e15  # past this Excel and openpyxl write an exponent, read back as a float
_ERROR_CELL = re.compile(rb"""\bt=["']e["']""")


def _openpyxl_needed(path: Path) -> bool:
    """Error cells (calamine reads `#N/A` as empty) or cells in a percent format (the value
    typed is wanted, `50%`, which needs the cell's style) keep a workbook on openpyxl."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        sheets = [archive.read(i) for i in names if i.startswith("xl/worksheets/") and i.endswith(".xml")]
        styles = archive.read("xl/styles.xml") if "xl/styles.xml" in names else b""
    if any(_ERROR_CELL.search(xml) for xml in sheets):
        return True
    styled = [f's="{i}"'.encode() for i in _percent_styles(styles)]
    return any(mark in xml for xml in sheets for mark in styled)


def _percent_styles(styles: bytes) -> list[int]:
    """Cell style ids whose number format shows a percentage, as openpyxl's number_format."""
    if not styles:
        return []
    sheet = Stylesheet.from_tree(fromstring(styles))
    def number_format(format_id: int) -> str:
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(format_id, "General")
        return sheet.number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
    return [i for i, style in enumerate(sheet.cell_styles) if "%" in number_format(style.numFmtId)]


# One cell of a text table is bounded as one of a workbook (csv's own default, stated here so the
# two limits are the one constant and no other module's setting can widen it)
csv.field_size_limit(MAX_CELL_CHARS)


def read_csv(path: Path, name: str) -> list[RawSheet]:
    """A .csv, .tsv or .txt table named after its table (`desa.csv`, `sbt_kegiatan.txt`), or a
    KoboToolbox / ODK Central export recognised by its columns, whatever its name."""
    sheet = _text_sheet(path.read_bytes(), name, path.stem)
    if sheet is None:
        raise InputFileError([FileProblem("no_table", name, expected=TABLE_NAMES)])
    return [sheet]


def _export_table_of(text: str) -> Table | None:
    """The table a Kobo or Central export's first line names (its file name says nothing)."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    for delimiter in (";", ",", "\t"):
        if (table := export_table(next(csv.reader([first_line], delimiter=delimiter), []))):
            return table
    return None


def _text_sheet(data: bytes, name: str, stem: str) -> RawSheet | None:
    """The sheet of one text table; None when neither its columns nor its name give a table."""
    text, notices = decode_table_text(data, name)
    if "\x00" in text:
        raise InputFileError([FileProblem("file_unreadable", name, value="binary")])
    table = _export_table_of(text) or table_from_filename(stem)
    if table is None:
        return None
    header_row, headers, body, skipped = header_and_rows(text_rows(text, table, name), table, name)
    if not headers:
        raise InputFileError([FileProblem("missing_column", name, "",
                                          table.required[0].header_id, table.name_id)])
    return RawSheet(name, "", headers, body, table, header_row, [*notices, *skipped])


def read_export_zip(path: Path, name: str) -> list[RawSheet]:
    """An ODK Central CSV zip as downloaded (`<form id>.csv.zip`): its CSVs read as if unzipped
    into the round folder; media and other members are left alone."""
    try:
        refuse_unsafe_zip(path, name)
        with zipfile.ZipFile(path) as archive:
            members = [(i.filename, archive.read(i)) for i in archive.infolist()
                       if not i.is_dir() and i.filename.lower().endswith(TEXT_SUFFIXES)]
    except InputFileError:
        raise
    except (zipfile.BadZipFile, OSError) as error:
        raise InputFileError([FileProblem("file_unreadable", name, value=type(error).__name__)]) from None
    sheets = []
    for member, data in members:
        member_name = f"{name}/{member}"
        sheet = _text_sheet(data, member_name, Path(member).stem)
        sheets.append(sheet or RawSheet(member_name, "", [], [], None))
    if not any(s.table for s in sheets):
        raise InputFileError([FileProblem("no_table", name, expected=TABLE_NAMES)])
    return unfold_central(sheets)


# Files staff receive that hold figures no reader can take: each gets what to save it as.
_UNREADABLE_KINDS = {
    ".numbers": "file_is_numbers", ".pdf": "file_is_pdf",
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".heic", ".heif", ".gif", ".webp", ".bmp", ".tif",
                     ".tiff"), "file_is_image"),
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf"), "file_is_document"),
}


def unplaced_exports(sheets: list[RawSheet]) -> list[FileProblem]:
    """A Kobo or Central export whose columns are not the form's (another form, labels edited in
    Kobo, a language the form lacks) would only say "column missing": say to export again."""
    problems = []
    for sheet in sheets:
        if sheet.table is not None and is_export(sheet):
            missing = match_headers(sheet.table, sheet.headers).missing_required
            if missing:
                problems.append(FileProblem("kobo_export_unplaced", sheet.file, sheet.sheet,
                                            value=", ".join(missing), table=sheet.table.name_id))
    return problems


def read_round(round_dir: Path) -> list[RawSheet]:
    """Every sheet of every file of a round; all file problems at once."""
    sheets: list[RawSheet] = []
    problems: list[FileProblem] = []
    for path in round_files(round_dir):
        name = path.relative_to(round_dir).as_posix()
        try:
            if path.suffix.lower() in SPREADSHEET_SUFFIXES:
                sheets += read_xlsx(path, name)
            elif path.suffix.lower() in CALAMINE_SUFFIXES:
                sheets += read_legacy_workbook(path, name)
            elif path.suffix.lower() in TEXT_SUFFIXES:
                sheets += read_csv(path, name)
            elif path.suffix.lower() == ".zip":
                sheets += read_export_zip(path, name)
            else:
                problems.append(FileProblem(_UNREADABLE_KINDS.get(path.suffix.lower(),
                                                                  "file_type_unknown"), name))
        except InputFileError as error:
            problems += error.problems
    sheets = unfold_central(sheets)  # an unzipped Central export: several CSVs joined by key
    problems += unplaced_exports(sheets)
    if problems:
        raise InputFileError(problems)
    return sheets
