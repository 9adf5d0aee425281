"""Keeping untrusted village text inert in the files we write."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe:
    `=HYPERLINK(...)` → `'=HYPERLINK(...)`. Numbers such as `-5` are left alone."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    stripped = value.lstrip("+-").replace(".", "", 1).replace(",", "", 1)
    if value[0] in "+-" and stripped.isdigit():
        return value
    return "'" + value
