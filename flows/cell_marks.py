"""What calamine does not say about an .ods or .xls cell: that it shows a percentage (calamine
gives 0.5 for a cell showing 50%), that it holds an error (#DIV/0!, #REF!: calamine gives an
empty cell, silently), or (.ods only) that it is merged with the cells below or beside it. All
are read here from the file itself, without evaluating anything: .ods from content.xml, .xls
from the BIFF8 records of its Workbook stream.

A file these readers cannot follow gives no marks: its values stay as calamine reads them.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import iterparse

Position = tuple[int, int]  # (row, column) from 0, as calamine's rows from A1


@dataclass
class SheetMarks:
    percent: set[Position] = field(default_factory=set)
    errors: dict[Position, str] = field(default_factory=dict)  # position → `#DIV/0!`
    # merged ranges (first, last), as calamine's merged_cell_ranges, which gives none for .ods
    merged: list[tuple[Position, Position]] = field(default_factory=list)


Marks = dict[str, SheetMarks]  # by sheet name

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def ods_marks(path: Path) -> Marks:
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            return _ods_content_marks(content)
    except Exception:  # a file this reader cannot follow keeps calamine's values
        return {}


def _ods_content_marks(content: object) -> Marks:
    marks: Marks = {}
    sheet: SheetMarks | None = None
    row = column = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                sheet = marks.setdefault(element.get(f"{_TABLE}name", ""), SheetMarks())
                row = 0
            elif tag == f"{_TABLE}table-row":
                column = 0
            continue
        if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell") and sheet is not None:
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            rows_spanned = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
            columns_spanned = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
            if rows_spanned > 1 or columns_spanned > 1:
                sheet.merged.append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
            if element.get(f"{_OFFICE}value-type") == "percentage":
                sheet.percent.update((row, column + i) for i in range(min(repeat, 1024)))
            elif element.get(f"{_CALCEXT}value-type") == "error":
                text = "".join(element.itertext()).strip() or "#ERR"
                sheet.errors.update({(row, column + i): text for i in range(min(repeat, 1024))})
            column += repeat
            element.clear()
        elif tag == f"{_TABLE}table-row":
            row += int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            element.clear()
    return marks


# --- .xls: an OLE compound file holding a BIFF8 `Workbook` stream --------------------------------

_ENDOFCHAIN = 0xFFFFFFFE
_BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
                0x24: "#NUM!", 0x2A: "#N/A"}
_PERCENT_FORMATS = {9, 10}  # BIFF's built-in `0%` and `0.00%`
BOF, BOUNDSHEET, FORMAT, XF = 0x0809, 0x0085, 0x041E, 0x00E0
NUMBER, RK, MULRK, FORMULA, BOOLERR = 0x0203, 0x027E, 0x00BD, 0x0006, 0x0205


def xls_marks(path: Path) -> Marks:
    try:
        stream = _workbook_stream(path.read_bytes())
        return _biff_marks(stream) if stream else {}
    except Exception:  # a file this reader cannot follow keeps calamine's values
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The `Workbook` stream of an OLE file, when it lies in regular sectors (any real
    workbook: the mini stream only holds streams under 4 KB)."""
    sector = 1 << struct.unpack_from("<H", data, 30)[0]
    fat_count, directory_start = struct.unpack_from("<I", data, 44)[0], struct.unpack_from("<I", data, 48)[0]
    cutoff = struct.unpack_from("<I", data, 56)[0]
    difat = list(struct.unpack_from("<109I", data, 76))
    next_difat, difat_count = struct.unpack_from("<II", data, 68)
    for _ in range(difat_count):  # more FAT sectors than the header holds
        offset = 512 + next_difat * sector
        entries = struct.unpack_from(f"<{sector // 4}I", data, offset)
        difat += entries[:-1]
        next_difat = entries[-1]
    fat: list[int] = []
    for index in difat[:fat_count]:
        fat += struct.unpack_from(f"<{sector // 4}I", data, 512 + index * sector)

    def chain(start: int) -> bytes:
        parts, seen = [], set()
        while start != _ENDOFCHAIN and start not in seen and start < len(fat):
            seen.add(start)
            parts.append(data[512 + start * sector: 512 + (start + 1) * sector])
            start = fat[start]
        return b"".join(parts)

    directory = chain(directory_start)
    for offset in range(0, len(directory), 128):
        length = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset: offset + max(length - 2, 0)].decode("utf-16-le", "replace")
        if name in ("Workbook", "Book"):
            start, size = struct.unpack_from("<II", directory, offset + 116)
            if size >= cutoff:
                return chain(start)[:size]
            return _mini_stream(data, chain, directory, start)[:size]
    return None


def _mini_stream(data: bytes, chain: object, directory: bytes, start: int) -> bytes:
    """A stream under the cutoff (4 KB): 64-byte mini sectors inside the root entry's stream."""
    mini = 1 << struct.unpack_from("<H", data, 32)[0]
    minifat_start = struct.unpack_from("<I", data, 60)[0]
    table = chain(minifat_start)
    minifat = list(struct.unpack_from(f"<{len(table) // 4}I", table))
    container = chain(struct.unpack_from("<I", directory, 116)[0])  # entry 0: the root
    parts, seen = [], set()
    while start != _ENDOFCHAIN and start not in seen and start < len(minifat):
        seen.add(start)
        parts.append(container[start * mini: (start + 1) * mini])
        start = minifat[start]
    return b"".join(parts)


def _records(stream: bytes) -> list[tuple[int, int, bytes]]:
    records, offset = [], 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        records.append((offset, kind, stream[offset + 4: offset + 4 + length]))
        offset += 4 + length
    return records


def _format_text(body: bytes) -> str:
    count, flags = struct.unpack_from("<HB", body, 2)
    raw = body[5:]
    return raw[: count * 2].decode("utf-16-le", "replace") if flags & 1 else raw[:count].decode("latin-1")


def _biff_marks(stream: bytes) -> Marks:
    records = _records(stream)
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    sheets_at: dict[int, str] = {}
    for _, kind, body in records:
        if kind == FORMAT:
            formats[struct.unpack_from("<H", body)[0]] = _format_text(body)
        elif kind == XF:
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == BOUNDSHEET:
            position, count, flags = struct.unpack_from("<IxxBB", body)
            raw = body[8:]
            sheets_at[position] = (raw[: count * 2].decode("utf-16-le", "replace") if flags & 1
                                   else raw[:count].decode("latin-1"))
    percent_xf = {i for i, f in enumerate(xf_formats)
                  if f in _PERCENT_FORMATS or "%" in formats.get(f, "")}
    marks: Marks = {}
    sheet: SheetMarks | None = None
    for offset, kind, body in records:
        if kind == BOF:
            sheet = marks.setdefault(sheets_at[offset], SheetMarks()) if offset in sheets_at else None
        elif sheet is None or len(body) < 6:
            continue
        elif kind in (NUMBER, RK):
            row, column, xf = struct.unpack_from("<HHH", body)
            if xf in percent_xf:
                sheet.percent.add((row, column))
        elif kind == MULRK:
            row, first = struct.unpack_from("<HH", body)
            for i in range((len(body) - 6) // 6):
                if struct.unpack_from("<H", body, 4 + 6 * i)[0] in percent_xf:
                    sheet.percent.add((row, first + i))
        elif kind == FORMULA and len(body) >= 14:
            row, column, xf = struct.unpack_from("<HHH", body)
            if body[12:14] == b"\xff\xff" and body[6] == 0x02:  # the cached result is an error
                sheet.errors[(row, column)] = _BIFF_ERRORS.get(body[8], "#ERR")
            elif body[12:14] != b"\xff\xff" and xf in percent_xf:  # a number
                sheet.percent.add((row, column))
        elif kind == BOOLERR and len(body) >= 8 and body[7] == 1:
            row, column = struct.unpack_from("<HH", body)
            sheet.errors[(row, column)] = _BIFF_ERRORS.get(body[6], "#ERR")
    return marks
