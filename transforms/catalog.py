"""Message catalogue: every sentence a user reads about their data, in Indonesian and English.

Templates use `str.format` fields: {file}, {sheet}, {row}, {column}, {header}, {value},
{expected}, {table}, {candidates}, {other_rows}, {round}.
"""

from __future__ import annotations

from dataclasses import dataclass

# code → (Indonesian, English)
ROW_MESSAGES: dict[str, tuple[str, str]] = {
    "missing_value": (
        "Kolom {header} wajib diisi tetapi kosong.",
        "Column {header} is required but empty.",
    ),
    "invalid_date": (
        "Tanggal '{value}' tidak dapat dibaca. Tulis sebagai 06/08/2024, 2024-08-06 atau "
        "6 Agustus 2024.",
        "Date '{value}' cannot be read. Write it as 06/08/2024, 2024-08-06 or 6 Agustus 2024.",
    ),
    "invalid_rupiah": (
        "Nilai rupiah '{value}' tidak dapat dibaca. Tulis sebagai 1500000, 1.500.000 atau "
        "1,5 juta.",
        "Rupiah amount '{value}' cannot be read. Write it as 1500000, 1.500.000 or 1,5 juta.",
    ),
    "invalid_number": (
        "'{value}' bukan angka.",
        "'{value}' is not a number.",
    ),
    "invalid_integer": (
        "'{value}' harus bilangan bulat (tanpa desimal).",
        "'{value}' must be a whole number.",
    ),
    "negative_number": (
        "'{value}' tidak boleh negatif.",
        "'{value}' must not be negative.",
    ),
    "out_of_range": (
        "Nilai {value} pada {header} di luar batas {expected}.",
        "Value {value} in {header} is outside {expected}.",
    ),
    "not_in_vocabulary": (
        "'{value}' bukan pilihan yang dikenal untuk {header}.",
        "'{value}' is not a known choice for {header}.",
    ),
    "unknown_kabupaten": (
        "Kabupaten '{value}' tidak dikenal dalam daftar lokasi program.",
        "District '{value}' is not in the programme's location list.",
    ),
    "unknown_kecamatan": (
        "Kecamatan '{value}' tidak dikenal di Kabupaten {parent}.",
        "Sub-district '{value}' is not known in {parent} district.",
    ),
    "unknown_desa": (
        "Desa '{value}' tidak dikenal di Kecamatan {parent}.",
        "Village '{value}' is not known in {parent} sub-district.",
    ),
    "ambiguous_name": (
        "Nama '{value}' cocok dengan lebih dari satu tempat di {parent}; tidak dapat dipastikan.",
        "Name '{value}' matches more than one place in {parent}; it cannot be decided.",
    ),
    "not_in_programme_round": (
        "Desa {value} baru masuk program sejak putaran {expected}, bukan putaran {round}.",
        "Village {value} joins the programme in round {expected}, not in round {round}.",
    ),
    "date_outside_window": (
        "Tanggal {value} di luar jendela putaran {round} ({expected}).",
        "Date {value} is outside the window of round {round} ({expected}).",
    ),
    "total_mismatch": (
        "Total peserta {value} tidak sama dengan laki-laki + perempuan ({expected}).",
        "Total participants {value} does not equal male + female ({expected}).",
    ),
    "conflicting_duplicate": (
        "Baris ini dan baris {other_rows} memakai kunci yang sama ({value}) tetapi isinya "
        "berbeda; tidak dapat dipastikan mana yang benar.",
        "This row and row(s) {other_rows} share the key ({value}) but differ; no one can tell "
        "which is right.",
    ),
    "constraint_category_missing": (
        "Kendala diisi tetapi kategori_kendala kosong.",
        "A constraint is given but kategori_kendala is empty.",
    ),
}

WARNING_MESSAGES: dict[str, tuple[str, str]] = {
    "exact_duplicate": (
        "Baris ini sama persis dengan baris {other_rows}; dihitung satu kali.",
        "This row is identical to row(s) {other_rows}; it is counted once.",
    ),
    "realized_exceeds_planned": (
        "Realisasi anggaran ({value}) melebihi rencana ({expected}).",
        "Realised budget ({value}) exceeds the plan ({expected}).",
    ),
    "completed_below_100": (
        "Status selesai tetapi progres {value}%.",
        "Status is completed but progress is {value}%.",
    ),
    "running_at_100": (
        "Progres 100% tetapi status masih berjalan.",
        "Progress is 100% but the status is still running.",
    ),
    "stalled_without_constraint": (
        "Kegiatan tidak berjalan tetapi kendala tidak diisi.",
        "The activity is stalled but no constraint is given.",
    ),
    "activity_missing_since_last_round": (
        "Kegiatan {value} dilaporkan pada putaran sebelumnya tetapi tidak ada pada putaran ini.",
        "Activity {value} was reported last round but is missing this round.",
    ),
    "village_without_desa_row": (
        "Desa {value} melaporkan kegiatan tetapi tidak punya baris di tabel desa.",
        "Village {value} reports activities but has no row in the villages table.",
    ),
    "village_row_quarantined": (
        "Baris desa {value} dikarantina; kegiatannya tetap dihitung. Perbaiki baris desa.",
        "The villages row of {value} is quarantined; its activities still count. Fix that row.",
    ),
    "name_corrected": (
        "Nama '{value}' dibaca sebagai '{expected}' (ejaan mirip).",
        "Name '{value}' was read as '{expected}' (close spelling).",
    ),
    "sheet_ignored": (
        "Sheet '{value}' bukan tabel yang dikenal dan dilewati.",
        "Sheet '{value}' is not a known table and was skipped.",
    ),
    "column_ignored": (
        "Kolom '{value}' tidak dikenal dan dilewati.",
        "Column '{value}' is not known and was skipped.",
    ),
}

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    "recipient_email": (
        "Berkas {file}: alamat e-mail '{value}' tidak sah ({expected}).",
        "File {file}: e-mail address '{value}' is not valid ({expected}).",
    ),
    "recipient_name": (
        "Berkas {file}: nama penerima '{value}' memuat baris baru, tanda kutip atau < > ({expected}); "
        "tulis nama saja.",
        "File {file}: recipient name '{value}' contains a line break, quotes or < > ({expected}); "
        "write the name only.",
    ),
    "recipient_place": (
        "Berkas {file}: '{value}' bukan kabupaten/kecamatan putaran ini ({expected}). Tulis nama "
        "seperti di ringkasan; kosongkan kecamatan untuk penerima tingkat kabupaten.",
        "File {file}: '{value}' is not a district/sub-district of this round ({expected}). Write "
        "the names as in the briefs; leave kecamatan empty for a district recipient.",
    ),
    "recipients_missing": (
        "Daftar penerima {file} tidak ada. Buat dengan kolom kabupaten, kecamatan, name, email.",
        "Recipient list {file} does not exist. Create it with columns kabupaten, kecamatan, name, email.",
    ),
    "round_outputs_missing": (
        "Keluaran putaran {value} belum ada di {file}. Jalankan dulu: bangkit run --round {value}",
        "The outputs of round {value} are not in {file}. Run first: bangkit run --round {value}",
    ),
    "smtp_not_set": (
        "Server e-mail belum diatur: isi [smtp] host di {file} (lihat bangkit.example.toml).",
        "No mail server set: fill in [smtp] host in {file} (see bangkit.example.toml).",
    ),
    "settings_missing": (
        "Berkas pengaturan {file} tidak ada.",
        "Settings file {file} does not exist.",
    ),
    "settings_invalid": (
        "Berkas pengaturan {file}: nilai '{value}' untuk '{column}' tidak dapat dipakai. "
        "Contoh yang benar: {expected}.",
        "Settings file {file}: value '{value}' for '{column}' cannot be used. "
        "A correct example: {expected}.",
    ),
    "settings_syntax": (
        "Berkas pengaturan {file} bukan TOML yang sah: {value}.",
        "Settings file {file} is not valid TOML: {value}.",
    ),
    "settings_unknown": (
        "Berkas pengaturan {file}: '{column}' tidak dikenal. Yang dikenal: {expected}.",
        "Settings file {file}: '{column}' is not known. Known: {expected}.",
    ),
    "file_unreadable": (
        "Berkas {file} tidak dapat dibuka ({value}). Simpan ulang sebagai .xlsx atau .csv.",
        "File {file} cannot be opened ({value}). Save it again as .xlsx or .csv.",
    ),
    "file_type_unknown": (
        "Berkas {file} bukan .xlsx atau .csv; pindahkan dari folder putaran atau simpan ulang.",
        "File {file} is not .xlsx or .csv; move it out of the round folder or save it again.",
    ),
    "no_table": (
        "Berkas {file} tidak berisi tabel yang dikenal ({expected}).",
        "File {file} holds no recognisable table ({expected}).",
    ),
    "missing_column": (
        "Berkas {where}: kolom wajib '{column}' tidak ada (tabel {table}). "
        "Tambahkan kolom dengan judul '{column}'.",
        "File {where}: required column '{column}' is missing (table {table}). "
        "Add a column headed '{column}'.",
    ),
    "file_too_large": (
        "Berkas {file} terlalu besar setelah dibuka ({value}); batas {expected}. Periksa apakah "
        "ini berkas yang benar.",
        "File {file} is too large once unpacked ({value}); the limit is {expected}. Check that it "
        "is the right file.",
    ),
    "undecodable_text": (
        "Berkas {file} bukan teks UTF-8 ({value}). Simpan ulang sebagai CSV UTF-8.",
        "File {file} is not UTF-8 text ({value}). Save it again as CSV UTF-8.",
    ),
    "duplicate_column": (
        "Berkas {where}: kolom '{column}' muncul lebih dari sekali.",
        "File {where}: column '{column}' appears more than once.",
    ),
    "no_rounds": (
        "Tidak ada folder putaran di {file}; letakkan berkas di {file}/<round_id>/.",
        "No round folder under {file}; put files in {file}/<round_id>/.",
    ),
    "unknown_round": (
        "Putaran {value} tidak ada di rounds.csv ({expected}).",
        "Round {value} is not in rounds.csv ({expected}).",
    ),
    "reference_invalid": (
        "Data referensi {file} tidak valid: {value}.",
        "Reference data {file} is invalid: {value}.",
    ),
}

ALL_MESSAGES: dict[str, tuple[str, str]] = {**ROW_MESSAGES, **WARNING_MESSAGES, **FILE_MESSAGES}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def message(code: str, lang: str, **fields: object) -> str:
    template_id, template_en = ALL_MESSAGES[code]
    template = template_id if lang == "id" else template_en
    return template.format_map(_Blank({k: "" if v is None else v for k, v in fields.items()}))


@dataclass(frozen=True)
class FileProblem:
    """A problem with a whole file: the round stops (exit code 2)."""

    code: str
    file: str
    sheet: str = ""
    column: str = ""
    table: str = ""
    value: str = ""
    expected: str = ""

    def text(self, lang: str) -> str:
        where = f"{self.file}, sheet {self.sheet}" if self.sheet else self.file
        return message(self.code, lang, file=self.file, sheet=self.sheet, column=self.column,
                       table=self.table, value=self.value, expected=self.expected, where=where)


class InputFileError(Exception):
    """Raised when a file of a round cannot be used at all."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.text("en") for p in problems))

    def bilingual(self) -> str:
        return "\n".join(f"{p.text('id')}\n  ({p.text('en')})" for p in self.problems)


# What the command line says: key → (Indonesian, English). File problems are printed in both
# languages, since whoever fixes the file may read either.
CLI_MESSAGES: dict[str, tuple[str, str]] = {
    "file_problems": ("Masalah berkas (file problem):", "File problem (masalah berkas):"),
    "bad_lang": ("--lang harus id atau en (--lang must be id or en)",
                 "--lang must be id or en (--lang harus id atau en)"),
    "internal_failure": ("Kesalahan internal: {error}", "Internal failure: {error}"),
    "round_ok": ("{round}: OK — {kecamatan} ringkasan kecamatan + {kabupaten} ringkasan kabupaten, "
                 "{quarantined} baris dikarantina, {warnings} peringatan → {folder}",
                 "{round}: OK — {kecamatan} sub-district briefs + {kabupaten} district briefs, "
                 "{quarantined} rows quarantined, {warnings} warnings → {folder}"),
    "round_stopped": ("{round}: DIHENTIKAN, tidak ada yang ditulis untuk putaran ini",
                      "{round}: STOPPED, nothing written for this round"),
    "waiting_for_other_run": (
        "Proses lain sedang menulis ke {folder}; menunggu sampai selesai…",
        "Another run is writing to {folder}; waiting for it to finish…"),
    "round_unchanged": ("{round}: tidak ada yang berubah sejak proses terakhir; keluaran dibiarkan",
                        "{round}: nothing changed since the last run; outputs left as they were"),
    "brief_failed": ("{round}: {brief} GAGAL dibuat (sudah dicoba ulang); keluaran lain ditulis",
                     "{round}: {brief} could NOT be rendered (retried); the other outputs are written"),
    "deployment_description": (
        "Menjalankan ulang putaran BangKIT menurut jadwal, selama laporan susulan masih masuk.",
        "Reruns BangKIT rounds on a schedule while late returns come in."),
    "serving": ("Melayani {name} (jadwal '{cron}', {timezone}) di {api}. Hentikan dengan Ctrl-C.",
                "Serving {name} (schedule '{cron}', {timezone}) on {api}. Stop with Ctrl-C."),
    "smtp_failed": ("Tidak dapat masuk ke server e-mail {host}:{port}: {error}. Tidak ada yang "
                    "dikirim. Periksa [smtp] di pengaturan dan kata sandi di variabel ${env}.",
                    "Cannot log in to the mail server {host}:{port}: {error}. Nothing was sent. "
                    "Check [smtp] in the settings and the password in the variable ${env}."),
    "distribute_plan": ("{bundle}: {files} berkas → {to}", "{bundle}: {files} files → {to}"),
    "distribute_sent": ("terkirim", "sent"),
    "distribute_dry_run": ("belum dikirim (uji coba; tambahkan --send untuk mengirim)",
                           "not sent (dry run; add --send to send)"),
    "distribute_unchanged": ("tidak dikirim ulang: isi dan penerima sama dengan kiriman sebelumnya",
                             "not sent again: same contents and recipients as before"),
    "distribute_incomplete": ("TIDAK dikirim: ringkasannya tidak ada (gagal dibuat?); jalankan "
                              "ulang bangkit run", "NOT sent: its brief is missing (failed to render?); "
                              "run bangkit run again"),
    "distribute_failed": ("GAGAL dikirim: {error}", "sending FAILED: {error}"),
    "distribute_no_recipients": ("Tidak ada penerima untuk: {places}", "No recipients for: {places}"),
    "distribute_summary": (
        "{sent} terkirim, {skipped} tidak berubah, {planned} uji coba, {failed} gagal, {incomplete} "
        "tidak lengkap. Catatan: {log}",
        "{sent} sent, {skipped} unchanged, {planned} dry run, {failed} failed, {incomplete} "
        "incomplete. Log: {log}"),
    "progress_rendering": ("Membuat ringkasan {round}", "Rendering briefs {round}"),
    "elapsed": ("({seconds} detik)", "({seconds} s)"),
    "file_exists": ("{path} sudah ada; pakai --force untuk menimpa",
                    "{path} already exists; use --force to overwrite"),
    "template_written": ("{path}: sheet desa, kegiatan, pertemuan, rekomendasi",
                         "{path}: sheets desa, kegiatan, pertemuan, rekomendasi"),
    "serve_needs_server": (
        "Atur PREFECT_API_URL ke server Prefect yang berjalan (prefect server start): server "
        "sementara tidak dapat menyimpan jadwal.",
        "Set PREFECT_API_URL to a running Prefect server (prefect server start): a temporary "
        "server cannot hold a schedule."),
}


def cli_text(key: str, lang: str, **fields: object) -> str:
    text = CLI_MESSAGES[key][0 if lang == "id" else 1]
    return text.format(**fields) if fields else text


# Words and headings of the briefs and workbooks: key → (Indonesian, English).
LABELS: dict[str, tuple[str, str]] = {
    "programme": ("Program BangKIT", "BangKIT Programme"),
    "brief_kecamatan": ("Ringkasan Koordinasi Kecamatan", "Sub-district Coordination Brief"),
    "brief_kabupaten": ("Ringkasan untuk Forum Kabupaten", "District Forum Brief"),
    "kabupaten": ("Kabupaten", "District"),
    "kecamatan": ("Kecamatan", "Sub-district"),
    "desa": ("Desa", "Village"),
    "round": ("Putaran", "Round"),
    "data_as_of": ("Data per", "Data as of"),
    "meeting_dates": ("Pertemuan koordinasi", "Coordination meeting"),
    "no_meeting": ("Belum ada pertemuan tercatat", "No meeting recorded yet"),
    "batch": ("batch", "batch"),
    "page": ("Halaman", "Page"),
    "of": ("dari", "of"),
    "forum_sbt": ("Pokja", "Pokja (working group)"),
    "forum_sbd": ("Forum Penghidupan Berkelanjutan", "Sustainable Livelihoods Forum"),
    "key_figures": ("Angka kunci", "Key figures"),
    "villages_reporting": ("Desa melapor", "Villages reporting"),
    "of_target": ("dari", "of"),
    "activities": ("Kegiatan RPD", "VLP activities"),
    "status_belum_mulai": ("Belum mulai", "Not started"),
    "status_berjalan": ("Berjalan", "Running"),
    "status_selesai": ("Selesai", "Completed"),
    "status_tidak_berjalan": ("Tidak berjalan", "Stalled"),
    "mean_progress": ("Rata-rata progres", "Mean progress"),
    "budget": ("Anggaran", "Budget"),
    "budget_planned": ("Rencana", "Planned"),
    "budget_realized": ("Realisasi", "Realised"),
    "budget_realization": ("Realisasi anggaran", "Budget realisation"),
    "beneficiaries": ("Penerima manfaat", "Beneficiaries"),
    "participants": ("Peserta pertemuan", "Meeting participants"),
    "male_short": ("L", "M"),
    "male": ("Laki-laki", "Men"),
    "female": ("Perempuan", "Women"),
    "female_short": ("P", "F"),
    "total": ("Total", "Total"),
    "meetings": ("Pertemuan", "Meetings"),
    "rows_quarantined": ("Baris dikarantina", "Rows quarantined"),
    "what_runs": ("Apa yang berjalan", "What is running"),
    "charts": ("Grafik", "Charts"),
    "more_categories": ("… dan {count} kategori lain: lihat halaman berikut.",
                        "… and {count} more categories: see the following pages."),
    "asks_village_level": ("Diminta dari pihak di desa sendiri, bukan kabupaten: {parties}.",
                           "Asked of the villages' own parties, not the district: {parties}."),
    "artifact_quality": ("**Dikarantina:** {quarantined} baris (quarantine.csv) · **Peringatan:** {warnings}",
                         "**Quarantined:** {quarantined} rows (quarantine.csv) · **Warnings:** {warnings}"),
    "artifact_briefs": ("**Ringkasan yang dibuat ulang:** {rendered} dari {total}",
                        "**Briefs rendered:** {rendered} of {total}"),
    "artifact_outputs": ("Folder keluaran putaran", "The round's output folder"),
    "mail_subject": ("Ringkasan koordinasi {place} · {round}", "Coordination brief {place} · {round}"),
    "mail_reader": ("Bapak/Ibu", "colleagues"),
    "mail_body": (
        "Yth. {names},\n\nTerlampir bahan rapat koordinasi {place} untuk {round}:\n{files}\n\n"
        "Matriks rekomendasi dapat diisi dalam rapat dan dikirim kembali ke tim Monev; baris "
        "pada berkas perbaikan mohon diperiksa bersama desa.\n\nSalam,\nTim Monev Program BangKIT\n",
        "Dear {names},\n\nAttached are the coordination meeting materials of {place} for {round}:"
        "\n{files}\n\nThe recommendation matrix can be filled in at the meeting and sent back to "
        "the M&E team; please check the rows of the corrections workbook with the villages.\n\n"
        "Regards,\nBangKIT Programme M&E team\n"),
    "mail_file_brief": ("ringkasan koordinasi (PDF)", "coordination brief (PDF)"),
    "mail_file_matrix": ("matriks rekomendasi tindak lanjut (Excel)",
                         "follow-up recommendation matrix (Excel)"),
    "mail_file_corrections": ("baris yang perlu diperbaiki atau diperiksa (Excel)",
                              "rows to correct or check (Excel)"),
    "must_not_be_negative": ("Tidak boleh negatif", "Must not be negative"),
    "between_0_and_100": ("Antara 0 dan 100", "Between 0 and 100"),
    "more_agencies": ("… dan {count} pihak lain: lihat halaman berikut.",
                      "… and {count} more parties: see the following pages."),
    "constraints_detail": ("Kendala menurut desa", "Constraints in the villages' words"),
    "asks_detail": ("Rincian dukungan yang diminta", "Support requested, in detail"),
    "chart_status_village": ("Status kegiatan per desa", "Activity status by village"),
    "chart_status_kecamatan": ("Status kegiatan per kecamatan", "Activity status by sub-district"),
    "chart_status_rounds": ("Status kegiatan per putaran", "Activity status by round"),
    "chart_people_by_sex": ("Penerima manfaat dan peserta menurut jenis kelamin",
                            "Beneficiaries and participants by sex"),
    "chart_budget_village": ("Anggaran per desa: rencana dan realisasi",
                             "Budget by village: planned and realised"),
    "chart_budget_kecamatan": ("Anggaran per kecamatan: rencana dan realisasi",
                               "Budget by sub-district: planned and realised"),
    "unit_activities": ("jumlah kegiatan", "number of activities"),
    "unit_people": ("jumlah orang", "number of people"),
    "unit_million_rupiah": ("juta rupiah", "million rupiah"),
    "chart_numbers": ("Angka grafik", "Chart figures"),
    "chart_empty": ("Belum ada data untuk grafik ini.", "No data for this chart yet."),
    "what_stalls": ("Apa yang tidak berjalan dan mengapa", "What is stalled, and why"),
    "asks_kabupaten": ("Dukungan yang diminta dari kabupaten", "Support asked of the district"),
    "lessons": ("Pembelajaran desa", "What the villages learned"),
    "activities_by_village": ("Kegiatan per desa", "Activities by village"),
    "not_reported": ("Belum melapor", "Not reported"),
    "code": ("Kode", "Code"),
    "activity": ("Kegiatan", "Activity"),
    "sector": ("Sektor", "Sector"),
    "funding": ("Sumber dana", "Funding"),
    "status": ("Status", "Status"),
    "progress": ("Progres", "Progress"),
    "constraint_category": ("Kategori kendala", "Constraint category"),
    "constraint": ("Kendala", "Constraint"),
    "support_needed": ("Dukungan dibutuhkan", "Support needed"),
    "support_from": ("Pihak pendukung", "Supporting party"),
    "unspecified_agency": ("Belum ditentukan", "Not specified"),
    "none_recorded": ("Tidak ada yang tercatat.", "None recorded."),
    "no_stalled": ("Tidak ada kegiatan yang tidak berjalan.", "No activity is stalled."),
    "matrix": ("Matriks rekomendasi tindak lanjut", "Follow-up recommendation matrix"),
    "matrix_note": (
        "Draf untuk dibahas dan disepakati dalam pertemuan; baris dari putaran sebelumnya "
        "dibawa selama belum selesai.",
        "Draft for the meeting to discuss and agree; rows from earlier rounds are carried "
        "until they are done.",
    ),
    "rec_no": ("No", "No"),
    "issue": ("Masalah", "Issue"),
    "villages_concerned": ("Desa terkait", "Villages"),
    "recommendation": ("Rekomendasi", "Recommendation"),
    "level": ("Tingkat", "Level"),
    "responsible": ("Penanggung jawab", "Responsible"),
    "due": ("Tenggat", "Due"),
    "follow_up_status": ("Status", "Status"),
    "notes": ("Keterangan", "Notes"),
    "origin": ("Asal", "Origin"),
    "origin_agreed": ("Disepakati putaran ini", "Agreed this round"),
    "origin_carried": ("Dibawa dari {round} ({age} lalu)", "Carried from {round} ({age} ago)"),
    "matrix_origin": ("asal (info)", "origin (info)"),
    "matrix_age": ("umur_putaran (info)", "age_rounds (info)"),
    "origin_draft": ("Usulan dari data", "Drafted from the data"),
    "draft_note": (
        "{activities} kegiatan di {villages} desa dengan kendala {category}.",
        "{activities} activities in {villages} villages with {category} constraints.",
    ),
    "data_quality": ("Lampiran: kualitas data", "Annex: data quality"),
    "quarantine_intro": (
        "Baris berikut tidak dihitung dalam angka di atas. Perbaiki di desa lalu kirim ulang.",
        "The rows below are left out of every figure above. Correct them with the village and "
        "send them again.",
    ),
    "warnings_intro": (
        "Peringatan: baris tetap dihitung, tetapi perlu diperiksa.",
        "Warnings: the rows still count, but should be checked.",
    ),
    "no_quarantine": ("Tidak ada baris yang dikarantina.", "No row was quarantined."),
    "no_warnings": ("Tidak ada peringatan.", "No warnings."),
    "file": ("Berkas", "File"),
    "table": ("Tabel", "Table"),
    "row_content": ("Isi baris", "Row content"),
    "to_fix": ("Perbaiki", "To fix"),
    "to_check": ("Periksa", "To check"),
    "corrections_help": (
        "Baris di sheet 'Perbaiki' tidak dihitung sampai diperbaiki: kirim ke desa, perbaiki "
        "berkasnya, lalu jalankan ulang putaran. Baris di sheet 'Periksa' sudah dihitung tetapi "
        "perlu dicek.",
        "Rows on the 'To fix' sheet are not counted until corrected: send them to the village, fix "
        "the file, and run the round again. Rows on the 'To check' sheet count but should be "
        "checked.",
    ),
    "sheet": ("Sheet", "Sheet"),
    "row": ("Baris", "Row"),
    "column": ("Kolom", "Column"),
    "value": ("Nilai", "Value"),
    "problem": ("Masalah", "Problem"),
    "suggestion": ("Saran", "Suggestion"),
    "more_rows": ("… dan {count} baris lainnya (lihat quarantine.csv).",
                  "… and {count} more rows (see quarantine.csv)."),
    "more_warnings": ("… dan {count} peringatan lainnya (lihat warnings.csv).",
                      "… and {count} more warnings (see warnings.csv)."),
    "progress_since": ("Perkembangan sejak pemantauan sebelumnya", "Progress since the previous round"),
    "first_round": ("Ini putaran pertama: belum ada pembanding.",
                    "This is the first round: nothing to compare with yet."),
    "change_stalled_again": ("Tidak berjalan dua putaran berturut-turut", "Stalled two rounds in a row"),
    "change_newly_stalled": ("Baru tidak berjalan", "Newly stalled"),
    "change_disappeared": ("Tidak dilaporkan lagi", "No longer reported"),
    "change_recovered": ("Pulih (berjalan lagi)", "Recovered"),
    "change_newly_completed": ("Baru selesai", "Newly completed"),
    "change_started": ("Mulai berjalan", "Started"),
    "change_new": ("Kegiatan baru dilaporkan", "Newly reported"),
    "change_unchanged": ("Tidak berubah", "Unchanged"),
    "realization_change": ("realisasi {before} → {now}", "realisation {before} → {now}"),
    "kecamatan_compared": ("Perbandingan kecamatan", "Sub-districts compared"),
    "reporting_rate": ("Tingkat pelaporan", "Reporting rate"),
    "share_running": ("Berjalan", "Running"),
    "share_completed": ("Selesai", "Completed"),
    "share_stalled": ("Tidak berjalan", "Stalled"),
    "kabupaten_proposals": ("Usulan yang memerlukan tindakan kabupaten",
                            "Proposals that need district action"),
    "follow_ups": ("Tindak lanjut rekomendasi tingkat kabupaten sebelumnya",
                   "Follow-up of earlier district-level recommendations"),
    "age_rounds": ("Umur (putaran)", "Age (rounds)"),
    "kabupaten_total": ("Total kabupaten", "District total"),
    "sources": ("Angka dalam ringkasan ini berasal dari summary_kecamatan.csv dan "
                "summary_kabupaten.csv putaran yang sama.",
                "Figures in this brief come from the same round's summary_kecamatan.csv and "
                "summary_kabupaten.csv."),
    "matrix_sheet_help": ("Petunjuk", "Instructions"),
    "matrix_help": (
        "Isi atau ubah baris dalam pertemuan. Simpan berkas ini ke folder data/raw/<putaran>/ "
        "agar rekomendasi dan statusnya masuk ke ringkasan berikutnya. Kolom tingkat dan "
        "status_tindak_lanjut memakai daftar pilihan.",
        "Fill in or change rows at the meeting. Save this file into data/raw/<round>/ so the "
        "recommendations and their status flow into the next briefs. The tingkat and "
        "status_tindak_lanjut columns use drop-down lists.",
    ),
}


# Counted nouns: (Indonesian, English singular, English plural).
COUNTED: dict[str, tuple[str, str, str]] = {
    "activity": ("{n} kegiatan", "{n} activity", "{n} activities"),
    "round": ("{n} putaran", "{n} round", "{n} rounds"),
    "request": ("{n} permintaan desa", "{n} village request", "{n} village requests"),
    "proposal": ("{n} usulan di matriks", "{n} matrix proposal", "{n} matrix proposals"),
    "village": ("{n} desa", "{n} village", "{n} villages"),
    "meeting": ("{n} pertemuan", "{n} meeting", "{n} meetings"),
    "stalled": ("{n} tidak berjalan", "{n} stalled", "{n} stalled"),
}


def counted(n: int, noun: str, lang: str) -> str:
    """`3 kegiatan` / `1 activity`, `3 activities`."""
    indonesian, one, many = COUNTED[noun]
    return (indonesian if lang == "id" else one if n == 1 else many).format(n=n)


def label(key: str, lang: str, **fields: object) -> str:
    text = LABELS[key][0 if lang == "id" else 1]
    return text.format(**fields) if fields else text


def labels(lang: str) -> dict[str, str]:
    return {key: label(key, lang) for key in LABELS}
