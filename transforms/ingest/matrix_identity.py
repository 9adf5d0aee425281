"""What a recommendation matrix written by the pipeline says about itself: the round and the
kecamatan it was drafted for (contract §4, "the meeting's matrix comes back").

The identity is kept in cells of a hidden sheet, not in document properties: cells and hidden
sheets survive being opened and saved by Excel, LibreOffice, WPS and a Google Sheets export,
where custom document properties may be dropped. The writer (flows/workbooks.py) and the reader
(flows/readers.py) both use the rows below, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

IDENTITY_SHEET = "identitas"  # hidden sheet of every matrix the pipeline writes
MARK = "bangkit-pipeline: matriks rekomendasi / recommendation matrix"
KEYS = ("round_id", "kabupaten", "kecamatan")


@dataclass(frozen=True)
class MatrixIdentity:
    round_id: str
    kabupaten: str
    kecamatan: str


def identity_rows(identity: MatrixIdentity) -> list[list[str]]:
    """The identity sheet's cells: a mark, then one `key | value` row per field."""
    return [[MARK, ""],
            *([key, getattr(identity, key)] for key in KEYS),
            ["", "Jangan ubah lembar ini / Do not edit this sheet"]]


def is_identity_sheet(title: str) -> bool:
    return title.strip().lower() == IDENTITY_SHEET


def _text(value: object) -> str:
    """A cell as text; a round id retyped by hand may come back as a date (`2024-10` → Oct 2024)."""
    if isinstance(value, (datetime, date)):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_identity(rows: list[list[object]]) -> MatrixIdentity | None:
    """The identity the sheet holds, or None when the sheet is not ours or lacks a field
    (a sheet of the same name that someone made for something else)."""
    cells = [[_text(v) for v in row] for row in rows]
    if not cells or not cells[0] or cells[0][0] != MARK:
        return None
    found = {row[0]: row[1] for row in cells[1:] if len(row) >= 2 and row[0] in KEYS}
    if not all(found.get(key) for key in KEYS):
        return None
    return MatrixIdentity(**{key: found[key] for key in KEYS})
