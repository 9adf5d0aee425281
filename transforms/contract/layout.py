"""Where outputs go: the folders and file names of a round's outputs, and the slugs they are made of."""

from __future__ import annotations

import re
import unicodedata


def slug(name: str) -> str:
    """`Pulau Gorom` → `pulau-gorom`: lower-case ASCII with `-`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tanpa-nama"


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
    return f"briefs/{slug(kabupaten)}/{slug(kecamatan) if kecamatan else 'kabupaten'}.pdf"


def matrix_path(kabupaten: str, kecamatan: str) -> str:
    return f"matrix/{slug(kabupaten)}/{slug(kecamatan)}.xlsx"


def corrections_path(kabupaten: str, kecamatan: str) -> str:
    """One workbook per kecamatan; per kabupaten for rows whose kecamatan could not be read; one
    for rows whose kabupaten could not be read."""
    if not kabupaten:
        return CORRECTIONS_WITHOUT_KABUPATEN
    return f"corrections/{slug(kabupaten)}/{slug(kecamatan) if kecamatan else 'kabupaten'}.xlsx"


def preview_path(brief: str) -> str:
    """`briefs/seram-bagian-timur/teluk-waru.pdf` → `preview/seram-bagian-timur_teluk-waru.png`
    (slugs have no `_`)."""
    parts = brief.removeprefix("briefs/").removesuffix(".pdf").split("/")
    return f"preview/{'_'.join(parts)}.png"
