"""What the generator and the benchmark type, the pipeline reads back as the value meant."""

from __future__ import annotations

import random
from datetime import date

import pytest

from scripts.sample.content import SPELLINGS
from scripts.typing_habits import (
    ALL_DATE_FORMS,
    DATE_FORMS,
    RUPIAH_FORMS,
    check_spellings,
    contract_spellings,
    exact_rupiah_forms,
    typed_name_list,
)
from transforms.contract.tables import VOCABULARIES
from transforms.validate.parsing import parse_date, parse_rupiah, parse_vocab

AMOUNTS = (0, 750_000, 1_500_000, 2_500_000, 23_000_000, 114_500_000, 1_543_250)


@pytest.mark.parametrize("amount", AMOUNTS)
def test_rupiah_forms_read_back(amount: int) -> None:
    for form in (*exact_rupiah_forms(amount), "rp_dot_dash", "idr"):
        assert parse_rupiah(RUPIAH_FORMS[form](amount)) == amount, form


def test_juta_is_only_offered_when_exact() -> None:
    assert "juta" not in exact_rupiah_forms(1_543_250)
    assert RUPIAH_FORMS["juta"](1_500_000) == "1,5 juta"
    assert RUPIAH_FORMS["ribu"](750_000) == "750 ribu"


@pytest.mark.parametrize("when", [date(2024, 8, 6), date(2025, 1, 1), date(2024, 12, 31)])
def test_date_forms_read_back(when: date) -> None:
    for form in ALL_DATE_FORMS:
        assert parse_date(DATE_FORMS[form](when)) == when, form
    assert DATE_FORMS["weekday, dd month yyyy"](date(2024, 8, 6)) == "Selasa, 06 Agustus 2024"


def test_the_samples_spellings_resolve_to_their_term() -> None:
    for vocabulary, terms in SPELLINGS.items():
        for term, forms in terms.items():
            assert {parse_vocab(form, vocabulary) for form in forms} == {term}, (vocabulary, term)


def test_contract_spellings_are_every_term() -> None:
    for name, vocabulary in VOCABULARIES.items():
        spellings = contract_spellings(name)
        assert [value for value, _ in spellings] == vocabulary.values
        assert all(parse_vocab(form, name) == value for value, forms in spellings for form in forms)


def test_a_spelling_the_contract_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="menunggu dana"):
        check_spellings("activity_status", {"berjalan": ["berjalan", "menunggu dana"]})


def test_village_lists() -> None:
    assert typed_name_list(random.Random(1), ()) is None
    assert set(typed_name_list(random.Random(1), ("Kilotak", "Solang")).split("; ")) <= {
        "Kilotak", "Solang", "Desa Kilotak", "Desa Solang"}
