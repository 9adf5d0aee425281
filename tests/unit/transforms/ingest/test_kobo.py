"""KoboToolbox exports (transforms/ingest/kobo.py): an export in the exact shape KoboToolbox
writes ("XML values and headers", XLSX, repeat sheet) is read back as desa + kegiatan rows.
The XLSForm itself is checked in tests/unit/flows/test_xlsform.py."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from flows.readers import read_round
from tests.fixtures import LOC_COLUMNS, LOCATIONS, ROUND_COLUMNS, ROUNDS
from transforms.contract.reference import build_gazetteer, build_rounds
from transforms.contract.tables import ACTIVITIES
from transforms.ingest.sheets import ingest_sheets
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import evaluate_rules_with_pandas, finish_round

GAZETTEER = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))

MAIN_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "_index"]
REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__id",
               "_submission__uuid", "_submission__submission_time", "_submission__validation_status",
               "_submission__notes", "_submission__status", "_submission__submitted_by",
               "_submission___version__", "_submission__tags"]


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


