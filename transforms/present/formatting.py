"""Numbers, money, percentages and dates as a reader expects them (Babel, id_ID or en)."""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from pandas import NA

LOCALES = {"id": "id_ID", "en": "en_GB"}


BLANK = "–"


def blank(value: object) -> bool:
    return value is None or value is NA or (isinstance(value, float) and math.isnan(value))


def number(value: object, lang: str, missing: str = BLANK) -> str:
    """`1.500.000` (id) / `1,500,000` (en); `missing` when blank: `–` for a cell left empty,
    "tidak dilaporkan" for a sum nothing was reported for (the caller says which)."""
    if blank(value):
        return missing
    return format_decimal(round(float(value)), locale=LOCALES[lang])  # type: ignore[arg-type]


def decimal(value: object, lang: str, missing: str = BLANK) -> str:
    if blank(value):
        return missing
    return format_decimal(float(value), format="#,##0.0", locale=LOCALES[lang])  # type: ignore[arg-type]


def percent(value: object, lang: str, missing: str = BLANK) -> str:
    """`45,5%` (id) / `45.5%` (en): the value is already 0-100."""
    if blank(value):
        return missing
    return f"{decimal(value, lang)}%"


def rupiah(value: object, lang: str, missing: str = BLANK) -> str:
    """`Rp1.500.000` (id) / `IDR 1,500,000` (en)."""
    if blank(value):
        return missing
    return f"Rp{number(value, lang)}" if lang == "id" else f"IDR {number(value, lang)}"


def long_date(value: date | None, lang: str) -> str:
    """`6 Agustus 2024` / `6 August 2024`."""
    if value is None:
        return "–"
    return _babel_date(value, format="d MMMM y", locale=LOCALES[lang])


def short_month(value: str, lang: str) -> str:
    """A round id `2024-10` → `Okt 2024` / `Oct 2024`; anything else unchanged."""
    if len(value) != 7 or value[4] != "-" or not (value[:4] + value[5:]).isdigit():
        return value
    day = date(int(value[:4]), int(value[5:]), 1)
    return _babel_date(day, format="MMM y", locale=LOCALES[lang]).replace(".", "")


def month(value: str | None, lang: str) -> str:
    """A due value: `2024-12` → `Desember 2024`; a full ISO date → long date."""
    if not value:
        return "–"
    if len(value) == 7:
        year, month_number = int(value[:4]), int(value[5:])
        return _babel_date(date(year, month_number, 1), format="MMMM y", locale=LOCALES[lang])
    return long_date(date.fromisoformat(value), lang)
