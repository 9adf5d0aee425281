"""Rebuild the bad-file corpus: `python -m tests.bad_files.build`. Each file is one way a round
folder can be unusable; expected.csv holds the problem code and words its message must contain.

Hostile files too (issue 17): a workbook whose XML declares entities (XXE, billion laughs), one
whose parts lie about their size, one with a cell longer than a cell may be; files with control
characters, which a round must get through (no code in expected.csv: every row accounted for);
and a reference folder whose kecamatan names give one file name (its name ends with `/`)."""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

from flows.workbooks import FIXED_TIME, stable_xlsx_bytes
from tests.fixtures import (
    ACTIVITY_HEADERS,
    LOC_COLUMNS,
    LOCATIONS,
    REC_HEADERS,
    ROUND_COLUMNS,
    ROUNDS,
    VILLAGE_HEADERS,
    act,
    village,
)

HERE = Path(__file__).resolve().parent


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_xlsx_bytes(buffer.getvalue())


def _damaged(data: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, body[: len(body) // 2] if "worksheets/" in info.filename else body)
    return out.getvalue()


def _patched(data: bytes, member: str, change: object) -> bytes:
    """The workbook with one member's bytes changed by `change` (bytes → bytes)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The archive with `member`'s uncompressed size set to `declared` in its local header and
    in the central directory: what a zip bomb that hides its size looks like."""
    patched, name = bytearray(data), member.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        name_at = 30 if signature == b"PK\x03\x04" else 46
        start = 0
        while (start := patched.find(signature, start)) != -1:
            length = struct.unpack_from("<H", patched, start + 28)[0]
            if patched[start + name_at:start + name_at + length] == name:
                struct.pack_into("<I", patched, start + size_at, declared)
            start += 4
    return bytes(patched)


def _csv(headers: list[str], rows: list[list[object]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([headers, *rows])
    return text.getvalue().encode()


SHEET = "xl/worksheets/sheet1.xml"
VILLAGES = _xlsx({"desa": [VILLAGE_HEADERS, [*village("Solang")[:-1], "MARKER"]]})
DOCTYPE_XXE = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
DOCTYPE_LAUGHS = ("<!DOCTYPE worksheet [<!ENTITY a0 \"ha\">" + "".join(
    f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)) + "]>").encode()  # 2×10^9 chars


def _with_doctype(doctype: bytes, entity: bytes) -> bytes:
    return _patched(VILLAGES, SHEET, lambda body: body.replace(b"<worksheet", doctype + b"<worksheet", 1)
                    .replace(b"MARKER", entity))


LONG_CELL_CHARS = 131_072 + 1  # flows/zip_guard.py MAX_CELL_CHARS, the CSV cell limit, plus one
# Control characters as Excel and Word leave them: `_x000B_` is a line break pasted from Word
CONTROL_NOTE = "jalan rusak\x0bsetelah hujan\x0c"
CONTROL_ACTIVITIES = [act("Solang", "TW-SOL-07", constraint="Pipa\x0bbelum datang", category="akses"),
                      act("Des\x0ca Khayalan", "TW-KHY-01", name="Kebun\x01sayur")]  # quarantined
CONTROL_RECOMMENDATIONS = [["SBT", "Teluk Waru", "7", "Bibit\x0bterlambat", "Solang", "Percepat\x0bpengadaan",
                            "kabupaten", "Dinas\x0cPertanian", "Desember 2024", "baru", "catatan\x1f"]]
COLLIDING_LOCATIONS = [*LOCATIONS, ("Seram Bagian Timur", "Kota Baru", "Adu", "", "", "2024-07"),
                       ("Seram Bagian Timur", "Kotá Baru", "Batu", "", "", "2024-07"),
                       ("Seram Bagian Timur", "Kota-Baru!", "Cici", "", "", "2024-07")]

VILLAGE_ROW = "SBT;Teluk Waru;Solang;15/07/2024;10;8;;"
FILES: dict[str, bytes] = {
    "rusak.xlsx": b"PK\x03\x04 this is not a workbook",
    "kosong.xlsx": b"",
    "sheet_terpotong.xlsx": _damaged(_xlsx({"desa": [VILLAGE_HEADERS, VILLAGE_HEADERS]})),
    "tanpa_tabel.xlsx": _xlsx({"Sheet1": [["nama", "nilai"], ["a", 1]]}),
    "tanpa_kolom_status.xlsx": _xlsx({"kegiatan": [[h for h in ACTIVITY_HEADERS if h != "status"]]}),
    "kosong_desa.csv": b"",
    # 0x8D is undefined in Windows-1252 too: neither UTF-8 nor ANSI (an ANSI `café` is read)
    "bukan_ansi_desa.csv": (";".join(VILLAGE_HEADERS) + f"\n{VILLAGE_ROW}caf\xe9\x8d\n").encode("latin-1"),
    "kutip_terbuka_desa.csv": (";".join(VILLAGE_HEADERS) + f'\n{VILLAGE_ROW[:-1]}"Kelompok\n{VILLAGE_ROW}\n')
    .encode(),
    "kolom_ganda_desa.csv": (";".join([*VILLAGE_HEADERS, "desa"]) + f"\n{VILLAGE_ROW};Solang\n").encode(),
    "catatan.txt": b"Catatan rapat",
    "laporan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "rekap_lama.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,  # an .xls header, no workbook
    "rekap_web.xls": b"<html><body><table><tr><td>desa</td></tr></table></body></html>\n",  # web export
    "rekap.csv": b"a,b\n1,2\n",
    # hostile (issue 17): refused before openpyxl or calamine read a byte of them
    "xxe.xlsx": _with_doctype(DOCTYPE_XXE, b"&xxe;"),
    "billion_laughs.xlsx": _with_doctype(DOCTYPE_LAUGHS, b"&a9;"),
    # the sheet says it is 600 bytes and inflates to 2 MB: a bomb would say the same of 2 GB
    "ukuran_palsu.xlsx": lying_sizes(_patched(VILLAGES, SHEET, lambda body: body.replace(
        b"</worksheet>", b"<!--" + b" " * 2_000_000 + b"--></worksheet>")), SHEET, 600),
    # openpyxl cuts a cell at Excel's 32,767 characters: the long cell is written into the XML
    "sel_raksasa.xlsx": _patched(VILLAGES, SHEET,
                                 lambda body: body.replace(b"MARKER", b"a" * LONG_CELL_CHARS)),
    # control characters: the round goes on, every row accounted for
    "kontrol_desa.csv": _csv(VILLAGE_HEADERS, [[*village("Miran Gota", kec="Pulau Gorom")[:-1],
                                                CONTROL_NOTE]]),
    "kontrol.xlsx": _xlsx({"kegiatan": [ACTIVITY_HEADERS, *[
        [str(v).replace("\x0b", "_x000B_").replace("\x0c", "_x000C_").replace("\x01", "_x0001_")
         for v in row] for row in CONTROL_ACTIVITIES]]}),
    "kontrol_rekomendasi.csv": _csv(REC_HEADERS, CONTROL_RECOMMENDATIONS),
}
# a reference folder: locations.csv and rounds.csv
REFERENCES: dict[str, dict[str, bytes]] = {
    "referensi_nama_kembar/": {"locations.csv": _csv(LOC_COLUMNS, COLLIDING_LOCATIONS),
                               "rounds.csv": _csv(ROUND_COLUMNS, ROUNDS)},
}

if __name__ == "__main__":
    for name, content in FILES.items():
        (HERE / name).write_bytes(content)
        print(name)
    for folder, files in REFERENCES.items():
        for name, content in files.items():
            (HERE / folder).mkdir(exist_ok=True)
            (HERE / folder / name).write_bytes(content)
            print(folder + name)
