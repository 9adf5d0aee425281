"""Parsers for what facilitators type: every accepted form, and property tests that any value
written in any accepted form parses back to itself."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import CELLS
from transforms.contract.messages import message
from transforms.validate.parsing import (
    ParseError,
    parse_count,
    parse_date,
    parse_due,
    parse_percent,
    parse_rupiah,
    parse_vocab,
)


@pytest.mark.parametrize("text", [
    "1500000", "1.500.000", "1.500.000,00", "Rp 1.500.000", "Rp1.500.000,-", "Rp. 1.500.000",
    "IDR 1,500,000", "1,5 juta", "1,5 jt", "1500 ribu", 1500000, 1500000.0, " 1.500.000 ",
])
def test_rupiah_forms(text: object) -> None:
    assert parse_rupiah(text) == 1_500_000


def test_rupiah_small_forms() -> None:
    assert parse_rupiah("750 ribu") == 750_000
    assert parse_rupiah("2 M") == 2_000_000_000
    assert parse_rupiah("") is None
    assert parse_rupiah(None) is None


def test_rupiah_comma_before_a_unit_word_is_decimal() -> None:
    # found in the national benchmark: `32,745 juta` had been read as 32.7 billion
    assert parse_rupiah("32,745 juta") == 32_745_000
    assert parse_rupiah("1,500 juta") == 1_500_000
    assert parse_rupiah("1.500 juta") == 1_500_000_000  # Indonesian thousands dot
    assert parse_rupiah("32,745") == 32_745  # without a unit word: thousands, as before


@pytest.mark.parametrize("text", ["satu juta", "1.5.0", "Rp", "12abc", "--"])
def test_rupiah_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_rupiah(text)


@pytest.mark.parametrize("text", [
    "2024-08-06", "2024/08/06", "06/08/2024", "6/8/24", "6-8-2024", "6 Agustus 2024", "6 Agu 2024",
    "6 Agt 2024",
    "Selasa, 06 Agustus 2024", "06 August 2024", "6 Aug 2024", datetime(2024, 8, 6),
    date(2024, 8, 6), 45510, 45510.0, "45510", "2024-08-06 00:00:00",
])
def test_date_forms(text: object) -> None:
    assert parse_date(text) == date(2024, 8, 6)


@pytest.mark.parametrize("text", ["31/02/2024", "kemarin", "2024-13-01", "12", "6 Agustis 2024"])
def test_date_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date(text)


def test_due_month_and_date() -> None:
    assert parse_due("2024-12") == "2024-12"
    assert parse_due("Desember 2024") == "2024-12"
    assert parse_due("12/2024") == "2024-12"
    assert parse_due("15/12/2024") == "2024-12-15"


def test_counts_and_percent() -> None:
    assert parse_count("12") == 12
    assert parse_count(12.0) == 12
    with pytest.raises(ParseError):
        parse_count("12,5")
    with pytest.raises(ParseError):
        parse_count("-3")
    assert parse_percent("45,5%") == 45.5
    assert parse_percent(150) == 150  # the range is the expectation suite's to check


@pytest.mark.parametrize(("vocab", "typed", "canonical"), [
    ("activity_status", "Sedang Berjalan", "berjalan"),
    ("activity_status", "ON GOING", "berjalan"),
    ("activity_status", "on progress", "berjalan"),
    ("activity_status", "belum dimulai", "belum_mulai"),
    ("activity_status", "Macet", "tidak_berjalan"),
    ("activity_status", "tidak  berjalan", "tidak_berjalan"),
    ("activity_status", "Tuntas", "selesai"),
    ("sector", "UMKM", "usaha_mikro"),
    ("sector", "Tenun", "kerajinan"),
    ("sector", "air bersih", "air_bersih"),
    ("funding_source", "DD", "dana_desa"),
    ("funding_source", "APBD Kab", "apbd_kabupaten"),
    ("funding_source", "BangKIT", "program"),
    ("funding_source", "CSR", "pihak_ketiga"),
    ("constraint_category", "SDM", "kapasitas"),
    ("constraint_category", "gelombang", "akses"),
    ("constraint_category", "swadaya rendah", "partisipasi"),
])
def test_vocabulary_synonyms(vocab: str, typed: str, canonical: str) -> None:
    assert parse_vocab(typed, vocab) == canonical


def test_unknown_vocabulary_is_kept_as_typed() -> None:
    assert parse_vocab("ngawur", "activity_status") == "ngawur"


# --- properties -------------------------------------------------------------------------------

def _rupiah_forms(amount: int) -> list[str]:
    dotted = format_decimal(amount, locale="id_ID")
    comma = format_decimal(amount, locale="en_US")
    forms = [str(amount), dotted, f"{dotted},00", f"Rp {dotted}", f"Rp{dotted},-", f"IDR {comma}"]
    if amount % 100_000 == 0 and amount >= 1_000_000:
        forms.append(f"{format_decimal(amount / 1_000_000, locale='id_ID')} juta")
        forms.append(f"{format_decimal(amount / 1_000_000, locale='id_ID')} jt")
    if amount % 1000 == 0 and amount >= 1000:
        forms.append(f"{format_decimal(amount // 1000, locale='id_ID')} ribu")
    return forms


@given(st.integers(min_value=0, max_value=50_000_000_000))
def test_rupiah_roundtrip(amount: int) -> None:
    for form in _rupiah_forms(amount):
        assert parse_rupiah(form) == amount, form
    assert parse_rupiah(float(amount)) == amount


@given(st.integers(min_value=1, max_value=500).map(lambda n: n * 100_000))
def test_rupiah_juta_roundtrip(amount: int) -> None:
    for form in _rupiah_forms(amount):
        assert parse_rupiah(form) == amount, form


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_date_roundtrip(day: date) -> None:
    forms = [
        day.isoformat(), day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day.year % 100:02d}",
        format_date(day, "long", locale="id_ID"), format_date(day, "medium", locale="id_ID"),
        format_date(day, "full", locale="id_ID"), format_date(day, "short", locale="id_ID"),
        format_date(day, "long", locale="en_GB"), datetime(day.year, day.month, day.day),
        (day - date(1899, 12, 30)).days,
    ]
    for form in forms:
        assert parse_date(form) == day, form


@given(st.lists(CELLS, max_size=30))
def test_blank_mask_is_is_blank_per_value(values: list[object]) -> None:
    from transforms.validate.parsing import blank_mask, is_blank

    assert blank_mask(values).tolist() == [is_blank(v) for v in values]


@given(st.lists(CELLS, max_size=30))
def test_distinct_values_tell_types_apart(values: list[object]) -> None:
    from transforms.validate.parsing import distinct_values, is_blank

    codes, distinct = distinct_values(values)
    for value, code in zip(values, codes, strict=True):
        if code < 0:
            assert is_blank(value)
        else:
            assert type(distinct[code]) is type(value) and distinct[code] == value




@given(st.integers(min_value=0, max_value=10_000_000))
def test_count_roundtrip(count: int) -> None:
    forms = [count, float(count), str(count), f"{count}.0", format_decimal(count, locale="id_ID"),
             format_decimal(count, locale="en_US"), f" {count} "]
    for form in forms:
        assert parse_count(form) == count, form
    if count:
        with pytest.raises(ParseError):
            parse_count(f"-{count}")


@given(st.integers(min_value=0, max_value=1500))
def test_percent_roundtrip(tenths: int) -> None:
    """One decimal, as facilitators type it (`45,5%`, `45.5`) or as a number cell."""
    value = tenths / 10
    for form in (f"{value:.1f}".replace(".", ",") + "%", f"{value:.1f}", f"{value:.1f} %", value):
        assert parse_percent(form) == pytest.approx(value), form


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_due_month_roundtrip(year: int, month: int) -> None:
    first = date(year, month, 1)
    forms = [f"{year}-{month:02d}", f"{year}-{month}", f"{month}/{year}", f"{month:02d}/{year}",
             format_date(first, "MMMM yyyy", locale="id_ID"), format_date(first, "MMM yyyy", locale="id_ID"),
             format_date(first, "MMMM yyyy", locale="en_GB"), format_date(first, "MMM yyyy", locale="en_GB")]
    for form in forms:
        assert parse_due(form) == f"{year:04d}-{month:02d}", form


@pytest.mark.parametrize("text", ["-114500000", "-114.500.000", "-Rp114.500.000", "- 1,5 juta"])
def test_negative_rupiah_text_is_negative_not_unreadable(text: str) -> None:
    """LibreOffice in an Indonesian locale reads `Rp114.500.000,-` as -114500000."""
    with pytest.raises(ParseError) as caught:
        parse_rupiah(text)
    assert caught.value.code == "negative_number"
    assert "LibreOffice" in message("negative_number", "id", value=text)
    assert "LibreOffice" in message("negative_number", "en", value=text)
