"""KoboToolbox / ODK exports of the project's XLSForm ("XML values and headers", XLSX).

An export has a main sheet (one row per submission: the village's `desa` row, with `_uuid` and
`_index`) and one sheet per repeat group (here `kegiatan`, with `_parent_index` pointing at the
main sheet's `_index`). Repeat rows do not repeat the place, so the kabupaten, kecamatan and desa
of their submission are copied onto them before the tables are matched.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.contract.places import PLACE_LEVELS
from transforms.contract.tables import ACTIVITIES, VILLAGES, table_for_name
from transforms.ingest.headers import header_key
from transforms.ingest.sheets import RawSheet

PLACE_FIELDS = PLACE_LEVELS


def _position(headers: list[object], wanted: str) -> int | None:
    for position, header in enumerate(headers):
        text = "" if header is None else str(header)
        if header_key(text.rsplit("/", 1)[-1]) == header_key(wanted):
            return position
    return None


def is_main_sheet(sheet: RawSheet) -> bool:
    names = {str(h) for h in sheet.headers if h is not None}
    return {"_uuid", "_index"} <= names and "_parent_index" not in names


def is_repeat_sheet(sheet: RawSheet) -> bool:
    return "_parent_index" in {str(h) for h in sheet.headers if h is not None}


def _places_by_index(main: RawSheet) -> dict[str, list[object]]:
    index_at = main.headers.index("_index")
    positions = [_position(main.headers, f) for f in PLACE_FIELDS]
    places = {}
    for row in main.rows:
        if index_at < len(row) and row[index_at] is not None:
            places[str(row[index_at]).removesuffix(".0")] = [
                row[p] if p is not None and p < len(row) else None for p in positions]
    return places


def _with_parent_places(repeat: RawSheet, places: dict[str, list[object]]) -> RawSheet:
    parent_at = repeat.headers.index("_parent_index")
    rows = []
    for row in repeat.rows:
        parent = str(row[parent_at]).removesuffix(".0") if parent_at < len(row) else ""
        rows.append([*places.get(parent, [None] * len(PLACE_FIELDS)), *row])
    return replace(repeat, headers=[*PLACE_FIELDS, *repeat.headers], rows=rows)


def unfold_kobo(sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheets of one workbook, with a Kobo export's main and repeat sheets given their
    tables (main → desa, repeat → kegiatan or the table its name gives) and places."""
    mains = [s for s in sheets if is_main_sheet(s)]
    if len(mains) != 1:
        return sheets
    main = mains[0]
    places = _places_by_index(main)
    unfolded = []
    for sheet in sheets:
        if sheet is main:
            unfolded.append(replace(sheet, table=sheet.table or VILLAGES))
        elif is_repeat_sheet(sheet):
            table = table_for_name(sheet.sheet) or ACTIVITIES
            unfolded.append(replace(_with_parent_places(sheet, places), table=table))
        else:
            unfolded.append(sheet)
    return unfolded
