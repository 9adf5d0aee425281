"""Slugs (transforms/contract/layout.py): the folder and file names of every brief and workbook.
Two places with one slug would write to one file, so the programme's own places must not share one."""

from __future__ import annotations

import re
import string

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import PROJECT
from transforms.contract.layout import DISTRICT_STEM, WINDOWS_RESERVED, brief_path, slug

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(("name", "expected"), [
    ("Pulau Gorom", "pulau-gorom"), ("Sumba Barat Daya", "sumba-barat-daya"),
    ("  Wewewa   Tengah ", "wewewa-tengah"), ("P. Gorom (Timur)", "p-gorom-timur"),
    ("Wéwéwa Barat", "wewewa-barat"), ("Kodi_Balaghar", "kodi-balaghar"),
    ("", "tanpa-nama"), ("—", "tanpa-nama"),
    # names Windows refuses for a file or folder, with any extension, and the district brief's
    ("CON", "con-wilayah"), ("Nul", "nul-wilayah"), ("com1", "com1-wilayah"), ("LPT9.", "lpt9-wilayah"),
    ("Aux!", "aux-wilayah"), ("Kabupaten", "kabupaten-wilayah"), ("Conan", "conan"),
])
def test_slug_examples(name: str, expected: str) -> None:
    assert slug(name) == expected


@given(st.text())
def test_any_name_gives_a_lower_case_ascii_slug(name: str) -> None:
    made = slug(name)
    assert SLUG.fullmatch(made), made
    assert slug(made) == made  # a slug is its own slug: paths built twice agree
    assert made not in WINDOWS_RESERVED and made != DISTRICT_STEM


def test_no_reserved_name_becomes_a_file_or_folder_name() -> None:
    for reserved in WINDOWS_RESERVED:
        path = brief_path(reserved.upper(), reserved)
        assert all(part.split(".")[0] not in WINDOWS_RESERVED for part in path.split("/")), path
    assert brief_path("SBT", "Kabupaten") != brief_path("SBT")


@given(st.text(alphabet=string.ascii_letters + string.digits + " .-_()'", min_size=1))
def test_case_and_punctuation_do_not_change_an_ascii_slug(name: str) -> None:
    assert slug(name.upper()) == slug(name.lower()) == slug(name.replace(" ", "-"))


def test_the_programmes_places_have_distinct_slugs() -> None:
    """Within a kabupaten no two kecamatan share a slug, and none is `kabupaten` (the district
    brief's file name, next to theirs); kabupaten slugs are distinct too."""
    locations = pd.read_csv(PROJECT / "data" / "reference" / "locations.csv", dtype=str,
                            keep_default_na=False)
    kabupaten = sorted(set(locations["kabupaten"]))
    assert len({slug(k) for k in kabupaten}) == len(kabupaten)
    for name in kabupaten:
        kecamatan = sorted(set(locations.loc[(locations["kabupaten"] == name)
                                             & (locations["kecamatan"] != ""), "kecamatan"]))
        slugs = [slug(k) for k in kecamatan]
        assert len(set(slugs)) == len(slugs), name
        assert "kabupaten" not in slugs, name
