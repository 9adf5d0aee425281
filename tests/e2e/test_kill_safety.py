"""Kill-safety as the README promises it: a run killed at any moment leaves every round either as
it was or as the new run made it, nothing it started outlives it, and the next run of any round
(or `bangkit distribute`) recovers a swap it interrupted. Each test starts `bangkit run` as a
process of its own, stops it at a fault point (flows/faults.py) and kills it there."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.fault_injection import bangkit_command, run_and_kill
from tests.e2e.conftest import ROUND, Bangkit, Rendered, digests
from tests.fixtures import change_teluk_waru_row

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc: Linux and WSL")


def _round_files(rendered: Rendered) -> dict[str, str]:
    return {p: d for p, d in digests(rendered.round_dir).items() if p != "manifest.json"}


def test_sigkill_mid_render_leaves_the_round_and_no_process(bangkit: Bangkit,
                                                            rendered_copy: Rendered) -> None:
    """Two render workers and the run's own temporary Prefect server (no PREFECT_API_URL): after
    SIGKILL none of the processes the run started is alive, the round is as it was, and the next
    run makes it as an uninterrupted run would."""
    before = _round_files(rendered_copy)
    change_teluk_waru_row(rendered_copy.raw)
    command = bangkit_command(rendered_copy.raw, rendered_copy.out, rendered_copy.reference, 2)
    killed = run_and_kill(command, "render", signal.SIGKILL, PREFECT_API_URL=None)
    assert killed.reached, killed.stderr
    kinds = " ".join(killed.started.values())
    assert "uvicorn" in kinds and kinds.count("multiprocessing.spawn") == 2  # the server and both workers
    assert killed.left == set(), [killed.started[pid] for pid in killed.left]
    assert _round_files(rendered_copy) == before
    rerun = bangkit.run(rendered_copy.raw, rendered_copy.out, rendered_copy.reference)
    assert rerun.exit_code == 0, rerun.output
    changed = "briefs/seram-bagian-timur/teluk-waru.pdf"
    assert _round_files(rendered_copy)[changed] != before[changed]  # the new run's, whole
    assert not [p.name for p in rendered_copy.out.iterdir() if p.name.startswith(f".{ROUND}.")]


def test_sigkill_between_the_renames_is_recovered_by_distribute(bangkit: Bangkit,
                                                                rendered_copy: Rendered) -> None:
    """Killed with the previous outputs set aside and the new ones not yet in place: there is no
    round folder; the next command on the output folder, whichever round it is about, puts the
    previous outputs back."""
    from prefect.settings import PREFECT_API_URL

    before = _round_files(rendered_copy)
    change_teluk_waru_row(rendered_copy.raw)
    command = bangkit_command(rendered_copy.raw, rendered_copy.out, rendered_copy.reference, 1)
    killed = run_and_kill(command, "swap", signal.SIGKILL, PREFECT_API_URL=str(PREFECT_API_URL.value()))
    assert killed.reached, killed.stderr
    assert not rendered_copy.round_dir.exists()  # the swap window
    (rendered_copy.reference / "recipients.csv").write_text(
        "kabupaten,kecamatan,name,email\nSeram Bagian Timur,Teluk Waru,Camat,camat.tw@sbt.go.id\n",
        encoding="utf-8")
    result = bangkit("distribute", "--round", ROUND, "--out", rendered_copy.out,
                     "--reference", rendered_copy.reference)
    assert "bangkit run --round" not in result.output, result.output  # not "never run"
    assert _round_files(rendered_copy) == before
    assert not [p.name for p in rendered_copy.out.iterdir() if p.name.startswith(f".{ROUND}.")]


def test_sigterm_mid_render_says_so_and_keeps_the_round(rendered_copy: Rendered) -> None:
    from prefect.settings import PREFECT_API_URL

    before = _round_files(rendered_copy)
    change_teluk_waru_row(rendered_copy.raw)
    command = bangkit_command(rendered_copy.raw, rendered_copy.out, rendered_copy.reference, 2)
    killed = run_and_kill(command, "render", signal.SIGTERM, PREFECT_API_URL=str(PREFECT_API_URL.value()))
    assert killed.reached, killed.stderr
    assert killed.returncode == 128 + signal.SIGTERM
    assert "Dihentikan oleh pengguna (SIGTERM)" in killed.stderr
    assert "Traceback" not in killed.stderr and "Kesalahan internal" not in killed.stderr
    assert killed.left == set(), [killed.started[pid] for pid in killed.left]
    assert _round_files(rendered_copy) == before
    assert not [p.name for p in rendered_copy.out.iterdir() if p.name.startswith(f".{ROUND}.")]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB file system of its own (tmpfs; needs root, as on the CI machine)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_says_so_and_keeps_the_round(bangkit: Bangkit, rendered_copy: Rendered,
                                                 small_disk: Path) -> None:
    """The previous outputs on a disk with 64 kB left, less than a changed round writes (the
    validation page alone was over 300 kB while GX's Data Docs made it): the rerun stops with the
    disk's free space (exit 3), no traceback, the round as it was and no staging folder left."""
    out = small_disk / "out"
    shutil.copytree(rendered_copy.out, out)
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - 64 * 1024))
    before = {p: d for p, d in digests(out / ROUND).items() if p != "manifest.json"}
    change_teluk_waru_row(rendered_copy.raw)
    result = bangkit.run(rendered_copy.raw, out, rendered_copy.reference)
    assert result.exit_code == 3, result.output
    assert f"Disk penuh di {out}" in result.output and "Traceback" not in result.output
    assert {p: d for p, d in digests(out / ROUND).items() if p != "manifest.json"} == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(f".{ROUND}.")]
