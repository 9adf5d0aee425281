"""Reruns: nothing changed → nothing rewritten; one row changed → its kecamatan and kabupaten
briefs re-rendered; a failing brief retried and reported; runs that overlap or die leave whole
outputs.

Every test here works on its own copy of the session's cold run (`rendered_copy`), inputs
included: a rerun of the same input bytes is what "nothing changed" means.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path

import pytest

from flows import render_stage
from flows.rendering import BriefRenderer
from flows.writers import exclusive_output, sha256
from tests.e2e.conftest import Bangkit, Rendered
from tests.fixtures import change_teluk_waru_row
from transforms.present.briefs import BriefView

TELUK_WARU = "2024-07/briefs/seram-bagian-timur/teluk-waru.pdf"
SBT = "2024-07/briefs/seram-bagian-timur/kabupaten.pdf"


@pytest.fixture
def run(bangkit: Bangkit):
    """In one process (the runner's `--workers 1`): these tests patch the renderer, which worker
    processes would not see (tests/e2e/test_parallel.py checks the workers make the same files)."""
    return bangkit.run


def pdf_files(out: Path) -> dict[str, tuple[int, int]]:
    """Each brief's identity on disk: inode and modification time (ns)."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*.pdf"))}


def manifest(out: Path, round_id: str = "2024-07") -> dict:
    return json.loads((out / round_id / "manifest.json").read_text(encoding="utf-8"))


def assert_whole(round_dir: Path) -> None:
    """Every output the manifest lists is there with its recorded bytes, and nothing else."""
    recorded = manifest(round_dir.parent, round_dir.name)["outputs"]
    present = {p.relative_to(round_dir).as_posix() for p in round_dir.rglob("*")
               if p.is_file() and p.name != "manifest.json"}
    assert present == set(recorded)
    for relative, digest in recorded.items():
        assert sha256(round_dir / relative) == digest, relative


@pytest.fixture
def cold(rendered_copy: Rendered) -> Path:
    """A cold run's output folder, this test's to rerun into."""
    return rendered_copy.out


@pytest.fixture
def raw_dir(rendered_copy: Rendered) -> Path:
    """The inputs of that run (a copy: a test may change a row)."""
    return rendered_copy.raw


@pytest.fixture
def reference_dir(rendered_copy: Rendered) -> Path:
    return rendered_copy.reference


def test_a_rerun_with_nothing_changed_rewrites_no_brief(run, cold: Path, raw_dir: Path,
                                                         reference_dir: Path) -> None:
    before = pdf_files(cold)
    outputs_before = manifest(cold)["outputs"]
    result = run(raw_dir, cold, reference_dir)
    assert result.exit_code == 0, result.output
    assert "tidak ada yang berubah" in result.output
    assert pdf_files(cold) == before  # same inode, same mtime: not even rewritten
    changes = manifest(cold)["changes"]
    assert changes["round_unchanged"] and changes["briefs_rendered"] == []
    assert changes["changed"] == changes["added"] == changes["removed"] == []
    assert manifest(cold)["outputs"] == outputs_before
    assert_whole(cold / "2024-07")


def test_two_cold_runs_give_byte_identical_briefs(run, cold: Path, raw_dir: Path, reference_dir: Path,
                                                  tmp_path: Path) -> None:
    again = tmp_path / "again"  # a new output folder is a cold run: every brief rendered anew
    result = run(raw_dir, again, reference_dir)
    assert result.exit_code == 0, result.output
    assert len(manifest(again)["changes"]["briefs_rendered"]) == len(pdf_files(again)) > 2
    for relative in pdf_files(cold):
        assert (cold / relative).read_bytes() == (again / relative).read_bytes(), relative


def test_one_changed_row_rerenders_its_kecamatan_and_kabupaten_only(
        run, cold: Path, raw_dir: Path, reference_dir: Path) -> None:
    before = pdf_files(cold)
    change_teluk_waru_row(raw_dir)
    result = run(raw_dir, cold, reference_dir)
    assert result.exit_code == 0, result.output
    after = pdf_files(cold)
    assert sorted(p for p in after if after[p] != before[p]) == sorted([SBT, TELUK_WARU])
    changes = manifest(cold)["changes"]
    assert sorted(changes["briefs_rendered"]) == sorted(p.removeprefix("2024-07/") for p in (SBT, TELUK_WARU))
    assert {p.removeprefix("2024-07/") for p in (SBT, TELUK_WARU)} <= set(changes["changed"])
    assert "summary_kecamatan.csv" in changes["changed"]
    assert "briefs/sumba-barat-daya/loura.pdf" not in changes["changed"]
    assert_whole(cold / "2024-07")


def test_a_new_language_is_written_beside_the_first(run, cold: Path, raw_dir: Path,
                                                   reference_dir: Path) -> None:
    """English briefs are new files beside the Indonesian ones, which stay as they were; then a
    rerun in either language leaves the round as it is (contract §5)."""
    before = pdf_files(cold)
    result = run(raw_dir, cold, reference_dir, "--lang", "en")
    assert result.exit_code == 0, result.output
    after = pdf_files(cold)
    assert {p: after[p] for p in before} == before  # same inode and mtime
    english = sorted(set(after) - set(before))
    assert english == sorted(p.replace(".pdf", ".en.pdf") for p in before)
    assert manifest(cold)["lang"] == "en"
    rendered = manifest(cold)["changes"]["briefs_rendered"]
    assert sorted(rendered) == [p.removeprefix("2024-07/") for p in english]
    for lang in ("id", "en"):
        again = run(raw_dir, cold, reference_dir, "--lang", lang)
        assert again.exit_code == 0 and manifest(cold)["changes"]["round_unchanged"], again.output
    assert pdf_files(cold) == after
    assert_whole(cold / "2024-07")


@pytest.fixture
def teluk_waru_fails(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Teluk Waru brief cannot be rendered; every attempt is recorded."""
    attempts: list[str] = []
    real = BriefRenderer.render

    def render(self, template: str, view: BriefView):
        if view.kecamatan == "Teluk Waru":
            attempts.append(template)
            raise RuntimeError("template broke on this kecamatan")
        return real(self, template, view)

    monkeypatch.setattr(BriefRenderer, "render", render)
    return attempts


def test_a_brief_that_fails_is_retried_then_reported(run, teluk_waru_fails: list[str], raw_dir: Path,
                                                     reference_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(raw_dir, out, reference_dir)
    assert result.exit_code == 1
    assert "teluk-waru.pdf" in result.output and "GAGAL" in result.output
    assert len(teluk_waru_fails) == render_stage.RENDER_ATTEMPTS
    assert not (out / TELUK_WARU).exists()
    assert (out / SBT).is_file() and (out / "2024-07/briefs/sumba-barat-daya/loura.pdf").is_file()
    assert manifest(out)["changes"]["briefs_failed"] == ["briefs/seram-bagian-timur/teluk-waru.pdf"]
    assert_whole(out / "2024-07")


def test_the_next_run_renders_a_brief_that_failed(run, monkeypatch: pytest.MonkeyPatch, raw_dir: Path,
                                                  reference_dir: Path, tmp_path: Path) -> None:
    real, out = BriefRenderer.render, tmp_path / "out"

    def broken(self, template: str, view: BriefView):
        if view.kecamatan == "Teluk Waru":
            raise RuntimeError("template broke on this kecamatan")
        return real(self, template, view)

    monkeypatch.setattr(BriefRenderer, "render", broken)
    assert run(raw_dir, out, reference_dir).exit_code == 1
    monkeypatch.setattr(BriefRenderer, "render", real)  # fixed; the inputs did not change
    result = run(raw_dir, out, reference_dir)
    assert result.exit_code == 0, result.output
    assert (out / TELUK_WARU).is_file()
    assert manifest(out)["changes"]["briefs_rendered"] == ["briefs/seram-bagian-timur/teluk-waru.pdf"]
    assert manifest(out)["cache"]["round_key"]


def test_a_brief_that_fails_once_is_rendered_on_the_second_attempt(
        run, monkeypatch: pytest.MonkeyPatch, raw_dir: Path, reference_dir: Path, tmp_path: Path) -> None:
    real, failed = BriefRenderer.render, []

    def render(self, template: str, view: BriefView):
        if view.kecamatan == "Teluk Waru" and not failed:
            failed.append(True)
            raise MemoryError("transient")
        return real(self, template, view)

    monkeypatch.setattr(BriefRenderer, "render", render)
    out = tmp_path / "out"
    result = run(raw_dir, out, reference_dir)
    assert result.exit_code == 0, result.output
    assert failed and (out / TELUK_WARU).is_file()


def test_a_second_run_waits_for_the_first(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    release = threading.Event()

    def hold() -> None:
        with exclusive_output(out, on_wait=lambda: None):
            release.wait(120)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.5)
    process = bangkit.popen("run", "--raw", raw_dir, "--out", out, "--reference", reference_dir)
    try:
        time.sleep(12)
        assert process.poll() is None, process.communicate()  # still waiting, wrote nothing
        assert not (out / "2024-07").exists()
    finally:
        release.set()
        holder.join()
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert "Proses lain sedang menulis" in stderr
    assert_whole(out / "2024-07")


def test_two_runs_at_once_leave_whole_outputs(bangkit: Bangkit, raw_dir: Path, reference_dir: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    processes = [bangkit.popen("run", "--raw", raw_dir, "--out", out, "--reference", reference_dir)
                 for _ in range(2)]
    results = [p.communicate(timeout=600) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    assert len(list((out / "2024-07" / "briefs").rglob("*.pdf"))) == len(
        [p for p in manifest(out)["outputs"] if p.startswith("briefs/")]) > 2
    assert_whole(out / "2024-07")
    assert not [p for p in out.iterdir() if p.name.startswith(".2024-07.")]  # no staging left


def test_a_killed_run_leaves_the_previous_outputs_whole(run, bangkit: Bangkit, cold: Path, raw_dir: Path,
                                                        reference_dir: Path) -> None:
    before = manifest(cold)
    change_teluk_waru_row(raw_dir)
    process = bangkit.popen("run", "--raw", raw_dir, "--out", cold, "--reference", reference_dir)
    deadline = time.monotonic() + 120
    while not list(cold.glob(".2024-07.staging-*/briefs")) and time.monotonic() < deadline:
        time.sleep(0.05)  # kill it while it renders into its staging folder
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert manifest(cold) == before
    assert_whole(cold / "2024-07")
    result = run(raw_dir, cold, reference_dir)  # the next run clears the leftovers and finishes
    assert result.exit_code == 0, result.output
    assert not [p for p in cold.iterdir() if p.name.startswith(".2024-07.")]
    assert_whole(cold / "2024-07")


def latest_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                      sort=ArtifactSort.CREATED_DESC, limit=1)
    assert found, key
    return found[0]


@pytest.fixture
def fresh(run, raw_dir: Path, reference_dir: Path, tmp_path: Path) -> Path:
    """A cold run made by this test, so that Prefect's latest artifacts of the round are its own."""
    out = tmp_path / "fresh"
    result = run(raw_dir, out, reference_dir)
    assert result.exit_code == 0, result.output
    return out


def test_each_run_leaves_artifacts_in_prefect(run, fresh: Path, raw_dir: Path, reference_dir: Path) -> None:
    import pandas as pd

    cold = fresh

    summary = latest_artifact("bangkit-2024-07-summary").data
    sbt = pd.read_csv(cold / "2024-07" / "summary_kabupaten.csv").set_index("kabupaten")
    assert "## Kabupaten Seram Bagian Timur" in summary and "**Desa melapor**" in summary
    assert f"{sbt.loc['Seram Bagian Timur', 'villages_reported']} dari" in summary
    rendered = len(manifest(cold)["changes"]["briefs_rendered"])
    assert f"**Ringkasan yang dibuat ulang:** {rendered} dari {rendered}" in summary
    table = latest_artifact("bangkit-2024-07-kecamatan").data
    rows = json.loads(table) if isinstance(table, str) else table
    assert [r["kecamatan"] for r in rows] == list(pd.read_csv(cold / "2024-07" / "summary_kecamatan.csv")
                                                   ["kecamatan"])
    outputs = latest_artifact("bangkit-2024-07-outputs").data  # text to copy: no file:// link
    assert f"`{(cold / '2024-07').resolve()}`" in outputs and "file:" not in outputs
    run(raw_dir, cold, reference_dir)  # nothing changed: the UI says so
    again = latest_artifact("bangkit-2024-07-summary").data
    assert f"**Ringkasan yang dibuat ulang:** 0 dari {rendered}" in again
