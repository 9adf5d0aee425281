"""Recognising tables and their columns in what staff send.

A header matches a field when its key (lower-case letters and digits only) equals the key of the
field's Indonesian header, English name, one of its aliases, or its question label in the
project's form (the contract's description, which flows/xlsform.py writes as the label: a
KoboToolbox "Labels" export heads its columns with them). KoboToolbox group paths
(`kegiatan/status`, `Kegiatan RPD/Status kegiatan`) match on their last part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.contract.labels import label
from transforms.contract.tables import TABLES, Field, Table, table_for_name
from transforms.validate.parsing import vocab_key


def header_key(header: object) -> str:
    text = "" if header is None else str(header)
    return vocab_key(text)


def _field_keys(f: Field) -> set[str]:
    labels = (f.doc_id, f.doc_en) if f.doc_id else ()
    return {header_key(h) for h in (f.header_id, f.name, *f.header_aliases, *labels)}


_KEYS: dict[str, dict[str, str]] = {
    table.name: {key: f.name for f in table.fields for key in _field_keys(f)}
    for table in TABLES.values()
}


@dataclass
class HeaderMatch:
    columns: dict[int, str] = field(default_factory=dict)  # position → field name
    ignored: list[str] = field(default_factory=list)  # headers that match no field
    duplicated: list[str] = field(default_factory=list)  # fields matched twice
    missing_required: list[str] = field(default_factory=list)  # Indonesian headers


# Columns KoboToolbox/ODK add to every export; they hold no monitoring data.
KOBO_METADATA = {header_key(h) for h in (
    "start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
    "audit", "__version__", "instanceID", "instanceName", "formhub/uuid", "meta/instanceID",
    "meta/instanceName", "meta/deprecatedID", "meta/rootUuid",
)}

# Read-only columns our own matrix workbook adds after the contract's (origin, age): a filled
# matrix dropped back into a round folder must not warn about them.
MATRIX_INFO = {header_key(label(key, lang)) for key in ("matrix_origin", "matrix_age")
               for lang in ("id", "en")}


def _candidate_keys(header: object) -> list[str]:
    """The whole header, then ever shorter tails of a Kobo group path:
    `kegiatan/penerima/L` → `kegiatanpenerimal`, `penerimal`, `l`."""
    parts = [p for p in ("" if header is None else str(header)).split("/") if p.strip()]
    return [header_key("/".join(parts[i:])) for i in range(len(parts))] or [""]


def match_headers(table: Table, headers: list[object]) -> HeaderMatch:
    keys = _KEYS[table.name]
    result = HeaderMatch()
    seen: set[str] = set()
    for position, header in enumerate(headers):
        if str(header).startswith("_") or header_key(header) in KOBO_METADATA | MATRIX_INFO:
            continue  # export metadata (`_uuid`, `_notes`, `start`…), never monitoring data
        name = next((keys[k] for k in _candidate_keys(header) if k in keys), None)
        if name is None:
            if header_key(header):
                result.ignored.append(str(header))
            continue
        if name in seen:
            result.duplicated.append(table.field(name).header_id)
            continue
        seen.add(name)
        result.columns[position] = name
    result.missing_required = [f.header_id for f in table.required if f.name not in seen]
    return result


def table_from_filename(stem: str) -> Table | None:
    """`desa.csv`, `sbd_kodi_kegiatan.csv` → the table named by the last `_` part."""
    if table := table_for_name(stem):
        return table
    last = re.split(r"[_\-\s]+", stem.strip())[-1]
    return table_for_name(last)
