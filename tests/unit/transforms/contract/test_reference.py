"""Reference locations (transforms/contract/reference.py): a reference whose places would share one
brief, matrix or e-mail bundle is refused, naming the rows to change."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import LOCATIONS
from transforms.contract.reference import SharedSlugError, build_gazetteer

COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]


def gazetteer_of(rows: list[tuple[str, ...]]) -> object:
    return build_gazetteer(pd.DataFrame(rows, columns=COLUMNS))


def test_kecamatan_that_slug_alike_are_refused_with_their_rows() -> None:
    rows = [*LOCATIONS, ("Seram Bagian Timur", "Kota Baru", "Adu", "", "", "2024-07"),
            ("Seram Bagian Timur", "Kotá Baru", "Batu", "", "", "2024-07"),
            ("Seram Bagian Timur", "Kota-Baru!", "Cici", "", "", "2024-07"),
            ("Seram Bagian Timur", "Kota Baru", "Dede", "", "", "2024-07")]
    first = len(LOCATIONS) + 2  # the spreadsheet row of the first added line (header = 1)
    with pytest.raises(SharedSlugError) as caught:
        gazetteer_of(rows)
    problem = caught.value.problem("ref")
    assert (problem.code, problem.file, problem.expected) == (
        "reference_kecamatan_slug_shared", "ref/locations.csv", "kota-baru")
    assert problem.value == f"'Kota Baru' ({first}, {first + 3}), 'Kotá Baru' ({first + 1}), " \
                            f"'Kota-Baru!' ({first + 2})"
    assert "Seram Bagian Timur" in problem.text("id") and "aliases" in problem.text("en")


def test_names_differing_only_in_case_are_refused_for_kabupaten_too() -> None:
    with pytest.raises(SharedSlugError) as caught:
        gazetteer_of([*LOCATIONS, ("SERAM BAGIAN TIMUR", "Tutuk Tolu", "Tutuk", "", "", "2024-07")])
    assert caught.value.problem("ref").code == "reference_kabupaten_slug_shared"


def test_the_same_kecamatan_name_in_two_kabupaten_is_two_folders_and_accepted() -> None:
    gazetteer = gazetteer_of([*LOCATIONS, ("Maluku Tengah", "Teluk Waru", "Amahai", "", "", "2024-07")])
    assert "Teluk Waru" in gazetteer.kecamatan["Maluku Tengah"].places


def test_the_many_rows_of_one_name_are_listed_briefly() -> None:
    rows = [*LOCATIONS, *[("Seram Bagian Timur", "Kota Baru", f"D{i}", "", "", "2024-07") for i in range(8)],
            ("Seram Bagian Timur", "KOTA BARU", "Eee", "", "", "2024-07")]
    with pytest.raises(SharedSlugError) as caught:
        gazetteer_of(rows)
    assert "… (+3)" in caught.value.problem("ref").value
