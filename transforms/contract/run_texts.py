"""What the command line and the Prefect UI say to the person who runs the pipeline (not about
their data: that is messages.py), and the deployment's parameter descriptions, in Indonesian and
English."""

from __future__ import annotations

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
    "distribute_placeholders": (
        "Peringatan: alamat contoh, bukan alamat penerima sebenarnya; ganti alamat contoh di "
        "data/reference/recipients.csv (atau berkas --recipients): {rows}",
        "Warning: placeholder addresses, not real recipients; replace the placeholder addresses "
        "in data/reference/recipients.csv (or the --recipients file): {rows}"),
    "distribute_placeholders_refused": (
        "Tidak dikirim ke alamat contoh; ganti alamat contoh di data/reference/recipients.csv "
        "(atau berkas --recipients), bundel lain tetap dikirim: {rows}",
        "Not sent to placeholder addresses; replace the placeholder addresses in "
        "data/reference/recipients.csv (or the --recipients file), the other bundles go: {rows}"),
    "distribute_placeholder_only": ("hanya alamat contoh: {emails}",
                                    "placeholder addresses only: {emails}"),
    "distribute_placeholder_row": ("baris {row} ({place}: {email})", "row {row} ({place}: {email})"),
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
    # --no-render and briefs kept beside each other (contract §5): the console counts the files
    # the round folder holds, never the plan
    "round_ok_no_render": (
        "{round}: OK — tabel data ditulis; --no-render: tidak ada ringkasan yang dibuat, yang sudah "
        "ada dibiarkan ({kecamatan} ringkasan kecamatan + {kabupaten} ringkasan kabupaten), "
        "{quarantined} baris dikarantina, {warnings} peringatan → {folder}",
        "{round}: OK — data tables written; --no-render: no brief rendered, those already there "
        "are kept ({kecamatan} sub-district briefs + {kabupaten} district briefs), {quarantined} "
        "rows quarantined, {warnings} warnings → {folder}"),
    "briefs_stale": (
        "{round}: {count} ringkasan tidak lagi sesuai data (jalankan tanpa --no-render untuk "
        "memperbaruinya): {briefs}",
        "{round}: {count} briefs no longer match the data (run without --no-render to update "
        "them): {briefs}"),
    # Faults (issue 17): a stopped run, a full disk, a mail server that drops the line
    "run_stopped": (
        "Dihentikan oleh pengguna ({signal}). Putaran yang belum selesai dibiarkan seperti "
        "sebelumnya; jalankan ulang perintah yang sama untuk melanjutkan.",
        "Stopped by the user ({signal}). Rounds not finished are left as they were; run the same "
        "command again to carry on."),
    "disk_full": (
        "Disk penuh di {path}: tersisa {free} MB setelah berkas sementara proses ini dihapus. "
        "Putaran yang belum selesai dibiarkan seperti sebelumnya. Kosongkan ruang (atau pilih "
        "--out di disk lain), lalu jalankan ulang.",
        "Disk full at {path}: {free} MB free once this run's temporary files were removed. Rounds "
        "not finished are left as they were. Free some space (or choose --out on another disk), "
        "then run again."),
    "smtp_dropped": (
        "koneksi ke server e-mail terputus ({error}); dikirim ulang pada `bangkit distribute "
        "--send` berikutnya",
        "the mail server dropped the connection ({error}); sent on the next `bangkit distribute "
        "--send`"),
}


def cli_text(key: str, lang: str, **fields: object) -> str:
    text = CLI_MESSAGES[key][0 if lang == "id" else 1]
    return text.format(**fields) if fields else text


# What a run says in the Prefect UI besides the round's figures: key → (Indonesian, English).
PREFECT_TEXTS: dict[str, tuple[str, str]] = {
    "run_stopped_title": ("Proses berhenti: ada putaran yang tidak dapat diproses",
                          "Run stopped: a round could not be processed"),
    "run_what_to_do": ("Perbaiki berkas yang disebut di bawah, lalu jalankan ulang.",
                       "Fix the files named below, then run again."),
    "problem_sheet": ("Sheet", "Sheet"),
    "problem_column": ("Kolom", "Column"),
    "run_rounds_more": ("{first} … {last} ({count} putaran)", "{first} … {last} ({count} rounds)"),
    "outputs_title": ("Keluaran {round}", "Outputs of {round}"),
    "outputs_copy": ("Salin alamat ini ke pengelola berkas (browser tidak membuka folder lokal "
                     "dari halaman Prefect).",
                     "Copy this address into a file manager (a browser does not open a local "
                     "folder from a Prefect page)."),
    "outputs_where": ("Dibuka dari", "Opened from"),
    "outputs_address": ("Alamat", "Address"),
    "outputs_here": ("Komputer ini (Linux/WSL)", "This computer (Linux/WSL)"),
    "outputs_explorer": ("Windows Explorer", "Windows Explorer"),
}


def prefect_text(key: str, lang: str, **fields: object) -> str:
    text = PREFECT_TEXTS[key][0 if lang == "id" else 1]
    return text.format(**fields) if fields else text


# The deployment's parameters as the Prefect UI's run form describes them (Indonesian: the
# officer starts custom runs there). The flow's docstring carries them: Prefect reads parameter
# descriptions from its Args section.
PARAMETER_HELP: dict[str, str] = {
    "raw_dir": "Folder laporan masuk: satu sub-folder per putaran, mis. data/raw/2025-01 (--raw).",
    "out_dir": "Folder keluaran: tabel bersih, ringkasan PDF, matriks, karantina (--out).",
    "reference_dir": "Folder data rujukan: locations.csv, rounds.csv, recommendation_rules.csv "
                     "(--reference).",
    "rounds": "Putaran yang diproses, mis. [\"2025-01\"]; kosong = semua putaran di folder "
              "laporan (--round).",
    "lang": "Bahasa ringkasan dan matriks: id (Indonesia) atau en (Inggris) (--lang).",
    "preview": "Juga simpan halaman 1 setiap ringkasan sebagai PNG di folder preview/ putarannya "
               "(--preview).",
    "render": "Buat ringkasan PDF, matriks dan berkas perbaikan; mati = hanya tabel data "
              "(--no-render).",
    "workers": "Jumlah proses yang membuat ringkasan PDF (--workers).",
    "dask_address": "Alamat scheduler Dask (tcp://HOST:PORT) atau 'local'; kosong = tanpa Dask "
                    "(--dask-address).",
    "worker_memory_mb": "Batas memori per proses pembuat ringkasan, dalam MB.",
}
