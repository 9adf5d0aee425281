"""Text tables (.csv, .tsv, .txt) as Excel, LibreOffice and phones write them: the encoding and
the separator, decided the same way every time.

Encoding: a BOM decides (UTF-8 or UTF-16, Excel's "Unicode Text"); without one, strict UTF-8 is
tried first, so valid UTF-8 is never turned into mojibake; only bytes that are not UTF-8 fall back
to Windows-1252, which Excel on Windows writes for "CSV (Comma delimited)" (read with a warning).
Bytes that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mean neither: refused,
with the line and character where it failed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from itertools import islice

from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.tables import Table
from transforms.ingest.headers import match_headers
from transforms.ingest.sheets import Notice

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
DELIMITERS = (";", ",", "\t")
DELIMITER_SEARCH_LINES = 10  # title rows may stand above the header, as in a workbook
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LABELS = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "cp1252": "ANSI"}


def _position(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """(line, character), both from 1, of the byte at `offset`: what a text editor shows."""
    before = data[:offset].decode(encoding, errors="replace")
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, len(before) - line_start + 1


def _refuse(data: bytes, start: int, error: UnicodeDecodeError, encoding: str, name: str) -> None:
    line, char = _position(data[start:], error.start, encoding)
    bad = error.object[error.start:error.end]
    raise InputFileError([FileProblem(
        "undecodable_text", name, value=" ".join(f"0x{b:02X}" for b in bad[:4]),
        expected=_LABELS[encoding], line=line, char=char)]) from None


def decode_table_text(data: bytes, name: str) -> tuple[str, list[Notice]]:
    """The file's text, and a notice when it was saved as ANSI."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), []
            except UnicodeDecodeError as error:  # the BOM says what it is: no guessing past it
                _refuse(data, len(bom), error, encoding, name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        _refuse(data, 0, error, "cp1252", name)
    return text, [Notice(name, "", 0, "text_saved_as_ansi", name)]


def _score(text: str, delimiter: str, table: Table) -> tuple[int, int]:
    """Most table columns named by one of the first lines (quotes respected), then most cells."""
    try:
        lines = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                            DELIMITER_SEARCH_LINES))
    except csv.Error:
        return (-1, 0)
    return max(((len(match_headers(table, list(row)).columns), len(row)) for row in lines),
               default=(0, 0))


def text_rows(text: str, table: Table, name: str) -> list[list[object]]:
    """The rows of a decoded text table; an Excel `sep=;` first line stays as an empty row so
    row numbers are the file's line numbers."""
    first_line, _, rest = text.partition("\n")
    declared = re.fullmatch(r"sep=(.)\r?", first_line)  # Excel's `sep=;` line
    content = rest if declared else text
    delimiter = declared.group(1) if declared else max(DELIMITERS, key=lambda d: _score(text, d, table))
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    try:
        rows: list[list[object]] = list(reader)
    except csv.Error as error:  # e.g. an unclosed quote that would swallow the rows after it
        raise InputFileError([FileProblem("file_unreadable", name,
                                          value=f"CSV line {reader.line_num}: {error}")]) from None
    return [[], *rows] if declared else rows
