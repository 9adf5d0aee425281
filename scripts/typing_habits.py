"""How facilitators and M&E staff type values: the one place the sample generator
(`scripts/sample/`), the national benchmark (`benchmarks/national.py`) and the tests take them from.

Every form here is one the contract says must be read (docs/data-contract.md §3): rupiah as
`1.500.000`, `Rp 1.500.000`, `1,5 juta`; dates day first in several forms; place names with
prefixes, aliases and odd case; vocabulary terms in any accepted spelling. Vocabulary spellings
are the contract's own (`transforms.contract.tables.VOCABULARIES`), never a copy.

Each function takes the caller's `random.Random` and draws from it in a fixed order: callers
depend on that order to regenerate byte-identical files, so a change here is a change of their
output (their tests say so).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from transforms.contract.tables import VOCABULARIES

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# Prefixes people put before a place name (contract §3, "Names"); the pipeline strips them.
KABUPATEN_PREFIX, KECAMATAN_PREFIX, DESA_PREFIX = "Kab.", "Kec.", "Desa"


# ---------------------------------------------------------------------------------------------
# Dates, day first

def _long(when: date) -> str:
    return f"{when.day} {MONTHS_ID[when.month - 1]} {when.year}"


DATE_FORMS: dict[str, Callable[[date], str]] = {
    "iso": date.isoformat,  # 2024-08-06
    "dd/mm/yyyy": lambda when: when.strftime("%d/%m/%Y"),  # 06/08/2024
    "d month yyyy": _long,  # 6 Agustus 2024
    "d/m/yy": lambda when: f"{when.day}/{when.month}/{when.strftime('%y')}",  # 6/8/24
    "weekday, dd month yyyy": lambda when: (  # Selasa, 06 Agustus 2024
        f"{WEEKDAYS_ID[when.weekday()]}, {when.day:02d} {MONTHS_ID[when.month - 1]} {when.year}"),
}
ALL_DATE_FORMS: tuple[str, ...] = tuple(DATE_FORMS)


def typed_date(rng: random.Random, when: date, forms: Sequence[str] = ALL_DATE_FORMS) -> str:
    """The date as text in one of `forms` (names of DATE_FORMS), drawn with one `choice`."""
    return rng.choice([DATE_FORMS[form](when) for form in forms])


def date_or_cell(rng: random.Random, when: date, as_cell: bool, cell_share: float = 0.45) -> object:
    """In a workbook, an Excel date cell `cell_share` of the time, else text; in a CSV, text."""
    if as_cell and rng.random() < cell_share:
        return when
    return typed_date(rng, when)


# ---------------------------------------------------------------------------------------------
# Rupiah

def dotted(amount: int) -> str:
    """`1.500.000`: the Indonesian thousands separator."""
    return f"{amount:,}".replace(",", ".")


def millions(amount: int) -> str:
    """`1,5` for 1,500,000 (a decimal comma). Exact up to six significant digits (`:g`)."""
    return f"{amount / 1_000_000:g}".replace(".", ",")


RUPIAH_FORMS: dict[str, Callable[[int], str]] = {
    "plain": str,  # 1500000
    "dotted": dotted,  # 1.500.000
    "rp": lambda amount: f"Rp {dotted(amount)}",  # Rp 1.500.000
    "rp_dash": lambda amount: f"Rp{dotted(amount)},-",  # Rp1.500.000,-
    "rp_dot_dash": lambda amount: f"Rp{dotted(amount)}.-",  # Rp1.500.000.- (a dot for the comma)
    "cents": lambda amount: f"{dotted(amount)},00",  # 1.500.000,00
    "idr": lambda amount: f"IDR {amount:,}",  # IDR 1,500,000
    "juta": lambda amount: f"{millions(amount)} juta",  # 1,5 juta
    "jt": lambda amount: f"{millions(amount)} jt",  # 1,5 jt
    "ribu": lambda amount: f"{amount // 1000} ribu",  # 750 ribu
}
EVERYDAY_RUPIAH = ("plain", "dotted", "rp", "rp_dash", "cents")


def exact_rupiah_forms(amount: int) -> tuple[str, ...]:
    """The everyday forms, plus `juta`/`jt` and `ribu` where they say the amount exactly (people
    write `1,5 juta` for a round figure, not for 1,543,250)."""
    forms = EVERYDAY_RUPIAH
    if amount >= 1_000_000 and amount % 100_000 == 0:
        forms += ("juta", "jt")
    if 0 < amount < 1_000_000 and amount % 1000 == 0:
        forms += ("ribu",)
    return forms


def typed_rupiah(rng: random.Random, amount: int, forms: Sequence[str] | None = None) -> str:
    """The amount as text in one of `forms` (default: its exact forms), drawn with one `choice`."""
    chosen = exact_rupiah_forms(amount) if forms is None else forms
    return rng.choice([RUPIAH_FORMS[form](amount) for form in chosen])


def rupiah_or_cell(rng: random.Random, amount: int, as_cell: bool, cell_share: float = 0.6) -> object:
    """In a workbook, a number cell `cell_share` of the time, else text; in a CSV, text."""
    if as_cell and rng.random() < cell_share:
        return amount
    return typed_rupiah(rng, amount)


# ---------------------------------------------------------------------------------------------
# Counts and percentages

def count_or_cell(rng: random.Random, value: int, as_cell: bool, percent: bool = False,
                  percent_sign_share: float = 0.15) -> object:
    """A workbook keeps the number cell; a CSV has its text, a percentage sometimes with `%`."""
    if as_cell:
        return value
    return f"{value}%" if percent and rng.random() < percent_sign_share else str(value)


# ---------------------------------------------------------------------------------------------
# Spellings: vocabulary terms and place names

def contract_spellings(vocabulary: str) -> list[tuple[str, list[str]]]:
    """(canonical value, [value, *synonyms]) of every term of a contract vocabulary."""
    return [(t.value, [t.value, *t.synonyms]) for t in VOCABULARIES[vocabulary].terms]


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def is_contract_spelling(vocabulary: str, value: str, typed: str) -> bool:
    """Whether `typed` is, but for case and spaces, how the contract spells `value`: the term
    itself, one of its labels or one of its synonyms."""
    for term in VOCABULARIES[vocabulary].terms:
        if term.value == value:
            forms = (term.value, term.label_id, term.label_en, *term.synonyms)
            return _key(typed) in {_key(form) for form in forms}
    raise KeyError(f"{value!r} is not a term of {vocabulary!r}")


def check_spellings(vocabulary: str, forms: dict[str, Iterable[str]]) -> None:
    """Refuse a spelling the contract does not declare: a form the pipeline cannot read would
    turn a sample meant to resolve into quarantined rows."""
    wrong = [f"{value}: {typed!r}" for value, typed_forms in forms.items() for typed in typed_forms
             if not is_contract_spelling(vocabulary, value, typed)]
    if wrong:
        raise ValueError(f"not spellings of {vocabulary} in the contract: {', '.join(wrong)}")


def choose(rng: random.Random, forms: Sequence[str], habit: float = 0.6) -> str:
    """A person's habit: the first form `habit` of the time, else any of the others."""
    return forms[0] if rng.random() < habit else rng.choice(forms[1:] or forms)


def typed_name(rng: random.Random, name: str, aliases: Sequence[str], prefix: str) -> str:
    """A place name as typed: mostly official, sometimes an alias, with its prefix, or in
    upper or lower case."""
    roll = rng.random()
    if roll < 0.72:
        return name
    if roll < 0.80 and aliases:
        return rng.choice(aliases)
    if roll < 0.88:
        return f"{prefix} {name}"
    if roll < 0.94:
        return name.upper()
    return name.lower()


def typed_name_list(rng: random.Random, names: Sequence[str]) -> str | None:
    """`;`-separated village names, some with `Desa` before them; None when there are none."""
    shown = [f"{DESA_PREFIX} {n}" if rng.random() < 0.2 else n for n in names]
    return "; ".join(shown) or None
