"""A round that uses every accepted variant of the contract at least once, through the real
flow: the summary must equal the one computed by hand below, and the quarantine must hold
exactly the one row planted in it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from tests.e2e.conftest import Bangkit
from tests.fixtures import MEETING_HEADERS, write_csv

# Teluk Waru (SBT): ten activities in a ;-separated CSV with a BOM and Indonesian headers typed
# loosely. Every planned budget is 1,5 juta in another form; statuses, sectors and funding
# sources each in another accepted spelling; every row a constraint category synonym.
TW_HEADERS = ["Kabupaten", "KECAMATAN", "Desa", "Kode Kegiatan", "NAMA KEGIATAN", "Sektor",
              "Sumber-Dana", "Anggaran Rencana", "anggaran_realisasi", "Status", "Progres (%)",
              "Penerima Laki-laki", "penerima perempuan", "Kendala", "Kategori Kendala",
              "Dukungan dibutuhkan", "Pihak Pendukung", "Pembelajaran"]
TW_ROWS = [
    # place, code, sector, funding, planned, realized, status, progress, ben L/P, category
    ("Kabupaten Seram Bagian Timur", "Kec. Teluk Waru", "Desa Solang", "A1", "UMKM", "DD",
     "1500000", "", "belum", "0", 1, 2, "pendanaan"),
    ("SBT", "Teluk-Waru", "SOLANGG", "A2", "usaha", "Dana Desa", "1.500.000", "", "belum mulai",
     "0", 1, 2, "pencairan"),
    ("Kab. SBT", "teluk waru", "Solan", "A3", "tenun", "ADD", "1.500.000,00", "", "Belum Dimulai",
     "", 1, 2, "SDM"),
    ("SBT", "Teluk Waru", "solang", "A4", "ikat", "APBD", "Rp 1.500.000", "", "not started", "",
     "", "", "pengetahuan"),
    ("SBT", "Teluk Waru", "Madak", "M1", "air bersih", "APBD Kab", "Rp1.500.000,-", "1,5 jt",
     "sedang berjalan", "60", 1, 2, "bibit"),
    ("SBT", "Teluk Waru", "Madak", "M2", "sanitasi", "swadaya masyarakat", "IDR 1,500,000",
     "1,5 juta", "proses", "50%", 1, 2, "bahan"),
    ("SBT", "Teluk Waru", "Madak", "M3", "pertanian", "BangKIT", "1,5 juta", "750 ribu",
     "dalam proses", "40,5", 1, 2, "alat"),
    ("SBT", "Teluk Waru", "Madak", "M4", "perkebunan", "program", "1,5 jt", "", "on going", "30",
     1, 2, "pemasaran"),
    ("SBT", "Teluk Waru", "Madak", "M5", "peternakan", "CSR", "1500 ribu", "", "ongoing", "20",
     1, 2, "harga"),
    ("SBT", "Teluk Waru", "Madak", "M6", "perikanan", "hibah", "Rp. 1.500.000", "", "on progress",
     "10", 1, 2, "cuaca"),
    ("SBT", "Teluk Waru", "Madak", "M7", "perikanan", "hibah", "1500000", "", "ngawur", "10", 1, 2,
     "bencana"),  # the one row that must be quarantined: an unknown status
]

# Loura (SBD): twelve activities on an XLSX sheet `KEGIATAN` with English headers and numeric
# cells; 2.000.000 planned each.
LO_HEADERS = ["kabupaten", "kecamatan", "desa", "Activity Code", "activity_name", "Sector",
              "Funding Source", "Budget Planned", "Budget Realized", "Status", "Progress %",
              "Beneficiaries Male", "Beneficiaries Female", "Constraint", "Constraint Category",
              "Support Needed", "Support From", "Lesson"]
LO_ROWS = [
    ("Karuni", "K1", "kehutanan", "apbn", 2000000, 1000000, "selesai", 100, "hama"),
    ("Karuni", "K2", "pariwisata", "apbd_provinsi", 2000000.0, 2000000.0, "tuntas", 100, "koordinasi"),
    ("Karuni", "K3", "infrastruktur", "swadaya", 2000000, None, "sudah selesai", 100, "regulasi"),
    ("Karuni (Karuny)", "K4", "lingkungan", "pihak ketiga", 2000000, None, "done", 100, "perizinan"),
    ("Karuni", "K5", "kelembagaan", "lainnya", 2000000, None, "completed", 100, "swadaya rendah"),
    ("Karuni", "K6", "lainnya", "dana_desa", 2000000, None, "complete", 100, "partisipasi"),
    ("Totok", "T1", "usaha_mikro", "apbd_kabupaten", 2000000, None, "tidak berjalan", 10, "transportasi"),
    ("Totok", "T2", "kerajinan", "program", 2000000, None, "macet", 20, "jalan"),
    ("Totok", "T3", "air_bersih", "swadaya", 2000000, None, "terhenti", 30, "gelombang"),
    ("TOTOK", "T4", "Pertanian", "add", 2000000, None, "berhenti", 40, "lainnya"),
    ("Totok", "T5", "pertanian", "add", 2000000, None, "tertunda", 50, "kapasitas"),
    ("Totok", "T6", "pertanian", "add", 2000000, None, "stalled", None, "akses"),
]

EXPECTED_SUMMARY = """\
round_id,kabupaten,kecamatan,villages_target,villages_reported,reporting_rate_pct,activities_total,activities_not_started,activities_running,activities_completed,activities_stalled,mean_progress_pct,budget_planned,budget_realized,budget_realization_pct,beneficiaries_male,beneficiaries_female,meetings,meeting_participants_male,meeting_participants_female,meeting_participants_total,rows_quarantined
2024-07,Seram Bagian Timur,Gorom Timur,3,0,0.0,0,0,0,0,0,,,,,,,0,,,,0
2024-07,Seram Bagian Timur,Pulau Gorom,3,0,0.0,0,0,0,0,0,,,,,,,1,4,4,8,0
2024-07,Seram Bagian Timur,Teluk Waru,2,2,100.0,10,4,6,0,0,26.3,15000000,3750000,83.3,9,18,2,8,7,15,1
2024-07,Sumba Barat Daya,Loura,2,2,100.0,12,0,0,6,6,68.2,24000000,3000000,75.0,24,36,2,7,4,11,0
"""
# Gorom Timur and Pulau Gorom reported no activity (and Gorom Timur no meeting): their sums are
# empty, not 0 (contract §4).
# Teluk Waru: progress 0,0,60,50,40.5,30,20,10 → 210.5/8 = 26.3; realised 1,5 jt + 1,5 juta +
# 750 ribu = 3.750.000 over 3 × 1.500.000 planned = 83.3%. Loura: progress 6×100 + 10..50 over
# 11 values = 68.2; realised 3.000.000 over 2 × 2.000.000 = 75.0%.


def _round(folder: Path) -> None:
    tw = [[*r[:4], f"Kegiatan {r[3]}", r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
           f"Kendala {r[3]}", r[12], "", "", ""] for r in TW_ROWS]
    write_csv(folder / "sbt_kegiatan.csv", TW_HEADERS, tw, delimiter=";", bom=True)
    write_csv(folder / "sbt_desa.csv",
              ["kabupaten", "kecamatan", "desa", "Tanggal Pemantauan", "PESERTA_LAKI_LAKI",
               "Peserta Perempuan", "fasilitator", "catatan"],
              [["SBT", "Teluk Waru", "Desa Solang", "15/07/2024", 5, 4, "", ""],
               ["SBT", "Teluk Waru", "Madak", "Selasa, 16 Juli 2024", 3, 3, "", ""]])
    workbook = Workbook()
    villages = workbook.active
    villages.title = "Villages"
    villages.append(["kabupaten", "kecamatan", "desa", "Monitoring Date", "Participants Male",
                     "Participants Female", "Facilitator", "Notes"])
    villages.append(["Kab. SBD", "Kec. Laura", "Karuni", datetime(2024, 7, 17), 6, 6, None, None])
    villages.append(["SBD", "Loura (Laura)", "Totok", 45492, 4.0, 2, None, None])
    activities = workbook.create_sheet("KEGIATAN")
    activities.append(LO_HEADERS)
    for r in LO_ROWS:
        activities.append(["Sumba Barat Daya", "Loura", r[0], r[1], f"Kegiatan {r[1]}", r[2], r[3],
                           r[4], r[5], r[6], r[7], 2, 3, f"Kendala {r[1]}", r[8], None, None, None])
    workbook.create_sheet("Catatan").append(["Sheet ini bukan tabel"])
    workbook.save(folder / "sbd_loura.xlsx")
    write_csv(folder / "pertemuan.csv", MEETING_HEADERS, [
        ["SBT", "Teluk Waru", "Selasa, 06 Agustus 2024", "1", 5, 5, 10, 2],
        ["SBT", "Teluk Waru", "6 Agu 2024", "2", 3, 2, "", 1],
        ["SBT", "P. Gorom", "6 Agt 2024", "", 4, 4, 8, 2],
        ["SBD", "Loura", "6/8/24", "", 6, 3, 9, 2],
        ["SBD", "Laura", "2024-08-06", "2", 1, 1, 2, 1],
    ])


def test_every_variant_gives_the_hand_computed_summary(bangkit: Bangkit, reference_dir: Path,
                                                       tmp_path: Path) -> None:
    _round(tmp_path / "raw" / "2024-07")
    out = tmp_path / "out"
    result = bangkit.run(tmp_path / "raw", out, reference_dir)
    assert result.exit_code == 0, result.output
    got = (out / "2024-07" / "summary_kecamatan.csv").read_text(encoding="utf-8")
    assert got == EXPECTED_SUMMARY
    quarantine = pd.read_csv(out / "2024-07" / "quarantine.csv", dtype=str, keep_default_na=False)
    assert list(zip(quarantine["source_file"], quarantine["source_row"], quarantine["code"],
                    strict=True)) == [("sbt_kegiatan.csv", "12", "not_in_vocabulary")]
    warnings = pd.read_csv(out / "2024-07" / "warnings.csv", dtype=str, keep_default_na=False)
    assert ("sheet_ignored", "Catatan") in set(zip(warnings["code"], warnings["value"], strict=True))
    clean = pd.read_parquet(out / "2024-07" / "clean" / "activities.parquet")
    by_code = clean.set_index("activity_code")
    categories = set(by_code["constraint_category"])
    assert categories == {"dana", "kapasitas", "bahan_alat", "pasar", "cuaca_bencana", "koordinasi",
                          "administrasi", "partisipasi", "akses", "lainnya"}
    assert set(by_code["sector"]) >= {"usaha_mikro", "kerajinan", "air_bersih", "pertanian"}
    assert set(by_code["funding_source"]) == {"dana_desa", "add", "apbd_kabupaten", "apbd_provinsi",
                                             "apbn", "swadaya", "program", "pihak_ketiga", "lainnya"}
    assert by_code.loc["A3", "desa"] == "Solang" and by_code.loc["K4", "desa"] == "Karuni"
    villages = pd.read_parquet(out / "2024-07" / "clean" / "villages.parquet").set_index("desa")
    assert str(villages.loc["Totok", "monitoring_date"]) == "2024-07-19"  # Excel serial 45492
