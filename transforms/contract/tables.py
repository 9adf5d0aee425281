"""The data contract's input tables: their fields, headers and vocabularies, declared once.

Header matching, row parsing, the Great Expectations suites, the template workbook's drop-downs
and the docs table are all derived from the definitions below (the outputs are in outputs.py,
the row rules in rules.py). Names here are stable: they are the product's interface with its
users (docs/data-contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from transforms.contract.places import PLACE_LEVELS


class Kind(StrEnum):
    """How a field's raw value is parsed and checked."""

    KABUPATEN = "kabupaten"  # name resolved against the reference
    KECAMATAN = "kecamatan"  # name resolved within the kabupaten
    DESA = "desa"  # name resolved within the kecamatan, in the programme this round
    DESA_LIST = "desa_list"  # `;`-separated village names, each resolved within the kecamatan
    DATE = "date"
    DUE = "due"  # a date or a month (`2024-12`, `Desember 2024`)
    INT = "int"  # whole number >= 0
    RUPIAH = "rupiah"  # whole rupiah >= 0
    PERCENT = "percent"  # 0-100
    VOCAB = "vocab"
    TEXT = "text"
    CODE = "code"  # identifier text, compared case- and space-insensitively


@dataclass(frozen=True)
class Field:
    name: str  # canonical English column
    header_id: str  # Indonesian header (also the XLSForm field name)
    kind: Kind
    required: bool = False
    vocab: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    default: str | None = None
    header_aliases: tuple[str, ...] = ()
    doc_id: str = ""
    doc_en: str = ""


@dataclass(frozen=True)
class Table:
    name: str  # English table name: clean/<name>.parquet
    name_id: str  # Indonesian table name
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # columns that identify one row after name resolution
    doc_id: str = ""
    doc_en: str = ""
    level: str = "desa"  # the finest place a row belongs to: desa or kecamatan

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required(self) -> list[Field]:
        return [f for f in self.fields if f.required]


@dataclass(frozen=True)
class Term:
    value: str  # canonical value written to clean tables
    synonyms: tuple[str, ...] = ()
    label_id: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def label(self, value: str, lang: str) -> str:
        for t in self.terms:
            if t.value == value:
                return t.label_id if lang == "id" else t.label_en
        return value


def _t(value: str, label_id: str, label_en: str, *synonyms: str) -> Term:
    return Term(value, synonyms, label_id, label_en)


VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        Vocabulary(
            "activity_status",
            (
                _t("belum_mulai", "Belum mulai", "Not started",
                   "belum", "belum mulai", "belum dimulai", "not started", "not yet started"),
                _t("berjalan", "Berjalan", "Running",
                   "sedang berjalan", "proses", "dalam proses", "on going", "ongoing",
                   "on progress", "in progress", "running"),
                _t("selesai", "Selesai", "Completed",
                   "tuntas", "sudah selesai", "done", "completed", "complete", "finished"),
                _t("tidak_berjalan", "Tidak berjalan", "Stalled",
                   "tidak berjalan", "macet", "terhenti", "berhenti", "tertunda", "stalled",
                   "stopped"),
            ),
        ),
        Vocabulary(
            "sector",
            (
                _t("pertanian", "Pertanian", "Agriculture", "agriculture", "tani"),
                _t("perkebunan", "Perkebunan", "Estate crops", "kebun", "plantation"),
                _t("peternakan", "Peternakan", "Livestock", "ternak", "livestock"),
                _t("perikanan", "Perikanan", "Fisheries", "ikan", "fisheries", "fishery"),
                _t("kehutanan", "Kehutanan", "Forestry", "hutan", "forestry"),
                _t("usaha_mikro", "Usaha mikro", "Micro-enterprise",
                   "umkm", "usaha", "usaha mikro", "micro enterprise", "ukm"),
                _t("kerajinan", "Kerajinan", "Crafts", "tenun", "ikat", "tenun ikat", "crafts"),
                _t("pariwisata", "Pariwisata", "Tourism", "wisata", "tourism"),
                _t("infrastruktur", "Infrastruktur", "Infrastructure", "infrastructure"),
                _t("air_bersih", "Air bersih", "Clean water",
                   "air bersih", "sanitasi", "air bersih dan sanitasi", "water", "clean water"),
                _t("lingkungan", "Lingkungan", "Environment", "environment"),
                _t("kelembagaan", "Kelembagaan", "Institutions", "institutional", "institutions"),
                _t("lainnya", "Lainnya", "Other", "lain", "lain-lain", "other"),
            ),
        ),
        Vocabulary(
            "funding_source",
            (
                _t("dana_desa", "Dana Desa", "Village Fund (Dana Desa)", "dd", "dana desa"),
                _t("add", "ADD", "Village allocation (ADD)", "alokasi dana desa"),
                _t("apbd_kabupaten", "APBD Kabupaten", "District budget",
                   "apbd", "apbd kab", "apbd kabupaten", "apbd kab."),
                _t("apbd_provinsi", "APBD Provinsi", "Provincial budget",
                   "apbd prov", "apbd provinsi"),
                _t("apbn", "APBN", "National budget"),
                _t("swadaya", "Swadaya", "Self-help", "swadaya masyarakat", "self help"),
                _t("program", "Program BangKIT", "BangKIT programme", "bangkit", "jsdf"),
                _t("pihak_ketiga", "Pihak ketiga", "Third party",
                   "csr", "hibah", "pihak ketiga", "third party"),
                _t("lainnya", "Lainnya", "Other", "lain", "lain-lain", "other"),
            ),
        ),
        Vocabulary(
            "constraint_category",
            (
                _t("dana", "Dana", "Funding", "pendanaan", "pencairan", "anggaran", "funding"),
                _t("kapasitas", "Kapasitas", "Capacity", "sdm", "pengetahuan", "capacity"),
                _t("bahan_alat", "Bahan dan alat", "Inputs and tools",
                   "bibit", "bahan", "alat", "bahan alat", "bahan dan alat"),
                _t("pasar", "Pasar", "Market", "pemasaran", "harga", "market"),
                _t("cuaca_bencana", "Cuaca dan bencana", "Weather and disasters",
                   "cuaca", "bencana", "hama", "cuaca bencana"),
                _t("koordinasi", "Koordinasi", "Coordination", "coordination"),
                _t("administrasi", "Administrasi", "Administration",
                   "regulasi", "perizinan", "administration"),
                _t("partisipasi", "Partisipasi", "Participation",
                   "swadaya rendah", "participation"),
                _t("akses", "Akses", "Access", "transportasi", "jalan", "gelombang", "access"),
                _t("lainnya", "Lainnya", "Other", "lain", "lain-lain", "other"),
            ),
        ),
        Vocabulary(
            "responsible_level",
            (
                _t("desa", "Desa", "Village", "village"),
                _t("kecamatan", "Kecamatan", "Sub-district", "kec", "sub-district", "subdistrict"),
                _t("kabupaten", "Kabupaten", "District", "kab", "district", "opd"),
            ),
        ),
        Vocabulary(
            "follow_up_status",
            (
                _t("baru", "Baru", "New", "new", "belum"),
                _t("proses", "Proses", "In progress",
                   "dalam proses", "berjalan", "in progress", "on progress"),
                _t("selesai", "Selesai", "Done", "done", "tuntas", "completed"),
                _t("tidak_ditindaklanjuti", "Tidak ditindaklanjuti", "Not followed up",
                   "tidak ditindaklanjuti", "batal", "dropped", "not followed up"),
            ),
        ),
    )
}

_KAB = Field("kabupaten", "kabupaten", Kind.KABUPATEN, required=True,
             doc_id="Nama kabupaten", doc_en="District name")
_KEC = Field("kecamatan", "kecamatan", Kind.KECAMATAN, required=True,
             doc_id="Nama kecamatan", doc_en="Sub-district name")
_DESA = Field("desa", "desa", Kind.DESA, required=True, header_aliases=("village", "kelurahan"),
              doc_id="Nama desa, program pada putaran ini",
              doc_en="Village name, in the programme this round")
_MALE = Field("participants_male", "peserta_laki_laki", Kind.INT, required=True, min_value=0,
              header_aliases=("peserta_l", "peserta_pria", "peserta_m", "peserta_laki",
                              "participants_m"),
              doc_id="Peserta laki-laki", doc_en="Male participants")
_FEMALE = Field("participants_female", "peserta_perempuan", Kind.INT, required=True, min_value=0,
                header_aliases=("peserta_p", "peserta_wanita", "peserta_f", "participants_f"),
                doc_id="Peserta perempuan", doc_en="Female participants")

VILLAGES = Table(
    "villages", "desa",
    (
        _KAB, _KEC, _DESA,
        Field("monitoring_date", "tanggal_pemantauan", Kind.DATE, required=True,
              doc_id="Tanggal pemantauan, dalam jendela putaran",
              doc_en="Monitoring date, within the round window"),
        _MALE, _FEMALE,
        Field("facilitator", "fasilitator", Kind.TEXT,
              doc_id="Fasilitator desa", doc_en="Village facilitator"),
        Field("notes", "catatan", Kind.TEXT, doc_id="Catatan", doc_en="Notes"),
    ),
    key=PLACE_LEVELS,
    doc_id="Satu baris per desa per putaran", doc_en="One row per village per round",
)

ACTIVITIES = Table(
    "activities", "kegiatan",
    (
        _KAB, _KEC, _DESA,
        Field("activity_code", "kode_kegiatan", Kind.CODE, required=True,
              doc_id="Kode kegiatan, unik per desa, tetap antar putaran",
              doc_en="Activity code, unique per village, stable across rounds"),
        Field("activity_name", "nama_kegiatan", Kind.TEXT, required=True,
              doc_id="Nama kegiatan RPD", doc_en="VLP activity name"),
        Field("sector", "sektor", Kind.VOCAB, required=True, vocab="sector",
              doc_id="Sektor", doc_en="Sector"),
        Field("funding_source", "sumber_dana", Kind.VOCAB, required=True, vocab="funding_source",
              doc_id="Sumber dana", doc_en="Funding source"),
        Field("budget_planned", "anggaran_rencana", Kind.RUPIAH, min_value=0,
              doc_id="Anggaran rencana (Rp)", doc_en="Planned budget (IDR)"),
        Field("budget_realized", "anggaran_realisasi", Kind.RUPIAH, min_value=0,
              doc_id="Anggaran realisasi (Rp)", doc_en="Realised budget (IDR)"),
        Field("status", "status", Kind.VOCAB, required=True, vocab="activity_status",
              header_aliases=("status_kegiatan",),
              doc_id="Status kegiatan", doc_en="Activity status"),
        Field("progress_pct", "progres_persen", Kind.PERCENT, min_value=0, max_value=100,
              header_aliases=("progres", "progress", "persen_progres"),
              doc_id="Progres (0-100%)", doc_en="Progress (0-100%)"),
        Field("beneficiaries_male", "penerima_laki_laki", Kind.INT, min_value=0,
              header_aliases=("penerima_l", "penerima_pria", "penerima_m", "penerima_laki",
                              "beneficiaries_m"),
              doc_id="Penerima manfaat laki-laki", doc_en="Male beneficiaries"),
        Field("beneficiaries_female", "penerima_perempuan", Kind.INT, min_value=0,
              header_aliases=("penerima_p", "penerima_wanita", "penerima_f", "beneficiaries_f"),
              doc_id="Penerima manfaat perempuan", doc_en="Female beneficiaries"),
        Field("constraint", "kendala", Kind.TEXT,
              doc_id="Kendala (diharapkan bila tidak berjalan)",
              doc_en="Constraint (expected when stalled)"),
        Field("constraint_category", "kategori_kendala", Kind.VOCAB, vocab="constraint_category",
              doc_id="Kategori kendala (wajib bila kendala diisi)",
              doc_en="Constraint category (required when a constraint is given)"),
        Field("support_needed", "dukungan_dibutuhkan", Kind.TEXT,
              doc_id="Dukungan yang dibutuhkan", doc_en="Support needed"),
        Field("support_from", "pihak_pendukung", Kind.TEXT,
              doc_id="Pihak pendukung (mis. Dinas Pertanian)",
              doc_en="Supporting party (e.g. Dinas Pertanian)"),
        Field("lesson", "pembelajaran", Kind.TEXT, doc_id="Pembelajaran", doc_en="Lesson learned"),
    ),
    key=("kabupaten", "kecamatan", "desa", "activity_code"),
    doc_id="Satu baris per kegiatan RPD per desa per putaran",
    doc_en="One row per VLP activity per village per round",
)

MEETINGS = Table(
    "meetings", "pertemuan",
    (
        _KAB, _KEC,
        Field("meeting_date", "tanggal", Kind.DATE, required=True,
              header_aliases=("tanggal_pertemuan", "date"),
              doc_id="Tanggal pertemuan (sejak awal putaran, sebelum putaran berikutnya)",
              doc_en="Meeting date (from the round's start, before the next round)"),
        Field("batch", "batch", Kind.INT, min_value=1, default="1",
              header_aliases=("angkatan", "gelombang"),
              doc_id="Batch (bawaan 1)", doc_en="Batch (default 1)"),
        _MALE, _FEMALE,
        Field("participants_total", "peserta_total", Kind.INT, min_value=0,
              header_aliases=("jumlah_peserta", "total_peserta"),
              doc_id="Total peserta (= laki-laki + perempuan)",
              doc_en="Total participants (= male + female)"),
        Field("villages_present", "desa_hadir", Kind.INT, min_value=0,
              header_aliases=("jumlah_desa_hadir",),
              doc_id="Jumlah desa hadir", doc_en="Villages present"),
    ),
    key=("kabupaten", "kecamatan", "meeting_date", "batch"),
    doc_id="Satu baris per batch pertemuan kecamatan",
    doc_en="One row per kecamatan meeting batch",
    level="kecamatan",
)

RECOMMENDATIONS = Table(
    "recommendations", "rekomendasi",
    (
        _KAB, _KEC,
        Field("rec_id", "no", Kind.CODE, required=True, header_aliases=("nomor", "id"),
              doc_id="Nomor, unik per kecamatan, tetap antar putaran",
              doc_en="Number, unique per kecamatan, kept across rounds"),
        Field("issue", "masalah", Kind.TEXT, required=True, header_aliases=("isu",),
              doc_id="Masalah", doc_en="Issue"),
        Field("villages", "desa_terkait", Kind.DESA_LIST,
              doc_id="Desa terkait, dipisah ';'", doc_en="Villages concerned, ';'-separated"),
        Field("recommendation", "rekomendasi", Kind.TEXT, required=True,
              doc_id="Rekomendasi", doc_en="Recommendation"),
        Field("responsible_level", "tingkat", Kind.VOCAB, required=True, vocab="responsible_level",
              doc_id="Tingkat: desa, kecamatan, kabupaten",
              doc_en="Level: desa, kecamatan, kabupaten"),
        Field("responsible_agency", "penanggung_jawab", Kind.TEXT,
              doc_id="Penanggung jawab (mis. Dinas Perikanan)",
              doc_en="Responsible agency (e.g. Dinas Perikanan)"),
        Field("due", "tenggat", Kind.DUE, header_aliases=("batas_waktu", "target_waktu"),
              doc_id="Tenggat (tanggal atau bulan)", doc_en="Due (date or month)"),
        Field("status", "status_tindak_lanjut", Kind.VOCAB, vocab="follow_up_status",
              default="baru", header_aliases=("status",),
              doc_id="Status tindak lanjut (bawaan: baru)", doc_en="Follow-up status (default: baru)"),
        Field("notes", "keterangan", Kind.TEXT, doc_id="Keterangan", doc_en="Notes"),
    ),
    key=("kabupaten", "kecamatan", "rec_id"),
    doc_id="Matriks rekomendasi tindak lanjut yang disepakati (opsional)",
    doc_en="The agreed follow-up recommendation matrix (optional)",
    level="kecamatan",
)

TABLES: dict[str, Table] = {t.name: t for t in (VILLAGES, ACTIVITIES, MEETINGS, RECOMMENDATIONS)}
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)

SOURCE_COLUMNS: tuple[str, ...] = ("source_file", "source_sheet", "source_row")

LOCATION_COLUMNS: tuple[str, ...] = (
    "kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round",
)
ROUND_COLUMNS: tuple[str, ...] = ("round_id", "label_id", "label_en", "window_start", "window_end")

LANGUAGES: tuple[str, ...] = ("id", "en")


def table_for_name(name: str) -> Table | None:
    """The table a sheet or file-name part refers to (Indonesian or English, any case)."""
    wanted = name.strip().lower()
    for table in TABLES.values():
        if wanted in (table.name, table.name_id):
            return table
    return None
