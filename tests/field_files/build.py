"""Rebuild the field-file corpus: `python -m tests.field_files.build` (needs LibreOffice, `soffice`);
`python -m tests.field_files.build cells` rebuilds only `cells/` (percent and error cells).

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


def build() -> None:
    version = subprocess.run(["soffice", "--version"], check=True, capture_output=True,
                             text=True).stdout.strip()
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
    version = subprocess.run(["soffice", "--version"], check=True, capture_output=True,
                             text=True).stdout.strip()
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


if __name__ == "__main__":
    import sys

    build_cells() if sys.argv[1:] == [CELLS] else build()  # `... build cells`: only those
    print(MANIFEST.read_text(encoding="utf-8"))
