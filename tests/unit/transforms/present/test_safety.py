"""Village text that a spreadsheet would run as a formula is defused (transforms/present/safety.py)."""

from __future__ import annotations

import pytest

from transforms.present.safety import defuse_formula


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+62 812", "'+62 812"),
    ("@SUM(A1)", "'@SUM(A1)"), ("-5", "-5"), ("-2.5", "-2.5"), ("Bibit", "Bibit"), (12, 12),
])
def test_formulas_are_defused(text: object, safe: object) -> None:
    assert defuse_formula(text) == safe

