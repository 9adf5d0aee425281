"""Habits of village report templates around the data: a header of two rows (a merged parent over
its children), a row of column numbers under the header, totals rows and a signature block.

Rows that are not data are blanked in place (so every other row keeps the spreadsheet row number
it shows) and reported as one notice each; blank rows are never ingested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from transforms.contract.tables import Table
from transforms.ingest.headers import header_key, match_headers
from transforms.ingest.sheets import Notice
from transforms.validate.parsing import is_blank

Row = list[object]

# Children as templates write them, with the word the contract's headers use.
_CHILD_WORDS = {"l": "laki_laki", "lk": "laki_laki", "p": "perempuan", "pr": "perempuan",
                "lakilaki": "laki_laki", "perempuan": "perempuan",
                "pagu": "rencana"}  # `Anggaran` over `Pagu` / `Realisasi`: the planned budget
# A count's parent often starts with the word for "number of": `Jumlah Penerima Manfaat`,
# `Jumlah Peserta`, `Jml. Peserta`, whose children are still the contract's `penerima …`.
_COUNT_WORDS = {"jumlah", "jml", "total", "banyaknya"}


def _parent_variants(parent: str) -> list[str]:
    """`Anggaran (Rp)` → itself, `Anggaran`; `Jumlah Penerima manfaat (orang)` → itself,
    `Jumlah Penerima manfaat`, `Penerima manfaat`, `Penerima`: templates add units and words the
    contract's headers leave out."""
    bare = re.sub(r"\(.*?\)", " ", parent).strip()
    words = bare.split()
    if len(words) > 1 and header_key(words[0]) in _COUNT_WORDS:
        words = words[1:]
    return list(dict.fromkeys([parent, bare, " ".join(words), *words[:1]]))


def _combined(table: Table, parent: object, child: object) -> str:
    """The first parent + child reading that names a field of the table, else the plain pair."""
    plain = f"{parent} {child}"
    children = [str(child), _CHILD_WORDS.get(header_key(child), str(child))]
    for variant in _parent_variants(str(parent)):
        for word in children:
            candidate = f"{variant} {word}"
            if match_headers(table, [candidate]).columns:
                return candidate
    return plain


def two_row_header(table: Table, top: Row, below: Row) -> Row | None:
    """`top` and `below` read as one header (parent carried right across the blanks a merge
    leaves), or None when `below` adds no header that `top` alone cannot match: a data row under a
    one-row header never does, as its values are no column names."""
    if not any(not is_blank(v) for v in below) or any(
            not is_blank(v) and not isinstance(v, str) for v in below):
        return None  # children are words; numbers, dates and blanks are not
    width = max(len(top), len(below))
    top = [*top, *[None] * (width - len(top))]
    below = [*below, *[None] * (width - len(below))]
    header: Row = []
    parent: object = None
    for above, child in zip(top, below, strict=True):
        if not is_blank(above):
            parent = above
        if is_blank(child):
            header.append(above)
        elif parent is None:
            header.append(child)
        else:
            header.append(_combined(table, parent, child))
    if len(match_headers(table, header).columns) > len(match_headers(table, top).columns):
        return header
    return None


Merge = tuple[tuple[int, int], tuple[int, int]]  # (first, last) (row, column) from 0, from A1
PLACE_FIELDS = ("kabupaten", "kecamatan", "desa")


def fill_merged_places(rows: list[Row], merges: list[Merge], header_last: int, table: Table,
                       headers: Row) -> None:
    """A place name merged down over the rows of its activities (`Desa` over three rows) holds
    its value only in the first cell: write it into every row of the merge, so those rows are
    that place's, not rows with the place missing. Only place columns below the header: a
    budget merged over rows is one figure, not one per row."""
    columns = match_headers(table, headers).columns
    places = {p for p, name in columns.items() if name in PLACE_FIELDS}
    for (first_row, column), (last_row, _) in merges:
        if first_row <= header_last or last_row <= first_row or column not in places:
            continue
        value = rows[first_row][column] if column < len(rows[first_row]) else None
        for r in range(first_row + 1, min(last_row, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([None] * (column + 1 - len(row)))
            if is_blank(row[column]):
                row[column] = value


_TOTALS = {header_key(w) for w in (
    "jumlah", "total", "jumlah per bidang", "jumlah total", "total keseluruhan",
    "jumlah keseluruhan", "grand total", "sub total", "subtotal", "jumlah seluruhnya")}
_MONTHS = ("januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
           "nopember|november|desember|jan|feb|mar|apr|jun|jul|agu|agt|agust|sep|okt|nov|des")
_PLACE_DATE = re.compile(rf"^[^\d,]{{2,40}},\s*\d{{1,2}}\s+({_MONTHS})\.?\s+\d{{4}}$", re.IGNORECASE)
_ROLE = re.compile(
    r"^(a\.?\s?n\.?\s+)?(mengetahui|menyetujui|disetujui|diketahui|dibuat oleh|disusun oleh|"
    r"hormat kami|kepala desa|kades|sekretaris desa|sekdes|camat|pendamping|fasilitator|ketua|"
    r"bendahara|operator|pj\.?\s+kepala desa|plt\.?\s+kepala desa)\b", re.IGNORECASE)
SIGNATURE_MAX_CELLS = 3  # a signature line is a couple of cells side by side, never a record


def _filled(row: Row) -> list[object]:
    return [v for v in row if not is_blank(v)]


def _first_filled(row: Row) -> int | None:
    return next((i for i, v in enumerate(row) if not is_blank(v)), None)


def _is_numbers_row(row: Row) -> bool:
    """1, 2, 3, … (or `(1)`, `(2)`, …) in every filled cell, left to right, at least three."""
    cells = _filled(row)
    numbers = [re.fullmatch(r"\(?(\d{1,3})\)?", str(v).strip()) for v in cells]
    return (len(cells) >= 3 and all(numbers)
            and [int(m.group(1)) for m in numbers] == list(range(int(numbers[0].group(1)),
                                                               int(numbers[0].group(1)) + len(cells))))


def _is_totals_row(row: Row, key_positions: list[int]) -> bool:
    """First filled cell a totals word and every place/code column blank but that one."""
    first = _first_filled(row)
    if first is None or header_key(row[first]) not in _TOTALS:
        return False
    return all(p == first or p >= len(row) or is_blank(row[p]) for p in key_positions)


def _is_signature_line(row: Row) -> bool:
    cells = _filled(row)
    return 0 < len(cells) <= SIGNATURE_MAX_CELLS and all(
        isinstance(v, str) and (_PLACE_DATE.match(v.strip()) or _ROLE.match(v.strip())) for v in cells)


def _shown(row: Row) -> str:
    return " | ".join(str(v).strip() for v in _filled(row))[:120]


def skip_non_data(body: list[Row], first_row: int, table: Table, headers: Row, file: str,
                  sheet: str) -> list[Notice]:
    """Blank the column-numbers row, totals rows and signature block of `body` (whose first row
    is spreadsheet row `first_row`); one notice per row blanked. A row that may be a record is
    left alone: the checks after ingest decide about it."""
    columns = match_headers(table, headers).columns
    key_positions = [p for p, name in columns.items() if name in table.key and name != "batch"]
    if not any(columns.get(p) in ("kecamatan", "desa") for p in key_positions):
        return []  # without place columns (a Kobo repeat group) no row can be told apart
    skipped: dict[int, str] = {}
    # one pass that stops at each row's first filled cell: cheap on a national sheet
    firsts = [_first_filled(row) for row in body]
    filled = [i for i, first in enumerate(firsts) if first is not None]
    if filled and _is_numbers_row(body[filled[0]]):
        skipped[filled[0]] = "column_numbers_skipped"
    for i in filled:
        if (i not in skipped and header_key(body[i][firsts[i]]) in _TOTALS
                and _is_totals_row(body[i], key_positions)):
            skipped[i] = "totals_row_skipped"
    # the signature block: from its first line to the end, nothing but few-celled rows
    start = None
    for i in reversed(filled):
        if i in skipped:
            continue
        if len(_filled(body[i])) > SIGNATURE_MAX_CELLS:
            break
        if _is_signature_line(body[i]):
            start = i
    if start is not None:
        for i in filled:
            if i >= start and i not in skipped:
                skipped[i] = "signature_skipped"
    notices = []
    for i in sorted(skipped):
        notices.append(Notice(file, sheet, first_row + i, skipped[i], _shown(body[i])))
        body[i] = []  # blank: dropped as empty rows are, the rows below keep their numbers
    return notices


HEADER_SEARCH_ROWS = 10  # a title or a note may stand above the header row


def _filled_positions(rows: list[list[object]]) -> Iterator[int]:
    """Positions of the rows that hold something, lazily: only the first few are ever needed."""
    return (i for i, row in enumerate(rows) if any(not is_blank(v) for v in row))


def header_and_rows(rows: list[list[object]], table: Table | None, file: str = "", sheet: str = "",
                     merges: list[Merge] | None = None
                     ) -> tuple[int, list[object], list[list[object]], list[Notice]]:
    """The header is the first row that names three of the table's columns (a title line above
    it is skipped), else the first non-empty row; with the row below it when that one completes
    the header (a merged parent over its children). Returns the 1-based number of the header's
    last row, and notices of the rows below that are not data (blanked, see template_habits)."""
    filled = list(islice(_filled_positions(rows), HEADER_SEARCH_ROWS))
    if not filled:
        return 0, [], [], []
    position = filled[0]
    if table is not None:
        for candidate in filled:
            if len(match_headers(table, list(rows[candidate])).columns) >= 3:
                position = candidate
                break
    headers = list(rows[position])
    last = position
    if (table is not None and position + 1 < len(rows)
            and (joined := two_row_header(table, headers, list(rows[position + 1]))) is not None):
        headers, last = joined, position + 1
    if table is not None and merges:
        fill_merged_places(rows, merges, last, table, headers)
    # every reader builds a fresh list per row: the body keeps those lists, no second copy
    body = rows[last + 1:]
    notices = skip_non_data(body, last + 2, table, headers, file, sheet) if table is not None else []
    return last + 1, headers, body, notices
