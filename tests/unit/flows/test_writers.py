"""Writing a round's outputs (flows/writers.py): a swap interrupted half-way is recovered; one
run at a time per output folder (exclusive_output)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from flows.writers import PROJECT_ROOT, exclusive_output, recover_interrupted


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    (tmp_path / ".2024-07.previous-123").mkdir()
    (tmp_path / ".2024-07.previous-123" / "summary_kecamatan.csv").write_text("x")
    (tmp_path / ".2024-07.staging-123").mkdir()
    recover_interrupted(tmp_path, "2024-07")
    assert (tmp_path / "2024-07" / "summary_kecamatan.csv").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-07"]


def test_a_free_folder_is_locked_without_waiting(tmp_path: Path) -> None:
    waits: list[str] = []
    with exclusive_output(tmp_path / "out", on_wait=lambda: waits.append("wait")):
        pass
    with exclusive_output(tmp_path / "out", on_wait=lambda: waits.append("wait")):  # released
        pass
    assert waits == []
    assert [p.name for p in (tmp_path / "out").iterdir()] == [".bangkit.lock"]  # stays, as before


def _second_holder(out: Path, events: list[str], waited: threading.Event) -> threading.Thread:
    def second() -> None:
        def on_wait() -> None:
            events.append("wait")
            waited.set()

        with exclusive_output(out, on_wait=on_wait):
            events.append("second in")

    return threading.Thread(target=second, daemon=True)


def test_two_holders_exclude_each_other(tmp_path: Path) -> None:
    out = tmp_path / "out"
    events: list[str] = []
    held, release, waited = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with exclusive_output(out, on_wait=lambda: events.append("first waited")):
            held.set()
            release.wait(30)
            events.append("first out")

    holder = threading.Thread(target=first, daemon=True)
    holder.start()
    assert held.wait(10)
    second = _second_holder(out, events, waited)
    second.start()
    assert waited.wait(10)  # told the user it waits...
    second.join(0.5)
    assert second.is_alive() and "second in" not in events  # ...and does wait
    release.set()
    holder.join(10)
    second.join(10)
    assert events == ["wait", "first out", "second in"]  # on_wait once, then in after the first


HOLD = """
import sys
from pathlib import Path
from flows.writers import exclusive_output
with exclusive_output(Path(sys.argv[1]), on_wait=lambda: None):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_another_process_holding_the_folder_is_waited_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], cwd=PROJECT_ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdin is not None
        assert other.stdout.readline().strip() == "held"
        events: list[str] = []
        waited = threading.Event()
        second = _second_holder(out, events, waited)
        second.start()
        assert waited.wait(10)
        second.join(0.5)
        assert second.is_alive() and events == ["wait"]
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.wait(10) == 0
        second.join(10)
        assert events == ["wait", "second in"]
    finally:
        if other.poll() is None:
            other.kill()


# The swap window (issue 17, item 6): whatever stops a swap, every round is whole afterwards.

import pytest  # noqa: E402

import flows.writers as writers  # noqa: E402


def _round(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "summary_kecamatan.csv").write_text(text)
    return folder


def test_any_run_recovers_the_interrupted_swap_of_every_round(tmp_path: Path) -> None:
    _round(tmp_path / ".2024-07.previous-41", "july")  # killed between the renames
    _round(tmp_path / ".2024-07.staging-41", "july, new")
    _round(tmp_path / ".2024-10.staging-42", "october, half")  # killed while writing; never run before
    _round(tmp_path / "2025-01", "january")
    _round(tmp_path / ".2025-01.previous-43", "january, old")  # killed clearing the old outputs
    with exclusive_output(tmp_path, on_wait=lambda: None):  # a run of another round, or distribute
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [".bangkit.lock", "2024-07", "2025-01"]
    assert (tmp_path / "2024-07" / "summary_kecamatan.csv").read_text() == "july"
    assert (tmp_path / "2025-01" / "summary_kecamatan.csv").read_text() == "january"


def test_a_failed_first_rename_leaves_the_round_and_no_staging(tmp_path: Path, monkeypatch) -> None:
    _round(tmp_path / "2024-07", "old")

    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(self))

    with pytest.raises(PermissionError), writers.staged_round(tmp_path, "2024-07") as staging:
        (staging / "summary_kecamatan.csv").write_text("new")
        monkeypatch.setattr(Path, "rename", refuse)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-07"]
    assert (tmp_path / "2024-07" / "summary_kecamatan.csv").read_text() == "old"


def test_a_signal_between_the_renames_puts_the_previous_outputs_back(tmp_path: Path, monkeypatch) -> None:
    _round(tmp_path / "2024-07", "old")

    def stopped(stage: str) -> None:
        raise KeyboardInterrupt  # what SIGINT (and SIGTERM, flows/signals.py) raise mid-swap

    monkeypatch.setattr(writers, "checkpoint", stopped)
    with pytest.raises(KeyboardInterrupt), writers.staged_round(tmp_path, "2024-07") as staging:
        (staging / "summary_kecamatan.csv").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-07"]
    assert (tmp_path / "2024-07" / "summary_kecamatan.csv").read_text() == "old"
