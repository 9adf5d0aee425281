"""Small, hand-written rounds for the tests: a reference with the gazetteer's near-twins and
helpers that write tables the way staff send them (CSV with `,` or `;`, XLSX workbooks)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st
from openpyxl import Workbook

LOCATIONS = [
    ("Seram Bagian Timur", "", "", "SBT", "81.05", ""),
    ("Seram Bagian Timur", "Teluk Waru", "", "", "81.05.15", ""),
    ("Seram Bagian Timur", "Teluk Waru", "Solang", "Solan", "81.05.15.2004", "2024-07"),
    ("Seram Bagian Timur", "Teluk Waru", "Madak", "", "", "2024-07"),
    ("Seram Bagian Timur", "Teluk Waru", "Kampung Baru", "", "", "2024-10"),
    ("Seram Bagian Timur", "Gorom Timur", "", "", "81.05.11", ""),
    ("Seram Bagian Timur", "Gorom Timur", "Miran", "", "", "2024-07"),
    ("Seram Bagian Timur", "Gorom Timur", "Miran Keledar", "", "", "2024-07"),
    ("Seram Bagian Timur", "Gorom Timur", "Miran Kilian", "", "", "2024-07"),
    ("Seram Bagian Timur", "Pulau Gorom", "", "P. Gorom", "81.05.04", ""),
    ("Seram Bagian Timur", "Pulau Gorom", "Kilotak", "", "", "2024-07"),
    ("Seram Bagian Timur", "Pulau Gorom", "Miran Gota", "", "", "2024-07"),
    ("Seram Bagian Timur", "Pulau Gorom", "Kampung Baru", "", "", "2024-07"),
    ("Sumba Barat Daya", "", "", "SBD", "53.18", ""),
    ("Sumba Barat Daya", "Loura", "", "Laura", "53.18.01", ""),
    ("Sumba Barat Daya", "Loura", "Karuni", "", "", "2024-07"),
    ("Sumba Barat Daya", "Loura", "Totok", "", "", "2024-07"),
]
ROUNDS = [
    ("2024-07", "Pemantauan I (Juli 2024)", "Monitoring round I (July 2024)", "2024-07-01", "2024-07-31"),
    ("2024-10", "Pemantauan II (Oktober 2024)", "Monitoring round II (October 2024)", "2024-10-01",
     "2024-10-31"),
    ("2025-01", "Pemantauan III (awal 2025)", "Monitoring round III (early 2025)", "2025-01-01",
     "2025-02-28"),
]
PROJECT = Path(__file__).resolve().parents[1]
RULES = PROJECT / "data/reference/recommendation_rules.csv"
LOC_COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]
ROUND_COLUMNS = ["round_id", "label_id", "label_en", "window_start", "window_end"]
VILLAGE_HEADERS = ["kabupaten", "kecamatan", "desa", "tanggal_pemantauan", "peserta_laki_laki",
                   "peserta_perempuan", "fasilitator", "catatan"]
ACTIVITY_HEADERS = ["kabupaten", "kecamatan", "desa", "kode_kegiatan", "nama_kegiatan", "sektor",
                    "sumber_dana", "anggaran_rencana", "anggaran_realisasi", "status",
                    "progres_persen", "penerima_laki_laki", "penerima_perempuan", "kendala",
                    "kategori_kendala", "dukungan_dibutuhkan", "pihak_pendukung", "pembelajaran"]
MEETING_HEADERS = ["kabupaten", "kecamatan", "tanggal", "batch", "peserta_laki_laki",
                   "peserta_perempuan", "peserta_total", "desa_hadir"]
REC_HEADERS = ["kabupaten", "kecamatan", "no", "masalah", "desa_terkait", "rekomendasi", "tingkat",
               "penanggung_jawab", "tenggat", "status_tindak_lanjut", "keterangan"]

# Cells as sheets hold them, for property tests of the vectorised parsers (one parser call per
# distinct value), which must agree with the scalar parsers.
CELLS = st.one_of(
    st.none(), st.just(float("nan")), st.booleans(), st.integers(-5, 5),
    st.sampled_from([0.0, 1.0, 2.5]),  # -0.0 shares 0.0's parse (as in the cache before)
    st.sampled_from(["", " ", "-", "nan", "1", "1.0", "1.500.000", "abc", "Selesai", "2024-08-06"]),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 3)),
)


def write_reference(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    write_csv(directory / "locations.csv", LOC_COLUMNS, LOCATIONS)
    write_csv(directory / "rounds.csv", ROUND_COLUMNS, ROUNDS)
    (directory / "recommendation_rules.csv").write_bytes(RULES.read_bytes())
    return directory


def write_csv(path: Path, headers: list[str], rows: list, delimiter: str = ",",
              bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, tuple[list[str], list]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def act(desa: str, code: str, status: str = "berjalan", *, kec: str = "Teluk Waru",
        kab: str = "SBT", name: str = "Pengadaan bibit kambing", sector: str = "peternakan",
        funding: str = "DD", planned: object = "Rp 10.000.000", realized: object = "5 juta",
        progress: object = 50, male: object = 5, female: object = 4, constraint: str = "",
        category: str = "", support: str = "", support_from: str = "", lesson: str = "") -> list:
    return [kab, kec, desa, code, name, sector, funding, planned, realized, status, progress,
            male, female, constraint, category, support, support_from, lesson]


def village(desa: str, when: object = "15/07/2024", *, kec: str = "Teluk Waru", kab: str = "SBT",
            male: object = 10, female: object = 8) -> list:
    return [kab, kec, desa, when, male, female, "Fasilitator", ""]


def meeting(kec: str, when: object, male: int, female: int, *, kab: str = "SBT",
            batch: object = "", total: object = None, present: object = 2) -> list:
    return [kab, kec, when, batch, male, female, male + female if total is None else total, present]


def sbt_activities(solang_progress: object = 50) -> list[list]:
    """The SBT activity rows of the basic round; a test may change Solang's progress."""
    return [
        act("Solang", "TW-SOL-01", "Sedang berjalan", progress=solang_progress),
        act("Solang", "TW-SOL-02", "macet", name="Sumur bor", sector="air bersih", funding="APBD",
            planned=20000000, realized="", progress=20, constraint="Pipa belum datang",
            category="akses", support="Bantuan angkutan", support_from="Dinas PUPR",
            lesson="Simpan bahan sebelum musim ombak"),
        act("Madak", "TW-MAD-01", "selesai", name="Benih ikan", sector="perikanan",
            funding="BangKIT", planned="5 jt", realized="Rp5.000.000,-", progress=100),
        act("Miran", "GT-MIR-01", "belum dimulai", kec="Gorom Timur", progress=0, realized=""),
        act("Kilotak", "PG-KIL-01", "on going", kec="Pulau Gorom", planned="IDR 2,500,000",
            realized="1.000.000", progress="40%"),
    ]


def change_teluk_waru_row(raw: Path) -> None:
    """One activity row of Teluk Waru (Solang) reports more progress than before (50 → 75)."""
    write_csv(raw / "2024-07" / "sbt_kegiatan.csv", ACTIVITY_HEADERS, sbt_activities(75))



def basic_round(raw: Path, round_id: str = "2024-07") -> Path:
    """A clean, small round: two kecamatan of SBT and one of SBD, CSV and XLSX mixed."""
    folder = raw / round_id
    write_csv(folder / "sbt_desa.csv", VILLAGE_HEADERS, [
        village("Desa Solang"), village("Madak", "16 Juli 2024"),
        village("Miran", "2024-07-20", kec="Gorom Timur"),
        village("Kilotak", "20/7/24", kec="P. Gorom"),
    ], delimiter=";", bom=True)
    write_csv(folder / "sbt_kegiatan.csv", ACTIVITY_HEADERS, sbt_activities())
    write_xlsx(folder / "sbd.xlsx", {
        "villages": (VILLAGE_HEADERS, [village("Karuni", "17/07/2024", kec="Kec. Laura", kab="SBD")]),
        "activities": (ACTIVITY_HEADERS, [
            act("Karuni", "LO-KAR-01", "tuntas", kec="Loura", kab="Sumba Barat Daya",
                sector="tenun", funding="swadaya masyarakat", planned=3000000,
                realized=3000000, progress=100, male=2, female=11),
        ]),
        "Petunjuk": (["Isi semua sheet"], []),
    })
    write_csv(folder / "pertemuan.csv", MEETING_HEADERS, [
        meeting("Teluk Waru", "10 Agustus 2024", 12, 6),
        meeting("Gorom Timur", "Rabu, 14 Agustus 2024", 10, 5),
        meeting("Pulau Gorom", "12/08/2024", 8, 4, batch=1),
        meeting("Pulau Gorom", "13/08/2024", 9, 3, batch=2),
        meeting("Loura", "2024-08-06", 7, 3, kab="SBD"),
    ])
    return folder


def clean_round(folder: Path, round_id: str = "2024-07", previous=None):
    """Ingest, parse and validate a round folder as the flow does, without Prefect or GX."""
    import pandas as pd

    from flows.readers import read_round
    from transforms.contract.reference import build_gazetteer, build_rounds
    from transforms.ingest.sheets import ingest_sheets
    from transforms.validate.parse import parse_round
    from transforms.validate.quarantine import evaluate_rules_with_pandas, finish_round

    gazetteer = build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS))
    info = build_rounds(pd.DataFrame(ROUNDS, columns=ROUND_COLUMNS))[round_id]
    ingested = ingest_sheets(read_round(folder))
    assert not ingested.problems
    parsed = parse_round(ingested.tables, gazetteer, info)
    prev = previous.clean["activities"] if previous else None
    return ingested, finish_round(parsed, evaluate_rules_with_pandas(parsed), prev, ingested.notices,
                                  ingested.matrices)


def bad_round(folder: Path) -> Path:
    """A round with one row for each way a row can be quarantined or warned about."""
    write_csv(folder / "desa.csv", VILLAGE_HEADERS, [
        village("Solang"),
        village("Madak", "15/09/2024"),  # outside the July window
        village("Kampung Baru"),  # joins in 2024-10
        village("Miran K", kec="Gorom Timur"),  # ambiguous twin
        village("Kilotaq", kec="Pulau Gorom"),  # fuzzy, fixed with a warning
        village("Atlantis", kec="Pulau Gorom"),  # unknown
        village("Solang", kec="Kecamatan Khayalan"),  # unknown kecamatan
    ])
    write_csv(folder / "kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "A1", progress=150),
        act("Solang", "A2", "ngawur"),
        act("Solang", "A3", "berjalan"), act("Solang", "A3", "selesai"),  # conflicting
        act("Solang", "A4"), act("Solang", "A4"),  # exact duplicate
        act("Solang", "A5", "selesai", progress=80),  # warning
        act("Solang", "A6", planned="1 juta", realized="2 juta"),  # warning
        act("Solang", "A7", sector=""),  # missing required
        act("Solang", "A8", planned="sejuta"),  # unreadable rupiah
        act("Solang", "A9", constraint="Hujan terus", category=""),  # category required
    ])
    write_csv(folder / "pertemuan.csv", MEETING_HEADERS, [
        meeting("Teluk Waru", "10/08/2024", 5, 5, total=11),
        meeting("Teluk Waru", "30/06/2024", 5, 5, batch=2),  # before the round
        meeting("Gorom Timur", "12/08/2024", 5, 5),
    ])
    write_csv(folder / "rekomendasi.csv", REC_HEADERS, [
        ["SBT", "Teluk Waru", "1", "Bibit terlambat", "Solang; Madak", "Percepat pengadaan",
         "kabupaten", "Dinas Pertanian", "Desember 2024", "", ""],
        ["SBT", "Teluk Waru", "2", "Air", "Solang; Atlantis", "Sumur", "desa", "", "", "baru", ""],
    ])
    return folder


def unbuildable_inputs():
    """A brief's inputs whose view cannot be built: its tables have no columns."""
    from dataclasses import fields

    import pandas as pd

    from transforms.contract.reference import RoundInfo
    from transforms.digests import Rows
    from transforms.present.briefs import BriefContext, KabupatenBriefInputs

    empty = Rows.loaded(pd.DataFrame(), "empty")
    window = RoundInfo("2024-07", "I", "I", date(2024, 7, 1), date(2024, 7, 31), None, None)
    context = BriefContext("id", window, None)
    tables = {f.name: empty for f in fields(KabupatenBriefInputs) if f.type == "Rows"}
    return KabupatenBriefInputs(context=context, kabupaten="Seram Bagian Timur", kabupaten_code="81.05",
                                summary={}, round_ids=[], round_labels={}, **tables)


def clean_activities(*rows: dict[str, object]) -> pd.DataFrame:
    """Clean activity rows (canonical columns) of one Teluk Waru village, each overriding what it
    names: for the view-model and chart tests."""
    base = {"kabupaten": "Seram Bagian Timur", "kecamatan": "Teluk Waru", "desa": "Madak",
            "activity_code": "TW-MAD-01", "activity_name": "Kebun", "status": "berjalan",
            "constraint": None, "constraint_category": None, "support_needed": None,
            "support_from": None, "budget_planned": 1_000_000.0, "budget_realized": 500_000.0}
    return pd.DataFrame([{**base, **row} for row in rows])
