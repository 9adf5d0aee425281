"""KoboToolbox: the XLSForm is valid for pyxform, and an export in the exact shape KoboToolbox
writes ("XML values and headers", XLSX, repeat sheet) is read back as desa + kegiatan rows."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from flows.readers import read_round
from flows.xlsform import choice_name, write_xlsform
from tests.fixtures import LOCATIONS, PROJECT, ROUNDS
from transforms.contract.reference import build_gazetteer, build_rounds
from transforms.contract.tables import ACTIVITIES, VILLAGES, VOCABULARIES
from transforms.ingest.sheets import ingest_sheets
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import evaluate_rules_with_pandas, finish_round

LOC_COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]
ROUND_COLUMNS = ["round_id", "label_id", "label_en", "window_start", "window_end"]
GAZETTEER = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))

MAIN_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "_index"]
REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__id",
               "_submission__uuid", "_submission__submission_time", "_submission__validation_status",
               "_submission__notes", "_submission__status", "_submission__submitted_by",
               "_submission___version__", "_submission__tags"]


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
    from flows.readers import read_reference

    locations, _, _ = read_reference(PROJECT / "data" / "reference")
    fresh = tmp_path / "form.xlsx"
    write_xlsform(fresh, build_gazetteer(locations))
    bundled = PROJECT / "forms" / "pemantauan_desa.xlsx"
    assert fresh.read_bytes() == bundled.read_bytes(), "run python -m scripts.build_xlsform"


def _kobo_export(path: Path, sex_group: bool) -> None:
    """Two submissions, one with two activities, one with one, as KoboToolbox exports them."""
    workbook = Workbook()
    main = workbook.active
    main.title = "bangkit_pemantauan_desa"
    people = (["peserta/L", "peserta/P"] if sex_group
              else ["peserta_laki_laki", "peserta_perempuan"])
    main.append(["start", "end", "kabupaten", "kecamatan", "desa", "tanggal_pemantauan", *people,
                 "fasilitator", "catatan", "meta/instanceID", *MAIN_META])
    meta = ["2024-07-15T08:00:00.000+09:00", "2024-07-15T09:10:00.000+09:00"]
    main.append([*meta, "seram_bagian_timur", "teluk_waru", "solang", "2024-07-15", 12, 9, "Ani", None,
                 "uuid:aaa", 101, "aaa", "2024-07-15T00:20:00", None, None, "submitted_via_web",
                 None, "v1", None, 1])
    main.append([*meta, "seram_bagian_timur", "pulau_gorom", "kilotak", "2024-07-16", 8, 8, None, None,
                 "uuid:bbb", 102, "bbb", "2024-07-16T00:20:00", None, None, "submitted_via_web",
                 None, "v1", None, 2])
    repeat = workbook.create_sheet("kegiatan")
    fields = [f.header_id for f in ACTIVITIES.fields if f.name not in ("kabupaten", "kecamatan", "desa")]
    if sex_group:
        fields = [{"penerima_laki_laki": "penerima/M", "penerima_perempuan": "penerima/F"}.get(f, f)
                  for f in fields]
    repeat.append([f"kegiatan/{f}" for f in fields] + REPEAT_META)

    def activity(code: str, status: str, index: int, parent: int, **extra: object) -> list:
        values = {"kode_kegiatan": code, "nama_kegiatan": "Bibit kambing", "sektor": "peternakan",
                  "sumber_dana": "dana_desa", "anggaran_rencana": 10000000,
                  "anggaran_realisasi": 4000000, "status": status, "progres_persen": 40,
                  "penerima_laki_laki": 5, "penerima_perempuan": 6, **extra}
        row = [values.get(f) for f in fields]
        if sex_group:
            row[fields.index("penerima/M")], row[fields.index("penerima/F")] = 5, 6
        uuid = "aaa" if parent == 1 else "bbb"
        return [*row, index, "bangkit_pemantauan_desa", parent, 100 + parent, uuid,
                "2024-07-15T00:20:00", None, None, "submitted_via_web", None, "v1", None]
    repeat.append(activity("TW-SOL-01", "berjalan", 1, 1))
    repeat.append(activity("TW-SOL-02", "tidak_berjalan", 2, 1, kendala="Pipa belum datang",
                           kategori_kendala="akses"))
    repeat.append(activity("PG-KIL-01", "selesai", 3, 2, progres_persen=100))
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("sex_group", [False, True])
def test_kobo_export_round_trips(tmp_path: Path, sex_group: bool) -> None:
    _kobo_export(tmp_path / "2024-07" / "kobo_export.xlsx", sex_group)
    ingested = ingest_sheets(read_round(tmp_path / "2024-07"))
    assert not ingested.problems
    assert ingested.notices == []  # Kobo's own metadata columns are not news
    info = build_rounds(pd.DataFrame(ROUNDS, columns=ROUND_COLUMNS))["2024-07"]
    parsed = parse_round(ingested.tables, GAZETTEER, info)
    result = finish_round(parsed, evaluate_rules_with_pandas(parsed), None, ingested.notices)
    assert result.quarantine.empty, result.quarantine[["source_row", "code", "message_en"]]
    villages = result.clean["villages"]
    assert list(villages["desa"]) == ["Solang", "Kilotak"]
    assert list(villages["participants_male"]) == [12, 8]
    acts = result.clean["activities"]
    assert list(zip(acts["desa"], acts["activity_code"], acts["status"], strict=True)) == [
        ("Solang", "TW-SOL-01", "berjalan"), ("Solang", "TW-SOL-02", "tidak_berjalan"),
        ("Kilotak", "PG-KIL-01", "selesai")]
    assert list(acts["kecamatan"]) == ["Teluk Waru", "Teluk Waru", "Pulau Gorom"]
    assert list(acts["beneficiaries_female"]) == [6, 6, 6]
    assert list(acts["source_sheet"]) == ["kegiatan"] * 3 and list(acts["source_row"]) == [2, 3, 4]


def test_choice_names_resolve_to_official_names() -> None:
    for (kab, kec), index in GAZETTEER.desa.items():
        for desa in index.places:
            assert GAZETTEER.resolve_desa(kab, kec, choice_name(desa)).name == desa
        assert GAZETTEER.resolve_kecamatan(kab, choice_name(kec)).name == kec
    assert load_workbook  # the export is built with openpyxl, read with the pipeline's reader
