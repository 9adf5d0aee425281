"""How every workbook the pipeline writes prints: A4, one page wide, header rows on every page,
panes frozen below them, and rows tall enough for their wrapped text.

openpyxl writes no row heights, and neither Excel nor LibreOffice re-fits the rows of a file
they open, so wrapped text would print on top of the next row: the heights are estimated here
from each column's width and the length of the text, on the side of one line too many.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_WIDTH = 8.43  # Excel's column width when none is set
LINE_POINTS = 15.0  # one line of 11-point Calibri, Excel's default row height
PORTRAIT_WIDTH = 100  # column-width units across A4 portrait inside the margins below
BOLD_FACTOR = 1.1  # a bold header is wider than the same text in the body
MARGIN_INCH = 0.5
MAX_LINES = 30  # Excel's row height ends at 409 points; a longer text scrolls in its cell


@dataclass(frozen=True)
class PrintLayout:
    """What differs between the workbooks: how many header rows, the first printed column (the
    matrix leaves out kabupaten/kecamatan, the same on every row, and prints them in the page
    header), and the page header's text."""

    header_rows: int = 1  # 0 for a sheet of prose (instructions): nothing repeated or frozen
    first_column: int = 1
    page_header: str = ""


def prepare_for_print(sheet: Worksheet, layout: PrintLayout = PrintLayout()) -> None:
    """Page setup of one sheet, after its cells and column widths are written."""
    _headers_whole(sheet, layout.header_rows)
    spans = {(r.min_row, r.min_col): range(r.min_col, r.max_col + 1)
             for r in sheet.merged_cells.ranges}  # a merged cell wraps across all its columns
    for row in range(1, sheet.max_row + 1):
        lines = max((_lines(cell.value, sum(_width(sheet, c) for c in
                                            spans.get((row, cell.column), [cell.column])))
                     for cell in sheet[row] if _wrapped(cell, row <= layout.header_rows)),
                    default=1)
        if lines > 1:
            sheet.row_dimensions[row].height = min(lines, MAX_LINES) * LINE_POINTS
    last = get_column_letter(max(sheet.max_column, layout.first_column))
    first = get_column_letter(layout.first_column)
    printed = sum(_width(sheet, c) for c in range(layout.first_column, sheet.max_column + 1))
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if printed > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=MARGIN_INCH, right=MARGIN_INCH, top=0.75, bottom=0.75)
    sheet.print_options.gridLines = True
    sheet.print_area = f"{first}1:{last}{max(sheet.max_row, layout.header_rows)}"
    if layout.header_rows:
        sheet.print_title_rows = f"1:{layout.header_rows}"
        sheet.freeze_panes = f"A{layout.header_rows + 1}"
    if layout.page_header:
        sheet.oddHeader.center.text = layout.page_header
    sheet.oddFooter.center.text = "&P / &N"  # page x of n


def _headers_whole(sheet: Worksheet, header_rows: int) -> None:
    """Widen a column to its header's longest word (a contract header has no spaces, so it
    cannot wrap) and let the header wrap between words."""
    for row in sheet.iter_rows(min_row=1, max_row=header_rows):
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            longest = max(len(word) for word in cell.value.split() or [""])
            need = math.ceil(longest * BOLD_FACTOR) + 1
            letter = get_column_letter(cell.column)
            if _width(sheet, cell.column) < need:
                sheet.column_dimensions[letter].width = need
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _wrapped(cell, header: bool) -> bool:
    return isinstance(cell.value, str) and (header or bool(cell.alignment.wrap_text))


def _width(sheet: Worksheet, column: int) -> float:
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    return dimension.width if dimension is not None and dimension.customWidth else DEFAULT_WIDTH


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide: word-wrapped on one
    character less than the width (the cell's padding; proportional fonts average narrower
    than the `0` the width is counted in, which keeps this on the generous side)."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
               for part in str(text).split("\n"))
