"""Fixtures of the e2e lane: the Prefect test server, one way to run `bangkit`, and the runs that
many tests read, made once per session.

Sharing: `rendered` (the basic fixture round) and `bundled` (data/raw) are run once and only read.
A test that writes into a run, or reruns into it, or edits its inputs, takes `rendered_copy`
instead: its own copy of the inputs and outputs. Both shared runs are checked at the end of the
session, so a test that wrote into one fails loudly instead of skewing the tests after it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.fixtures import PROJECT, basic_round, write_reference

ROUND = "2024-07"  # the basic fixture round


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A temporary Prefect API for the flow tests (started once; ~15 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def run_args(args: tuple[object, ...]) -> list[str]:
    """`bangkit run` renders in the run's own process unless the test chose its workers (or a Dask
    cluster): the CLI's default, one worker per core, starts a process pool that costs more than
    a small round's briefs, and a renderer patched in this process is only seen without one."""
    words = [str(a) for a in args]
    chosen = any(w.split("=")[0] in ("--workers", "--dask-address") for w in words)
    return [*words, "--workers", "1"] if words[:1] == ["run"] and not chosen else words


class Bangkit:
    """`bangkit ARGS` as the tests run it: in this process (`bangkit(...)`, `bangkit.run(...)`) or
    as a process of its own (`bangkit.popen(...)`) for tests about locks and kills."""

    def __call__(self, *args: object) -> Result:
        from flows.cli import app

        return CliRunner().invoke(app, run_args(args), catch_exceptions=False)

    def run(self, raw: Path, out: Path, reference: Path, *extra: object) -> Result:
        return self("run", "--raw", raw, "--out", out, "--reference", reference, *extra)

    @staticmethod
    def args(*args: object) -> list[str]:
        return run_args(args)

    def popen(self, *args: object) -> subprocess.Popen:
        """`bangkit` started as a separate process, on this session's Prefect server."""
        from prefect.settings import PREFECT_API_URL

        env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(PROJECT)}
        return subprocess.Popen([sys.executable, "-m", "flows.cli", *run_args(args)], cwd=PROJECT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def bangkit(prefect_server: None) -> Bangkit:
    return Bangkit()


@dataclass(frozen=True)
class Rendered:
    """A finished run: its inputs, and OUT (the round itself is OUT/2024-07)."""

    raw: Path
    reference: Path
    out: Path

    @property
    def round_dir(self) -> Path:
        return self.out / ROUND


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_untouched(folder: Path, before: dict[str, str], fixture: str) -> None:
    after = digests(folder)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"a test wrote into the shared `{fixture}` run (take a copy instead): {changed[:10]}"


@pytest.fixture(scope="session")
def rendered(bangkit: Bangkit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """The basic fixture round (tests/fixtures.py: basic_round, 6 briefs) run once, cold, for every
    test that only reads a finished run. Read-only: its inputs too (a rerun of the same bytes is
    what "nothing changed" means; the XLSX of a freshly written round carries a new timestamp)."""
    base = tmp_path_factory.mktemp("rendered")
    basic_round(base / "raw")
    shared = Rendered(base / "raw", write_reference(base / "reference"), base / "out")
    result = bangkit.run(shared.raw, shared.out, shared.reference)
    assert result.exit_code == 0, result.output
    before = {part: digests(getattr(shared, part)) for part in ("raw", "reference", "out")}
    yield shared
    for part, recorded in before.items():
        assert_untouched(getattr(shared, part), recorded, f"rendered.{part}")


@pytest.fixture
def rendered_copy(rendered: Rendered, tmp_path: Path) -> Rendered:
    """This test's own copy of the shared run, inputs included, to rerun into or change.

    copy2 keeps each file's bytes and mtime; the copies get their own inodes. Tests of reruns
    compare inodes and mtimes before and after a rerun of the copy, and the rerun hard-links
    unchanged files from the copy, so they see what a rerun over a real previous run does."""
    base = tmp_path / "copy"  # leaves tmp_path / "out" and the like free for the test's own runs
    own = Rendered(base / "raw", base / "reference", base / "out")
    for part in ("raw", "reference", "out"):
        shutil.copytree(getattr(rendered, part), getattr(own, part), copy_function=shutil.copy2)
    return own


@pytest.fixture(scope="session")
def bundled(bangkit: Bangkit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled rounds of data/raw run once (what Quick start's `make run` writes), read-only."""
    out = tmp_path_factory.mktemp("bundled")
    result = bangkit.run(PROJECT / "data" / "raw", out, PROJECT / "data" / "reference")
    assert result.exit_code == 0, result.output
    before = digests(out)
    yield out
    assert_untouched(out, before, "bundled")


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    return write_reference(tmp_path / "reference")


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A fresh basic round for a test that edits it before its own run."""
    raw = tmp_path / "raw"
    basic_round(raw)
    return raw
