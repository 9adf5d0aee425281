"""The project's XLSForm (flows/xlsform.py) is valid for pyxform, current, and its choice names
resolve back to the official place names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pyxform.xls2xform import convert

from flows.xlsform import choice_name, write_xlsform
from tests.fixtures import LOC_COLUMNS, LOCATIONS, PROJECT
from transforms.contract.reference import build_gazetteer
from transforms.contract.tables import VILLAGES, VOCABULARIES

GAZETTEER = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))


def test_xlsform_converts_with_pyxform(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_xlsform(path, GAZETTEER)
    warnings: list[str] = []
    xform = convert(str(path), warnings=warnings).xform
    assert warnings == []
    for f in VILLAGES.fields:
        assert f"/{f.header_id}" in xform
    assert "<kegiatan" in xform and 'jr:template=""' in xform
    assert "kabupaten=" in xform.replace(" ", "")  # cascading select of places
    survey = pd.read_excel(path, sheet_name="survey", dtype=str).fillna("")
    assert "select_one activity_status" in set(survey["type"])
    choices = pd.read_excel(path, sheet_name="choices", dtype=str).fillna("")
    statuses = choices.loc[choices["list_name"] == "activity_status", "name"].tolist()
    assert statuses == VOCABULARIES["activity_status"].values


def test_bundled_xlsform_is_current(tmp_path: Path) -> None:
    from flows.reference_files import read_reference

    locations, _, _ = read_reference(PROJECT / "data" / "reference")
    fresh = tmp_path / "form.xlsx"
    write_xlsform(fresh, build_gazetteer(locations))
    bundled = PROJECT / "forms" / "pemantauan_desa.xlsx"
    assert fresh.read_bytes() == bundled.read_bytes(), "run python -m scripts.build_xlsform"


def test_choice_names_resolve_to_official_names() -> None:
    for (kab, kec), index in GAZETTEER.desa.items():
        for desa in index.places:
            assert GAZETTEER.resolve_desa(kab, kec, choice_name(desa)).name == desa
        assert GAZETTEER.resolve_kecamatan(kab, choice_name(kec)).name == kec

