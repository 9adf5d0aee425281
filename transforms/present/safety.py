"""Keeping untrusted village text inert, and writable, in the files we write."""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# XML 1.0, so XLSX and the brief's HTML, allows only tab, line feed and carriage return below
# U+0020: openpyxl refuses the rest (IllegalCharacterError), and a PDF shows them as boxes.
# Excel keeps a line break pasted from Word as U+000B (stored `_x000B_`), Word's page break is
# U+000C: both mean "new line" to whoever typed them. The other C0 controls have no visible
# meaning and are dropped; lone surrogates and U+FFFE/U+FFFF cannot be encoded as XML at all.
_LINE_BREAKS = re.compile("[\x0b\x0c]")
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def writable_text(text: str) -> str:
    """Text any writer (XLSX, CSV, PDF) can write as it is: `a\\x0bb` → `a\\nb`, `a\\x01b` → `ab`.
    Only what a file format cannot hold changes; the words stay."""
    if text.isprintable():  # the common case, in C: nothing to do
        return text
    return _UNWRITABLE.sub("", _LINE_BREAKS.sub("\n", text))


def defuse_formula(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe:
    `=HYPERLINK(...)` → `'=HYPERLINK(...)`. Numbers such as `-5` are left alone."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    stripped = value.lstrip("+-").replace(".", "", 1).replace(",", "", 1)
    if value[0] in "+-" and stripped.isdigit():
        return value
    return "'" + value


def safe_cell(value: object) -> object:
    """A value for a CSV cell people open in a spreadsheet: writable and never a formula."""
    return defuse_formula(writable_text(value) if isinstance(value, str) else value)
