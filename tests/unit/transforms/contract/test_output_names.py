"""Names of the outputs in each language (transforms/contract/layout.py, contract §5): the
English briefs and workbooks sit beside the Indonesian ones, and the language of any output is
read back from its name alone."""

from __future__ import annotations

import pytest

from transforms.contract.layout import (
    brief_counts,
    brief_path,
    corrections_path,
    matrix_path,
    named_in,
    output_language,
    preview_path,
)


def test_indonesian_names_are_those_of_the_contract() -> None:
    assert brief_path("Sumba Barat Daya", "Kodi") == "briefs/sumba-barat-daya/kodi.pdf"
    assert brief_path("Sumba Barat Daya") == "briefs/sumba-barat-daya/kabupaten.pdf"
    assert matrix_path("Seram Bagian Timur", "Pulau Gorom") == "matrix/seram-bagian-timur/pulau-gorom.xlsx"
    assert corrections_path("Seram Bagian Timur", "") == "corrections/seram-bagian-timur/kabupaten.xlsx"
    assert corrections_path("", "") == "corrections/tanpa-kabupaten.xlsx"


def test_english_names_sit_beside_the_indonesian_ones() -> None:
    pairs = [(brief_path("Sumba Barat Daya", "Kodi"), brief_path("Sumba Barat Daya", "Kodi", "en")),
             (brief_path("Sumba Barat Daya"), brief_path("Sumba Barat Daya", lang="en")),
             (matrix_path("A", "Kodi"), matrix_path("A", "Kodi", "en")),
             (corrections_path("A", "Kodi"), corrections_path("A", "Kodi", "en")),
             (corrections_path("A", ""), corrections_path("A", "", "en")),
             (corrections_path("", ""), corrections_path("", "", "en"))]
    for indonesian, english in pairs:
        stem, _, extension = indonesian.rpartition(".")
        assert english == f"{stem}.en.{extension}" == named_in(indonesian, "en") != indonesian
        assert named_in(indonesian, "id") == indonesian
    assert brief_path("Sumba Barat Daya", "Kodi", "en") == "briefs/sumba-barat-daya/kodi.en.pdf"
    assert preview_path("briefs/sumba-barat-daya/kodi.en.pdf") == "preview/sumba-barat-daya_kodi.en.png"


@pytest.mark.parametrize(("relative", "lang"), [
    ("briefs/sumba-barat-daya/kodi.pdf", "id"), ("briefs/sumba-barat-daya/kodi.en.pdf", "en"),
    ("briefs/sumba-barat-daya/kabupaten.en.pdf", "en"), ("matrix/a/kodi-utara.xlsx", "id"),
    ("corrections/tanpa-kabupaten.en.xlsx", "en"), ("preview/a_kodi.en.png", "en"),
    ("preview/a_kodi.png", "id"),
    ("summary_kecamatan.csv", None), ("clean/activities.parquet", None), ("manifest.json", None),
    ("validation/index.html", None),
])
def test_the_language_of_an_output_is_in_its_name(relative: str, lang: str | None) -> None:
    assert output_language(relative) == lang


def test_brief_counts_count_the_files_of_one_language() -> None:
    outputs = [brief_path("K", "A"), brief_path("K", "B"), brief_path("K"), brief_path("K", "A", "en"),
               brief_path("K", lang="en"), matrix_path("K", "A"), "summary_kecamatan.csv"]
    assert brief_counts(outputs, "id") == {"kecamatan": 2, "kabupaten": 1}
    assert brief_counts(outputs, "en") == {"kecamatan": 1, "kabupaten": 1}
    assert brief_counts([], "id") == {"kecamatan": 0, "kabupaten": 0}
