"""Village text that a spreadsheet would run as a formula is defused (transforms/present/safety.py)."""

from __future__ import annotations

import pytest

from transforms.present.safety import defuse_formula, safe_cell, writable_text


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+62 812", "'+62 812"),
    ("@SUM(A1)", "'@SUM(A1)"), ("-5", "-5"), ("-2.5", "-2.5"), ("Bibit", "Bibit"), (12, 12),
])
def test_formulas_are_defused(text: object, safe: object) -> None:
    assert defuse_formula(text) == safe



@pytest.mark.parametrize(("text", "shown"), [
    ("melatih\x0bkader", "melatih\nkader"),  # Excel's `_x000B_`: a line break pasted from Word
    ("Desa\x0cBondo", "Desa\nBondo"),  # Word's page break
    ("Wura\x01Homba\x1f", "WuraHomba"), ("nol\x00byte", "nolbyte"),  # no visible meaning
    ("tab\tbaris\r\nbaru", "tab\tbaris\r\nbaru"),  # what XML can hold stays as it is
    ("lone \ud800 surrogate \uffff", "lone  surrogate "), ("Kotá Baru", "Kotá Baru"),
])
def test_text_is_made_writable_keeping_its_words(text: str, shown: str) -> None:
    assert writable_text(text) == shown


def test_a_csv_cell_is_writable_and_never_a_formula() -> None:
    assert safe_cell("\x0b=SUM(A1)") == "\n=SUM(A1)"  # a line break first: no formula prefix
    assert safe_cell("=A1\x0b") == "'=A1\n" and safe_cell(5) == 5
