"""The headings and words of the briefs and workbooks, in Indonesian and English (what the
command line and the Prefect UI say is in run_texts.py; what is said of the data, messages.py)."""

from __future__ import annotations

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
    "mail_body_without_corrections": (  # mail_body less the corrections it does not carry
        "Yth. {names},\n\nTerlampir bahan rapat koordinasi {place} untuk {round}:\n{files}\n\n"
        "Matriks rekomendasi dapat diisi dalam rapat dan dikirim kembali ke tim Monev.\n\n"
        "Salam,\nTim Monev Program BangKIT\n",
        "Dear {names},\n\nAttached are the coordination meeting materials of {place} for {round}:"
        "\n{files}\n\nThe recommendation matrix can be filled in at the meeting and sent back to "
        "the M&E team.\n\nRegards,\nBangKIT Programme M&E team\n"),
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
    "not_reported": ("Belum melapor", "Not reported"),  # villages without a report
    # A figure no row of the place carried a value for (contract §4): never shown as 0 or Rp0.
    "figure_not_reported": ("tidak dilaporkan", "not reported"),
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
        "Isi atau ubah baris dalam pertemuan. Kolom tingkat dan status_tindak_lanjut memakai "
        "daftar pilihan; kolom abu-abu (info) hanya untuk dibaca. Lembar tersembunyi "
        "'identitas' mencatat putaran dan kecamatan matriks ini: jangan diubah.",
        "Fill in or change rows at the meeting. The tingkat and status_tindak_lanjut columns use "
        "drop-down lists; the grey (info) columns are for reading only. The hidden sheet "
        "'identitas' records this matrix's round and kecamatan: do not change it.",
    ),
    # Drop-downs and the blank template's instructions sheet (flows/workbooks.py).
    "dropdown_error_title": ("Tidak ada di daftar", "Not in the list"),
    "dropdown_error": (
        "Nilai ini tidak ada di daftar pilihan. Pilih 'Ya' untuk tetap menyimpannya (misalnya "
        "nama lain yang sudah dikenal), atau 'Tidak' untuk memperbaikinya.",
        "This value is not in the list. Choose 'Yes' to keep it anyway (e.g. a known other "
        "name), or 'No' to correct it.",
    ),
    "template_help_title": ("Blanko pemantauan Program BangKIT: petunjuk",
                            "Program BangKIT monitoring template: instructions"),
    "template_help_save": (
        "Isi satu baris per desa (sheet desa), per kegiatan (kegiatan), per pertemuan "
        "(pertemuan) dan per rekomendasi (rekomendasi). Jangan ubah nama sheet atau judul "
        "kolom; arahkan kursor ke judul kolom untuk penjelasannya. Simpan berkas yang sudah "
        "diisi sebagai .xlsx ke folder putarannya, data/raw/<putaran>/ (misalnya "
        "data/raw/2025-01/), lalu jalankan bangkit run. Sheet Petunjuk ini dilewati.",
        "Fill in one row per village (sheet desa), per activity (kegiatan), per meeting "
        "(pertemuan) and per recommendation (rekomendasi). Do not rename the sheets or column "
        "headers; point at a header for its explanation. Save the filled file as .xlsx into "
        "its round's folder, data/raw/<round>/ (e.g. data/raw/2025-01/), then run bangkit run. "
        "This Instructions sheet is skipped.",
    ),
    "template_help_sheets": ("Sheet", "Sheet"),
    "template_help_about": ("Isinya", "What it holds"),
    "template_help_choices": ("Kolom dengan daftar pilihan", "Columns with a drop-down list"),
    "template_help_choice_values": ("Pilihan", "Choices"),
    "template_help_warning": (
        "Nilai di luar daftar memunculkan peringatan, tetapi boleh disimpan: pipeline mengenal "
        "nama lain (sinonim) dan melaporkan nilai yang tidak dikenal di buku koreksi.",
        "A value outside the list brings up a warning but may be kept: the pipeline knows other "
        "names (synonyms) and reports values it does not know in the corrections workbook.",
    ),
    "template_help_places": ("nama resmi dari data/reference ({count} nama)",
                             "official names from data/reference ({count} names)"),
    # The round's validation page, validation/index.html (flows/validation_page.py): every label
    # is shown in both languages.
    "vdocs_title": ("Validasi aturan kolom, putaran", "Column-rule validation, round"),
    "vdocs_intro": (
        "Aturan kolom dari kontrak data, diperiksa oleh Great Expectations {version} pada baris "
        "putaran ini setelah dibaca dan nama tempatnya dicocokkan.",
        "The data contract's column rules, checked by Great Expectations {version} on this "
        "round's rows after they were read and their place names matched.",
    ),
    "vdocs_summary": ("Ringkasan", "Summary"),
    "vdocs_table": ("Tabel", "Table"),
    "vdocs_rows": ("Baris", "Rows"),
    "vdocs_rules": ("Aturan", "Rules"),
    "vdocs_rules_failed": ("Aturan yang gagal", "Rules failed"),
    "vdocs_column": ("Kolom", "Column"),
    "vdocs_rule": ("Aturan", "Rule"),
    "vdocs_result": ("Hasil", "Result"),
    "vdocs_passed": ("Lolos", "Passed"),
    "vdocs_failed": ("Gagal", "Failed"),
    "vdocs_failed_rows": ("Baris gagal", "Failing rows"),
    "vdocs_examples": ("Contoh nilai", "Example values"),
    "vdocs_expectation": ("Ekspektasi GX", "GX expectation"),
    "vdocs_check_not_null": ("wajib diisi", "required"),
    "vdocs_check_in_set": ("salah satu dari", "one of"),
    "vdocs_check_between": ("dalam batas", "within"),
    "vdocs_where_rows": (
        "Baris yang gagal (berkas, sheet, baris) ada di quarantine.csv dan di buku koreksi "
        "setiap kecamatan (folder corrections/).",
        "The failing rows (file, sheet, row) are in quarantine.csv and in each sub-district's "
        "corrections workbook (folder corrections/).",
    ),
    "vdocs_no_tables": ("Putaran ini tidak punya baris untuk diperiksa.",
                        "This round has no rows to check."),
    # A kecamatan no village reported for: a short brief that says so, not pages of zeros; the
    # kabupaten brief names such kecamatan first.
    "no_report_title": ("Belum ada laporan", "No report yet"),
    "no_report_notice": (
        "Belum ada desa di Kecamatan {kecamatan} yang melapor untuk {round} (0 dari {target} desa). "
        "Ringkasan ini tidak memuat angka, grafik atau daftar kegiatan: belum ada yang dapat dihitung.",
        "No village of sub-district {kecamatan} has reported for {round} (0 of {target} villages). "
        "This brief has no figures, charts or activity lists: there is nothing to count yet."),
    "no_report_todo": (
        "Yang perlu dilakukan: kumpulkan laporan desa, simpan berkasnya ke folder putaran ini "
        "(data/raw/{round_id}/), lalu jalankan ulang bangkit run. Ringkasan lengkap dibuat begitu "
        "ada laporan yang masuk.",
        "What to do: collect the villages' returns, save the files into this round's folder "
        "(data/raw/{round_id}/) and run bangkit run again. The full brief is made as soon as a "
        "report is in."),
    "no_report_missing": ("Desa yang belum melapor", "Villages that have not reported"),
    "no_report_last": ("Terakhir melapor", "Last reported"),
    "no_report_never": ("belum pernah, dalam putaran yang tercatat", "never, in the rounds on record"),
    "no_report_quarantined": (
        "{count} baris dari kecamatan ini dikarantina dan tidak dihitung: lihat lampiran kualitas "
        "data, perbaiki bersama desa, lalu kirim ulang.",
        "{count} rows from this sub-district were quarantined and are not counted: see the "
        "data-quality annex, correct them with the villages and send them again."),
    "no_report_row": ("belum ada laporan desa: lihat ringkasan kecamatannya",
                      "no village report yet: see its sub-district brief"),
    "kabupaten_no_report": (
        "Belum ada laporan dari kecamatan berikut untuk putaran ini: {names}. Kecamatan ini ditulis "
        "paling atas dalam perbandingan.",
        "No report yet from these sub-districts for this round: {names}. They come first in the "
        "comparison."),
}

# The matrix's way back (contract §4): its instructions sheet names its round and kecamatan and
# the exact folder it goes into once filled in.
LABELS.update({
    "matrix_identity_line": (
        "Matriks rekomendasi Kecamatan {kecamatan}, Kabupaten {kabupaten}, untuk putaran "
        "{round_id} ({round}).",
        "Recommendation matrix of Kecamatan {kecamatan}, Kabupaten {kabupaten}, for round "
        "{round_id} ({round}).",
    ),
    "matrix_where_line": (
        "Setelah rapat, simpan berkas ini di folder data/raw/{round_id}/ (folder putaran "
        "{round_id}, bukan folder putaran berikutnya) sebagai .xlsx; namanya boleh tetap. Lalu "
        "jalankan bangkit run. Isinya menggantikan rekomendasi Kecamatan {kecamatan} putaran "
        "{round_id} dari berkas lain, masuk ke ringkasan putaran itu, dan statusnya dibawa ke "
        "matriks putaran berikutnya.",
        "After the meeting, save this file in the folder data/raw/{round_id}/ (the folder of round "
        "{round_id}, not the next round's) as .xlsx; its name may stay. Then run bangkit run. Its "
        "rows replace Kecamatan {kecamatan}'s recommendations of round {round_id} from other "
        "files, go into that round's briefs, and their status carries into the next round's "
        "matrix.",
    ),
})


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
