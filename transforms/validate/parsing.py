"""Parsers for the values facilitators type: rupiah, dates, counts, percentages, vocabularies.

Each parser takes what a spreadsheet cell or CSV field holds (str, int, float, date, datetime or
None) and returns a typed value, None for a blank cell, or raises ParseError with a code from
the message catalogue.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np
import pandas as pd

from transforms.contract.tables import VOCABULARIES


class ParseError(ValueError):
    def __init__(self, code: str, expected: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.expected = expected


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and value.strip() in ("", "-", "—", "nan", "NaN", "None", "NaT"):
        return True
    try:  # pandas NA / NaT without importing pandas here
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def distinct_values(values: pd.Series | np.ndarray | list[object]) -> tuple[np.ndarray, list[object]]:
    """(code of each value, the distinct values): per-cell work is done once per distinct value.

    Values equal in Python but of different types (`1`, `1.0`, `True`) parse differently, so
    they are told apart by type; every NA (None, NaN, NaT) is code -1."""
    array = np.asarray(values, dtype=object)
    if pd.api.types.infer_dtype(array, skipna=True) in ("string", "empty"):  # CSV text: one type
        codes, uniques = pd.factorize(array)
        return codes, list(uniques)
    type_codes, types = cell_types(array)
    codes = np.full(len(array), -1, dtype=np.int64)
    distinct: list[object] = []
    for type_code in range(len(types)):  # a handful of types: str, int, float, NoneType...
        positions = np.flatnonzero(type_codes == type_code)
        part_codes, part_uniques = pd.factorize(array[positions])
        codes[positions] = np.where(part_codes < 0, -1, part_codes + len(distinct))
        distinct += list(part_uniques)
    return codes, distinct


def cell_types(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(code of each cell's Python type, the distinct types): a column of millions of cells has
    a handful of types, told apart once each."""
    return pd.factorize(np.fromiter(map(type, values), dtype=object, count=len(values)))


def blank_mask(values: pd.Series | np.ndarray | list[object]) -> np.ndarray:
    """`is_blank` of every value (a NA value is blank), computed once per distinct value."""
    codes, distinct = distinct_values(values)
    blank = np.fromiter((is_blank(v) for v in distinct), dtype=bool, count=len(distinct))
    return np.append(blank, True)[codes]  # code -1 picks the appended True


def _number_text(text: str) -> str:
    """Normalise separators: `1.500.000,00` / `1,500,000.00` / `1500000.0` → `1500000.00`."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if "." in text and "," in text:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        return text.replace(thousands, "").replace(decimal_sep, ".")
    for sep in (".", ","):
        if sep in text:
            if re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", text):
                return text.replace(sep, "")
            if text.count(sep) == 1:
                return text.replace(sep, ".")
            raise ParseError("invalid_number")
    return text


_MULTIPLIERS = {
    "miliar": 1_000_000_000, "milyar": 1_000_000_000, "m": 1_000_000_000,
    "juta": 1_000_000, "jt": 1_000_000, "jta": 1_000_000,
    "ribu": 1_000, "rb": 1_000, "rbu": 1_000, "k": 1_000,
}
_RUPIAH_RE = re.compile(
    r"^(?:rp\.?|idr)?\s*(?P<num>[0-9][0-9.,\s]*?)\s*(?P<mult>miliar|milyar|juta|jta|jt|ribu|rbu|rb|k|m)?"
    r"\s*(?:,-|\.-|-)?$"
)


_DECIMAL_COMMA_RE = re.compile(r"\d+,\d+")


def _finite(value: float, code: str) -> float:
    """A numeric cell as a float; infinities and absurd magnitudes are not amounts."""
    if not math.isfinite(value) or abs(value) > 1e15:
        raise ParseError(code)
    return float(value)


def parse_rupiah(value: object) -> int | None:
    """Whole rupiah from `1.500.000`, `Rp1.500.000,-`, `IDR 1,500,000`, `1,5 juta`, 750000.0 …"""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError("invalid_rupiah")
    if isinstance(value, (int, float)):
        amount = Decimal(str(_finite(value, "invalid_rupiah")))
    else:
        text = str(value).strip().lower()
        # `-114500000`: what LibreOffice (Indonesian locale) makes of `Rp114.500.000,-`; a
        # negative amount, reported as such rather than as unreadable
        negative = text.startswith("-")
        match = _RUPIAH_RE.match(text.removeprefix("-").strip())
        if not match:
            raise ParseError("invalid_rupiah")
        number, mult = match.group("num"), match.group("mult")
        try:
            # `32,745 juta`: before an Indonesian unit word one comma is the decimal comma
            # (32.745.000), never thousands (that would be written `32.745 juta`)
            decimal_comma = mult is not None and _DECIMAL_COMMA_RE.fullmatch(number.strip())
            amount = Decimal(number.strip().replace(",", ".") if decimal_comma else _number_text(number))
        except (InvalidOperation, ParseError):
            raise ParseError("invalid_rupiah") from None
        if mult:
            amount *= _MULTIPLIERS[mult]
        elif amount != amount.to_integral_value():
            raise ParseError("invalid_rupiah")  # `2,5` is a forgotten `juta`, not 2.5 rupiah
        amount = -amount if negative else amount
    if amount < 0:
        raise ParseError("negative_number")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_number(value: object) -> float | None:
    """A plain number, Indonesian or English separators, optional trailing `%`."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError("invalid_number")
    if isinstance(value, (int, float)):
        return _finite(value, "invalid_number")
    text = str(value).strip().rstrip("%").strip()
    if len(text) > 30:
        raise ParseError("invalid_number")
    negative = text.startswith("-")
    text = text.lstrip("-").strip()
    if not re.fullmatch(r"[0-9][0-9.,\s]*", text):
        raise ParseError("invalid_number")
    number = float(_number_text(text))
    return -number if negative else number


def parse_count(value: object) -> int | None:
    """A whole number >= 0 (`12`, `12.0`, 12.0)."""
    number = parse_number(value)
    if number is None:
        return None
    if number != int(number):
        raise ParseError("invalid_integer")
    if number < 0:
        raise ParseError("negative_number")
    return int(number)


def parse_percent(value: object) -> float | None:
    """A percentage as a number; the 0-100 range is checked by the expectation suite."""
    return parse_number(value)


MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_WEEKDAYS = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = (20_000, 80_000)  # 1954 .. 2119: anything else is not a plausible date


def excel_serial_to_date(serial: float) -> date:
    if not _EXCEL_SERIALS[0] <= serial <= _EXCEL_SERIALS[1]:
        raise ParseError("invalid_date")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


PLAUSIBLE_YEARS = (1950, 2100)  # a year outside is a typo (`2924`), not a monitoring date


def _make_date(year: int, month: int, day: int) -> date:
    if not PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]:
        raise ParseError("invalid_date")
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError("invalid_date") from None


def _strip_weekday(text: str) -> str:
    head, _, rest = text.partition(",")
    if rest and head.strip() in _WEEKDAYS:
        return rest.strip()
    first, _, rest = text.partition(" ")
    return rest.strip() if first in _WEEKDAYS and rest else text


_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?")


def parse_date(value: object) -> date | None:
    """Day-first dates: ISO, `06/08/2024`, `6/8/24`, `6 Agustus 2024`, `Selasa, 06 Agustus 2024`,
    Excel date cells and serials."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ParseError("invalid_date")
    if isinstance(value, (int, float)):
        return excel_serial_to_date(float(value))
    text = _strip_weekday(re.sub(r"\s+", " ", str(value).strip().lower()))
    if m := _YEAR_FIRST.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text):
        return _make_date(_year(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[ \-]([a-z']+)\.?[ \-](\d{2}|\d{4})", text)
    if m and m[2] in MONTHS:
        return _make_date(_year(m[3]), MONTHS[m[2]], int(m[1]))
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return excel_serial_to_date(float(text))
    raise ParseError("invalid_date")


def parse_due(value: object) -> str | None:
    """A due date (`2024-12-15`) or month (`2024-12`, `Desember 2024`, `12/2024`), as ISO text."""
    if is_blank(value):
        return None
    if not isinstance(value, str):
        return parse_date(value).isoformat()  # type: ignore[union-attr]
    text = re.sub(r"\s+", " ", value.strip().lower())
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        month, year = int(m[2]), int(m[1])
    elif m := re.fullmatch(r"(\d{1,2})[/\-](\d{4})", text):
        month, year = int(m[1]), int(m[2])
    elif (m := re.fullmatch(r"([a-z]+)\.? (\d{4})", text)) and m[1] in MONTHS:
        month, year = MONTHS[m[1]], int(m[2])
    else:
        return parse_date(value).isoformat()  # type: ignore[union-attr]
    if not 1 <= month <= 12:
        raise ParseError("invalid_date")
    return f"{year:04d}-{month:02d}"


def vocab_key(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key for vocabulary matching."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def _vocab_index(name: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for term in VOCABULARIES[name].terms:
        for form in (term.value, term.label_id, term.label_en, *term.synonyms):
            index.setdefault(vocab_key(form), term.value)
    return index


_VOCAB_INDEXES: dict[str, dict[str, str]] = {name: _vocab_index(name) for name in VOCABULARIES}


def parse_vocab(value: object, vocabulary: str) -> str | None:
    """The canonical term, or the text as typed when it is not in the vocabulary
    (the expectation suite then reports it with the allowed values)."""
    if is_blank(value):
        return None
    text = str(value).strip()
    return _VOCAB_INDEXES[vocabulary].get(vocab_key(text), text)


def parse_text(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return re.sub(r"[ \t]+", " ", str(value)).strip()


def parse_code(value: object) -> str | None:
    """Identifiers compare case- and space-insensitively: `pg-kil-01 ` == `PG-KIL-01`."""
    text = parse_text(value)
    return None if text is None else re.sub(r"\s+", "", text).upper()


def split_names(value: object) -> list[str]:
    text = parse_text(value)
    if text is None:
        return []
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]
