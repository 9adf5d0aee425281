"""Rebuild the KoboToolbox and ODK Central exports of the field-file corpus:
`python -m tests.field_files.build_exports` (needs formpack, pyxform and node; CI never does).

The clean round of `source/rekap.xlsx` (build.py) as its villages would submit it with the
project's own form (flows/xlsform.py, written here from the contract): three submissions, one
per village, with their activities in the `kegiatan` repeat. The exports are made by the real
export code, run here on those submissions:
- KoboToolbox: formpack (github:kobotoolbox/formpack, the library kpi exports with), in a
  virtualenv of its own: FORMPACK_PYTHON=/path/to/venv/bin/python (pip install formpack's
  checkout, python-dateutil, openpyxl, xlrd). tests/field_files/formpack_export.py says which
  export options each folder has.
- ODK Central: its lib/data/briefcase.js under node: CENTRAL_BACKEND=/path/to/central-backend
  with `npm install --no-save htmlparser2@~10.0 ramda@^0.32.0 csv-stringify@^6.7.0 csv-parse
  entities sanitize-filename@^1.6.4 archiver@^7.0.1 cloneable-readable` run in it (its own
  package.json moved aside). The form is converted to XForm XML by pyxform (formpack's
  dependency). `central_zip/` holds the zip as downloaded, `central_csv/` the same unzipped.
Meetings are not part of the form: a round of these folders takes `pertemuan` from elsewhere
(the tests add LibreOffice's `utf8/pertemuan.csv`; the Kobo CSV export, which holds only the
main section, gets `utf8/kegiatan.csv` as well). MANIFEST.csv keeps LibreOffice's rows (build.py)
and gets one row per file made here.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from flows.xlsform import FORM_ID, choice_name, write_xlsform
from tests.field_files.build import HERE, MANIFEST, PUNCTUATION, sha256
from tests.fixtures import LOC_COLUMNS, LOCATIONS
from transforms.contract.reference import build_gazetteer

KOBO_FOLDERS = ("kobo_xml", "kobo_labels_id", "kobo_labels_id_groups", "kobo_labels_en",
                "kobo_labels_en_groups", "kobo_csv", "kobo_csv_labels")
CENTRAL_FOLDERS = ("central_zip", "central_csv")
CENTRAL_ZIP = f"{FORM_ID}.csv.zip"  # the name Central gives the download
FORM_VERSION = "1"


def _activity(code: str, name: str, sector: str, funding: str, planned: int,
              realized: int | None, status: str, progress: int, **text: str) -> dict[str, object]:
    return {"kode_kegiatan": code, "nama_kegiatan": name, "sektor": sector, "sumber_dana": funding,
            "anggaran_rencana": planned, "anggaran_realisasi": realized, "status": status,
            "progres_persen": progress, "penerima_laki_laki": 5, "penerima_perempuan": 4, **text}


# What source/rekap.xlsx holds, as the form stores it: choice names, ISO dates, plain numbers.
VILLAGES = [
    ("Teluk Waru", "Solang", "2024-07-15", [
        _activity("TW-SOL-01", "Pengadaan bibit kambing", "peternakan", "dana_desa", 10000000,
                  5000000, "berjalan", 50),
        _activity("TW-SOL-02", "Sumur bor", "air_bersih", "apbd_kabupaten", 20000000, None,
                  "tidak_berjalan", 20, kendala=PUNCTUATION, kategori_kendala="akses",
                  pihak_pendukung="Dinas PUPR")]),
    ("Teluk Waru", "Madak", "2024-07-16", [
        _activity("TW-MAD-01", "Benih ikan", "perikanan", "program", 5000000, 5000000, "selesai",
                  100)]),
    ("Gorom Timur", "Miran", "2024-07-20", [
        _activity("GT-MIR-01", "Pengadaan bibit kambing", "peternakan", "dana_desa", 10000000,
                  None, "belum_mulai", 0)]),
]


def _answers(kec: str, desa: str, when: str) -> dict[str, object]:
    return {"kabupaten": choice_name("Seram Bagian Timur"), "kecamatan": choice_name(kec),
            "desa": choice_name(desa), "tanggal_pemantauan": when, "peserta_laki_laki": 10,
            "peserta_perempuan": 8, "fasilitator": "Fasilitator"}


def _uuid(number: int) -> str:
    return f"5f3c{number:04d}-7d2a-4c1e-9b6a-0c2d1e{number:06d}"


def kobo_submissions() -> list[dict[str, object]]:
    """As kpi hands submissions to formpack: XPaths as keys, the repeat a list of dicts."""
    submissions = []
    for number, (kec, desa, when, activities) in enumerate(VILLAGES, start=1):
        answers = {k: str(v) for k, v in _answers(kec, desa, when).items()}
        repeat = [{f"kegiatan/{k}": str(v) for k, v in a.items() if v is not None}
                  for a in activities]
        submissions.append({**answers, "kegiatan": repeat, "meta/instanceID": f"uuid:{_uuid(number)}",
                            "formhub/uuid": "9d1b7c2a4e5f4a0b8c3d2e1f0a9b8c7d",
                            "_id": 4100 + number, "_uuid": _uuid(number),
                            "_submission_time": f"{when}T03:{10 + number}:00",
                            "_validation_status": {}, "_notes": [], "_status": "submitted_via_web",
                            "_submitted_by": "enumerator_sbt", "__version__": "vXb3pYc9Lq",
                            "_tags": [], "_attachments": [], "_geolocation": [None, None]})
    return submissions


def _xml(tag: str, value: object) -> str:
    return "" if value is None else f"<{tag}>{escape(str(value))}</{tag}>"


def central_submissions() -> list[dict[str, object]]:
    """As Central's database hands them to briefcase.js: the submission XML and its metadata."""
    rows = []
    for number, (kec, desa, when, activities) in enumerate(VILLAGES, start=1):
        fields = "".join(_xml(k, v) for k, v in _answers(kec, desa, when).items())
        repeats = "".join("<kegiatan>" + "".join(_xml(k, v) for k, v in a.items()) + "</kegiatan>"
                          for a in activities)
        instance = f"uuid:{_uuid(number)}"
        rows.append({
            "instanceId": instance, "createdAt": f"{when}T03:{10 + number}:00.000Z",
            "formVersion": FORM_VERSION, "reviewState": None,
            "deviceId": f"collect:Xy7Kq2Lm9Nb{number}",
            "submitter": {"id": 7, "displayName": "Enumerator SBT"},
            "xml": (f'<data id="{FORM_ID}" version="{FORM_VERSION}">{fields}{repeats}'
                    f"<meta><instanceID>{instance}</instanceID></meta></data>"),
        })
    return rows


def _versions(python: str, backend: Path) -> tuple[str, str]:
    probe = ("import importlib.metadata as m; print(f\"formpack {m.version('formpack')}, "
             "pyxform {m.version('pyxform')}\")")
    formpack = subprocess.run([python, "-c", probe], check=True, capture_output=True,
                              text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], check=True, capture_output=True,
                          text=True).stdout.strip()
    # a checkout says its commit; an archive of one is told it (CENTRAL_BACKEND_COMMIT)
    commit = os.environ.get("CENTRAL_BACKEND_COMMIT") or subprocess.run(
        ["git", "-C", str(backend), "rev-parse", "--short", "HEAD"], capture_output=True,
        text=True).stdout.strip()
    formpack_commit = os.environ.get("FORMPACK_COMMIT", "")
    return (f"{formpack}{f' (kobotoolbox/formpack {formpack_commit})' if formpack_commit else ''}",
            f"ODK Central (getodk/central-backend {commit}) lib/data/briefcase.js, node {node}")


def build() -> None:
    python = os.environ["FORMPACK_PYTHON"]
    backend = Path(os.environ["CENTRAL_BACKEND"])
    formpack, central = _versions(python, backend)
    for folder in (*KOBO_FOLDERS, *CENTRAL_FOLDERS):
        shutil.rmtree(HERE / folder, ignore_errors=True)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        form = scratch / "pemantauan_desa.xlsx"
        write_xlsform(form, build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS)),
                      version=FORM_VERSION)
        (scratch / "kobo.json").write_text(json.dumps(kobo_submissions()), encoding="utf-8")
        subprocess.run([python, str(HERE / "formpack_export.py"), str(form), str(scratch / "kobo.json"),
                        str(scratch / "out")], check=True)
        xform = scratch / "pemantauan_desa.xml"
        subprocess.run([str(Path(python).parent / "xls2xform"), str(form), str(xform)], check=True,
                       capture_output=True)
        (scratch / "central.json").write_text(json.dumps(central_submissions()), encoding="utf-8")
        (scratch / "out" / "central_zip").mkdir()
        subprocess.run(["node", str(HERE / "central_export.js"), str(backend), str(xform),
                        str(scratch / "central.json"), str(scratch / "out" / "central_zip" / CENTRAL_ZIP)],
                       check=True)
        with zipfile.ZipFile(scratch / "out" / "central_zip" / CENTRAL_ZIP) as archive:
            archive.extractall(scratch / "out" / "central_csv")
        for folder in (*KOBO_FOLDERS, *CENTRAL_FOLDERS):
            shutil.copytree(scratch / "out" / folder, HERE / folder)
            made_by = formpack if folder.startswith("kobo") else central
            if folder == "central_csv":
                made_by += f", unzipped from {CENTRAL_ZIP}"
            for path in sorted((HERE / folder).iterdir()):
                rows.append((f"{folder}/{path.name}", sha256(path), made_by))
    _update_manifest(rows)


def _update_manifest(rows: list[tuple[str, str, str]]) -> None:
    """LibreOffice's rows (build.py) stay; the rows of the folders made here are replaced."""
    mine = (*KOBO_FOLDERS, *CENTRAL_FOLDERS)
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        kept = [r for r in csv.reader(handle) if r[0].split("/")[0] not in mine]
    with MANIFEST.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([*kept, *rows])


if __name__ == "__main__":
    build()
    print(MANIFEST.read_text(encoding="utf-8"))
