"""Rebuild the field-file corpus: `python -m tests.field_files.build` (needs LibreOffice, `soffice`);
`python -m tests.field_files.build cells` rebuilds only `cells/` (percent and error cells),
`... build template` only the template_* folders (village report template habits), `... build
lo_id` only `lo_id/` (a budget typed `Rp…,-` in LibreOffice with an Indonesian locale).

One small clean round (`source/rekap.xlsx`, written here with openpyxl from tests/fixtures.py
helpers) saved again by the real software, as staff send it: Excel 97-2003 (.xls), LibreOffice
(.ods), LibreOffice's .xlsx, and text tables in ANSI (Windows-1252, comma), Unicode Text (UTF-16,
tab) and CSV UTF-8 (semicolon, BOM). Each folder is one round. LibreOffice writes timestamps, so
its files are not reproducible byte for byte: they are committed, and MANIFEST.csv (written here)
records each file's sha256 and the LibreOffice that made it; CI checks the files against it and
never needs LibreOffice.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

from flows.workbooks import FIXED_TIME, stable_xlsx_bytes
from tests.fixtures import ACTIVITY_HEADERS, MEETING_HEADERS, VILLAGE_HEADERS, act, meeting, village

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "MANIFEST.csv"
TABLE_SHEETS = ("desa", "kegiatan", "pertemuan")
# WhatsApp/Word punctuation that Windows-1252 holds (0x93 0x94 0x92 0x96 0x85)
PUNCTUATION = "“Pipa belum datang” – kata kepala desa’s staf…"

# LibreOffice's CSV filter options: separator, quote, character set (LibreOffice's own numbers:
# 1 Windows-1252 (1252 is not it: it writes each character's low byte), 76 UTF-8, 65535 UTF-16
# with BOM), first line, cell format, language, quoted as text, detect special numbers, save as
# shown, formulas, remove spaces, sheet (-1: every sheet, one file each). 7.4 writes UTF-8
# without a BOM whatever the options say; the unit tests write the BOM case themselves.
TEXT_VARIANTS = {  # folder → (extension, filter options)
    "ansi": ("csv", "44,34,1,1,,0,false,true,true,false,false,-1"),
    "unicode": ("txt", "9,34,65535,1,,0,false,true,true,false,false,-1"),
    "utf8": ("csv", "59,34,76,1,,0,false,true,true,false,false,-1"),
}
WORKBOOK_VARIANTS = {"xls": "xls", "ods": "ods", "lo_xlsx": "xlsx"}  # folder → LibreOffice format


def source_workbook() -> bytes:
    """The clean round: a title row above the activities, a hidden drop-down list sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {
        "desa": [VILLAGE_HEADERS, village("Solang"), village("Madak", "16 Juli 2024"),
                 village("Miran", "2024-07-20", kec="Gorom Timur")],
        "kegiatan": [["REKAP KEGIATAN — JULI 2024"], [], ACTIVITY_HEADERS,
                     act("Solang", "TW-SOL-01", "Sedang berjalan"),
                     act("Solang", "TW-SOL-02", "macet", name="Sumur bor", sector="air bersih",
                         funding="APBD", planned=20000000, realized="", progress=20,
                         constraint=PUNCTUATION, category="akses", support_from="Dinas PUPR"),
                     act("Madak", "TW-MAD-01", "selesai", name="Benih ikan", sector="perikanan",
                         funding="BangKIT", planned="5 jt", realized="Rp5.000.000,-", progress=100),
                     act("Miran", "GT-MIR-01", "belum dimulai", kec="Gorom Timur", progress=0,
                         realized="")],
        "pertemuan": [MEETING_HEADERS, meeting("Teluk Waru", "10 Agustus 2024", 12, 6),
                      meeting("Gorom Timur", "Rabu, 14 Agustus 2024", 10, 5)],
        "pilihan": [["status"], ["belum_mulai"], ["berjalan"], ["selesai"]],
    }
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
    workbook["pilihan"].sheet_state = "hidden"
    workbook.properties.created = FIXED_TIME
    path = Path(tempfile.mkdtemp()) / "rekap.xlsx"
    workbook.save(path)
    return stable_xlsx_bytes(path.read_bytes())


def _soffice(source: Path, target: str, outdir: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", str(outdir),
                    str(source)], check=True, capture_output=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def soffice_version() -> str:
    """What MANIFEST.csv records as the maker of a converted fixture."""
    return subprocess.run(["soffice", "--version"], check=True, capture_output=True,
                          text=True).stdout.strip()


def build() -> None:
    version = soffice_version()
    for folder in ("source", *WORKBOOK_VARIANTS, *TEXT_VARIANTS):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    source = HERE / "source" / "rekap.xlsx"
    source.write_bytes(source_workbook())
    rows = [("source/rekap.xlsx", sha256(source), "openpyxl (tests/field_files/build.py)")]
    with tempfile.TemporaryDirectory() as scratch:
        for folder, target in WORKBOOK_VARIANTS.items():
            out = Path(scratch) / folder
            _soffice(source, target, out)
            shutil.move(out / f"rekap.{target}", HERE / folder / f"rekap.{target}")
            rows.append((f"{folder}/rekap.{target}", sha256(HERE / folder / f"rekap.{target}"),
                         f"{version}: --convert-to {target}"))
        for folder, (ext, options) in TEXT_VARIANTS.items():
            out = Path(scratch) / folder
            filter_ = f'{ext}:Text - txt - csv (StarCalc):{options}'
            _soffice(source, filter_, out)
            for table in TABLE_SHEETS:  # the hidden list is not a table: Excel saves one sheet too
                made = HERE / folder / f"{table}.{ext}"
                shutil.move(out / f"rekap-{table}.{ext}", made)
                rows.append((f"{folder}/{table}.{ext}", sha256(made),
                             f'{version}: --convert-to "{filter_}"'))
    write_manifest(rows, ("source", *WORKBOOK_VARIANTS, *TEXT_VARIANTS))


def write_manifest(rows: list[tuple[str, str, str]], folders: tuple[str, ...]) -> None:
    """MANIFEST.csv with `rows` for `folders`; the rows of the other folders (made by another
    build: build_cells, build_exports.py) stay as they are."""
    kept: list[list[str]] = []
    if MANIFEST.is_file():
        with MANIFEST.open(encoding="utf-8", newline="") as handle:
            kept = [r for r in csv.reader(handle) if r and r[0].split("/")[0] not in folders]
    with MANIFEST.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if not kept:
            writer.writerow(["file", "sha256", "made_by"])
        writer.writerows([*kept[:1], *rows, *kept[1:]])


CELLS = "cells"  # percent and error cells as LibreOffice writes them in .xls and .ods


def cells_workbook(path: Path) -> None:
    """A kegiatan sheet whose progress cells show percentages (50%, 25.5%, stored as 0.5 and
    0.255) and whose budgets hold formula errors (#DIV/0!, #REF!), computed by LibreOffice."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "kegiatan"
    sheet.append(ACTIVITY_HEADERS)
    sheet.append(act("Solang", "TW-SOL-01", progress=0.5, realized="=1/0"))
    sheet.append(act("Madak", "TW-MAD-01", progress=0.255, planned="=#REF!", realized=""))
    sheet["K2"].number_format, sheet["K3"].number_format = "0%", "0.0%"
    workbook.save(path)


def build_cells() -> None:
    version = soffice_version()
    shutil.rmtree(HERE / CELLS, ignore_errors=True)
    (HERE / CELLS).mkdir()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "kegiatan.xlsx"
        cells_workbook(source)
        for target in ("xls", "ods"):
            _soffice(source, target, Path(scratch) / target)
            made = HERE / CELLS / f"kegiatan.{target}"
            shutil.move(Path(scratch) / target / f"kegiatan.{target}", made)
            rows.append((f"{CELLS}/{made.name}", sha256(made), f"{version}: --convert-to {target}"))
    write_manifest(rows, (CELLS,))


# The clean round as a village report template holds it (contract §3): title rows, a header of two
# rows whose parents are merged over their children, a row of column numbers, a JUMLAH row of
# =SUM formulas and a signature block, on the kegiatan and desa sheets. `template_source` is the
# openpyxl original (formulas without results); LibreOffice computes them when it saves.
TEMPLATE_SOURCE = "template_source"
TEMPLATE_VARIANTS = {"template_xls": "xls", "template_ods": "ods", "template_lo_xlsx": "xlsx"}
# child header → (parent over it, the child as templates write it); other headers span both rows
ACTIVITY_PARENTS = {"anggaran_rencana": ("Anggaran (Rp)", "Rencana"),
                    "anggaran_realisasi": ("Anggaran (Rp)", "Realisasi"),
                    "penerima_laki_laki": ("Penerima manfaat", "L"),
                    "penerima_perempuan": ("Penerima manfaat", "P")}
VILLAGE_PARENTS = {"peserta_laki_laki": ("Jumlah Peserta (orang)", "L"),
                   "peserta_perempuan": ("Jumlah Peserta (orang)", "P")}
TEMPLATE_DATA_ROW = 7  # titles 1-2, blank 3, header 4-5, column numbers 6


def template_sheet(sheet: object, titles: list[str], headers: list[str],
                   parents: dict[str, tuple[str, str]], rows: list[list[object]],
                   summed: list[str]) -> None:
    """Write `rows` under a two-row merged header, column numbers, then JUMLAH (=SUM of the
    `summed` headers' columns) and a signature block, as a village report template lays out."""
    from openpyxl.utils import get_column_letter

    for title in titles:
        sheet.append([title])
    sheet.append([])
    top = [parents[h][0] if h in parents else h.replace("_", " ").title() for h in headers]
    sheet.append(top)
    sheet.append([parents[h][1] if h in parents else None for h in headers])
    for column, header in enumerate(headers, start=1):
        if header not in parents:
            sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
    for parent in dict.fromkeys(p for p, _ in parents.values()):
        columns = [i for i, h in enumerate(headers, start=1) if parents.get(h, ("",))[0] == parent]
        sheet.merge_cells(start_row=4, end_row=4, start_column=columns[0], end_column=columns[-1])
    sheet.append(list(range(1, len(headers) + 1)))
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    last = TEMPLATE_DATA_ROW + len(rows) - 1
    totals: list[object] = ["JUMLAH", *[None] * (len(headers) - 1)]
    for header in summed:
        letter = get_column_letter(headers.index(header) + 1)
        totals[headers.index(header)] = f"=SUM({letter}{TEMPLATE_DATA_ROW}:{letter}{last})"
    sheet.append(totals)
    sheet.merge_cells(start_row=last + 1, end_row=last + 1, start_column=1, end_column=3)
    sheet.append([])
    right = len(headers) - 2
    for left_text, right_text in (("Mengetahui,", "Teluk Waru, 31 Juli 2024"),
                                  ("Kepala Desa Solang", "Pendamping Desa"), (None, None),
                                  ("Yohanis Bili", "Maria Ratu")):
        line: list[object] = [None] * len(headers)
        line[1], line[right] = left_text, right_text
        sheet.append(line)


def template_workbook() -> bytes:
    """The clean round of source_workbook() with its desa and kegiatan sheets as templates."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    villages = [village("Solang"), village("Madak", "16 Juli 2024"),
                village("Miran", "2024-07-20", kec="Gorom Timur")]
    activities = [act("Solang", "TW-SOL-01", "Sedang berjalan"),
                  act("Solang", "TW-SOL-02", "macet", name="Sumur bor", sector="air bersih",
                      funding="APBD", planned=20000000, realized="", progress=20,
                      constraint=PUNCTUATION, category="akses", support_from="Dinas PUPR"),
                  act("Madak", "TW-MAD-01", "selesai", name="Benih ikan", sector="perikanan",
                      funding="BangKIT", planned="5 jt", realized="Rp5.000.000,-", progress=100),
                  act("Miran", "GT-MIR-01", "belum dimulai", kec="Gorom Timur", progress=0,
                      realized="")]
    template_sheet(workbook.create_sheet("desa"),
                   ["DAFTAR DESA PEMANTAUAN PROGRAM BANGKIT", "Bulan: Juli 2024"],
                   VILLAGE_HEADERS, VILLAGE_PARENTS, villages,
                   ["peserta_laki_laki", "peserta_perempuan"])
    kegiatan = workbook.create_sheet("kegiatan")
    template_sheet(kegiatan,
                   ["LAPORAN PELAKSANAAN KEGIATAN PROGRAM BANGKIT", "Kabupaten Seram Bagian Timur"],
                   ACTIVITY_HEADERS, ACTIVITY_PARENTS, activities,
                   ["anggaran_rencana", "anggaran_realisasi", "penerima_laki_laki",
                    "penerima_perempuan"])
    # a place written once, merged down over its activities (merging keeps the first cell only)
    for cells in ("A7:A9", "B7:B9", "C7:C8"):  # SBT / Teluk Waru over 3 rows, Solang over 2
        kegiatan.merge_cells(cells)
    meetings = workbook.create_sheet("pertemuan")
    for row in (MEETING_HEADERS, meeting("Teluk Waru", "10 Agustus 2024", 12, 6),
                meeting("Gorom Timur", "Rabu, 14 Agustus 2024", 10, 5)):
        meetings.append([None if v == "" else v for v in row])
    choices = workbook.create_sheet("pilihan")
    for row in (["status"], ["belum_mulai"], ["berjalan"], ["selesai"]):
        choices.append(row)
    choices.sheet_state = "hidden"
    workbook.properties.created = FIXED_TIME
    path = Path(tempfile.mkdtemp()) / "rekap.xlsx"
    workbook.save(path)
    return stable_xlsx_bytes(path.read_bytes())


def build_template() -> None:
    version = soffice_version()
    for folder in (TEMPLATE_SOURCE, *TEMPLATE_VARIANTS):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    source = HERE / TEMPLATE_SOURCE / "rekap.xlsx"
    source.write_bytes(template_workbook())
    rows = [(f"{TEMPLATE_SOURCE}/rekap.xlsx", sha256(source), "openpyxl (tests/field_files/build.py)")]
    with tempfile.TemporaryDirectory() as scratch:
        for folder, target in TEMPLATE_VARIANTS.items():
            _soffice(source, target, Path(scratch) / folder)
            made = HERE / folder / f"rekap.{target}"
            shutil.move(Path(scratch) / folder / f"rekap.{target}", made)
            rows.append((f"{folder}/rekap.{target}", sha256(made), f"{version}: --convert-to {target}"))
    write_manifest(rows, (TEMPLATE_SOURCE, *TEMPLATE_VARIANTS))


# A budget typed `Rp114.500.000,-` in LibreOffice with an Indonesian locale: LibreOffice reads the
# trailing `-` as a minus and keeps -114500000 (its CSV import with language 1057, id-ID, reads a
# cell as typing does). One file per format; each is a round of its own (same rows).
LOCALE = "lo_id"
LOCALE_IMPORT = "CSV:44,34,76,1,,1057"  # separator, quote, UTF-8, first line, cell format, id-ID
LOCALE_TYPED = "Rp114.500.000,-"


def build_locale() -> None:
    version = soffice_version()
    shutil.rmtree(HERE / LOCALE, ignore_errors=True)
    (HERE / LOCALE).mkdir()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        typed = Path(scratch) / "kegiatan.csv"
        with typed.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerows([ACTIVITY_HEADERS, act("Solang", "TW-SOL-01", planned=LOCALE_TYPED),
                              act("Madak", "TW-MAD-01", planned=5000000)])
        subprocess.run(["soffice", "--headless", f"--infilter={LOCALE_IMPORT}", "--convert-to",
                        "xlsx", "--outdir", str(Path(scratch) / "xlsx"), str(typed)],
                       check=True, capture_output=True)
        made = HERE / LOCALE / "kegiatan.xlsx"
        shutil.move(Path(scratch) / "xlsx" / "kegiatan.xlsx", made)
        rows.append((f"{LOCALE}/kegiatan.xlsx", sha256(made),
                     f'{version}: --infilter="{LOCALE_IMPORT}" --convert-to xlsx (typed {LOCALE_TYPED})'))
        for target in ("xls", "ods"):
            _soffice(HERE / LOCALE / "kegiatan.xlsx", target, Path(scratch) / target)
            made = HERE / LOCALE / f"kegiatan.{target}"
            shutil.move(Path(scratch) / target / f"kegiatan.{target}", made)
            rows.append((f"{LOCALE}/{made.name}", sha256(made),
                         f"{version}: --convert-to {target} (from {LOCALE}/kegiatan.xlsx)"))
    write_manifest(rows, (LOCALE,))


if __name__ == "__main__":
    import sys

    builds = {CELLS: build_cells, "template": build_template, LOCALE: build_locale}
    builds.get((sys.argv[1:] or [""])[0], build)()  # `... build lo_id`: only that folder
    print(MANIFEST.read_text(encoding="utf-8"))
