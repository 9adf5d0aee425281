"""End to end: the real Prefect flow on fixture rounds, outputs read back. Tests that only read a
finished run share the session's (`rendered`); a test that changes inputs makes its own run."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import Bangkit, Rendered
from tests.fixtures import (
    ACTIVITY_HEADERS,
    REC_HEADERS,
    act,
    basic_round,
    write_csv,
)
from tests.pdftext import flat, key_figures, pdf_text
from transforms.contract.outputs import SUMMARY_COLUMNS, SUMMARY_KABUPATEN_COLUMNS


@pytest.fixture
def finished(rendered: Rendered) -> Path:
    """The session's cold run of the basic round, read-only."""
    return rendered.round_dir


def test_every_output_of_the_contract(finished: Path) -> None:
    for table in ("villages", "activities", "meetings", "recommendations"):
        assert (finished / "clean" / f"{table}.parquet").is_file()
    for name in ("quarantine.csv", "warnings.csv", "summary_kecamatan.csv",
                 "summary_kabupaten.csv", "manifest.json"):
        assert (finished / name).is_file()
    briefs = sorted(p.relative_to(finished).as_posix() for p in (finished / "briefs").rglob("*.pdf"))
    assert briefs == [
        "briefs/seram-bagian-timur/gorom-timur.pdf", "briefs/seram-bagian-timur/kabupaten.pdf",
        "briefs/seram-bagian-timur/pulau-gorom.pdf", "briefs/seram-bagian-timur/teluk-waru.pdf",
        "briefs/sumba-barat-daya/kabupaten.pdf", "briefs/sumba-barat-daya/loura.pdf",
    ]
    matrices = sorted(p.name for p in (finished / "matrix").rglob("*.xlsx"))
    assert matrices == ["gorom-timur.xlsx", "loura.xlsx", "pulau-gorom.xlsx", "teluk-waru.xlsx"]
    assert (finished / "validation" / "index.html").is_file()


def test_summaries_follow_the_contract(finished: Path) -> None:
    kec = pd.read_csv(finished / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    kab = pd.read_csv(finished / "summary_kabupaten.csv", dtype=str, keep_default_na=False)
    assert tuple(kec.columns) == SUMMARY_COLUMNS
    assert tuple(kab.columns) == SUMMARY_KABUPATEN_COLUMNS
    tw = kec.set_index("kecamatan").loc["Teluk Waru"]
    assert tw["villages_target"] == "2" and tw["villages_reported"] == "2"
    assert tw["reporting_rate_pct"] == "100.0"
    assert (tw["activities_total"], tw["activities_running"], tw["activities_completed"],
            tw["activities_stalled"]) == ("3", "1", "1", "1")
    assert tw["budget_planned"] == "35000000"  # 10 juta + 20.000.000 + 5 jt
    assert tw["budget_realized"] == "10000000"  # 5 juta + Rp5.000.000,- (blank skipped)
    assert tw["budget_realization_pct"] == "66.7"  # over rows with both filled: 10 / 15
    assert tw["mean_progress_pct"] == "56.7"
    assert tw["meeting_participants_total"] == "18"
    pg = kec.set_index("kecamatan").loc["Pulau Gorom"]
    assert (pg["meetings"], pg["meeting_participants_male"], pg["meeting_participants_female"]) == (
        "2", "17", "7")
    assert pg["villages_target"] == "3" and pg["reporting_rate_pct"] == "33.3"
    sbt = kab.set_index("kabupaten").loc["Seram Bagian Timur"]
    assert sbt["villages_target"] == "8" and sbt["meetings"] == "4"
    assert sbt["mean_progress_pct"] == "42.0"  # mean over activities: (50+20+100+0+40)/5
    assert sbt["meeting_participants_total"] == str(18 + 15 + 12 + 12)


def test_pdfs_carry_the_summary_figures(finished: Path) -> None:
    kec = pd.read_csv(finished / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    for row in kec.to_dict("records"):
        kab_slug = row["kabupaten"].lower().replace(" ", "-")
        pdf = finished / "briefs" / kab_slug / f"{row['kecamatan'].lower().replace(' ', '-')}.pdf"
        text = flat(pdf_text(pdf))
        assert f"Kecamatan {row['kecamatan']}" in text
        for phrase in key_figures(row):
            assert phrase in text, (pdf.name, phrase)
    kab = pd.read_csv(finished / "summary_kabupaten.csv", dtype=str, keep_default_na=False)
    for row in kab.to_dict("records"):
        pdf = finished / "briefs" / row["kabupaten"].lower().replace(" ", "-") / "kabupaten.pdf"
        text = flat(pdf_text(pdf))
        for phrase in key_figures(row):
            assert phrase in text, (pdf.name, phrase)


def test_brief_content(finished: Path) -> None:
    text = flat(pdf_text(finished / "briefs/seram-bagian-timur/teluk-waru.pdf"))
    assert "10 Agustus 2024" in text
    assert "Pipa belum datang" in text and "Dinas PUPR" in text
    assert "Simpan bahan sebelum musim ombak" in text
    assert "TW-SOL-02" in text and "Tidak berjalan" in text
    assert "Apa yang berjalan Solang: Pengadaan bibit kambing (50,0%)" in text
    assert "Matriks rekomendasi tindak lanjut" in text
    kab = flat(pdf_text(finished / "briefs/seram-bagian-timur/kabupaten.pdf"))
    for kecamatan in ("Teluk Waru", "Gorom Timur", "Pulau Gorom"):
        assert kecamatan in kab
    assert "Dinas PUPR" in kab  # the drafted district-level proposal, grouped by agency


def test_matrix_workbook_goes_back_in(finished: Path, bangkit: Bangkit, reference_dir: Path,
                                      tmp_path: Path) -> None:
    matrix = finished / "matrix/seram-bagian-timur/teluk-waru.xlsx"
    workbook = load_workbook(matrix)
    sheet = workbook["rekomendasi"]
    assert [c.value for c in sheet[1]] == [*REC_HEADERS, "asal (info)", "umur_putaran (info)"]
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape"
    assert {str(v.sqref).split(":")[0][0] for v in sheet.data_validations.dataValidation} == {"G", "J"}
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows and rows[0][6] == "kabupaten" and rows[0][7] == "Dinas PUPR"
    # Staff agree the matrix at the meeting and drop it into the next run's round folder.
    raw = tmp_path / "raw2"
    folder = basic_round(raw)
    sheet.cell(row=2, column=10, value="proses")
    workbook.save(folder / "matriks_teluk_waru.xlsx")
    out = tmp_path / "out2"
    assert bangkit.run(raw, out, reference_dir).exit_code == 0
    recs = pd.read_parquet(out / "2024-07/clean/recommendations.parquet")
    assert list(recs["status"]) == ["proses"] and list(recs["kecamatan"]) == ["Teluk Waru"]


def test_manifest_hashes_every_output(finished: Path) -> None:
    manifest = json.loads((finished / "manifest.json").read_text())
    assert manifest["round_id"] == "2024-07"
    assert set(manifest["inputs"]) == {"sbt_desa.csv", "sbt_kegiatan.csv", "sbd.xlsx", "pertemuan.csv"}
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((finished / name).read_bytes()).hexdigest() == digest
    assert "briefs/seram-bagian-timur/teluk-waru.pdf" in manifest["outputs"]
    assert manifest["code"]["source_sha256"]


def test_missing_required_column_stops_the_round(bangkit: Bangkit, rendered_copy: Rendered) -> None:
    finished, raw_dir, reference_dir = rendered_copy.round_dir, rendered_copy.raw, rendered_copy.reference
    before = {p: p.read_bytes() for p in finished.rglob("*") if p.is_file()}
    headers = [h for h in ACTIVITY_HEADERS if h != "status"]
    rows = [r[:9] + r[10:] for r in [act("Solang", "X1")]]
    write_csv(raw_dir / "2024-07" / "sbt_kegiatan.csv", headers, rows)
    result = bangkit.run(raw_dir, finished.parent, reference_dir, "--round", "2024-07")
    assert result.exit_code == 2
    assert "sbt_kegiatan.csv" in result.output and "'status'" in result.output
    assert "kolom wajib" in result.output and "required column" in result.output
    after = {p: p.read_bytes() for p in finished.rglob("*") if p.is_file()}
    assert after == before
    # no staging folder left behind (the lock file of the output folder stays, empty)
    assert [p.name for p in finished.parent.iterdir() if p.name.startswith(".")] == [".bangkit.lock"]


def test_corrupt_workbook_stops_the_round(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                          tmp_path: Path) -> None:
    (raw_dir / "2024-07" / "rusak.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = bangkit.run(raw_dir, tmp_path / "out", reference_dir)
    assert result.exit_code == 2
    assert "rusak.xlsx" in result.output
    assert not (tmp_path / "out" / "2024-07").exists()


def test_english_briefs(bangkit: Bangkit, rendered: Rendered, tmp_path: Path) -> None:
    out = tmp_path / "en"
    assert bangkit.run(rendered.raw, out, rendered.reference, "--lang", "en").exit_code == 0
    text = flat(pdf_text(out / "2024-07/briefs/seram-bagian-timur/teluk-waru.en.pdf"))
    assert "Sub-district Coordination Brief" in text and "10 August 2024" in text
    assert "IDR 10,000,000 / IDR 35,000,000" in text


def test_recommendations_carry_over(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                    tmp_path: Path) -> None:
    write_csv(raw_dir / "2024-07" / "rekomendasi.csv", REC_HEADERS, [
        ["SBT", "Teluk Waru", "1", "Bibit terlambat", "Solang", "Percepat pengadaan bibit",
         "kabupaten", "Dinas Pertanian", "Desember 2024", "baru", ""],
        ["SBT", "Teluk Waru", "2", "Rapat desa", "Madak", "Jadwalkan rapat", "desa", "", "",
         "selesai", ""],
    ])
    second = raw_dir / "2024-10"
    write_csv(second / "kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "TW-SOL-01", "selesai", progress=100, realized="10 juta"),
    ])
    out = tmp_path / "out"
    assert bangkit.run(raw_dir, out, reference_dir).exit_code == 0
    matrix = load_workbook(out / "2024-10/matrix/seram-bagian-timur/teluk-waru.xlsx")["rekomendasi"]
    rows = list(matrix.iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[9]) for r in rows] == [("1", "baru")]  # the open one; the done one is not
    text = flat(pdf_text(out / "2024-10/briefs/seram-bagian-timur/teluk-waru.pdf"))
    assert "Percepat pengadaan bibit" in text and "Dibawa dari" in text
    assert "Jadwalkan rapat" not in text
    district = flat(pdf_text(out / "2024-10/briefs/seram-bagian-timur/kabupaten.pdf"))
    assert "Tindak lanjut rekomendasi tingkat kabupaten sebelumnya" in district
    assert "Teluk Waru 1 Bibit terlambat Dinas Pertanian Pemantauan I (Juli" in district
    assert "(Juli 1 Baru" in district or "(Juli 2024) 1 Baru" in district  # one round old, still new
    warnings = pd.read_csv(out / "2024-10/warnings.csv")
    assert "activity_missing_since_last_round" in set(warnings["code"])


def test_village_text_is_shown_literally(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                        tmp_path: Path) -> None:
    hostile = '<img src="file:///etc/passwd"> <b>tebal</b> ' + "x" * 300
    write_csv(raw_dir / "2024-07" / "sbt_kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "TW-SOL-09", "macet", constraint=hostile, category="dana",
            support="=HYPERLINK(\"http://evil\")", support_from="Dinas PMD",
            lesson="Catatan panjang " * 300),
    ])
    out = tmp_path / "out"
    assert bangkit.run(raw_dir, out, reference_dir).exit_code == 0
    pdf = out / "2024-07/briefs/seram-bagian-timur/teluk-waru.pdf"
    text = flat(pdf_text(pdf))
    assert '<img src="file:///etc/passwd">' in text and "<b>tebal</b>" in text
    assert b"root:x:0" not in pdf.read_bytes()


def test_same_inputs_give_the_same_files(finished: Path, bangkit: Bangkit, rendered: Rendered,
                                         tmp_path: Path) -> None:
    again = tmp_path / "again"  # a second cold run of the same inputs, later, elsewhere
    assert bangkit.run(rendered.raw, again, rendered.reference).exit_code == 0
    kept = (".pdf", ".xlsx", ".csv", ".parquet")

    def digests(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in folder.rglob("*") if p.is_file() and p.suffix in kept}
    first, second = digests(finished), digests(again / "2024-07")
    assert first == second and any(name.endswith(".pdf") for name in first)


def test_default_paths_from_the_project_folder(bangkit: Bangkit, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`bangkit run` with no path options, as Quick start runs it: relative data/ paths."""
    from tests.fixtures import write_reference

    basic_round(tmp_path / "data" / "raw")
    write_reference(tmp_path / "data" / "reference")
    monkeypatch.chdir(tmp_path)
    result = bangkit("run")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "data/processed/2024-07/briefs").rglob("*.pdf"))) == 6
    assert (tmp_path / "data/processed/2024-07/validation/index.html").is_file()


def test_correction_workbooks_list_what_to_send_back(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                                    tmp_path: Path) -> None:
    write_csv(raw_dir / "2024-07" / "tambahan_kegiatan.csv", ACTIVITY_HEADERS, [
        act("Madak", "TW-MAD-09", progress=150),
        act("Solang", "TW-SOL-01", "Sedang berjalan", progress=50),  # exact duplicate: to check
        act("SBT", "X", kec="Kecamatan Entah"),  # kecamatan unknown: kabupaten workbook
    ])
    out = tmp_path / "out"
    assert bangkit.run(raw_dir, out, reference_dir).exit_code == 0
    folder = out / "2024-07" / "corrections"
    assert (folder / "seram-bagian-timur/gorom-timur.xlsx").is_file()  # every kecamatan gets one
    sheets = pd.read_excel(folder / "seram-bagian-timur/teluk-waru.xlsx", sheet_name=None, dtype=str)
    assert list(sheets) == ["Perbaiki", "Periksa", "Petunjuk"]
    fix = sheets["Perbaiki"]
    assert list(fix.columns[:4]) == ["Berkas", "Sheet", "Baris", "Tabel"]
    assert fix.loc[0, "Berkas"] == "tambahan_kegiatan.csv" and fix.loc[0, "Baris"] == "2"
    assert fix.loc[0, "Desa"] == "Madak" and "150" in fix.loc[0, "Masalah"]
    assert "kode_kegiatan: TW-MAD-09" in fix.loc[0, "Isi baris"]
    assert "exact_duplicate" not in set(fix.get("code", []))
    assert "sama persis" in " ".join(sheets["Periksa"]["Masalah"])
    district = pd.read_excel(folder / "seram-bagian-timur/kabupaten.xlsx", sheet_name="Perbaiki", dtype=str)
    assert "Entah" in " ".join(district["Nilai"])


def test_formulas_in_village_text_stay_text(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                            tmp_path: Path) -> None:
    payload = "=HYPERLINK(\"http://evil.invalid\",\"klik\")"
    write_csv(raw_dir / "2024-07" / "jahat_kegiatan.csv", ACTIVITY_HEADERS, [
        act("Solang", "TW-SOL-66", payload),
    ])
    out = tmp_path / "out"
    assert bangkit.run(raw_dir, out, reference_dir).exit_code == 0
    quarantine = (out / "2024-07" / "quarantine.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in quarantine and ",=HYPERLINK" not in quarantine
    sheet = load_workbook(out / "2024-07/corrections/seram-bagian-timur/teluk-waru.xlsx")["Perbaiki"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)  # stored as text, never a formula
