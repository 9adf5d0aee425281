"""Nothing overwritten, nothing deleted unasked (contract §5), on copies of the bundled rounds:
English briefs and workbooks sit beside the Indonesian ones, `--no-render` keeps every brief and
names those that no longer match the data, and the console counts what the folder holds."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import Bangkit
from tests.fixtures import PROJECT
from tests.pdftext import flat, pdf_text
from transforms.contract.layout import brief_path, corrections_path, matrix_path

ROUND = "2025-01"
KODI = brief_path("Sumba Barat Daya", "Kodi")
LOURA = brief_path("Sumba Barat Daya", "Loura")
SBD = brief_path("Sumba Barat Daya")


def _briefs(round_dir: Path) -> dict[str, str]:
    return {p.relative_to(round_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((round_dir / "briefs").rglob("*.pdf"))}


@pytest.fixture
def copies(bundled: Path, tmp_path: Path) -> tuple[Path, Path]:
    """This test's own copy of the bundled inputs and of the outputs `make run` wrote."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(PROJECT / "data" / "raw", raw, copy_function=shutil.copy2)
    shutil.copytree(bundled, out, copy_function=shutil.copy2)
    return raw, out


def test_english_is_written_beside_indonesian(bangkit: Bangkit, copies: tuple[Path, Path]) -> None:
    raw, out = copies
    round_dir = out / ROUND
    indonesian = _briefs(round_dir)
    workbooks = sorted(p.relative_to(round_dir).as_posix() for p in round_dir.rglob("*.xlsx"))
    result = bangkit.run(raw, out, PROJECT / "data" / "reference", "--round", ROUND, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "14 sub-district briefs + 2 district briefs" in result.output
    after = _briefs(round_dir)
    assert {p: after[p] for p in indonesian} == indonesian  # kodi.pdf and the others byte-identical
    assert KODI in indonesian
    english = brief_path("Sumba Barat Daya", "Kodi", "en")
    assert sorted(set(after) - set(indonesian)) == sorted(p.replace(".pdf", ".en.pdf") for p in indonesian)
    assert "Sub-district Coordination Brief" in flat(pdf_text(round_dir / english))
    assert "Ringkasan Koordinasi Kecamatan" in flat(pdf_text(round_dir / KODI))
    english_workbooks = (matrix_path("Sumba Barat Daya", "Kodi", "en"),
                         corrections_path("Sumba Barat Daya", "Kodi", "en"))
    for path in (*english_workbooks, *workbooks):
        assert (round_dir / path).is_file(), path
    outputs = json.loads((round_dir / "manifest.json").read_text())["outputs"]
    assert KODI in outputs and english in outputs  # the manifest knows both languages


def test_no_render_keeps_every_brief_and_names_the_stale_ones(bangkit: Bangkit,
                                                             copies: tuple[Path, Path]) -> None:
    raw, out = copies
    round_dir = out / ROUND
    before = _briefs(round_dir)
    assert len(before) == 16
    activities = raw / ROUND / "loura_kegiatan.csv"
    text = activities.read_text(encoding="utf-8-sig")
    assert text.count(";selesai;80;23;8;") == 1
    activities.write_text(text.replace(";selesai;80;23;8;", ";selesai;85;23;8;"), encoding="utf-8-sig")

    result = bangkit.run(raw, out, PROJECT / "data" / "reference", "--round", ROUND, "--no-render")
    assert result.exit_code == 0, result.output
    assert _briefs(round_dir) == before  # all 16 kept as they were
    assert "--no-render" in result.output
    assert "(14 ringkasan kecamatan + 2 ringkasan kabupaten)" in result.output
    assert f"2 ringkasan tidak lagi sesuai data (jalankan tanpa --no-render untuk memperbaruinya): " \
           f"{SBD}, {LOURA}" in result.output
    manifest = json.loads((round_dir / "manifest.json").read_text())
    assert {SBD, LOURA} <= set(manifest["changes"]["briefs_stale"])
    assert not [p for p in manifest["changes"]["removed"] if not p.startswith("validation/")]
    # the next full run redraws exactly the stale briefs
    full = bangkit.run(raw, out, PROJECT / "data" / "reference", "--round", ROUND)
    assert full.exit_code == 0, full.output
    rendered = json.loads((round_dir / "manifest.json").read_text())["changes"]["briefs_rendered"]
    assert sorted(rendered) == sorted([SBD, LOURA])


def test_the_console_counts_what_was_written(bangkit: Bangkit, tmp_path: Path) -> None:
    """`--no-render` into an empty folder writes no brief, and says so."""
    result = bangkit.run(PROJECT / "data" / "raw", tmp_path / "out", PROJECT / "data" / "reference",
                         "--round", "2024-07", "--no-render")
    assert result.exit_code == 0, result.output
    assert "(0 ringkasan kecamatan + 0 ringkasan kabupaten)" in result.output
    assert not (tmp_path / "out" / "2024-07" / "briefs").exists()
