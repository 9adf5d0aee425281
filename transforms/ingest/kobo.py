"""KoboToolbox and ODK Central exports of the project's XLSForm (flows/xlsform.py).

KoboToolbox (XLSX or CSV, "XML values" or "Labels", with or without group names in headers): a
main sheet (one row per submission: the village's `desa` row, with `_uuid` and `_index`) and one
sheet per repeat group (here `kegiatan`, with `_parent_index` pointing at the main sheet's
`_index`). Its CSV export holds the main sheet only, under a name Kobo gives it (form title and
time), so it is recognised by those columns. A Labels export heads its columns with the form's
question labels (matched in headers.py) and writes choice labels for choice names; both derive
from the contract, as the form does, and are read back here.

ODK Central (its CSV zip, zipped or unzipped): a main CSV (`SubmissionDate` … `KEY`) and one CSV
per repeat (`PARENT_KEY`, `KEY`); Central's own metadata columns are dropped without a warning.

Repeat rows do not repeat the place, so the kabupaten, kecamatan and desa of their submission
are copied onto them before the tables are matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from transforms.contract.places import PLACE_LEVELS
from transforms.contract.tables import ACTIVITIES, VILLAGES, VOCABULARIES, Kind, Table, table_for_name
from transforms.ingest.headers import header_key, match_headers
from transforms.ingest.sheets import RawSheet

PLACE_FIELDS = PLACE_LEVELS
KOBO_MAIN, KOBO_REPEAT = {"_uuid", "_index"}, {"_parent_index"}
CENTRAL_MAIN, CENTRAL_REPEAT = {"SubmissionDate", "KEY"}, {"PARENT_KEY", "KEY"}
# Columns ODK Central adds to its CSVs (lib/data/briefcase.js): never monitoring data, never
# worth a warning. Matched by exact name and only where Central puts them: `status` is also a
# question of the kegiatan repeat.
CENTRAL_MAIN_METADATA = frozenset({
    "SubmissionDate", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
    "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
    "meta-instanceID", "meta-instanceName", "meta-deprecatedID", "meta-audit",
})
CENTRAL_REPEAT_METADATA = frozenset({"PARENT_KEY", "KEY"})

# choice label (Indonesian or English, as a header key) → choice name, per vocabulary: the
# choices sheet of the form is written from the same terms (flows/xlsform.py choice_rows)
CHOICE_NAMES: dict[str, dict[str, str]] = {
    vocab.name: {header_key(label): term.value for term in vocab.terms
                 for label in (term.label_id, term.label_en, term.value) if label}
    for vocab in VOCABULARIES.values()
}


def _names(sheet: RawSheet) -> set[str]:
    return {str(h) for h in sheet.headers if h is not None}


def is_main_sheet(sheet: RawSheet) -> bool:
    return _names(sheet) >= KOBO_MAIN and not KOBO_REPEAT & _names(sheet)


def is_repeat_sheet(sheet: RawSheet) -> bool:
    return _names(sheet) >= KOBO_REPEAT


def is_central_main(sheet: RawSheet) -> bool:
    return _names(sheet) >= CENTRAL_MAIN and "PARENT_KEY" not in _names(sheet)


def is_central_repeat(sheet: RawSheet) -> bool:
    return _names(sheet) >= CENTRAL_REPEAT


def export_table(headers: Iterable[object]) -> Table | None:
    """The table an export's header row says it holds, whatever its file is called: a main
    section is the villages' `desa`, a repeat section `kegiatan`."""
    names = {str(h) for h in headers if h is not None}
    if names >= KOBO_REPEAT or names >= CENTRAL_REPEAT:
        return ACTIVITIES
    if names >= KOBO_MAIN or names >= CENTRAL_MAIN:
        return VILLAGES
    return None


def is_export(sheet: RawSheet) -> bool:
    return export_table(sheet.headers) is not None


def _place_positions(main: RawSheet) -> list[int | None]:
    columns = {name: position for position, name in match_headers(VILLAGES, main.headers).columns.items()}
    return [columns.get(f) for f in PLACE_FIELDS]


def _places_by(main: RawSheet, key_column: str) -> dict[str, list[object]]:
    """The place of each submission, by its `_index` (Kobo) or `KEY` (Central)."""
    key_at = main.headers.index(key_column)
    positions = _place_positions(main)
    places = {}
    for row in main.rows:
        if key_at < len(row) and row[key_at] is not None:
            places[_key(row[key_at])] = [
                row[p] if p is not None and p < len(row) else None for p in positions]
    return places


def _key(value: object) -> str:
    return str(value).removesuffix(".0")  # a Kobo index read as a float


def _with_parent_places(repeat: RawSheet, places: dict[str, list[object]], parent_column: str,
                        parent_of: Callable[[str], str] = str) -> RawSheet:
    parent_at = repeat.headers.index(parent_column)
    rows = []
    for row in repeat.rows:
        parent = parent_of(_key(row[parent_at])) if parent_at < len(row) else ""
        rows.append([*places.get(parent, [None] * len(PLACE_FIELDS)), *row])
    return replace(repeat, headers=[*PLACE_FIELDS, *repeat.headers], rows=rows)


def _choice_names(sheet: RawSheet) -> RawSheet:
    """A Labels export writes `Tidak berjalan` or `Stalled` where the form stores
    `tidak_berjalan`: back to the choice name. A value that is no label is left as it is, so
    the row is quarantined showing what the file holds."""
    if sheet.table is None:
        return sheet
    match = match_headers(sheet.table, sheet.headers)
    vocab_at = {p: CHOICE_NAMES[f.vocab] for p, name in match.columns.items()
                if (f := sheet.table.field(name)).kind == Kind.VOCAB and f.vocab in CHOICE_NAMES}
    if not vocab_at:
        return sheet
    rows = [list(row) for row in sheet.rows]
    for row in rows:
        for position, names in vocab_at.items():
            if position < len(row) and isinstance(row[position], str):
                row[position] = names.get(header_key(row[position]), row[position])
    return replace(sheet, rows=rows)


def _without_central_metadata(sheet: RawSheet, metadata: frozenset[str]) -> RawSheet:
    """A blank header: its column is neither matched nor listed as ignored."""
    return replace(sheet, headers=[None if str(h) in metadata else h for h in sheet.headers])


def _group_paths(sheet: RawSheet) -> RawSheet:
    """Central joins group names with `-` (`lokasi-kabupaten`): as Kobo's `/`, so the field
    matches on its last part. Central's own names keep theirs."""
    metadata = CENTRAL_MAIN_METADATA | CENTRAL_REPEAT_METADATA
    return replace(sheet, headers=[h if h is None or str(h) in metadata else str(h).replace("-", "/")
                                   for h in sheet.headers])


def unfold_kobo(sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheets of one workbook, with a Kobo export's main and repeat sheets given their
    tables (main → desa, repeat → kegiatan or the table its name gives), places and choice names."""
    mains = [s for s in sheets if is_main_sheet(s)]
    if len(mains) != 1:
        return sheets
    main = mains[0]
    places = _places_by(main, "_index")
    unfolded = []
    for sheet in sheets:
        if sheet is main:
            unfolded.append(_choice_names(replace(sheet, table=sheet.table or VILLAGES)))
        elif is_repeat_sheet(sheet):
            table = table_for_name(sheet.sheet) or ACTIVITIES
            repeat = _with_parent_places(sheet, places, "_parent_index")
            unfolded.append(_choice_names(replace(repeat, table=table)))
        else:
            unfolded.append(sheet)
    return unfolded


def _submission(key: str) -> str:
    """`uuid:…/kegiatan[2]/sub[1]` → `uuid:…`: every row of a submission shares its root."""
    return key.split("/", 1)[0]


def _repeat_table(sheet: RawSheet) -> Table:
    """Central names a repeat's CSV `<form id>-<repeat name>.csv`."""
    stem = sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return table_for_name(stem.rsplit("-", 1)[-1]) or ACTIVITIES


def unfold_central(sheets: list[RawSheet]) -> list[RawSheet]:
    """Text tables, with ODK Central's main CSV as `desa` and its repeat CSVs as `kegiatan`
    rows that carry their submission's place (`PARENT_KEY` → `KEY`); metadata columns dropped.
    Other sheets pass unchanged."""
    sheets = [_group_paths(s) if is_central_main(s) or is_central_repeat(s) else s for s in sheets]
    mains = [s for s in sheets if is_central_main(s)]
    places: dict[str, list[object]] = {}
    for main in mains:
        places.update(_places_by(main, "KEY"))
    unfolded = []
    for sheet in sheets:
        if is_central_main(sheet):
            unfolded.append(_without_central_metadata(replace(sheet, table=VILLAGES),
                                                      CENTRAL_MAIN_METADATA))
        elif is_central_repeat(sheet):
            # without its main CSV the rows have no place: quarantined as such, not dropped
            repeat = _with_parent_places(sheet, places, "PARENT_KEY", _submission) if mains else sheet
            unfolded.append(_without_central_metadata(replace(repeat, table=_repeat_table(sheet)),
                                                      CENTRAL_REPEAT_METADATA))
        else:
            unfolded.append(sheet)
    return unfolded
