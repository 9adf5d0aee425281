"""Generate the sample monitoring rounds in data/raw/ (training and demo data, not real returns).

Reads data/reference/locations.csv and rounds.csv and writes data/raw/2024-07/, 2024-10/ and
2025-01/ the way M&E staff receive them: one workbook for SBT, a workbook plus CSVs for SBD,
with the spellings, number and date forms facilitators really type, and a handful of deliberate
mistakes per round that the quarantine must show. data/raw/README.md lists the files and the
mistakes, with the spreadsheet row of each (header = row 1).

Deterministic: every random draw comes from `random.Random` seeded with SEED and a fixed label,
and workbook timestamps are fixed, so a rerun gives byte-identical files. Each round folder is
deleted and recreated on every run.

    .venv/bin/python scripts/generate_sample.py
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from flows.workbooks import stable_xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference"
RAW = ROOT / "data" / "raw"
SEED = 20240701

SBT, SBD = "Seram Bagian Timur", "Sumba Barat Daya"
KAB_SHORT = {SBT: "SBT", SBD: "SBD"}
FORUM = {SBT: "Pokja", SBD: "Forum Penghidupan Berkelanjutan"}

HEADERS: dict[str, tuple[str, ...]] = {
    "desa": ("kabupaten", "kecamatan", "desa", "tanggal_pemantauan", "peserta_laki_laki",
             "peserta_perempuan", "fasilitator", "catatan"),
    "kegiatan": ("kabupaten", "kecamatan", "desa", "kode_kegiatan", "nama_kegiatan", "sektor",
                 "sumber_dana", "anggaran_rencana", "anggaran_realisasi", "status", "progres_persen",
                 "penerima_laki_laki", "penerima_perempuan", "kendala", "kategori_kendala",
                 "dukungan_dibutuhkan", "pihak_pendukung", "pembelajaran"),
    "pertemuan": ("kabupaten", "kecamatan", "tanggal", "batch", "peserta_laki_laki",
                  "peserta_perempuan", "peserta_total", "desa_hadir"),
    "rekomendasi": ("kabupaten", "kecamatan", "no", "masalah", "desa_terkait", "rekomendasi",
                    "tingkat", "penanggung_jawab", "tenggat", "status_tindak_lanjut", "keterangan"),
}
ENGLISH_HEADERS: dict[str, str] = {
    "tanggal_pemantauan": "Monitoring Date", "peserta_laki_laki": "Participants Male",
    "peserta_perempuan": "Participants Female", "fasilitator": "Facilitator", "catatan": "Notes",
    "kode_kegiatan": "Activity Code", "nama_kegiatan": "Activity Name", "sektor": "Sector",
    "sumber_dana": "Funding Source", "anggaran_rencana": "Budget Planned",
    "anggaran_realisasi": "Budget Realized", "status": "Status", "progres_persen": "Progress Pct",
    "penerima_laki_laki": "Beneficiaries Male", "penerima_perempuan": "Beneficiaries Female",
    "kendala": "Constraint", "kategori_kendala": "Constraint Category",
    "dukungan_dibutuhkan": "Support Needed", "pihak_pendukung": "Support From",
    "pembelajaran": "Lesson", "tanggal": "Meeting Date", "batch": "Batch",
    "peserta_total": "Participants Total", "desa_hadir": "Villages Present", "no": "Rec ID",
    "masalah": "Issue", "desa_terkait": "Villages", "rekomendasi": "Recommendation",
    "tingkat": "Responsible Level", "penanggung_jawab": "Responsible Agency", "tenggat": "Due",
    "status_tindak_lanjut": "Status", "keterangan": "Notes",
}
ENGLISH_SHEETS = {"desa": "villages", "kegiatan": "activities", "pertemuan": "meetings",
                  "rekomendasi": "recommendations"}

KEC_CODE = {
    "Pulau Gorom": "PG", "Pulau Panjang": "PP", "Gorom Timur": "GT", "Teluk Waru": "TW",
    "Loura": "LRA", "Wewewa Utara": "WU", "Wewewa Timur": "WTM", "Wewewa Barat": "WB",
    "Wewewa Selatan": "WS", "Kodi Bangedo": "KBG", "Kodi": "KDI", "Kodi Utara": "KU",
    "Wewewa Tengah": "WTG", "Kodi Balaghar": "KBL",
}
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


# ---------------------------------------------------------------------------------------------
# Reference


@dataclass(frozen=True)
class Village:
    kab: str
    kec: str
    desa: str
    aliases: tuple[str, ...]
    from_round: str


@dataclass(frozen=True)
class Round:
    round_id: str
    start: date
    end: date
    index: int


@dataclass(frozen=True)
class Reference:
    villages: tuple[Village, ...]
    kec_aliases: dict[tuple[str, str], tuple[str, ...]]
    rounds: tuple[Round, ...]

    def kecamatan(self, kab: str | None = None) -> list[tuple[str, str]]:
        return sorted({(v.kab, v.kec) for v in self.villages if kab in (None, v.kab)})

    def in_round(self, rnd: Round, kab: str, kec: str) -> list[Village]:
        return [v for v in self.villages
                if v.kab == kab and v.kec == kec and v.from_round <= rnd.round_id]


def _split(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(";") if a.strip())


def load_reference() -> Reference:
    loc = pd.read_csv(REFERENCE / "locations.csv", dtype=str, keep_default_na=False)
    villages = tuple(
        Village(r.kabupaten, r.kecamatan, r.desa, _split(r.aliases), r.from_round)
        for r in loc.itertuples() if r.desa
    )
    kec_aliases = {(r.kabupaten, r.kecamatan): _split(r.aliases)
                   for r in loc.itertuples() if r.kecamatan and not r.desa}
    rnd = pd.read_csv(REFERENCE / "rounds.csv", dtype=str, keep_default_na=False)
    rounds = tuple(
        Round(r.round_id, date.fromisoformat(r.window_start), date.fromisoformat(r.window_end), i)
        for i, r in enumerate(rnd.sort_values("round_id").itertuples())
    )
    return Reference(villages, kec_aliases, rounds)


def rng_for(*parts: object) -> random.Random:
    return random.Random(":".join([str(SEED), *map(str, parts)]))


# ---------------------------------------------------------------------------------------------
# What villages do: activity templates with the constraints facilitators report


@dataclass(frozen=True)
class Problem:
    category: str
    kendala: str
    dukungan: str
    pihak: str
    masalah: str
    rekomendasi: str
    tingkat: str = "kabupaten"


@dataclass(frozen=True)
class Template:
    name: str
    sector: str
    funding: tuple[str, ...]
    budget: tuple[int, int]  # rupiah
    people: tuple[int, int]  # beneficiaries, both sexes
    female: float  # share of women among beneficiaries
    problems: tuple[Problem, ...]
    lessons: tuple[str, ...] = ()
    where: tuple[str, ...] = ()  # kecamatan it fits; empty = anywhere in its kabupaten


P = Problem

VEGETABLES = Template(
    "Kebun sayur kelompok wanita", "pertanian", ("program", "swadaya"), (5_000_000, 15_000_000),
    (10, 25), 0.8,
    (P("cuaca_bencana", "Sayur diserang ulat dan kemarau, air untuk siram kurang",
       "Pendampingan PPL dan cara buat pestisida nabati", "Dinas Pertanian",
       "Tanaman sayur diserang hama dan kekurangan air",
       "PPL mendampingi kelompok untuk pengendalian hama dan pengaturan air"),),
    ("Sayur dijual ke sekolah dan puskesmas, uangnya masuk kas kelompok",),
)

SBT_TEMPLATES: tuple[Template, ...] = (
    Template(
        "Budidaya rumput laut", "perikanan", ("dana_desa", "program"), (15_000_000, 40_000_000),
        (10, 25), 0.45,
        (P("pasar", "Harga rumput laut kering turun, pengumpul dari Bula jarang datang ke pulau",
           "Informasi harga dan pembeli tetap", "Dinas Perindustrian dan Perdagangan",
           "Harga rumput laut rendah dan pembeli jarang datang",
           "Mempertemukan kelompok dengan pembeli dan menyiapkan gudang bersama di kecamatan"),
         P("cuaca_bencana", "Rumput laut kena penyakit ice-ice waktu musim timur, tali banyak putus "
           "kena ombak", "Bibit pengganti dan pendampingan teknis budidaya", "Dinas Perikanan",
           "Rumput laut rusak karena penyakit dan ombak musim timur",
           "Memberi bibit pengganti dan menyesuaikan jadwal tanam dengan musim")),
        ("Tanam rumput laut lebih aman sesudah musim timur, bulan September ke atas",
         "Jemur di para-para supaya rumput laut tidak kotor dan harga lebih bagus"),
    ),
    Template(
        "Pengadaan bibit kambing", "peternakan", ("dana_desa", "add"), (20_000_000, 45_000_000),
        (8, 20), 0.3,
        (P("akses", "Bibit kambing terlambat datang karena kapal tidak jalan saat gelombang tinggi",
           "Pengiriman bibit dijadwalkan sebelum musim ombak", "Dinas Peternakan",
           "Pengiriman bibit ternak terhambat gelombang tinggi",
           "Pengadaan dan pengiriman bibit dijadwalkan sebelum musim ombak timur (Juni-Agustus)"),
         P("kapasitas", "Ada kambing yang sakit dan mati, kelompok belum tahu cara obati dan atur pakan",
           "Pelatihan kesehatan hewan dan kunjungan petugas", "Dinas Peternakan",
           "Kelompok belum mampu merawat kesehatan ternak",
           "Menugaskan petugas kesehatan hewan berkunjung rutin dan melatih kader ternak")),
        ("Kandang panggung membuat kambing lebih sehat",
         "Kambing dibagi per kelompok kecil 3-5 KK supaya lebih mudah diawasi"),
    ),
    Template(
        "Jaring dan mesin ketinting nelayan", "perikanan", ("dana_desa", "program"),
        (25_000_000, 60_000_000), (6, 15), 0.05,
        (P("bahan_alat", "Mesin ketinting yang datang tidak cocok dengan perahu, sebagian harus "
           "ditukar ke Ambon", "Penukaran mesin dan spesifikasi yang jelas", "Dinas Perikanan",
           "Spesifikasi alat tangkap tidak sesuai kebutuhan nelayan",
           "Spesifikasi alat disepakati bersama kelompok nelayan sebelum pengadaan"),
         P("dana", "Dana Desa tahap II belum cair, pembelian jaring tertunda",
           "Percepatan pencairan Dana Desa", "Dinas PMD", "Pencairan Dana Desa tahap II terlambat",
           "Mempercepat verifikasi dokumen pencairan Dana Desa")),
        ("Nelayan ikut memilih jaring supaya ukuran mata jaring sesuai",),
    ),
    Template(
        "Pengolahan ikan asin kelompok perempuan", "usaha_mikro", ("program", "swadaya"),
        (8_000_000, 20_000_000), (8, 20), 0.85,
        (P("pasar", "Ikan asin sudah ada tapi susah jual ke luar pulau, ongkos kapal mahal",
           "Jejaring pemasaran ke Bula dan Ambon", "Dinas Koperasi dan UKM",
           "Produk olahan sulit dan mahal dipasarkan ke luar pulau",
           "Membantu kemasan, izin PIRT dan jejaring pemasaran ke Bula dan Ambon"),
         P("bahan_alat", "Garam dan para-para jemur kurang, hasil olahan sedikit",
           "Tambahan alat jemur dan garam", "Dinas Perikanan",
           "Sarana pengolahan hasil perikanan kurang",
           "Menambah sarana pengolahan untuk kelompok perempuan")),
        ("Ibu-ibu lebih rajin setor iuran kalau pembukuan dibacakan tiap bulan",),
    ),
    Template(
        "Peremajaan kebun pala", "perkebunan", ("dana_desa", "apbd_kabupaten"),
        (15_000_000, 35_000_000), (15, 40), 0.3,
        (P("bahan_alat", "Bibit pala belum datang dari Bula, padahal lubang tanam sudah siap",
           "Kepastian jadwal pengiriman bibit", "Dinas Pertanian",
           "Bibit tanaman perkebunan terlambat dikirim",
           "Memastikan jadwal pengiriman bibit sebelum musim hujan"),
         P("cuaca_bencana", "Kemarau panjang, banyak bibit pala yang kering dan mati",
           "Bibit sulaman", "Dinas Pertanian", "Bibit mati karena kemarau",
           "Menyesuaikan waktu tanam dengan awal musim hujan dan menyiapkan bibit sulaman")),
        ("Bibit pala yang ditanam di bawah naungan kelapa lebih banyak yang hidup",),
    ),
    Template(
        "Rumah pengering kopra", "perkebunan", ("dana_desa", "program"), (30_000_000, 60_000_000),
        (10, 30), 0.35,
        (P("administrasi", "Lahan untuk rumah pengering belum ada surat hibah dari pemilik",
           "Fasilitasi surat hibah lahan", "Pemerintah Desa",
           "Status lahan untuk sarana kelompok belum jelas",
           "Pemerintah desa menyelesaikan surat hibah lahan sebelum pembangunan", "desa"),
         P("akses", "Semen dan seng harus didatangkan dari Geser, kapal barang dua minggu sekali",
           "Pengiriman bahan bangunan digabung antar desa", "Kecamatan",
           "Bahan bangunan sulit diangkut ke pulau",
           "Kecamatan mengatur pembelian dan pengiriman bahan bangunan bersama antar desa",
           "kecamatan")),
    ),
    Template(
        "Sumur bor untuk kebun", "air_bersih", ("dana_desa", "apbd_kabupaten"),
        (40_000_000, 90_000_000), (20, 60), 0.5,
        (P("bahan_alat", "Pompa sumur bor rusak, suku cadang tidak ada di pulau",
           "Perbaikan pompa dan pelatihan operator", "Dinas PUPR",
           "Pompa sumur bor rusak dan tidak ada teknisi",
           "Memperbaiki pompa dan melatih operator desa"),
         P("dana", "Biaya pengeboran lebih mahal dari rencana, dana kurang",
           "Tambahan anggaran di APBDes perubahan", "Dinas PMD",
           "Biaya kegiatan lebih besar dari anggaran",
           "Kekurangan dana dimasukkan ke APBDes perubahan atau usulan APBD")),
        ("Iuran air Rp 5.000 per KK per bulan cukup untuk solar pompa",),
    ),
    Template(
        "Penampungan air hujan", "air_bersih", ("dana_desa", "swadaya"), (10_000_000, 30_000_000),
        (20, 50), 0.55,
        (P("partisipasi", "Gotong royong pasang talang dan bak kurang, warga sibuk panen cengkeh",
           "Jadwal kerja bakti disepakati ulang", "Pemerintah Desa",
           "Swadaya tenaga warga rendah saat musim panen",
           "Pemerintah desa dan BPD menyepakati ulang jadwal kerja bakti di luar musim panen",
           "desa"),),
    ),
    Template(
        "Penanaman mangrove", "lingkungan", ("program", "swadaya"), (5_000_000, 15_000_000),
        (10, 30), 0.5,
        (P("cuaca_bencana", "Bibit mangrove banyak hanyut kena ombak waktu air pasang besar",
           "Pagar pelindung dan bibit sulaman", "Dinas Lingkungan Hidup",
           "Bibit mangrove hanyut terbawa ombak",
           "Membantu bibit sulaman dan teknik tanam dengan pagar pelindung"),),
        ("Tanam mangrove waktu air surut meti supaya bibit kuat sebelum pasang",),
    ),
    Template(
        "Kios sembako BUMDes", "usaha_mikro", ("dana_desa",), (20_000_000, 50_000_000), (5, 12), 0.5,
        (P("kapasitas", "Pengurus BUMDes belum bisa buat pembukuan, modal bercampur dengan uang "
           "pribadi", "Pelatihan pembukuan sederhana", "Dinas PMD",
           "Pengelolaan keuangan usaha desa lemah",
           "Melatih pengurus BUMDes membuat pembukuan sederhana"),
         P("administrasi", "BUMDes belum punya Perdes dan belum terdaftar, penyertaan modal ditahan",
           "Pendampingan penyusunan Perdes dan pendaftaran BUMDes", "Dinas PMD",
           "Legalitas BUMDes belum lengkap",
           "Mendampingi desa menyusun Perdes BUMDes dan mendaftarkannya")),
    ),
    Template(
        "Keramba ikan kerapu", "perikanan", ("program", "pihak_ketiga"), (30_000_000, 70_000_000),
        (6, 15), 0.15,
        (P("bahan_alat", "Benih kerapu dari Ambon sering mati di jalan, kapal lama",
           "Benih dari balai benih terdekat", "Dinas Perikanan",
           "Benih ikan mati dalam pengiriman jarak jauh",
           "Menyediakan benih dari balai benih terdekat dan mengatur pengangkutan"),),
    ),
    VEGETABLES,
)

SBD_TEMPLATES: tuple[Template, ...] = (
    Template(
        "Alat tenun ikat", "kerajinan", ("program", "dana_desa"), (10_000_000, 25_000_000),
        (8, 20), 0.95,
        (P("bahan_alat", "Benang dan pewarna susah didapat, harus pesan dari Waitabula dan kadang "
           "kosong", "Pembelian benang bersama lewat koperasi", "Dinas Perindustrian dan Perdagangan",
           "Bahan baku tenun sulit didapat",
           "Memfasilitasi pengadaan benang bersama melalui koperasi"),
         P("pasar", "Kain tenun sudah jadi tapi belum laku, pembeli hanya datang kalau ada acara",
           "Promosi dan tempat jual di Tambolaka", "Dinas Koperasi dan UKM",
           "Kain tenun sulit dipasarkan",
           "Memfasilitasi pameran dan titik jual di Tambolaka dan bandara")),
        ("Penenun muda belajar motif dari mama-mama, kelompok jadi lebih hidup",
         "Pewarna alam dari mengkudu dan tarum bikin harga kain lebih tinggi"),
    ),
    Template(
        "Pengadaan bibit babi", "peternakan", ("dana_desa", "add"), (20_000_000, 40_000_000),
        (10, 25), 0.5,
        (P("cuaca_bencana", "Babi banyak mati karena ASF, kelompok takut beli bibit lagi",
           "Pemeriksaan kesehatan hewan dan bibit yang sehat", "Dinas Peternakan",
           "Ternak mati karena penyakit",
           "Melakukan surveilans penyakit dan memastikan bibit yang dibagikan sehat"),
         P("bahan_alat", "Pakan konsentrat mahal dan sering kosong di kios",
           "Pelatihan pakan dari bahan lokal", "Dinas Peternakan",
           "Pakan ternak mahal dan sulit didapat",
           "Melatih kelompok membuat pakan dari bahan lokal")),
        ("Kandang babi dijauhkan dari rumah dan dibersihkan tiap hari, babi lebih sehat",),
    ),
    Template(
        "Pengadaan bibit kambing", "peternakan", ("dana_desa", "add"), (20_000_000, 45_000_000),
        (8, 20), 0.35,
        (P("kapasitas", "Ada kambing yang mati, kelompok belum paham pakan dan obat cacing",
           "Pelatihan kesehatan hewan", "Dinas Peternakan",
           "Kelompok belum mampu merawat kesehatan ternak",
           "Menugaskan petugas kesehatan hewan berkunjung rutin dan melatih kader ternak"),),
        ("Lamtoro ditanam di pagar kebun jadi pakan kambing waktu kemarau",),
    ),
    Template(
        "Sumur bor untuk kebun", "air_bersih", ("dana_desa", "apbd_kabupaten"),
        (40_000_000, 90_000_000), (20, 60), 0.5,
        (P("lainnya", "Sudah bor sampai 60 meter tapi air belum dapat, lokasi harus pindah",
           "Survei geolistrik untuk titik bor baru", "Dinas PUPR",
           "Titik bor tidak menemukan air", "Melakukan survei air tanah sebelum menentukan titik bor"),
         P("dana", "Dana tahap II belum cair jadi pemasangan pompa belum bisa",
           "Percepatan pencairan", "Dinas PMD", "Pencairan Dana Desa tahap II terlambat",
           "Mempercepat verifikasi dokumen pencairan Dana Desa")),
    ),
    Template(
        "Embung desa", "infrastruktur", ("dana_desa", "apbd_kabupaten"), (50_000_000, 120_000_000),
        (30, 80), 0.5,
        (P("administrasi", "Lokasi embung masih ada sengketa tanah suku, pekerjaan dihentikan dulu",
           "Mediasi dengan tokoh adat", "Kecamatan", "Sengketa lahan menghentikan pembangunan",
           "Camat memfasilitasi musyawarah dengan tokoh adat dan pemilik lahan", "kecamatan"),
         P("cuaca_bencana", "Hujan deras, tanggul embung longsor sebagian",
           "Bantuan teknis perbaikan tanggul", "Dinas PUPR", "Sarana air rusak karena hujan deras",
           "Memberi bantuan teknis perbaikan dan desain tanggul yang lebih kuat")),
    ),
    Template(
        "Jalan usaha tani", "infrastruktur", ("dana_desa", "apbd_kabupaten"),
        (60_000_000, 150_000_000), (30, 90), 0.45,
        (P("dana", "Dana tahap II belum cair, pekerjaan jalan berhenti di tengah",
           "Percepatan pencairan dana", "Dinas PMD", "Pencairan Dana Desa tahap II terlambat",
           "Mempercepat verifikasi dokumen pencairan Dana Desa"),
         P("akses", "Truk material tidak bisa masuk, jalan licin waktu hujan",
           "Pengerasan jalan masuk", "Dinas PUPR", "Akses jalan ke lokasi sulit saat hujan",
           "Memasukkan pengerasan jalan masuk ke usulan kabupaten")),
        ("Pekerjaan jalan lebih cepat kalau dikerjakan sebelum musim tanam",),
    ),
    Template(
        "Bibit jambu mete", "perkebunan", ("dana_desa", "apbd_kabupaten"), (10_000_000, 30_000_000),
        (15, 40), 0.35,
        (P("cuaca_bencana", "Kemarau panjang, bibit jambu mete banyak yang mati",
           "Bibit sulaman dan waktu tanam yang tepat", "Dinas Pertanian",
           "Bibit mati karena kemarau",
           "Menyesuaikan waktu tanam dengan awal musim hujan dan menyiapkan bibit sulaman"),
         P("bahan_alat", "Bibit jambu mete datang sudah layu, banyak yang tidak tumbuh",
           "Bibit dari penangkar lokal", "Dinas Pertanian", "Mutu bibit yang diterima rendah",
           "Membeli bibit dari penangkar lokal yang bersertifikat")),
    ),
    Template(
        "Benih jagung dan pupuk", "pertanian", ("dana_desa", "apbd_kabupaten"),
        (10_000_000, 30_000_000), (20, 50), 0.4,
        (P("cuaca_bencana", "Jagung diserang ulat grayak, hasil panen turun",
           "Pendampingan PPL untuk pengendalian hama", "Dinas Pertanian",
           "Tanaman pangan diserang hama", "PPL mendampingi pengendalian hama terpadu"),
         P("administrasi", "Pupuk subsidi belum bisa ditebus, kelompok belum terdaftar di e-RDKK",
           "Pendaftaran kelompok di e-RDKK", "Dinas Pertanian",
           "Kelompok tani belum terdaftar untuk pupuk subsidi",
           "PPL membantu kelompok mendaftar e-RDKK sebelum musim tanam")),
        ("Tanam jagung serentak satu hamparan mengurangi serangan hama",),
    ),
    Template(
        "Benih ikan air tawar", "perikanan", ("program", "dana_desa"), (8_000_000, 20_000_000),
        (8, 20), 0.4,
        (P("cuaca_bencana", "Air kolam kering di musim kemarau, benih ikan banyak yang mati",
           "Terpal kolam dan sumber air", "Dinas Perikanan", "Kolam ikan kekurangan air",
           "Membantu kolam terpal dan penebaran benih di awal musim hujan"),
         P("kapasitas", "Kelompok belum tahu takaran pakan dan kapan ganti air",
           "Pelatihan budidaya ikan", "Dinas Perikanan", "Pengetahuan budidaya ikan masih kurang",
           "Melatih kelompok tentang pakan dan pengelolaan air kolam")),
    ),
    Template(
        "Pelatihan pandai besi", "usaha_mikro", ("program", "swadaya"), (10_000_000, 25_000_000),
        (6, 15), 0.1,
        (P("bahan_alat", "Besi bekas dan arang susah didapat, harga naik",
           "Sumber bahan baku yang tetap", "Dinas Perindustrian dan Perdagangan",
           "Bahan baku pandai besi mahal", "Menghubungkan kelompok dengan pemasok besi di Tambolaka"),
         P("pasar", "Parang dan cangkul buatan kelompok kalah harga dengan barang dari luar",
           "Promosi dan pesanan dari desa lain", "Dinas Koperasi dan UKM",
           "Produk kelompok kalah bersaing harga",
           "Mendorong pengadaan alat pertanian desa membeli dari kelompok lokal")),
        ("Parang pesanan lebih laku daripada buat stok",),
    ),
    Template(
        "Kandang ayam kampung", "peternakan", ("dana_desa",), (10_000_000, 25_000_000), (8, 20), 0.6,
        (P("cuaca_bencana", "Ayam banyak mati kena tetelo waktu pergantian musim",
           "Vaksin ND rutin", "Dinas Peternakan", "Ternak mati karena penyakit",
           "Menjadwalkan vaksinasi rutin dan melatih kader vaksinator desa"),),
    ),
    Template(
        "Paket wisata kampung adat", "pariwisata", ("program", "pihak_ketiga"),
        (15_000_000, 40_000_000), (10, 30), 0.5,
        (P("koordinasi", "Belum ada kesepakatan bagi hasil antara pengelola dan rumah adat",
           "Musyawarah dengan tokoh adat", "Kecamatan", "Pengelolaan wisata belum disepakati",
           "Camat memfasilitasi kesepakatan pengelolaan dan bagi hasil wisata", "kecamatan"),),
        where=("Kodi", "Kodi Bangedo", "Kodi Balaghar"),
    ),
    Template(
        "Penanaman mahoni dan jati", "kehutanan", ("apbd_kabupaten", "swadaya"),
        (5_000_000, 15_000_000), (15, 40), 0.3,
        (P("partisipasi", "Warga kurang mau tanam karena bibit dimakan ternak yang dilepas",
           "Kesepakatan ternak dikandangkan", "Pemerintah Desa",
           "Ternak lepas merusak tanaman warga",
           "Pemerintah desa dan tokoh adat membuat aturan ternak dikandangkan", "desa"),),
    ),
    VEGETABLES,
)

# Recommendations a kecamatan meeting adds when few activity problems were reported.
GENERIC_RECS: tuple[Problem, ...] = (
    P("koordinasi", "", "", "Camat", "Laporan pemantauan desa terlambat dan tidak lengkap",
      "Kecamatan menetapkan jadwal pengumpulan laporan dan pendamping membantu desa mengisi format",
      "kecamatan"),
    P("partisipasi", "", "", "Pemerintah Desa", "Kehadiran perempuan dalam pemantauan desa masih rendah",
      "Pemerintah desa mengundang kelompok perempuan secara khusus dan mengatur jadwal sore hari",
      "desa"),
    P("koordinasi", "", "", "Bappeda", "Dinas teknis belum tahu kebutuhan dukungan dari desa",
      "Hasil pertemuan kecamatan dibawa ke {forum} untuk dibahas bersama dinas", "kabupaten"),
    P("koordinasi", "", "", "Pemerintah Desa dan BPD", "Kegiatan RPD belum masuk RKPDes tahun depan",
      "Desa memasukkan kegiatan RPD yang belum selesai ke RKPDes dan APBDes 2025", "desa"),
)

FACILITATORS = {
    SBT: ("Abdul Rahman Rumalutur", "Siti Hajar Kelilauw", "Hasan Rumbalifar", "Fatima Rumadan",
          "Ismail Rumonin", "Nurhayati Rumfot", "Yusuf Kilwouw", "Aisyah Rumakefing",
          "Ahmad Rumbouw", "Saleha Rumalutur"),
    SBD: ("Yohanis Bulu", "Maria Goreti Kaka", "Agustinus Ngongo", "Yuliana Malo",
          "Petrus Lede Bili", "Martha Ndapa", "Stefanus Kaka Bora", "Theresia Loghe",
          "Markus Ngara", "Elisabeth Dada", "Daniel Umbu Deta", "Yakobus Dairo"),
}
VILLAGE_NOTES = (
    "Kepala desa dan BPD hadir", "Pemantauan digabung dengan musyawarah desa",
    "Sinyal susah, data dikirim lewat kecamatan", "Hujan, peserta tidak lengkap",
    "Kelompok perempuan hadir semua", "Pendamping kabupaten ikut hadir",
)

# ---------------------------------------------------------------------------------------------
# Activities and how they move across rounds

TRAJECTORIES: dict[str, tuple[tuple[str, ...], int]] = {  # statuses per round, weight
    "steady": (("berjalan", "berjalan", "selesai"), 30),
    "quick": (("berjalan", "selesai", "selesai"), 14),
    "late": (("belum_mulai", "berjalan", "selesai"), 20),
    "slow": (("belum_mulai", "belum_mulai", "berjalan"), 8),
    "stalled": (("berjalan", "tidak_berjalan", "tidak_berjalan"), 10),
    "stuck": (("tidak_berjalan", "tidak_berjalan", "tidak_berjalan"), 4),
    "done": (("selesai", "selesai", "selesai"), 5),
    "struggling": (("berjalan", "berjalan", "berjalan"), 9),
}
REPLICATION_TRAJECTORIES: dict[str, tuple[tuple[str, ...], int]] = {
    "late": (("belum_mulai", "berjalan"), 50),
    "steady": (("berjalan", "berjalan"), 25),
    "slow": (("belum_mulai", "belum_mulai"), 15),
    "quick": (("berjalan", "selesai"), 10),
}
# Special cases the tests and the demo rely on.
RECOVERING = (SBD, "Kodi", "Bondo Kodi")  # its first activity stalls in 2024-10, recovers in 2025-01
DROPPED = (SBT, "Pulau Panjang", "Lalasa")  # its last activity is missing in 2025-01
OVERSPENT = {"2024-07": (SBT, "Gorom Timur"), "2024-10": (SBD, "Wewewa Utara")}  # kabupaten, first kec
OVERSPEND = 2_500_000
MISSING: dict[str, tuple[tuple[str, str, str], ...]] = {  # villages that send nothing
    "2024-07": ((SBT, "Pulau Gorom", "Ondor"), (SBD, "Kodi Utara", "Noha"),
                (SBD, "Wewewa Barat", "Raba Ege")),
    "2024-10": ((SBT, "Gorom Timur", "Tunas Ilur"), (SBD, "Kodi Balaghar", "Wailangira")),
    "2025-01": ((SBT, "Pulau Panjang", "Magat"), (SBT, "Teluk Waru", "Karay"),
                (SBD, "Wewewa Timur", "Mata Pyawu")),
}


@dataclass
class Activity:
    village: Village
    code: str
    template: Template
    funding: str
    planned: int
    male: int
    female: int
    statuses: dict[str, str]  # round_id → canonical status; absent = not reported
    progress: dict[str, int] = field(default_factory=dict)
    realized: dict[str, int] = field(default_factory=dict)
    problem: Problem | None = None
    problem_rounds: set[str] = field(default_factory=set)
    lessons: dict[str, str] = field(default_factory=dict)
    overspent_from: str | None = None  # realised above planned from this round on (a warning)


def _weighted(rng: random.Random, options: dict[str, tuple[tuple[str, ...], int]]) -> tuple[str, ...]:
    names = sorted(options)
    return options[rng.choices(names, weights=[options[n][1] for n in names])[0]][0]


def village_codes(villages: Iterable[Village]) -> dict[Village, str]:
    """Three letters per village, unique inside its kecamatan (Kilean KIL, Kilotak KLT ...)."""
    codes: dict[Village, str] = {}
    for v in sorted(villages, key=lambda v: v.desa):
        taken = {c for w, c in codes.items() if (w.kab, w.kec) == (v.kab, v.kec)}
        letters = re.sub(r"[^A-Z]", "", v.desa.upper())
        words = v.desa.upper().split()
        candidates = [letters[:3]]
        if len(words) > 1:
            candidates += [words[0][:2] + words[-1][0], words[0][0] + words[-1][:2]]
        candidates.append(letters[0] + re.sub(r"[AEIOU]", "", letters[1:])[:2])
        candidates += [letters[:2] + str(n) for n in range(1, 10)]
        codes[v] = next(c for c in candidates if len(c) == 3 and c not in taken)
    return codes


def templates_for(v: Village) -> list[Template]:
    pool = SBT_TEMPLATES if v.kab == SBT else SBD_TEMPLATES
    return [t for t in pool if not t.where or v.kec in t.where]


def new_activity(v: Village, code: str, template: Template, rounds: tuple[Round, ...]) -> Activity:
    rng = rng_for("activity", v.kab, v.kec, v.desa, code)
    step = 500_000
    planned = rng.randint(template.budget[0] // step, template.budget[1] // step) * step
    people = rng.randint(*template.people)
    female = round(people * min(1.0, max(0.0, rng.gauss(template.female, 0.08))))
    ids = [r.round_id for r in rounds if r.round_id >= v.from_round]
    path = _weighted(rng, TRAJECTORIES if len(ids) == 3 else REPLICATION_TRAJECTORIES)
    activity = Activity(v, code, template, rng.choice(template.funding), planned, people - female,
                        female, dict(zip(ids, path, strict=True)))
    if any(s == "tidak_berjalan" for s in path) or path == TRAJECTORIES["struggling"][0]:
        activity.problem = rng.choice(template.problems)
        activity.problem_rounds = {r for r, s in activity.statuses.items()
                                   if s in ("tidak_berjalan", "berjalan")}
    return activity


def fill_progress(activity: Activity) -> None:
    """Progress, realised budget and lessons consistent with each round's status."""
    rng = rng_for("progress", activity.code, activity.village.desa)
    progress, realized = 0, 0
    for round_id, status in sorted(activity.statuses.items()):
        if status == "belum_mulai":
            progress = 0
            if rng.random() < 0.3:  # preparation already paid: meetings, transport of inputs
                realized = max(realized, rng.randint(5, 19) * 50_000)
        elif status == "berjalan":
            progress = min(90, max(progress + rng.randint(15, 35), rng.randint(20, 50)))
        elif status == "selesai":
            progress = 100
        elif progress == 0:
            progress = rng.randint(10, 40)
        share = progress / 100 * rng.uniform(0.85, 1.0) if status != "selesai" else rng.uniform(0.93, 1)
        if status != "tidak_berjalan" or realized == 0:  # a stalled activity spends nothing more
            realized = max(realized, int(activity.planned * share) // 50_000 * 50_000)
        activity.progress[round_id] = progress
        activity.realized[round_id] = realized
        if activity.template.lessons and status in ("berjalan", "selesai") and rng.random() < 0.18:
            activity.lessons[round_id] = rng.choice(activity.template.lessons)


def build_activities(ref: Reference) -> list[Activity]:
    activities: list[Activity] = []
    codes = village_codes(ref.villages)
    for v in ref.villages:
        rng = rng_for("plan", v.kab, v.kec, v.desa)
        chosen = rng.sample(templates_for(v), rng.randint(2, 5))
        for n, template in enumerate(chosen, start=1):
            code = f"{KEC_CODE[v.kec]}-{codes[v]}-{n:02d}"
            activities.append(new_activity(v, code, template, ref.rounds))
    apply_special_cases(activities)
    for activity in activities:
        fill_progress(activity)
    for round_id, (kab, kec) in OVERSPENT.items():
        mark_overspent(activities, round_id, kab, kec)
    return activities


def mark_overspent(activities: list[Activity], round_id: str, kab: str, first_kec: str) -> None:
    """A finished activity that spent more than planned (topped up by self-help): a warning that
    recurs in every later round. Taken from `first_kec`, else the next kecamatan that has one."""
    missing = {m for ms in MISSING.values() for m in ms}
    ordered = sorted(activities, key=lambda a: (a.village.kec != first_kec, a.village.kec, a.code))
    for a in ordered:
        place = (a.village.kab, a.village.kec, a.village.desa)
        later = [s for r, s in a.statuses.items() if r >= round_id]
        if a.village.kab == kab and place not in missing and place not in (RECOVERING, DROPPED) \
                and len(later) > 1 and set(later) == {"selesai"} and a.overspent_from is None:
            a.overspent_from = round_id
            return
    raise SystemExit(f"no finished activity in {kab} {round_id} to overspend")


def _of_village(activities: list[Activity], place: tuple[str, str, str]) -> list[Activity]:
    found = [a for a in activities if (a.village.kab, a.village.kec, a.village.desa) == place]
    if not found:
        raise SystemExit(f"no activities for {place}")
    return found


def apply_special_cases(activities: list[Activity]) -> None:
    recovering = _of_village(activities, RECOVERING)[0]
    recovering.statuses = {"2024-07": "berjalan", "2024-10": "tidak_berjalan", "2025-01": "berjalan"}
    recovering.problem = recovering.problem or recovering.template.problems[0]
    recovering.problem_rounds = {"2024-10"}
    recovering.lessons["2025-01"] = (
        f"Setelah dibahas di pertemuan kecamatan dan dibantu {recovering.problem.pihak}, "
        "kegiatan bisa jalan lagi")
    dropped = _of_village(activities, DROPPED)[-1]
    dropped.statuses = {"2024-07": "berjalan", "2024-10": "berjalan"}
    dropped.problem, dropped.problem_rounds = None, set()


# ---------------------------------------------------------------------------------------------
# Records: one row of one table, with canonical values and, where a facilitator typed something
# the pipeline must catch, the raw text and the mistake it stands for


Q, W, R = "quarantine", "warning", "resolved"  # what the pipeline must do with a planted mistake


@dataclass(frozen=True)
class Issue:
    outcome: str  # quarantine, warning, resolved
    text_id: str
    text_en: str
    knock_on: tuple[str, str] | None = None  # the warning a quarantined row causes elsewhere


@dataclass
class Record:
    table: str
    kab: str
    kec: str
    values: dict[str, object]
    raw: dict[str, object] = field(default_factory=dict)
    issue: Issue | None = None
    newly_done: bool = False  # an activity reported selesai for the first time

    @property
    def identity(self) -> str:
        return ":".join(str(self.values.get(k, "")) for k in ("desa", "kode_kegiatan", "no", "tanggal",
                                                              "batch"))


def village_record(rnd: Round, v: Village) -> Record:
    rng = rng_for("desa", rnd.round_id, v.kab, v.kec, v.desa)
    span = (rnd.end - rnd.start).days
    when = date.fromordinal(rnd.start.toordinal() + rng.randint(4, span - 2))
    women = rng.randint(5, 18) if v.kab == SBT else rng.randint(6, 20)
    notes = rng.choice(VILLAGE_NOTES) if rng.random() < 0.25 else None
    fac = rng_for("fasilitator", v.kab, v.kec, v.desa).choice(FACILITATORS[v.kab])
    values = {"desa": v.desa, "tanggal_pemantauan": when, "peserta_laki_laki": rng.randint(8, 26),
              "peserta_perempuan": women, "fasilitator": fac, "catatan": notes}
    return Record("desa", v.kab, v.kec, values)


def activity_record(rnd: Round, a: Activity) -> Record:
    status = a.statuses[rnd.round_id]
    problem = a.problem if rnd.round_id in a.problem_rounds else None
    started = status != "belum_mulai"
    values: dict[str, object] = {
        "desa": a.village.desa, "kode_kegiatan": a.code, "nama_kegiatan": a.template.name,
        "sektor": a.template.sector, "sumber_dana": a.funding, "anggaran_rencana": a.planned,
        "anggaran_realisasi": a.realized[rnd.round_id] if started or a.realized[rnd.round_id] else None,
        "status": status,
        "progres_persen": a.progress[rnd.round_id],
        "penerima_laki_laki": a.male if started else None,
        "penerima_perempuan": a.female if started else None,
        "kendala": problem.kendala if problem else None,
        "kategori_kendala": problem.category if problem else None,
        "dukungan_dibutuhkan": problem.dukungan if problem else None,
        "pihak_pendukung": problem.pihak if problem else None,
        "pembelajaran": a.lessons.get(rnd.round_id),
    }
    record = Record("kegiatan", a.village.kab, a.village.kec, values)
    earlier = [s for r, s in a.statuses.items() if r < rnd.round_id]
    record.newly_done = status == "selesai" and "selesai" not in earlier
    if a.overspent_from and rnd.round_id >= a.overspent_from:
        values["anggaran_realisasi"] = a.planned + OVERSPEND
        again = rnd.round_id > a.overspent_from
        amount = f"{OVERSPEND:,}"
        record.issue = Issue(
            W, f"Realisasi Rp {amount.replace(',', '.')} di atas rencana, kode {a.code}"
            + (" (sama seperti putaran lalu)" if again else ""),
            f"Realised IDR {amount} above planned, code {a.code}" + (" (as last round)" if again else ""))
    return record


def reporting(ref: Reference, rnd: Round) -> list[Village]:
    missing = set(MISSING.get(rnd.round_id, ()))
    return [v for v in ref.villages
            if v.from_round <= rnd.round_id and (v.kab, v.kec, v.desa) not in missing]


def village_and_activity_records(ref: Reference, rnd: Round, activities: list[Activity]) -> list[Record]:
    records: list[Record] = []
    for v in sorted(reporting(ref, rnd), key=lambda v: (v.kab, v.kec, v.desa)):
        records.append(village_record(rnd, v))
        records += [activity_record(rnd, a) for a in activities
                    if a.village == v and rnd.round_id in a.statuses]
    return records


# ---------------------------------------------------------------------------------------------
# Kecamatan meetings

# The first meetings exactly as the programme reported them (contract §1):
# (kabupaten, kecamatan, date, batch, men, women, villages present)
FIRST_MEETINGS: tuple[tuple[str, str, date, int, int, int, int], ...] = (
    (SBT, "Teluk Waru", date(2024, 8, 10), 1, 15, 7, 7),
    (SBT, "Pulau Gorom", date(2024, 8, 12), 1, 12, 6, 4),
    (SBT, "Pulau Gorom", date(2024, 8, 13), 2, 11, 6, 3),
    (SBT, "Pulau Gorom", date(2024, 8, 14), 3, 10, 5, 3),
    (SBT, "Gorom Timur", date(2024, 8, 14), 1, 17, 8, 8),
    (SBT, "Pulau Panjang", date(2024, 8, 9), 1, 14, 6, 5),
    (SBD, "Loura", date(2024, 8, 6), 1, 10, 4, 4),
    (SBD, "Kodi", date(2024, 8, 2), 1, 9, 4, 4),
    (SBD, "Kodi Utara", date(2024, 8, 7), 1, 8, 3, 3),
    (SBD, "Kodi Bangedo", date(2024, 8, 1), 1, 9, 4, 4),
    (SBD, "Kodi Balaghar", date(2024, 8, 5), 1, 7, 3, 4),
    (SBD, "Wewewa Barat", date(2024, 8, 5), 1, 10, 4, 4),
    (SBD, "Wewewa Selatan", date(2024, 8, 3), 1, 9, 4, 4),
    (SBD, "Wewewa Tengah", date(2024, 8, 2), 1, 8, 3, 4),
    (SBD, "Wewewa Timur", date(2024, 8, 6), 1, 10, 4, 4),
    (SBD, "Wewewa Utara", date(2024, 8, 5), 1, 9, 4, 4),
)
FIRST_TOTALS = {SBT: (79, 38), SBD: (89, 37)}
MEETING_MONTH = {"2024-10": (2024, 11), "2025-01": (2025, 3)}


def meeting_record(kab: str, kec: str, when: date, batch: int, men: int, women: int,
                   present: int) -> Record:
    values = {"tanggal": when, "batch": batch, "peserta_laki_laki": men, "peserta_perempuan": women,
              "peserta_total": men + women, "desa_hadir": present}
    return Record("pertemuan", kab, kec, values)


def meeting_records(ref: Reference, rnd: Round) -> list[Record]:
    if rnd.round_id not in MEETING_MONTH:
        return [meeting_record(*row) for row in FIRST_MEETINGS]
    year, month = MEETING_MONTH[rnd.round_id]
    records = []
    for kab, kec in ref.kecamatan():
        rng = rng_for("meeting", rnd.round_id, kab, kec)
        day = rng.randint(4, 25)
        villages = len(ref.in_round(rnd, kab, kec))
        batches = 2 if (kec == "Pulau Gorom" and rnd.round_id == "2024-10") else 1
        for batch in range(1, batches + 1):
            present = villages - rng.randint(0, 1) if batches == 1 else (villages + 2 - batch) // 2
            records.append(meeting_record(kab, kec, date(year, month, day + batch - 1), batch,
                                          rng.randint(8, 16), rng.randint(4, 11), present))
    return records


# ---------------------------------------------------------------------------------------------
# Recommendation matrices


@dataclass
class Recommendation:
    kab: str
    kec: str
    no: str
    problem: Problem
    villages: tuple[str, ...]
    agreed: str  # round whose meeting agreed it
    due: str
    status: dict[str, str] = field(default_factory=dict)  # round_id → status
    notes: dict[str, str] = field(default_factory=dict)


TRACKED_DONE = (SBT, "Teluk Waru", "1")  # baru → proses → selesai
TRACKED_OPEN = (SBD, "Kodi", "2")  # baru → baru → proses
UPDATES_2025 = ((SBT, "Teluk Waru"), (SBT, "Pulau Gorom"), (SBD, "Kodi"), (SBD, "Loura"))
DUE = {"2024-07": ("2024-09", "2024-10", "2024-12", "Desember 2024", "Oktober 2024"),
       "2024-10": ("2025-01", "2025-03", "Maret 2025", "Februari 2025")}
PROGRESS_NOTES = {
    SBT: ("Sudah dibahas di Pokja, menunggu jadwal dinas", "Dinas sudah turun cek lokasi",
          "Sudah masuk usulan Musrenbang kecamatan"),
    SBD: ("Sudah dibawa ke Forum Penghidupan Berkelanjutan", "Dinas sudah turun cek lokasi",
          "Sudah masuk usulan Musrenbang kecamatan"),
}
DONE_NOTES = ("Sudah ditindaklanjuti, dicek lagi waktu pemantauan berikut",
              "Selesai, desa sudah terima dukungan", "Sudah dilaksanakan")


def problems_of_round(activities: list[Activity], kab: str, kec: str,
                      round_id: str) -> list[tuple[Problem, tuple[str, ...]]]:
    """The distinct problems reported in a kecamatan, most frequent first, with their villages."""
    found: dict[str, list[str]] = {}
    problems: dict[str, Problem] = {}
    for a in activities:
        if (a.village.kab, a.village.kec) == (kab, kec) and round_id in a.problem_rounds and a.problem:
            found.setdefault(a.problem.masalah, []).append(a.village.desa)
            problems[a.problem.masalah] = a.problem
    ranked = sorted(found, key=lambda m: (-len(found[m]), m))
    return [(problems[m], tuple(sorted(set(found[m])))) for m in ranked]


def next_status(rng: random.Random, status: str, level: str) -> str:
    if status == "baru":
        roll = rng.random()
        if level != "kabupaten" and roll < 0.25:
            return "selesai"
        return "proses" if roll < 0.8 else "baru"
    if status == "proses":
        return "selesai" if rng.random() < 0.45 else "proses"
    return status


def new_recommendations(kab: str, kec: str, round_id: str, start: int,
                        problems: list[tuple[Problem, tuple[str, ...]]], limit: int) -> list[Recommendation]:
    rng = rng_for("rec", round_id, kab, kec)
    recs = []
    for offset, (problem, villages) in enumerate(problems[:limit]):
        recs.append(Recommendation(kab, kec, str(start + offset), problem, villages, round_id,
                                   rng.choice(DUE[round_id])))
    return recs


def build_recommendations(ref: Reference, activities: list[Activity]) -> list[Recommendation]:
    recs: list[Recommendation] = []
    for kab, kec in ref.kecamatan():
        first = problems_of_round(activities, kab, kec, "2024-07")
        generic = [(g, ()) for g in rng_for("generic", kab, kec).sample(GENERIC_RECS, 2)]
        first_recs = new_recommendations(kab, kec, "2024-07", 1, (first[:2] + generic)[:3], 3)
        covered = {r.problem.masalah for r in first_recs}
        later = [p for p in problems_of_round(activities, kab, kec, "2024-10")
                 if p[0].masalah not in covered]
        recs += first_recs + new_recommendations(kab, kec, "2024-10", len(first_recs) + 1, later, 2)
    for rec in recs:
        evolve(rec)
    return recs


def evolve(rec: Recommendation) -> None:
    rng = rng_for("status", rec.kab, rec.kec, rec.no)
    rec.status[rec.agreed] = "baru"
    if rec.agreed == "2024-07":
        rec.status["2024-10"] = next_status(rng, "baru", rec.problem.tingkat)
    rec.status["2025-01"] = next_status(rng, rec.status["2024-10"], rec.problem.tingkat)
    key = (rec.kab, rec.kec, rec.no)
    if key == TRACKED_DONE:
        rec.status.update({"2024-10": "proses", "2025-01": "selesai"})
    elif key == TRACKED_OPEN:
        rec.status.update({"2024-10": "baru", "2025-01": "proses"})
    for round_id, status in rec.status.items():
        if round_id != rec.agreed and status == "proses":
            rec.notes[round_id] = rng.choice(PROGRESS_NOTES[rec.kab])
        elif round_id != rec.agreed and status == "selesai":
            rec.notes[round_id] = rng.choice(DONE_NOTES)


def agency(rec: Recommendation) -> str:
    if rec.problem.tingkat == "kecamatan":
        return "Camat"
    return rec.problem.pihak


def recommendation_records(rnd: Round, recs: list[Recommendation]) -> list[Record]:
    wanted = [r for r in recs if rnd.round_id in r.status
              and (rnd.round_id != "2025-01" or (r.kab, r.kec) in UPDATES_2025)]
    records = []
    for rec in wanted:
        text = rec.problem.rekomendasi.format(forum=FORUM[rec.kab])
        values = {"no": int(rec.no), "masalah": rec.problem.masalah, "desa_terkait": rec.villages,
                  "rekomendasi": text, "tingkat": rec.problem.tingkat,
                  "penanggung_jawab": agency(rec), "tenggat": rec.due,
                  "status_tindak_lanjut": rec.status[rnd.round_id],
                  "keterangan": rec.notes.get(rnd.round_id)}
        records.append(Record("rekomendasi", rec.kab, rec.kec, values))
    return records


# ---------------------------------------------------------------------------------------------
# Deliberate mistakes: each finds its row, changes it and says what the pipeline must do


def find(records: list[Record], table: str, kec: str | tuple[str, ...],
         test: Callable[[Record], bool] = lambda r: True, desa: str | None = None) -> Record:
    """The first row of `table` in the kecamatan (the first one listed that has a match)."""
    protected = {RECOVERING[2], DROPPED[2]}  # their story must reach the brief untouched
    for one in (kec,) if isinstance(kec, str) else kec:
        for record in records:
            if record.table == table and record.kec == one and record.issue is None \
                    and record.values.get("desa") not in protected \
                    and desa in (None, record.values.get("desa")) and test(record):
                return record
    raise SystemExit(f"no {table} row in {kec} ({desa}) for a planted mistake")


def has_status(*statuses: str) -> Callable[[Record], bool]:
    return lambda r: r.values.get("status") in statuses


def misspell(records: list[Record], kec: str, desa: str, typed: str) -> None:
    record = find(records, "desa", kec, desa=desa)
    record.raw["desa"] = typed
    record.issue = Issue(R, f"Nama desa salah ketik `{typed}`; dicocokkan otomatis ke {desa} "
                            f"(fuzzy, di dalam Kec. {kec})",
                         f"Village misspelt `{typed}`; fuzzy-matched to {desa} inside {kec}")


def outside_window(records: list[Record], kec: str, when: date) -> None:
    record = find(records, "desa", kec)
    record.values["tanggal_pemantauan"] = when
    record.raw["tanggal_pemantauan"] = when.isoformat()
    record.issue = Issue(Q, f"Tanggal pemantauan {when.isoformat()} di luar jendela putaran "
                            f"(desa {record.values['desa']})",
                         f"Monitoring date {when.isoformat()} outside the round window "
                         f"(village {record.values['desa']})")


def wrong_kecamatan(records: list[Record], kec: str, desa: str, typed_kec: str) -> None:
    record = find(records, "kegiatan", kec, desa=desa)
    record.raw["kecamatan"] = typed_kec
    record.issue = Issue(Q, f"Desa {desa} ditulis di Kec. {typed_kec}, padahal desa itu di Kec. {kec}: "
                            f"tidak ada desa {desa} di {typed_kec}",
                         f"Village {desa} entered under {typed_kec}, but it lies in {kec}: "
                         f"no such village in {typed_kec}")


def not_in_programme(records: list[Record], kec: str, desa: str, after: str) -> None:
    base = find(records, "desa", kec, desa=after)
    record = Record("desa", base.kab, kec, dict(base.values, desa=desa))
    record.values["fasilitator"] = None
    record.issue = Issue(Q, f"Desa {desa} ada di Kec. {kec} tetapi bukan desa program: tidak dikenali",
                         f"{desa} is a village of {kec} but not a programme village: unresolved")
    records.insert(records.index(base) + 1, record)


def non_programme_activity(records: list[Record], kec: str, desa: str) -> None:
    base = find(records, "kegiatan", kec, has_status("berjalan"))
    record = Record("kegiatan", base.kab, kec, dict(base.values, desa=desa))
    record.values["kode_kegiatan"] = str(base.values["kode_kegiatan"])[:-2] + "09"
    record.issue = Issue(Q, f"Kegiatan dari desa {desa} (bukan desa program di Kec. {kec})",
                         f"Activity from {desa}, not a programme village of {kec}")
    records.insert(records.index(base) + 1, record)


def progress_150(records: list[Record], kec: str) -> None:
    record = find(records, "kegiatan", kec, has_status("berjalan"))
    record.raw["progres_persen"] = 150
    record.issue = Issue(Q, f"progres_persen 150 (di atas 100), kode {record.values['kode_kegiatan']}",
                         f"progres_persen 150 (above 100), code {record.values['kode_kegiatan']}")


def unknown_status(records: list[Record], kec: str, typed: str) -> None:
    record = find(records, "kegiatan", kec, has_status("berjalan"))
    record.raw["status"] = typed
    record.issue = Issue(Q, f"Status `{typed}` tidak ada dalam daftar, kode {record.values['kode_kegiatan']}",
                         f"Unknown status `{typed}`, code {record.values['kode_kegiatan']}")


def finished_at_80(records: list[Record], kec: tuple[str, ...]) -> None:
    record = find(records, "kegiatan", kec, lambda r: r.newly_done)
    record.values["progres_persen"] = 80
    record.issue = Issue(W, f"Status selesai tetapi progres 80%, kode {record.values['kode_kegiatan']}",
                         f"Status selesai with progress 80%, code {record.values['kode_kegiatan']}")


def conflicting_duplicate(records: list[Record], kec: str) -> None:
    base = find(records, "kegiatan", kec, has_status("berjalan"))
    copy = Record("kegiatan", base.kab, kec, dict(base.values, status="selesai", progres_persen=100))
    code = base.values["kode_kegiatan"]
    for record in (base, copy):
        record.issue = Issue(Q, f"Kode {code} dua kali untuk desa yang sama dengan status berbeda "
                                "(berjalan / selesai): kedua baris dikarantina",
                             f"Code {code} twice for the same village with different status "
                             "(berjalan / selesai): both rows quarantined")
    records.insert(records.index(base) + 1, copy)


def exact_duplicate(records: list[Record], kec: str) -> None:
    base = find(records, "kegiatan", kec, has_status("berjalan"))
    copy = Record("kegiatan", base.kab, kec, dict(base.values))
    code = base.values["kode_kegiatan"]
    copy.issue = Issue(W, f"Baris kode {code} tersalin dua kali, sama persis dengan baris di atasnya: "
                          "dipakai sekali", f"Row for code {code} copied twice, identical to the row "
                          "above: kept once")
    records.insert(records.index(base) + 1, copy)


def forgotten_village_row(records: list[Record], kec: str) -> None:
    record = find(records, "desa", kec)
    records.remove(record)
    desa = record.values["desa"]
    activity = find(records, "kegiatan", kec, desa=desa)
    activity.issue = Issue(W, f"Desa {desa} mengirim kegiatan tetapi tidak ada baris di tabel desa",
                           f"{desa} sent activities but has no row in the villages table")


def wrong_total(records: list[Record], kec: str) -> None:
    record = find(records, "pertemuan", kec)
    men, women = record.values["peserta_laki_laki"], record.values["peserta_perempuan"]
    typed = int(str(men)) + int(str(women)) + 10
    record.raw["peserta_total"] = typed
    record.issue = Issue(Q, f"peserta_total {typed} tidak sama dengan {men} L + {women} P",
                         f"peserta_total {typed} is not {men} men + {women} women")


# Valid spellings a facilitator used for a whole block of rows; they must resolve, not quarantine.
# (column, kecamatan, village or None for every row of the kecamatan, as typed)
SPELLINGS: dict[str, tuple[tuple[str, str, str | None, str], ...]] = {
    "2024-07": (("kecamatan", "Loura", None, "Laura"), ("desa", "Teluk Waru", "Solang", "Solan")),
    "2024-10": (("kecamatan", "Pulau Panjang", None, "P. Panjang"),
                ("kecamatan", "Wewewa Tengah", None, "Wewera Tengah")),
    "2025-01": (("kecamatan", "Loura", None, "Kec. Loura"), ("desa", "Teluk Waru", "Solang", "Desa Solang"),
                ("kecamatan", "Pulau Gorom", None, "P. Gorom")),
}


def apply_spellings(round_id: str, records: list[Record]) -> None:
    for column, kec, desa, typed in SPELLINGS[round_id]:
        for record in records:
            if record.kec == kec and desa in (None, record.values.get("desa")) \
                    and column in HEADERS[record.table] and column not in record.raw:
                record.raw[column] = typed


def plant_mistakes(round_id: str, records: list[Record]) -> None:
    if round_id == "2024-07":
        misspell(records, "Pulau Gorom", "Kilotak", "Kilotaq")
        outside_window(records, "Teluk Waru", date(2024, 8, 2))
        wrong_kecamatan(records, "Kodi Balaghar", "Waiha", "Kodi")
        progress_150(records, "Wewewa Timur")
        finished_at_80(records, ("Wewewa Barat", *WEWEWA, "Loura"))
    elif round_id == "2024-10":
        conflicting_duplicate(records, "Kodi Bangedo")
        unknown_status(records, "Pulau Gorom", "menunggu dana")
        not_in_programme(records, "Gorom Timur", "Miran Manaban", "Miran Kilian")
        misspell(records, "Kodi Utara", "Bukambero", "Bukambro")
        outside_window(records, "Pulau Panjang", date(2024, 9, 27))
        forgotten_village_row(records, "Wewewa Selatan")
    else:
        misspell(records, "Pulau Gorom", "Amarsekaru", "Amarsikaru")
        unknown_status(records, "Kodi", "hampir selesai")
        non_programme_activity(records, "Kodi Utara", "Kalena Rongo")
        finished_at_80(records, ("Loura",))
        exact_duplicate(records, "Wewewa Tengah")
        wrong_total(records, "Kodi Bangedo")


# ---------------------------------------------------------------------------------------------
# How facilitators type values


@dataclass(frozen=True)
class Style:
    xlsx: bool
    status_habit: int  # which of STATUS_FORMS a file prefers


STATUS_FORMS = {
    "belum_mulai": ("belum mulai", "Belum dimulai", "belum", "Belum Mulai"),
    "berjalan": ("berjalan", "Sedang berjalan", "on going", "Berjalan"),
    "selesai": ("selesai", "Selesai", "sudah selesai", "SELESAI"),
    "tidak_berjalan": ("tidak berjalan", "macet", "Tidak Berjalan", "terhenti"),
}
SECTOR_FORMS = {"usaha_mikro": ("usaha_mikro", "UMKM", "usaha mikro"),
                "kerajinan": ("kerajinan", "tenun", "Tenun ikat"),
                "air_bersih": ("air_bersih", "Air bersih", "air bersih")}
FUNDING_FORMS = {"dana_desa": ("dana_desa", "DD", "Dana Desa"), "add": ("add", "ADD"),
                 "apbd_kabupaten": ("apbd_kabupaten", "APBD Kab", "APBD"),
                 "swadaya": ("swadaya", "swadaya masyarakat"), "program": ("program", "BangKIT"),
                 "pihak_ketiga": ("pihak_ketiga", "CSR")}
CATEGORY_FORMS = {"bahan_alat": ("bahan_alat", "bahan", "Bahan dan alat"),
                  "cuaca_bencana": ("cuaca_bencana", "cuaca"),
                  "akses": ("akses", "transportasi", "gelombang"), "dana": ("dana", "pencairan"),
                  "partisipasi": ("partisipasi", "swadaya rendah")}


def choose(rng: random.Random, forms: tuple[str, ...], habit: float = 0.6) -> str:
    return forms[0] if rng.random() < habit else rng.choice(forms[1:] or forms)


def show_name(rng: random.Random, name: str, aliases: tuple[str, ...], prefix: str) -> str:
    roll = rng.random()
    if roll < 0.72:
        return name
    if roll < 0.80 and aliases:
        return rng.choice(aliases)
    if roll < 0.88:
        return f"{prefix} {name}"
    if roll < 0.94:
        return name.upper()
    return name.lower()


def show_date(rng: random.Random, when: date, style: Style) -> object:
    if style.xlsx and rng.random() < 0.45:
        return when
    month = MONTHS_ID[when.month - 1]
    forms = [when.isoformat(), when.strftime("%d/%m/%Y"), f"{when.day} {month} {when.year}",
             f"{when.day}/{when.month}/{when.strftime('%y')}",
             f"{WEEKDAYS_ID[when.weekday()]}, {when.day:02d} {month} {when.year}"]
    return rng.choice(forms)


def show_rupiah(rng: random.Random, amount: int, style: Style) -> object:
    if style.xlsx and rng.random() < 0.6:
        return amount
    dotted = f"{amount:,}".replace(",", ".")
    forms = [str(amount), dotted, f"Rp {dotted}", f"Rp{dotted},-", f"{dotted},00"]
    if amount >= 1_000_000 and amount % 100_000 == 0:
        millions = f"{amount / 1_000_000:g}".replace(".", ",")
        forms += [f"{millions} juta", f"{millions} jt"]
    if 0 < amount < 1_000_000 and amount % 1000 == 0:
        forms.append(f"{amount // 1000} ribu")
    return rng.choice(forms)


def show_number(rng: random.Random, value: int, style: Style, percent: bool = False) -> object:
    if style.xlsx:
        return value
    return f"{value}%" if percent and rng.random() < 0.15 else str(value)


def show_villages(rng: random.Random, names: tuple[str, ...]) -> str | None:
    shown = [f"Desa {n}" if rng.random() < 0.2 else n for n in names]
    return "; ".join(shown) or None


def show_value(rng: random.Random, header: str, value: object, style: Style) -> object:
    if value is None:
        return None
    if isinstance(value, date):
        return show_date(rng, value, style)
    if header.startswith("anggaran"):
        return show_rupiah(rng, int(str(value)), style)
    if isinstance(value, int):
        return show_number(rng, value, style, percent=header == "progres_persen")
    if header == "status":
        forms = STATUS_FORMS[str(value)]
        return choose(rng, forms[style.status_habit:] + forms[:style.status_habit])
    forms_by_header = {"sektor": SECTOR_FORMS, "sumber_dana": FUNDING_FORMS,
                       "kategori_kendala": CATEGORY_FORMS}
    if header in forms_by_header:
        return choose(rng, forms_by_header[header].get(str(value), (str(value),)))
    if header == "desa_terkait" and isinstance(value, tuple):
        return show_villages(rng, value)
    if header in ("tingkat", "status_tindak_lanjut"):
        return choose(rng, (str(value), str(value).title()), 0.7)
    return value


def render(record: Record, style: Style, ref: Reference, file_name: str) -> dict[str, object]:
    rng = rng_for("cell", file_name, record.table, record.kab, record.kec, record.identity)
    habit = rng_for("habit", file_name, record.kec)
    kab_forms = (record.kab, KAB_SHORT[record.kab], f"Kab. {record.kab}", record.kab.upper())
    row: dict[str, object] = {
        "kabupaten": choose(habit, kab_forms, 0.5),
        "kecamatan": show_name(habit if rng.random() < 0.8 else rng, record.kec,
                               ref.kec_aliases.get((record.kab, record.kec), ()), "Kec."),
    }
    for header in HEADERS[record.table][2:]:
        if header == "desa":
            aliases = next((v.aliases for v in ref.villages if (v.kab, v.kec, v.desa) ==
                            (record.kab, record.kec, record.values["desa"])), ())
            village_habit = rng_for("habit", file_name, record.kec, record.values["desa"])
            row[header] = show_name(village_habit if rng.random() < 0.8 else rng,
                                    str(record.values["desa"]), aliases, "Desa")
        else:
            row[header] = show_value(rng, header, record.values.get(header), style)
    row.update(record.raw)
    return row


# ---------------------------------------------------------------------------------------------
# Files


@dataclass(frozen=True)
class FileSpec:
    name: str
    kab: str
    kecamatan: tuple[str, ...]  # empty: every kecamatan of the kabupaten
    tables: tuple[str, ...]
    headers: str = "id"  # id, title (Indonesian, title case), en
    sheets: str = "id"  # id, Title, en
    delimiter: str = ","
    bom: bool = False
    instructions: bool = False
    status_habit: int = 0

    @property
    def xlsx(self) -> bool:
        return self.name.endswith(".xlsx")

    def holds(self, record: Record) -> bool:
        return (record.kab == self.kab and record.table in self.tables
                and (not self.kecamatan or record.kec in self.kecamatan))


ALL = ("desa", "kegiatan", "pertemuan", "rekomendasi")
WEWEWA = ("Wewewa Barat", "Wewewa Selatan", "Wewewa Tengah", "Wewewa Timur", "Wewewa Utara")
KODI = ("Kodi", "Kodi Balaghar", "Kodi Bangedo", "Kodi Utara")


def csv_files(prefix: str, kab: str, kecamatan: tuple[str, ...], tables: tuple[str, ...],
              semicolon: tuple[str, ...], habit: int = 0) -> list[FileSpec]:
    """One CSV per table; tables in `semicolon` are `;`-separated with a BOM (Excel, Indonesian)."""
    return [FileSpec(f"{prefix}_{t}.csv", kab, kecamatan, (t,), delimiter=";" if t in semicolon else ",",
                     bom=t in semicolon, status_habit=habit) for t in tables]


def file_specs(round_id: str) -> list[FileSpec]:
    if round_id == "2024-07":
        return [
            FileSpec("SBT_Pemantauan_I_Juli_2024.xlsx", SBT, (), ALL, instructions=True),
            FileSpec("SBD_Rekap_Wewewa_Loura_Juli_2024.xlsx", SBD, (*WEWEWA, "Loura"), ALL,
                     headers="title", sheets="Title", status_habit=1),
            *csv_files("sbd_kodi", SBD, KODI, ALL, ("desa", "pertemuan"), habit=2),
        ]
    if round_id == "2024-10":
        return [
            FileSpec("SBT Pemantauan II Oktober 2024.xlsx", SBT, (), ALL, instructions=True,
                     status_habit=1),
            FileSpec("Rekap_SBD_Okt2024.xlsx", SBD, (*WEWEWA, "Loura", "Kodi Utara"), ALL,
                     headers="en", sheets="en"),
            *csv_files("sbd_kodi", SBD, ("Kodi", "Kodi Bangedo", "Kodi Balaghar"), ALL,
                       ("kegiatan", "rekomendasi"), habit=3),
        ]
    return [
        FileSpec("SBT_Pemantauan_III_2025.xlsx", SBT, (), ALL, sheets="Title", instructions=True),
        FileSpec("SBD_Pemantauan_III_Wewewa_2025.xlsx", SBD, WEWEWA, ALL, headers="title",
                 status_habit=2),
        *csv_files("loura", SBD, ("Loura",), ("desa", "kegiatan"), ("desa", "kegiatan")),
        *csv_files("kodi_raya", SBD, KODI, ("desa", "kegiatan"), ("desa",), habit=1),
        *csv_files("sbd", SBD, ("Loura", *KODI), ("pertemuan", "rekomendasi"), ("pertemuan",)),
    ]


def header_text(header: str, style: str) -> str:
    if style == "en" and header in ENGLISH_HEADERS:
        return ENGLISH_HEADERS[header]
    if style in ("title", "en"):
        return header.replace("laki_laki", "laki-laki").replace("_", " ").title()
    return header


def sheet_name(table: str, style: str) -> str:
    return ENGLISH_SHEETS[table] if style == "en" else table.title() if style == "Title" else table


INSTRUCTIONS = (
    "PETUNJUK PENGISIAN - Pemantauan Mandiri RPD Program BangKIT",
    "",
    "1. Sheet 'desa': satu baris per desa. Isi tanggal pemantauan dan jumlah peserta laki-laki "
    "dan perempuan.",
    "2. Sheet 'kegiatan': satu baris per kegiatan RPD. Kode kegiatan JANGAN diubah antar putaran.",
    "3. Status: belum mulai / berjalan / selesai / tidak berjalan. Kalau tidak berjalan, isi "
    "kendala dan kategori kendala.",
    "4. Anggaran dalam rupiah. Penerima manfaat dipisah laki-laki dan perempuan.",
    "5. Sheet 'pertemuan' dan 'rekomendasi' diisi sesudah pertemuan kecamatan.",
    "6. Jangan tambah atau hapus kolom. Sheet ini tidak perlu dihapus.",
    "",
    "Kirim ke M&E kabupaten paling lambat satu minggu sesudah pemantauan.",
)


def write_xlsx(path: Path, spec: FileSpec, tables: dict[str, list[dict[str, object]]],
               stamp: datetime) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    if spec.instructions:
        first.title = "Petunjuk"
        for line in INSTRUCTIONS:
            first.append([line])
        first.column_dimensions["A"].width = 100
    else:
        wb.remove(first)
    for table, rows in tables.items():
        ws = wb.create_sheet(sheet_name(table, spec.sheets))
        ws.append([header_text(h, spec.headers) for h in HEADERS[table]])
        for row in rows:
            ws.append([row.get(h) for h in HEADERS[table]])
        format_sheet(ws)
    wb.properties.creator = f"M&E {KAB_SHORT[spec.kab]}"
    wb.properties.lastModifiedBy = f"M&E {KAB_SHORT[spec.kab]}"
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(stable_xlsx_bytes(buffer.getvalue(), stamp))


def format_sheet(ws: Worksheet) -> None:
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and cell.value >= 100_000:
                cell.number_format = "#,##0"
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column[:30])
        ws.column_dimensions[column[0].column_letter].width = min(45, max(10, width + 2))


def csv_cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def write_csv(path: Path, spec: FileSpec, table: str, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8-sig" if spec.bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=spec.delimiter,
                            lineterminator="\r\n" if spec.bom else "\n")
        writer.writerow([header_text(h, spec.headers) for h in HEADERS[table]])
        writer.writerows([[csv_cell(row.get(h)) for h in HEADERS[table]] for row in rows])


# ---------------------------------------------------------------------------------------------
# Rounds


@dataclass(frozen=True)
class Planted:
    round_id: str
    file: str
    sheet: str
    row: int
    table: str
    issue: Issue


def round_records(ref: Reference, rnd: Round, activities: list[Activity],
                  recs: list[Recommendation], previous: list[Record]) -> list[Record]:
    records = village_and_activity_records(ref, rnd, activities)
    records += meeting_records(ref, rnd)
    records += recommendation_records(rnd, recs)
    plant_mistakes(rnd.round_id, records)
    apply_spellings(rnd.round_id, records)
    add_knock_ons(records, previous)
    return records


def _activity_key(record: Record) -> tuple[str, str, object, object]:
    return (record.kab, record.kec, record.values.get("desa"), record.values.get("kode_kegiatan"))


def _counted(record: Record) -> bool:
    return record.issue is None or record.issue.outcome != Q


def add_knock_ons(records: list[Record], previous: list[Record]) -> None:
    """Name the warnings a quarantined row causes: an activity counted last round that is now
    missing, a village whose only `desa` row is quarantined."""
    before = {_activity_key(r) for r in previous if r.table == "kegiatan" and _counted(r)}
    now = {_activity_key(r) for r in records if r.table == "kegiatan" and _counted(r)}
    with_activities = {key[:3] for key in now}
    for record in records:
        if record.issue is None or _counted(record):
            continue
        key = _activity_key(record)
        if record.table == "kegiatan" and key in before and key not in now:
            record.issue = replace(record.issue, knock_on=(
                f"ikutan: peringatan kegiatan {key[3]} hilang sejak putaran lalu",
                f"knock-on: warning that activity {key[3]} is missing since last round"))
        elif record.table == "desa" and key[:3] in with_activities:
            record.issue = replace(record.issue, knock_on=(
                f"ikutan: peringatan desa {key[2]} tanpa baris desa",
                f"knock-on: warning that {key[2]} has activities but no village row"))


def write_round(ref: Reference, rnd: Round, records: list[Record]) -> list[Planted]:
    folder = RAW / rnd.round_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    stamp = datetime.combine(rnd.end, datetime.min.time()).replace(hour=9)
    planted: list[Planted] = []
    placed: Counter[int] = Counter()
    for spec in file_specs(rnd.round_id):
        style = Style(spec.xlsx, spec.status_habit)
        tables: dict[str, list[dict[str, object]]] = {}
        for table in spec.tables:
            mine = [r for r in records if r.table == table and spec.holds(r)]
            if not mine:
                continue
            tables[table] = [render(r, style, ref, spec.name) for r in mine]
            for number, record in enumerate(mine, start=2):
                placed[id(record)] += 1
                if record.issue:
                    sheet = sheet_name(table, spec.sheets) if spec.xlsx else ""
                    planted.append(Planted(rnd.round_id, spec.name, sheet, number, table, record.issue))
            if not spec.xlsx:
                write_csv(folder / spec.name, spec, table, tables[table])
        if spec.xlsx:
            write_xlsx(folder / spec.name, spec, tables, stamp)
    if sorted(placed) != sorted(id(r) for r in records) or set(placed.values()) != {1}:
        raise SystemExit(f"{rnd.round_id}: some rows are in no file or in two")
    return planted


# ---------------------------------------------------------------------------------------------
# README and summary

OUTCOME = {Q: "karantina / quarantine", W: "peringatan / warning", R: "diterima (fuzzy) / accepted (fuzzy)"}


def readme(planted: list[Planted], ref: Reference) -> str:
    lines = [
        "# Data contoh pemantauan / Sample monitoring data",
        "",
        "**ID** — Data latihan buatan (bukan laporan sebenarnya) untuk tiga putaran pemantauan "
        "Program BangKIT, dibuat oleh `scripts/generate_sample.py` dari `data/reference/`. Nama desa "
        "asli, angka dan teks rekaan. Setiap putaran sengaja memuat beberapa kesalahan yang biasa "
        "terjadi, supaya pelatih dapat menunjukkan apa yang masuk karantina. Jangan diedit tangan: "
        "jalankan ulang skripnya.",
        "",
        "**EN** — Made-up training data (not real returns) for the three monitoring rounds of "
        "Program BangKIT, generated by `scripts/generate_sample.py` from `data/reference/`. Real "
        "village names, invented figures and text. Each round carries a few typical mistakes on "
        "purpose so trainers can show what the quarantine catches. Do not edit by hand: rerun the "
        "script.",
        "",
        "Baris dihitung seperti di spreadsheet: header = baris 1. / Rows are counted as the "
        "spreadsheet shows them: header = row 1.",
        "",
    ]
    for rnd in ref.rounds:
        lines += [f"## {rnd.round_id}", "", "Berkas / Files:", ""]
        for spec in file_specs(rnd.round_id):
            where = ", ".join(spec.kecamatan) if spec.kecamatan else f"semua kecamatan {KAB_SHORT[spec.kab]}"
            kind = "XLSX" if spec.xlsx else f"CSV `{spec.delimiter}`" + (" + BOM" if spec.bom else "")
            lines.append(f"- `{spec.name}` — {kind}; {KAB_SHORT[spec.kab]}: {where}")
        lines += ["", "Kesalahan yang disengaja / Deliberate mistakes:", "",
                  "| berkas / file | sheet | baris / row | tabel / table | hasil / outcome | apa / what |",
                  "|---|---|---|---|---|---|"]
        for p in (p for p in planted if p.round_id == rnd.round_id):
            lines.append(f"| `{p.file}` | {p.sheet or '-'} | {p.row} | {p.table} "
                         f"| {OUTCOME[p.issue.outcome]} | {describe(p.issue)} |")
        lines += ["", *round_notes(rnd.round_id), ""]
    return "\n".join(lines).rstrip() + "\n"


def describe(issue: Issue) -> str:
    text_id, text_en = issue.text_id, issue.text_en
    if issue.knock_on:
        text_id, text_en = f"{text_id} ({issue.knock_on[0]})", f"{text_en} ({issue.knock_on[1]})"
    return f"{text_id} / {text_en}"


def round_notes(round_id: str) -> list[str]:
    missing = ", ".join(f"{d} ({k})" for _, k, d in MISSING[round_id])
    notes = [f"- Desa yang tidak mengirim / villages that sent nothing: {missing}.",
             "- Sheet `Petunjuk` di workbook SBT diabaikan dengan pemberitahuan / the `Petunjuk` "
             "sheet of the SBT workbook is skipped with a notice.",
             "- Ejaan lain yang sah (harus dikenali, bukan karantina) / valid variant spellings (must "
             "resolve, not quarantine): " + "; ".join(
                 f"{column} `{typed}` = {desa or kec}" for column, kec, desa, typed in SPELLINGS[round_id])
             + "."]
    if round_id == "2024-07":
        notes.append("- Semua baris `pertemuan` benar; total SBT 79 L + 38 P = 117, SBD 89 L + 37 P = 126 / "
                     "all meeting rows are valid; totals as the programme reported.")
    if round_id == "2024-10":
        notes.append(f"- Kegiatan pertama desa {RECOVERING[2]} (Kodi) macet; pulih di 2025-01 / "
                     "the first activity of Bondo Kodi stalls here and recovers in 2025-01.")
    if round_id == "2025-01":
        notes.append(f"- Kegiatan terakhir desa {DROPPED[2]} tidak dilaporkan lagi: peringatan "
                     "`activity missing` / Lalasa's last activity is no longer reported: a warning.")
        notes.append("- Rekomendasi hanya pembaruan status untuk Teluk Waru, Pulau Gorom, Kodi dan "
                     "Loura / recommendations: status updates only for those four kecamatan.")
    return notes


def summary(all_records: dict[str, list[Record]]) -> str:
    counts: Counter[tuple[str, str, str]] = Counter()
    for round_id, records in all_records.items():
        for r in records:
            counts[(round_id, r.table, KAB_SHORT[r.kab])] += 1
    lines = [f"{'round':8} {'table':12} {'SBT':>5} {'SBD':>5}"]
    for round_id in all_records:
        for table in ALL:
            lines.append(f"{round_id:8} {table:12} {counts[(round_id, table, 'SBT')]:5} "
                         f"{counts[(round_id, table, 'SBD')]:5}")
    return "\n".join(lines)


def check_first_meetings(records: list[Record]) -> None:
    for kab, (men, women) in FIRST_TOTALS.items():
        rows = [r for r in records if r.table == "pertemuan" and r.kab == kab]
        got = (sum(int(str(r.values["peserta_laki_laki"])) for r in rows),
               sum(int(str(r.values["peserta_perempuan"])) for r in rows))
        if got != (men, women) or any(r.issue for r in rows):
            raise SystemExit(f"2024-07 meetings of {kab}: {got}, expected {(men, women)}")


def main() -> int:
    ref = load_reference()
    activities = build_activities(ref)
    recs = build_recommendations(ref, activities)
    planted: list[Planted] = []
    all_records: dict[str, list[Record]] = {}
    previous: list[Record] = []
    for rnd in ref.rounds:
        records = previous = round_records(ref, rnd, activities, recs, previous)
        if rnd.round_id == "2024-07":
            check_first_meetings(records)
        planted += write_round(ref, rnd, records)
        all_records[rnd.round_id] = records
    (RAW / "README.md").write_text(readme(planted, ref), encoding="utf-8")
    print(summary(all_records))
    print(f"{len(planted)} deliberate mistakes; see data/raw/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
