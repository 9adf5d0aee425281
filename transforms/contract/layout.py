"""Where outputs go: the folders and file names of a round's outputs, and the slugs they are made of."""

from __future__ import annotations

import re
import unicodedata

# Windows refuses these as a file or folder name, with any extension (`CON.pdf`, `nul.xlsx`).
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})
DISTRICT_STEM = "kabupaten"  # the district brief's file name, beside its kecamatan's files
RESERVED = WINDOWS_RESERVED | {DISTRICT_STEM}  # a kecamatan `Kabupaten` keeps off the district's
RESERVED_SUFFIX = "-wilayah"  # `Nul` → `nul-wilayah`: still the place's name first


def slug(name: str) -> str:
    """`Pulau Gorom` → `pulau-gorom`: lower-case ASCII with `-`; never a name Windows reserves.

    Names that differ only in accents, case or punctuation give one slug: the reference is
    refused when two of its places would (transforms/contract/reference.py)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    made = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tanpa-nama"
    return made + RESERVED_SUFFIX if made in RESERVED else made


# A round's folder (contract §5): OUT/<round_id>/ then these paths, relative to it.
CLEAN_TABLE = "clean/{table}.parquet"
QUARANTINE = "quarantine.csv"
WARNINGS = "warnings.csv"
SUMMARY_KECAMATAN = "summary_kecamatan.csv"
SUMMARY_KABUPATEN = "summary_kabupaten.csv"
TRACKING = "tracking.parquet"
VALIDATION = "validation"
MANIFEST = "manifest.json"
CORRECTIONS_WITHOUT_KABUPATEN = "corrections/tanpa-kabupaten.xlsx"


def brief_path(kabupaten: str, kecamatan: str = "") -> str:
    """`briefs/<kabupaten>/<kecamatan>.pdf`, or `briefs/<kabupaten>/kabupaten.pdf` for the district."""
    return f"briefs/{slug(kabupaten)}/{slug(kecamatan) if kecamatan else DISTRICT_STEM}.pdf"


def matrix_path(kabupaten: str, kecamatan: str) -> str:
    return f"matrix/{slug(kabupaten)}/{slug(kecamatan)}.xlsx"


def corrections_path(kabupaten: str, kecamatan: str) -> str:
    """One workbook per kecamatan; per kabupaten for rows whose kecamatan could not be read; one
    for rows whose kabupaten could not be read."""
    if not kabupaten:
        return CORRECTIONS_WITHOUT_KABUPATEN
    return f"corrections/{slug(kabupaten)}/{slug(kecamatan) if kecamatan else DISTRICT_STEM}.xlsx"


def preview_path(brief: str) -> str:
    """`briefs/seram-bagian-timur/teluk-waru.pdf` → `preview/seram-bagian-timur_teluk-waru.png`
    (slugs have no `_`)."""
    parts = brief.removeprefix("briefs/").removesuffix(".pdf").split("/")
    return f"preview/{'_'.join(parts)}.png"
