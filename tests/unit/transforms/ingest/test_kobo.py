"""KoboToolbox and ODK Central exports (transforms/ingest/kobo.py): an export in the exact shape
KoboToolbox writes ("XML values and headers", XLSX, repeat sheet) is read back as desa + kegiatan
rows; Labels exports read back through the form's own labels; Central's CSVs join by key.
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
from transforms.contract.tables import ACTIVITIES, VILLAGES, Kind
from transforms.ingest.headers import match_headers
from transforms.ingest.kobo import export_table, unfold_central, unfold_kobo
from transforms.ingest.sheets import RawSheet, ingest_sheets
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




LABEL_COLUMNS = ("label::Indonesian (id)", "label::English (en)")


@pytest.mark.parametrize("language", LABEL_COLUMNS)
def test_every_question_label_of_the_form_reads_as_its_column(language: str) -> None:
    """A Labels export heads columns with the form's labels: each one, with or without its
    group's label in front, must be read as the question it labels (one source: the contract)."""
    from flows.xlsform import REPEAT, survey_rows

    rows = survey_rows()
    group = next(r[language] for r in rows if r["type"] == "begin_repeat")
    for table, prefix in ((VILLAGES, ""), (ACTIVITIES, f"{group}/")):
        questions = [r for r in rows if r.get(language) and r["type"] not in ("begin_repeat", "end_repeat")
                     and r["name"] in {f.header_id for f in table.fields}]
        for group_prefix in ("", prefix):
            headers = [f"{group_prefix}{r[language]}" for r in questions]
            columns = match_headers(table, headers).columns
            assert [table.field(columns[i]).header_id for i in range(len(headers))] == \
                [r["name"] for r in questions], (table.name, group_prefix)
    assert ACTIVITIES.name_id == REPEAT


@pytest.mark.parametrize("language", LABEL_COLUMNS)
def test_every_choice_label_of_the_form_reads_back_as_its_name(language: str) -> None:
    from flows.xlsform import choice_rows

    vocabularies = {f.vocab for f in ACTIVITIES.fields if f.kind == Kind.VOCAB}
    choices = [r for r in choice_rows(GAZETTEER) if r["list_name"] in vocabularies]
    assert {r["list_name"] for r in choices} == vocabularies
    fields = {f.vocab: f.doc_id for f in ACTIVITIES.fields if f.kind == Kind.VOCAB}
    main = RawSheet("k.xlsx", "Pemantauan", ["Nama kabupaten", "_uuid", "_index"],
                    [["Seram Bagian Timur", "u1", 1]], None)
    for row in choices:
        repeat = RawSheet("k.xlsx", "kegiatan", [fields[row["list_name"]], "_parent_index"],
                          [[row[language], 1], ["Bukan pilihan", 1]], None)
        _, unfolded = unfold_kobo([main, repeat])
        assert [r[-2] for r in unfolded.rows] == [row["name"], "Bukan pilihan"]  # unknown: as read
        assert unfolded.rows[0][0] == "Seram Bagian Timur"  # the submission's place, by label


@pytest.mark.parametrize(("headers", "table"), [
    (["kabupaten", "_id", "_uuid", "_index"], VILLAGES),
    (["kegiatan/status", "_index", "_parent_table_name", "_parent_index"], ACTIVITIES),
    (["SubmissionDate", "kabupaten", "meta-instanceID", "KEY", "Status"], VILLAGES),
    (["kode_kegiatan", "status", "PARENT_KEY", "KEY"], ACTIVITIES),
    (["kabupaten", "kecamatan", "desa", "KEY"], None),  # a column called KEY is not an export
])
def test_export_recognised_by_its_columns(headers: list[str], table: object) -> None:
    assert export_table(headers) == table


def test_central_repeat_rows_take_their_submissions_place_and_lose_the_metadata() -> None:
    main = RawSheet("f.csv", "", ["SubmissionDate", "kabupaten", "kecamatan", "desa", "meta-instanceID",
                                  "KEY", "SubmitterName", "Status", "ReviewState", "FormVersion"],
                    [["2024-07-15T03:11:00.000Z", "seram_bagian_timur", "teluk_waru", "solang",
                      "uuid:a", "uuid:a", "Ani", "", "approved", "1"],
                     ["2024-07-16T03:11:00.000Z", "seram_bagian_timur", "gorom_timur", "miran",
                      "uuid:b", "uuid:b", "Ani", "", "", "1"]], None)
    repeat = RawSheet("f-kegiatan.csv", "", ["kode_kegiatan", "status", "PARENT_KEY", "KEY"],
                      [["B1", "selesai", "uuid:b", "uuid:b/kegiatan[1]"],
                       ["A1", "berjalan", "uuid:a", "uuid:a/kegiatan[1]"],
                       ["X1", "berjalan", "uuid:gone", "uuid:gone/kegiatan[1]"]], None)
    villages, activities = unfold_central([main, repeat])
    assert (villages.table, activities.table) == (VILLAGES, ACTIVITIES)
    assert [r[:3] for r in activities.rows] == [
        ["seram_bagian_timur", "gorom_timur", "miran"], ["seram_bagian_timur", "teluk_waru", "solang"],
        [None, None, None]]  # a row whose submission is not there has no place: quarantined
    match = match_headers(ACTIVITIES, activities.headers)
    assert match.ignored == [] and "status" in match.columns.values()  # kegiatan's own status kept
    assert match_headers(VILLAGES, villages.headers).ignored == []  # Central's Status dropped


def test_central_group_paths_match_on_their_last_part() -> None:
    main = RawSheet("f.csv", "", ["SubmissionDate", "lokasi-kabupaten", "lokasi-kecamatan",
                                  "lokasi-desa", "KEY"],
                    [["2024-07-15", "seram_bagian_timur", "teluk_waru", "solang", "uuid:a"]], None)
    repeat = RawSheet("f-kegiatan.csv", "", ["rincian-kode_kegiatan", "PARENT_KEY", "KEY"],
                      [["A1", "uuid:a", "uuid:a/kegiatan[1]"]], None)
    villages, activities = unfold_central([main, repeat])
    assert set(match_headers(VILLAGES, villages.headers).columns.values()) == {
        "kabupaten", "kecamatan", "desa"}
    assert activities.rows[0][:4] == ["seram_bagian_timur", "teluk_waru", "solang", "A1"]
    assert "activity_code" in match_headers(ACTIVITIES, activities.headers).columns.values()
