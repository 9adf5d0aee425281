"""Message catalogue: every sentence a user reads about their data, in Indonesian and English.

Templates use `str.format` fields: {file}, {sheet}, {row}, {column}, {header}, {value},
{expected}, {table}, {candidates}, {here}, {others}, {round}, {line}, {char}; a field may be
`Bilingual` (its text chosen by language).
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.contract.bilingual_fields import in_lang

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
        "'{value}' tidak boleh negatif. Bila angka ini dibuka di LibreOffice berbahasa Indonesia "
        "dari tulisan Rp…,- (mis. Rp114.500.000,-), LibreOffice membacanya sebagai negatif: "
        "tulis angkanya tanpa ,- atau atur kolom sebagai Teks sebelum menempel.",
        "'{value}' must not be negative. If this figure was written Rp…,- (e.g. Rp114.500.000,-) "
        "and opened in LibreOffice with an Indonesian locale, LibreOffice read it as negative: "
        "write it without ,- or format the column as Text before pasting.",
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
        "Baris ini ({here}) dan {others} memakai kunci yang sama ({value}) tetapi isinya "
        "berbeda; tidak dapat dipastikan mana yang benar. Perbaiki atau hapus salah satunya.",
        "This row ({here}) and {others} share the key ({value}) but differ; no one can tell "
        "which is right. Correct or delete one of them.",
    ),
    "constraint_category_missing": (
        "Kendala diisi tetapi kategori_kendala kosong.",
        "A constraint is given but kategori_kendala is empty.",
    ),
}

WARNING_MESSAGES: dict[str, tuple[str, str]] = {
    "exact_duplicate": (
        "Baris ini ({here}) sama persis dengan {others}; dihitung satu kali.",
        "This row ({here}) is identical to {others}; it is counted once.",
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
    "column_numbers_skipped": (
        "Baris nomor kolom ({value}) di bawah judul kolom bukan data dan dilewati.",
        "The row of column numbers ({value}) under the header is not data and was skipped.",
    ),
    "totals_row_skipped": (
        "Baris jumlah ({value}) bukan data dan dilewati; jumlah dihitung ulang dari baris desa.",
        "The totals row ({value}) is not data and was skipped; totals are recomputed from the rows.",
    ),
    "signature_skipped": (
        "Baris tanda tangan ({value}) di bawah data bukan data dan dilewati.",
        "The signature line ({value}) below the data is not data and was skipped.",
    ),
    "text_saved_as_ansi": (
        "Berkas {value} disimpan sebagai ANSI; lain kali simpan sebagai CSV UTF-8.",
        "File {value} was saved as ANSI; save as CSV UTF-8 next time.",
    ),
    # Files from the field (issue 15)
    "error_cell": (
        "Sel {value} berisi galat rumus dan dibaca kosong (tidak dilaporkan). Perbaiki rumusnya "
        "atau ketik angkanya, lalu kirim ulang.",
        "Cell {value} holds a formula error and was read as empty (not reported). Fix the formula "
        "or type the figure, then send the file again.",
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
        "Berkas {file} bukan .xlsx, .xls, .ods, .csv, .tsv, .txt atau .zip ODK Central; pindahkan "
        "dari folder putaran atau simpan ulang.",
        "File {file} is not .xlsx, .xls, .ods, .csv, .tsv, .txt or an ODK Central .zip; move it "
        "out of the round folder or save it again.",
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
    # a zipped workbook checked as it is inflated (flows/zip_guard.py)
    "zip_size_lie": (
        "Berkas {file} rusak: bagiannya {value} berisi lebih banyak data daripada yang tercatat "
        "di berkas, sehingga tidak dibuka. Minta pengirim menyimpan ulang dari Excel (Simpan "
        "Sebagai → Excel Workbook (.xlsx)) dan mengirimnya lagi.",
        "File {file} is damaged: its part {value} holds more data than the file records, so it "
        "is not opened. Ask the sender to save it again from Excel (Save As → Excel Workbook "
        "(.xlsx)) and send it again.",
    ),
    "cell_too_long": (
        "Berkas {file}: satu sel (di {value}) berisi lebih dari {expected} karakter, batas satu "
        "sel (Excel sendiri menyimpan paling banyak 32.767). Periksa apakah ini berkas yang benar; "
        "pindahkan teks panjang itu ke berkas lain.",
        "File {file}: one cell (in {value}) holds more than {expected} characters, the limit for "
        "one cell (Excel itself stores at most 32,767). Check that it is the right file; move "
        "that long text to another file.",
    ),
    "xml_doctype": (
        "Berkas {file} berisi deklarasi XML (DOCTYPE/ENTITY di {value}) yang tidak pernah ditulis "
        "Excel atau LibreOffice, dan tidak dibuka demi keamanan. Buka di Excel lalu Simpan "
        "Sebagai → Excel Workbook (.xlsx).",
        "File {file} holds XML declarations (DOCTYPE/ENTITY in {value}) that Excel and "
        "LibreOffice never write, and is not opened, for safety. Open it in Excel and Save As → "
        "Excel Workbook (.xlsx).",
    ),
    "undecodable_text": (
        "Berkas {file} tidak dapat dibaca sebagai teks {expected}: baris {line}, karakter ke-{char} "
        "({value}). Buka di Excel lalu Simpan Sebagai → CSV UTF-8 (Comma delimited).",
        "File {file} cannot be read as {expected} text: line {line}, character {char} ({value}). "
        "Open it in Excel and Save As → CSV UTF-8 (Comma delimited).",
    ),
    "file_misnamed": (
        "Berkas {file} bernama {expected} tetapi isinya {value}. Buka di program yang membuatnya "
        "lalu Simpan Sebagai → Excel Workbook (.xlsx), atau perbaiki akhiran nama berkas.",
        "File {file} is named {expected} but holds {value}. Open it in the program that made it "
        "and Save As → Excel Workbook (.xlsx), or correct the file name's ending.",
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
    # Files from the field (issue 15): what to do in the software the officer has.
    "no_known_sheet": (
        "Berkas {file} tidak berisi sheet yang dikenal. Sheet yang ada: {value}. Ganti nama sheet "
        "data menjadi salah satu dari {expected} (klik kanan tab sheet → Ganti Nama), lalu simpan.",
        "File {file} holds no sheet with a known name. Its sheets: {value}. Rename the data sheet to "
        "one of {expected} (right-click the sheet tab → Rename), then save.",
    ),
    "kobo_export_unplaced": (
        "Berkas {where}: ekspor KoboToolbox/ODK ini tidak dapat dipetakan ke formulir program "
        "({value}). Ekspor ulang di KoboToolbox: DATA → Downloads → XLS, pilih \"XML values and "
        "headers\"; atau di ODK Central: Submissions → Download → CSV zip.",
        "File {where}: this KoboToolbox/ODK export cannot be matched to the programme's form "
        "({value}). Export again in KoboToolbox: DATA → Downloads → XLS with \"XML values and "
        "headers\"; or in ODK Central: Submissions → Download → CSV zip.",
    ),
    "file_is_numbers": (
        "Berkas {file} dibuat Apple Numbers dan tidak dapat dibaca. Di Numbers: File → Ekspor Ke → "
        "Excel…, lalu letakkan berkas .xlsx itu di folder putaran.",
        "File {file} was made by Apple Numbers and cannot be read. In Numbers: File → Export To → "
        "Excel…, then put that .xlsx in the round folder.",
    ),
    "file_is_pdf": (
        "Berkas {file} adalah PDF; angkanya tidak dapat dibaca dari PDF. Minta berkas Excel atau "
        "CSV aslinya dari desa, atau ketik datanya ke templat .xlsx; pindahkan PDF dari folder putaran.",
        "File {file} is a PDF; its figures cannot be read from a PDF. Ask the village for the "
        "original Excel or CSV file, or type the data into the .xlsx template; move the PDF out "
        "of the round folder.",
    ),
    "file_is_image": (
        "Berkas {file} adalah gambar (foto atau pindaian); angkanya tidak dapat dibaca. Ketik datanya "
        "ke templat .xlsx, atau minta berkas Excel/CSV aslinya; pindahkan gambar dari folder putaran.",
        "File {file} is an image (a photo or a scan); its figures cannot be read. Type the data "
        "into the .xlsx template, or ask for the original Excel/CSV file; move the image out of "
        "the round folder.",
    ),
    "file_is_document": (
        "Berkas {file} adalah dokumen pengolah kata. Salin tabelnya ke Excel atau LibreOffice Calc "
        "lalu Simpan Sebagai → Excel Workbook (.xlsx).",
        "File {file} is a word-processor document. Copy its table into Excel or LibreOffice Calc "
        "and Save As → Excel Workbook (.xlsx).",
    ),
    # places whose names give one slug would share one brief, matrix and e-mail bundle
    "reference_kabupaten_slug_shared": (
        "Data referensi {file}: kabupaten {value} (nomor baris dalam kurung) menjadi satu nama "
        "folder '{expected}', sehingga brief, matriks dan e-mail mereka akan tertukar. Jika itu "
        "tempat yang sama, pakai satu ejaan dan tulis ejaan lainnya di kolom aliases; jika "
        "berbeda, bedakan namanya lebih dari huruf besar/kecil, aksen atau tanda baca.",
        "Reference data {file}: kabupaten {value} (row numbers in brackets) become one folder "
        "name '{expected}', so their briefs, matrices and e-mails would be mixed up. If they are "
        "one place, use one spelling and put the others in the aliases column; if they differ, "
        "make the names differ by more than case, accents or punctuation.",
    ),
    "reference_kecamatan_slug_shared": (
        "Data referensi {file}: kecamatan {value} di kabupaten {table} (nomor baris dalam "
        "kurung) menjadi satu nama berkas '{expected}', sehingga brief, matriks dan e-mail "
        "mereka akan tertukar. Jika itu tempat yang sama, pakai satu ejaan dan tulis ejaan "
        "lainnya di kolom aliases; jika berbeda, bedakan namanya lebih dari huruf besar/kecil, "
        "aksen atau tanda baca.",
        "Reference data {file}: kecamatan {value} in kabupaten {table} (row numbers in "
        "brackets) become one file name '{expected}', so their briefs, matrices and e-mails "
        "would be mixed up. If they are one place, use one spelling and put the others in the "
        "aliases column; if they differ, make the names differ by more than case, accents or "
        "punctuation.",
    ),
    # Faults and hostile settings (issue 17): outputs never replace what the run reads
    "out_overlaps_input": (
        "Folder keluaran {file} sama dengan, berada di dalam, atau berisi folder {column} "
        "({value}): proses akan menghapus berkas yang dibacanya. Pilih folder keluaran lain "
        "(--out, atau out di bangkit.toml), misalnya data/processed.",
        "The output folder {file} is, is inside, or contains the {column} folder ({value}): the "
        "run would delete the files it reads. Choose another output folder (--out, or out in "
        "bangkit.toml), for example data/processed.",
    ),
}


# The meeting's matrix comes back (contract §4): what its rows replaced, a copy in the wrong
# round's folder, and where a row is, named in full ({here}, {others}: see `where_text`).
WARNING_MESSAGES.update({
    "replaced_by_matrix": (
        "Baris ini ({here}) diganti oleh matriks rapat {expected} (Kecamatan {kecamatan}, putaran "
        "{round}) dan tidak dihitung lagi. {outcome}",
        "This row ({here}) is replaced by the meeting's matrix {expected} (Kecamatan {kecamatan}, "
        "round {round}) and no longer counts. {outcome}",
    ),
})
FILE_MESSAGES.update({
    "matrix_wrong_round": (
        "Berkas {file} adalah matriks rekomendasi {value} untuk putaran {expected}, bukan untuk "
        "putaran folder ini, jadi isinya tidak dibaca. Simpan di folder {folder} (putaran "
        "{expected}) lalu jalankan lagi.",
        "File {file} is the recommendation matrix of {value} for round {expected}, not for this "
        "folder's round, so it is not read. Save it in the folder {folder} (round {expected}) and "
        "run again.",
    ),
})
ALL_MESSAGES: dict[str, tuple[str, str]] = {**ROW_MESSAGES, **WARNING_MESSAGES, **FILE_MESSAGES}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def message(code: str, lang: str, **fields: object) -> str:
    template_id, template_en = ALL_MESSAGES[code]
    template = template_id if lang == "id" else template_en
    return template.format_map(_Blank({k: "" if v is None else v for k, v in in_lang(lang, fields).items()}))


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
    line: int = 0  # of a text file, from 1, as an editor shows it
    char: int = 0  # character (not byte) within that line, from 1
    folder: str = ""  # the folder a file belongs in (a matrix saved into another round's folder)

    def text(self, lang: str) -> str:
        where = f"{self.file}, sheet {self.sheet}" if self.sheet else self.file
        return message(self.code, lang, file=self.file, sheet=self.sheet, column=self.column,
                       table=self.table, value=self.value, expected=self.expected, where=where,
                       line=self.line, char=self.char, folder=self.folder)


class InputFileError(Exception):
    """Raised when a file of a round cannot be used at all."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.text("en") for p in problems))

    def bilingual(self) -> str:
        return "\n".join(f"{p.text('id')}\n  ({p.text('en')})" for p in self.problems)
