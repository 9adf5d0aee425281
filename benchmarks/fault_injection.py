"""Kill a run at each stage in turn and compare with a clean run: are the round folders whole
(each as it was before, or as a clean run makes it), and does any process the run started
outlive it?

    .venv/bin/python -m benchmarks.fault_injection [--workers 2] [--signal KILL|TERM]

For each stage of flows/faults.py (ingest, validate, render, swap) a copy of the bundled rounds
is run once cleanly, then one round is edited and run again with BANGKIT_FAULT_STAGE set; at the
stage the run is killed; then the same command is run again, as staff would. Checked after the
kill: every round folder is the clean run's (sha256 of every file, manifest aside: it records
times); no process the killed run started is alive a few seconds later. After the rerun: every
round folder is what an uninterrupted run of the edited inputs makes.
Prints one line per stage and, last, `stages=N outputs_whole=N processes_left=N`. Set
PREFECT_API_URL to use a running Prefect server instead of a temporary one per run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from flows.faults import MARKER, STAGES  # noqa: E402

EDITED = Path("2025-01") / "loura_kegiatan.csv"  # a CSV of the bundled 2025-01 round
SETTLE_SECONDS = 6.0  # the watchdog's grace (3 s) and its poll, with room to spare


def children(pid: int) -> dict[int, list[int]]:
    """Parent → children of every process (from /proc)."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, todo = children(pid), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those still running (a zombie is dead: it only waits for its parent to read its status)."""
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return "?"


def round_digests(out: Path) -> dict[str, dict[str, str]]:
    """round folder → file → sha256, the manifest (run times) and lock file aside."""
    return {folder.name: {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                          for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json"}
            for folder in sorted(out.iterdir()) if folder.is_dir()} if out.is_dir() else {}


def bangkit_command(raw: Path, out: Path, reference: Path, workers: int, *rounds: str) -> list[str]:
    chosen = [word for r in rounds for word in ("--round", r)]
    return [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--out", str(out),
            "--reference", str(reference), "--workers", str(workers), *chosen]


def environment(stage: str | None = None, **extra: str | None) -> dict[str, str]:
    """This process's environment for a run (`extra`: variables to set, or with None to drop)."""
    env = {k: v for k, v in os.environ.items() if k not in ("BANGKIT_FAULT_STAGE", "BANGKIT_RUN_TOKEN")}
    env["PYTHONPATH"] = str(PROJECT)
    for name, value in extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    if stage:
        env["BANGKIT_FAULT_STAGE"] = stage
    return env


@dataclass
class Killed:
    stage: str
    reached: bool  # the run got to the stage (else it ended first)
    started: dict[int, str]  # every process the run had started when it was killed: its command
    left: set[int]  # those still alive SETTLE_SECONDS after the kill
    returncode: int
    stderr: str


def run_and_kill(command: list[str], stage: str, sig: signal.Signals, timeout: float = 300,
                 **extra_env: str | None) -> Killed:
    """Start `command` with the fault point at `stage`, kill it with `sig` once it is there."""
    process = subprocess.Popen(command, cwd=PROJECT, env=environment(stage, **extra_env),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    there = threading.Event()

    def read() -> None:  # in a thread: a process that outlives the run keeps the pipe open
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if line.startswith(f"{MARKER} {stage}"):
                there.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not there.is_set() and process.poll() is None and time.monotonic() < deadline:
        there.wait(0.2)
    started = {pid: command_line(pid) for pid in descendants(process.pid)}
    process.send_signal(sig)
    process.wait(timeout=120)
    time.sleep(SETTLE_SECONDS)
    reader.join(timeout=1)
    return Killed(stage, there.is_set(), started, alive(set(started)), process.returncode, "".join(lines))


def clean_run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=PROJECT, env=environment(), capture_output=True, text=True,
                          timeout=900)


def edit_one_row(path: Path) -> None:
    """Raise the progress of the first activity row by one point (a real, small change)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header, first = lines[0].split(";"), lines[1].split(";")
    column = header.index("progres_persen")
    first[column] = str(int(float(first[column] or 0)) % 100 + 1)
    lines[1] = ";".join(first)
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--signal", choices=("KILL", "TERM"), default="KILL")
    parser.add_argument("--stages", nargs="*", default=list(STAGES))
    options = parser.parse_args()
    sig = signal.Signals[f"SIG{options.signal}"]
    reference = PROJECT / "data" / "reference"
    whole = left_total = 0
    with tempfile.TemporaryDirectory(prefix="bangkit-faults-") as scratch:
        base = Path(scratch)
        import shutil

        # The expected outputs, once: the bundled rounds, then the edited ones, uninterrupted.
        raw = base / "raw"
        shutil.copytree(PROJECT / "data" / "raw", raw)
        before_out, after_out = base / "before", base / "after"
        for out in (before_out, after_out):
            if out == after_out:
                edit_one_row(raw / EDITED)
            done = clean_run(bangkit_command(raw, out, reference, options.workers))
            assert done.returncode == 0, done.stderr
        shutil.copy2(PROJECT / "data" / "raw" / EDITED, raw / EDITED)
        expected_before, expected_after = round_digests(before_out), round_digests(after_out)
        for stage in options.stages:
            raw_copy, out = base / f"raw-{stage}", base / f"out-{stage}"
            shutil.copytree(PROJECT / "data" / "raw", raw_copy)
            shutil.copytree(before_out, out)
            edit_one_row(raw_copy / EDITED)
            killed = run_and_kill(bangkit_command(raw_copy, out, reference, options.workers), stage, sig)
            now = round_digests(out)
            as_it_was = {r: now.get(r) in (expected_before[r], expected_after[r]) for r in expected_before}
            leftovers = [name for name in os.listdir(out) if ".staging-" in name or ".previous-" in name]
            rerun = clean_run(bangkit_command(raw_copy, out, reference, options.workers))
            recovered = rerun.returncode == 0 and round_digests(out) == expected_after
            ok = killed.reached and all(as_it_was.values()) and recovered
            whole += ok
            left_total += len(killed.left)
            print(f"{stage}: reached={killed.reached} exit={killed.returncode} "
                  f"rounds_whole={sum(as_it_was.values())}/{len(as_it_was)} aside={len(leftovers)} "
                  f"processes_started={len(killed.started)} left={len(killed.left)} "
                  f"rerun_exit={rerun.returncode} rerun_as_clean={recovered}", flush=True)
            for pid in sorted(killed.left):
                print(f"  still alive: {pid} {killed.started[pid]}", flush=True)
            if not killed.reached:
                print("  " + killed.stderr[-800:].replace("\n", "\n  "), flush=True)
    print(f"stages={len(options.stages)} outputs_whole={whole} processes_left={left_total}")


if __name__ == "__main__":
    main()
