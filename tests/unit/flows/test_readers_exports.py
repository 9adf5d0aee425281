"""KoboToolbox and ODK Central exports as their own export code writes them (tests/field_files,
made by build_exports.py with formpack and Central's briefcase.js) read as the submissions they
hold: every village and activity, places on the repeat rows, choice names, nothing to warn about."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from flows.readers import read_round
from tests.field_files.build import HERE, PUNCTUATION
from tests.field_files.build_exports import CENTRAL_FOLDERS, CENTRAL_ZIP, KOBO_FOLDERS
from transforms.contract.messages import InputFileError
from transforms.ingest.sheets import ingest_sheets

MAIN_ONLY = ("kobo_csv", "kobo_csv_labels")  # Kobo's CSV export holds the main section only


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    result = ingest_sheets(read_round(folder))
    assert result.problems == [] and result.notices == []
    return result.tables


@pytest.mark.parametrize("variant", [*KOBO_FOLDERS, *CENTRAL_FOLDERS])
def test_export_reads_as_its_submissions(variant: str) -> None:
    tables = _tables(HERE / variant)
    villages, activities = tables["villages"], tables["activities"]
    assert [v.lower() for v in villages["desa"]] == ["solang", "madak", "miran"]
    assert list(villages["source_row"]) == [2, 3, 4]
    if variant in MAIN_ONLY:
        assert activities.empty
        return
    assert list(activities["activity_code"]) == ["TW-SOL-01", "TW-SOL-02", "TW-MAD-01", "GT-MIR-01"]
    assert [d.lower() for d in activities["desa"]] == ["solang", "solang", "madak", "miran"]
    assert [k.lower().replace("_", " ") for k in activities["kecamatan"]] == [
        "teluk waru", "teluk waru", "teluk waru", "gorom timur"]
    assert list(activities["status"]) == ["berjalan", "tidak_berjalan", "selesai", "belum_mulai"]
    assert list(activities["funding_source"]) == ["dana_desa", "apbd_kabupaten", "program", "dana_desa"]
    assert activities["constraint"].tolist()[1] == PUNCTUATION


def test_central_zip_rows_name_the_zip_and_its_member() -> None:
    activities = _tables(HERE / "central_zip")["activities"]
    assert set(activities["source_file"]) == {f"{CENTRAL_ZIP}/bangkit_pemantauan_desa-kegiatan.csv"}


def test_kobo_csv_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    (source,) = (HERE / "kobo_csv").iterdir()
    shutil.copy(source, tmp_path / "export (3).csv")
    assert len(_tables(tmp_path)["villages"]) == 3


def test_zip_without_a_table_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("media/foto.jpg", b"\xff\xd8")
        archive.writestr("catatan.csv", "apa;ini\n1;2\n")
    (tmp_path / "kiriman.zip").write_bytes(buffer.getvalue())
    with pytest.raises(InputFileError) as caught:
        read_round(tmp_path)
    assert [(p.code, p.file) for p in caught.value.problems] == [("no_table", "kiriman.zip")]
