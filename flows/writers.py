"""Writing a round's outputs: a staging folder swapped in whole, so a failed run leaves the
previous outputs untouched; CSV, Parquet, XLSX and the manifest."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from flows.faults import checkpoint
from transforms.present.safety import safe_cell

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = ("flows", "transforms", "report_templates")


@contextmanager
def exclusive_output(out_dir: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """One run at a time per output folder: a second run waits for the first to finish (and
    says so) instead of interleaving its files with it. The lock goes with the process, so a
    killed run never leaves it held."""
    out_dir.mkdir(parents=True, exist_ok=True)
    # filelock: the system's own lock (flock on Linux and WSL, the Windows API on Windows), so
    # a killed run still frees it; the file itself stays, empty
    lock = FileLock(out_dir / ".bangkit.lock", preserve_lock_file=True)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        on_wait()
        lock.acquire()
    try:
        # holding the lock, no live run is mid-swap here: what a swap left aside is a dead run's
        recover_all_interrupted(out_dir)
        yield
    finally:
        lock.release()


@contextmanager
def staged_round(out_dir: Path, round_id: str) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces OUT/<round> in one rename."""
    out_dir.mkdir(parents=True, exist_ok=True)
    recover_interrupted(out_dir, round_id)
    staging = out_dir / f".{round_id}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out_dir / round_id)


def swap_in(staging: Path, final: Path) -> None:
    """Put `staging` in place of `final` in two renames. A failure or a signal (raised here as
    an exception, see flows/signals.py) between them puts the previous outputs back and removes
    the staging folder; a SIGKILL there leaves them aside for `recover_interrupted`."""
    retired = final.with_name(f".{final.name}.previous-{os.getpid()}")
    moved = False
    try:
        if final.exists():
            final.rename(retired)
            moved = True
        checkpoint("swap")
        staging.rename(final)
    except BaseException:
        if moved and not final.exists():
            retired.rename(final)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


# What a swap sets aside: .<round>.staging-<pid> (the new outputs) and .<round>.previous-<pid>
LEFT_ASIDE = re.compile(r"^\.(?P<round>.+)\.(?:staging|previous)-\d+$")


def recover_interrupted(out_dir: Path, round_id: str) -> None:
    """A run killed between the two renames of a swap leaves the previous outputs aside:
    put them back, and clear staging folders of runs that died."""
    final = out_dir / round_id
    retired = sorted(out_dir.glob(f".{round_id}.previous-*"), key=lambda p: p.stat().st_mtime)
    if not final.exists() and retired:
        retired[-1].rename(final)  # the newest: the outputs the round had last
    for leftover in [*out_dir.glob(f".{round_id}.previous-*"), *out_dir.glob(f".{round_id}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def recover_all_interrupted(out_dir: Path) -> list[str]:
    """`recover_interrupted` for every round with something left aside, whichever round this run
    is about (and before `distribute` reads a round). Returns those rounds."""
    rounds = sorted({m["round"] for p in out_dir.iterdir() if (m := LEFT_ASIDE.match(p.name))}) \
        if out_dir.is_dir() else []
    for round_id in rounds:
        recover_interrupted(out_dir, round_id)
    return rounds


def write_csv(frame: pd.DataFrame, path: Path, text_columns: tuple[str, ...] = ()) -> None:
    """Plain numbers, UTF-8; free-text columns defused so a spreadsheet never runs them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(safe_cell)
    safe.to_csv(path, index=False, lineterminator="\n")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(path, index=False)


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for directory in CODE_DIRS:
        for path in sorted((root / directory).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def code_version() -> dict[str, str]:
    """Package version, a digest of the code and templates, and the git commit when known."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = version("bangkit-pipeline")
    except PackageNotFoundError:
        package = "unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, check=True,
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"package": package, "source_sha256": _tree_digest(PROJECT_ROOT), "git_commit": commit}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def output_hashes(round_dir: Path) -> dict[str, str]:
    """Every file of a round folder (relative path → sha256), the manifest itself excepted."""
    return {p.relative_to(round_dir).as_posix(): sha256(p)
            for p in sorted(round_dir.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def write_manifest(round_dir: Path, round_id: str, inputs: dict[str, str], reference: dict[str, str],
                   outputs: dict[str, str], extra: dict[str, object]) -> None:
    """Every output (relative to the round folder) and input with its sha256; written to a
    temporary file and renamed, so a reader never sees half a manifest."""
    manifest = {
        "round_id": round_id, "code": code_version(), "inputs": inputs, "reference": reference,
        "outputs": outputs, **extra,
    }
    write_json_atomic(round_dir / "manifest.json", manifest)


def write_json_atomic(path: Path, data: object) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
