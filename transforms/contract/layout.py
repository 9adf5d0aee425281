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


# Briefs, matrices and correction workbooks are made in the run's language (contract §5): the
# Indonesian ones carry no language in their name, the others sit beside them as
# `<name>.<lang>.<ext>` (`kodi.en.pdf`), never over them. Slugs have no `.`, so the language
# part of a name is never mistaken for a place.
DEFAULT_LANGUAGE = "id"
LANGUAGE_OUTPUT_DIRS = ("briefs", "matrix", "corrections", "preview")


def _named(stem: str, extension: str, lang: str) -> str:
    return f"{stem}.{extension}" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}.{extension}"


def brief_path(kabupaten: str, kecamatan: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """`briefs/<kabupaten>/<kecamatan>.pdf`, or `briefs/<kabupaten>/kabupaten.pdf` for the
    district; `….en.pdf` in English."""
    stem = slug(kecamatan) if kecamatan else DISTRICT_STEM
    return f"briefs/{slug(kabupaten)}/{_named(stem, 'pdf', lang)}"


def matrix_path(kabupaten: str, kecamatan: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return f"matrix/{slug(kabupaten)}/{_named(slug(kecamatan), 'xlsx', lang)}"


def corrections_path(kabupaten: str, kecamatan: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """One workbook per kecamatan; per kabupaten for rows whose kecamatan could not be read; one
    for rows whose kabupaten could not be read."""
    if not kabupaten:
        return _named(CORRECTIONS_WITHOUT_KABUPATEN.removesuffix(".xlsx"), "xlsx", lang)
    stem = slug(kecamatan) if kecamatan else DISTRICT_STEM
    return f"corrections/{slug(kabupaten)}/{_named(stem, 'xlsx', lang)}"


def output_language(relative: str) -> str | None:
    """The language of a brief, matrix, corrections workbook or preview (by its name); None for
    the data products, which are the same in every language."""
    folder, _, name = relative.partition("/")
    if folder not in LANGUAGE_OUTPUT_DIRS or not name:
        return None
    parts = name.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) > 2 else DEFAULT_LANGUAGE


def is_brief(relative: str) -> bool:
    return relative.startswith("briefs/") and relative.endswith(".pdf")


def is_kabupaten_brief(relative: str) -> bool:
    """`briefs/<kabupaten>/kabupaten.pdf` (or `kabupaten.en.pdf`): the district's brief."""
    return is_brief(relative) and relative.rsplit("/", 1)[-1].split(".")[0] == DISTRICT_STEM


def brief_counts(outputs: object, lang: str) -> dict[str, int]:
    """How many kecamatan and kabupaten briefs in `lang` are among `outputs` (relative paths):
    what the console reports is what the folder holds, not what was planned."""
    briefs = [p for p in outputs if is_brief(p) and output_language(p) == lang]
    district = sum(1 for p in briefs if is_kabupaten_brief(p))
    return {"kecamatan": len(briefs) - district, "kabupaten": district}


def preview_path(brief: str) -> str:
    """`briefs/seram-bagian-timur/teluk-waru.pdf` → `preview/seram-bagian-timur_teluk-waru.png`,
    `….en.pdf` → `….en.png` (slugs have no `_`)."""
    parts = brief.removeprefix("briefs/").removesuffix(".pdf").split("/")
    return f"preview/{'_'.join(parts)}.png"


# What docs/data-contract.md says of the names (transforms/contract/docs.py): each kind of brief
# and workbook, with its name in the default language and in another.
NAMED_OUTPUTS = (
    ("kecamatan brief", brief_path("Sumba Barat Daya", "Kodi")),
    ("kabupaten brief", brief_path("Sumba Barat Daya")),
    ("recommendation matrix", matrix_path("Sumba Barat Daya", "Kodi")),
    ("corrections workbook of a kecamatan", corrections_path("Sumba Barat Daya", "Kodi")),
    ("corrections workbook of rows without a readable kecamatan", corrections_path("Sumba Barat Daya", "")),
    ("corrections workbook of rows without a readable kabupaten", corrections_path("", "")),
    ("page 1 as PNG (`--preview`)", preview_path(brief_path("Sumba Barat Daya", "Kodi"))),
)


def named_in(relative: str, lang: str) -> str:
    """An output's name in another language: `briefs/k/kodi.pdf` → `briefs/k/kodi.en.pdf`."""
    stem, _, extension = relative.rpartition(".")
    return _named(stem, extension, lang)
