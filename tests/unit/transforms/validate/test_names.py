"""Name resolution: official, alias, normalised, fuzzy only inside the kecamatan and only when
unambiguous — and never the wrong village."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import LOCATIONS
from transforms.contract.reference import build_gazetteer
from transforms.validate.names import Place, PlaceIndex, name_key, resolve

COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]


@pytest.fixture(scope="module")
def gazetteer():
    return build_gazetteer(pd.DataFrame(LOCATIONS, columns=COLUMNS))


@pytest.mark.parametrize(("typed", "official"), [
    ("SBT", "Seram Bagian Timur"), ("Kab. Seram Bagian Timur", "Seram Bagian Timur"),
    ("kabupaten seram bagian timur", "Seram Bagian Timur"), ("SBD", "Sumba Barat Daya"),
    ("Sumba Barat Daya ", "Sumba Barat Daya"),
])
def test_kabupaten(gazetteer, typed: str, official: str) -> None:
    assert gazetteer.resolve_kabupaten(typed).name == official


@pytest.mark.parametrize(("typed", "official"), [
    ("Loura", "Loura"), ("Laura", "Loura"), ("Kec. Loura", "Loura"), ("Loura (Laura)", "Loura"),
    ("LOURA", "Loura"), ("Kecamatan Loura", "Loura"),
])
def test_kecamatan_sbd(gazetteer, typed: str, official: str) -> None:
    assert gazetteer.resolve_kecamatan("Sumba Barat Daya", typed).name == official


@pytest.mark.parametrize(("typed", "official"), [
    ("P. Gorom", "Pulau Gorom"), ("P.Gorom", "Pulau Gorom"), ("Pulau-Gorom", "Pulau Gorom"),
    ("pulau  gorom", "Pulau Gorom"), ("Teluk Waru", "Teluk Waru"), ("Teluk-Waru", "Teluk Waru"),
])
def test_kecamatan_sbt(gazetteer, typed: str, official: str) -> None:
    assert gazetteer.resolve_kecamatan("Seram Bagian Timur", typed).name == official


def test_kecamatan_is_never_fuzzy(gazetteer) -> None:
    result = gazetteer.resolve_kecamatan("Seram Bagian Timur", "Teluk Waro")
    assert result.name is None
    assert "Teluk Waru" in result.candidates


@pytest.mark.parametrize(("kec", "typed", "official", "method"), [
    ("Teluk Waru", "Solang", "Solang", "exact"),
    ("Teluk Waru", "Solan", "Solang", "alias"),
    ("Teluk Waru", "Desa Solang", "Solang", "normalised"),
    ("Teluk Waru", "SOLANGG", "Solang", "normalised"),
    ("Teluk Waru", "Maddak", "Madak", "normalised"),
    ("Gorom Timur", "Miran Keledr", "Miran Keledar", "fuzzy"),
    ("Gorom Timur", "miran-kilian", "Miran Kilian", "normalised"),
    ("Gorom Timur", "Miran", "Miran", "exact"),
    ("Pulau Gorom", "Miran Gota", "Miran Gota", "exact"),
    ("Pulau Gorom", "Kampung Baru", "Kampung Baru", "exact"),
    ("Pulau Gorom", "Kilotaq", "Kilotak", "fuzzy"),
])
def test_desa(gazetteer, kec: str, typed: str, official: str, method: str) -> None:
    result = gazetteer.resolve_desa("Seram Bagian Timur", kec, typed)
    assert (result.name, result.method) == (official, method)


def test_near_twins_never_cross_kecamatan(gazetteer) -> None:
    # Miran Gota is in Pulau Gorom; typed in Gorom Timur it must not become Miran or another.
    result = gazetteer.resolve_desa("Seram Bagian Timur", "Gorom Timur", "Miran Gota")
    assert result.name is None
    # Kampung Baru exists in Pulau Gorom (round 1) and Teluk Waru (round 2): each in its own.
    assert gazetteer.resolve_desa("Seram Bagian Timur", "Teluk Waru", "Kampung Baru").name == "Kampung Baru"


def test_truncated_twin_is_ambiguous(gazetteer) -> None:
    result = gazetteer.resolve_desa("Seram Bagian Timur", "Gorom Timur", "Miran K")
    assert result.name is None and result.method == "ambiguous"
    assert set(result.candidates) == {"Miran Keledar", "Miran Kilian"}


def test_unknown_village_gets_suggestions(gazetteer) -> None:
    result = gazetteer.resolve_desa("Seram Bagian Timur", "Teluk Waru", "Solong Baru")
    assert result.name is None
    assert result.candidates and result.candidates[0] == "Solang"


def test_name_key_collapses_what_people_vary() -> None:
    assert name_key("Kel. Pulau-Panjang") == name_key("P. Panjang") == name_key("pulau panjang")
    assert name_key("Wewewa Tengah (Wewera Tengah)") == name_key("wewewa tengah")


NAMES = ["Miran", "Miran Keledar", "Miran Kilian", "Miran Manaban", "Miran Rumuar", "Kilkoda",
         "Kiltufa", "Kota Sirih", "Tunas Ilur", "Amarwatu"]


@given(st.sampled_from(NAMES), st.sampled_from(["", "Desa ", "desa ", "Kel. "]),
       st.sampled_from([str, str.upper, str.lower]), st.sampled_from([" ", "-", "  "]))
def test_written_forms_resolve_to_themselves(name: str, prefix: str, case, sep: str) -> None:
    index = PlaceIndex()
    for n in NAMES:
        index.add(Place(n))
    typed = prefix + case(name).replace(" ", sep)
    assert resolve(typed, index, allow_fuzzy=True).name == name


def test_village_filed_under_the_wrong_kecamatan_is_pointed_out(gazetteer) -> None:
    assert gazetteer.desa_elsewhere("Seram Bagian Timur", "Teluk Waru", "kilotak") == (
        "Kilotak (Kec. Pulau Gorom)",)
