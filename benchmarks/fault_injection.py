"""Kill a run at each stage in turn and compare with a clean run: are the round folders whole
(each as it was before, or as the new run makes it), and does any process the run started
outlive it?

    .venv/bin/python -m benchmarks.fault_injection [--workers 2] [--signal KILL|TERM]

The bundled rounds are run once cleanly, then rerun uninterrupted with one row of 2025-01 edited
(the expected outputs). Then, for each stage of flows/faults.py (ingest, validate, render, swap),
a copy of the first run is rerun with the edit and killed at that stage (BANGKIT_FAULT_STAGE);
then `bangkit distribute` of another round (the cheapest command on the output folder) and the
same rerun again, as staff would. Checked: after the kill, no process the run started is alive
a few seconds later; after `distribute`, every round folder is as it was or as the rerun makes it
(file digests; manifests and Data Docs aside, they record times; workbooks without their saved-at
part) and nothing is left aside; after the rerun, every round is what the uninterrupted rerun
made. Prints one line per stage and, last, `stages=N outputs_whole=N processes_left=N`. Set
PREFECT_API_URL to use a running Prefect server instead of a temporary one per run.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from benchmarks.rerun import edit_one_row  # noqa: E402  (the same real, small change)
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


def file_digest(path: Path) -> str:
    """sha256 of a file; of a workbook, of its parts but the one that records when it was saved."""
    if path.suffix != ".xlsx":
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as workbook:
        for name in sorted(n for n in workbook.namelist() if n != "docProps/core.xml"):
            digest.update(name.encode() + workbook.read(name))
    return digest.hexdigest()


def round_digests(out: Path) -> dict[str, dict[str, str] | None]:
    """round folder → file → digest, for the rounds of data/raw (None: no folder). Left out: the
    manifest and the Data Docs (both record when they were made)."""
    rounds = sorted(p.name for p in (PROJECT / "data" / "raw").iterdir() if p.is_dir())
    return {name: {p.relative_to(out / name).as_posix(): file_digest(p)
                   for p in sorted((out / name).rglob("*")) if p.is_file() and p.name != "manifest.json"
                   and not p.relative_to(out / name).as_posix().startswith("validation/")}
            if (out / name).is_dir() else None for name in rounds}


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


def distribute_dry_run(out: Path, reference: Path, round_id: str) -> subprocess.CompletedProcess:
    """The cheapest command on the output folder (another round than the one killed)."""
    return subprocess.run([sys.executable, "-m", "flows.cli", "distribute", "--round", round_id,
                           "--out", str(out), "--reference", str(reference)], cwd=PROJECT,
                          env=environment(), capture_output=True, text=True, timeout=300)


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
        # What every killed run is compared with: the bundled rounds run cleanly (what the killed
        # run starts from), and that followed by an uninterrupted rerun with one row of 2025-01
        # edited (what the killed run was making).
        before_out, after_out, edited_raw = base / "before", base / "after", base / "raw-edited"
        shutil.copytree(PROJECT / "data" / "raw", edited_raw)
        edit_one_row(edited_raw / EDITED)
        for raw, out in ((PROJECT / "data" / "raw", before_out), (edited_raw, after_out)):
            if out == after_out:
                shutil.copytree(before_out, after_out)
            done = clean_run(bangkit_command(raw, out, reference, options.workers))
            assert done.returncode == 0, done.stderr
            print(f"clean run into {out.name}: exit 0", flush=True)
        expected_before, expected_after = round_digests(before_out), round_digests(after_out)
        for stage in options.stages:
            out = base / f"out-{stage}"
            shutil.copytree(before_out, out)
            command = bangkit_command(edited_raw, out, reference, options.workers)
            killed = run_and_kill(command, stage, sig)
            missing = [r for r, files in round_digests(out).items() if files is None]
            distribute_dry_run(out, reference, "2024-07")  # recovers an interrupted swap of 2025-01
            now = round_digests(out)
            as_it_was = sum(now[r] in (expected_before[r], expected_after[r]) for r in expected_before)
            aside = [n for n in os.listdir(out) if ".staging-" in n or ".previous-" in n]
            rerun = clean_run(command)
            recovered = rerun.returncode == 0 and round_digests(out) == expected_after
            ok = killed.reached and as_it_was == len(expected_before) and not aside and recovered
            whole += ok
            left_total += len(killed.left)
            print(f"{stage}: reached={killed.reached} exit={killed.returncode} "
                  f"missing_after_kill={','.join(missing) or '-'} "
                  f"rounds_whole_after_next_command={as_it_was}/{len(expected_before)} "
                  f"left_aside={len(aside)} processes_started={len(killed.started)} "
                  f"processes_left={len(killed.left)} rerun_exit={rerun.returncode} "
                  f"rerun_as_clean={recovered}", flush=True)
            for pid in sorted(killed.left):
                print(f"  still alive: {pid} {killed.started[pid]}", flush=True)
                with contextlib.suppress(OSError):  # this script started it: end it
                    os.kill(pid, signal.SIGKILL)
            if not killed.reached:
                print("  " + killed.stderr[-800:].replace("\n", "\n  "), flush=True)
    print(f"stages={len(options.stages)} outputs_whole={whole} processes_left={left_total}")


if __name__ == "__main__":
    main()
