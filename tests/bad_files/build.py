"""Rebuild the bad-file corpus: `python -m tests.bad_files.build`. Each file is one way a round
folder can be unusable; expected.csv holds the problem code and words its message must contain."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from flows.workbooks import FIXED_TIME, stable_xlsx_bytes
from tests.fixtures import ACTIVITY_HEADERS, VILLAGE_HEADERS

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
}

if __name__ == "__main__":
    for name, content in FILES.items():
        (HERE / name).write_bytes(content)
        print(name)
