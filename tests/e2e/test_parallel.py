"""Briefs rendered elsewhere than in the flow's process: Prefect's process pool, and a real Dask
cluster (a `dask scheduler` and two `dask worker` processes on 127.0.0.1). The outputs must be
those of a run that renders everything in one process, byte for byte."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows import gx_validation
from flows.render_stage import (
    Parallelism,
    RenderRequest,
    render_all,
    worker_build,
)
from tests.e2e.conftest import ROUND, Bangkit, Rendered
from tests.fixtures import unbuildable_inputs


@pytest.fixture(scope="module")
def run(bangkit: Bangkit):
    """A finished `bangkit run`'s round folder; `--workers 1` unless the test says otherwise."""
    def run(raw: Path, out: Path, reference: Path, *extra: str) -> Path:
        result = bangkit.run(raw, out, reference, *extra)
        assert result.exit_code == 0, result.output
        return out / ROUND
    return run


def products(folder: Path) -> dict[str, str]:
    """sha256 of every brief, matrix, table and summary the round wrote (Data Docs and the
    manifest carry the time of the run, so they differ between any two runs)."""
    outputs = json.loads((folder / "manifest.json").read_text())["outputs"]
    return {path: digest for path, digest in outputs.items() if not path.startswith("validation/")}


@pytest.fixture(scope="module")
def inputs(rendered: Rendered) -> tuple[Path, Path]:
    """The basic round's inputs, shared read-only."""
    return rendered.raw, rendered.reference


@pytest.fixture(scope="module")
def in_one_process(rendered: Rendered) -> dict[str, str]:
    """The session's run of those inputs, rendered in its own process (`--workers 1`)."""
    made = products(rendered.round_dir)
    assert sum(p.startswith("briefs/") for p in made) == 6
    return made


def test_process_pool_makes_the_same_outputs(run, inputs: tuple[Path, Path], in_one_process: dict[str, str],
                                              tmp_path: Path) -> None:
    raw, reference = inputs
    assert products(run(raw, tmp_path / "out", reference, "--workers", "2")) == in_one_process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DASK = str(Path(sys.executable).with_name("dask"))  # the command of this virtualenv


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real scheduler and two single-threaded worker processes, as on a cluster."""
    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    started = [subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
         "--no-dashboard"], stdout=(logs / "scheduler.log").open("w"), stderr=subprocess.STDOUT, env=env)]
    started += [subprocess.Popen(
        [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
         "--name", f"worker-{n}"], stdout=(logs / f"worker-{n}.log").open("w"), stderr=subprocess.STDOUT,
        env=env) for n in (1, 2)]
    try:
        wait_for_workers(address, 2, logs)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for_workers(address: str, count: int, logs: Path) -> None:
    from distributed import Client

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(count, timeout=max(deadline - time.monotonic(), 1))
                return
        except OSError:
            time.sleep(1)
    pytest.fail("Dask cluster did not start: " + " | ".join(
        p.read_text()[-400:] for p in sorted(logs.iterdir())))


def test_dask_cluster_makes_the_same_outputs(run, inputs: tuple[Path, Path], in_one_process: dict[str, str],
                                             dask_cluster: str, tmp_path: Path) -> None:
    from distributed import Client

    raw, reference = inputs
    assert products(run(raw, tmp_path / "out", reference, "--dask-address", dask_cluster)) == in_one_process
    with Client(dask_cluster, timeout=10) as client:  # the briefs really went to both workers
        rendered_by = client.run(lambda: __import__("flows.rendering").rendering._SHARED is not None)
    assert len(rendered_by) == 2 and all(rendered_by.values()), rendered_by


def test_a_brief_that_cannot_be_rendered_is_reported_not_raised(prefect_server: None) -> None:
    from prefect import flow

    broken = RenderRequest("briefs/x/y.pdf", "kabupaten.html.j2", unbuildable_inputs(), None)

    @flow
    def render_one() -> list:
        return list(render_all([broken], 1, Parallelism(workers=1)))

    [result] = render_one()
    assert result.pdf is None and len(result.errors) == 2  # tried twice
    assert "KeyError" in result.errors[0]


def test_no_render_writes_the_data_products_only(run, inputs: tuple[Path, Path],
                                                 in_one_process: dict[str, str], tmp_path: Path) -> None:
    raw, reference = inputs
    made = products(run(raw, tmp_path / "out", reference, "--no-render"))
    assert not [p for p in made if p.startswith(("briefs/", "matrix/", "corrections/"))]
    data = {p for p in in_one_process if not p.startswith(("briefs/", "matrix/", "corrections/"))}
    assert set(made) == data  # clean tables, summaries, quarantine, warnings, tracking
    assert {p: made[p] for p in data} == {p: in_one_process[p] for p in data}


def test_gx_disagreeing_with_the_contract_stops_the_round(
        bangkit: Bangkit, inputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, reference = inputs

    def disagree(failures: dict, expected: dict) -> None:
        raise gx_validation.ValidationEngineError("Great Expectations and the contract disagree")
    monkeypatch.setattr(gx_validation, "_agree", disagree)
    result = bangkit.run(raw, tmp_path / "out", reference, "--no-render")
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "out" / ROUND).exists()  # nothing swapped in
    assert not list((tmp_path / "out").glob(f".{ROUND}.staging-*"))


def test_no_render_keeps_the_briefs_of_a_full_run(run, rendered_copy: Rendered) -> None:
    raw, reference, out = rendered_copy.raw, rendered_copy.reference, rendered_copy.out
    full = products(out / ROUND)  # a full run's outputs (a copy of the session's)
    folder = run(raw, out, reference, "--no-render")
    assert products(folder) == full  # nothing erased: the full run's outputs answer --no-render too
    assert json.loads((folder / "manifest.json").read_text())["changes"]["round_unchanged"]


def test_a_flow_without_a_process_pool_starts_one_for_the_briefs(prefect_server: None) -> None:
    """A served deployment runs the flow with Prefect's default task runner: rendering must
    still go to worker processes (the process-wide renderer is not for threads)."""
    from prefect import flow

    request = RenderRequest("briefs/x/y.pdf", "kabupaten.html.j2", unbuildable_inputs(), None)

    @flow
    def default_runner() -> list:
        return list(render_all([request], 1, Parallelism(workers=2)))

    [result] = default_runner()
    assert result.pdf is None and "KeyError" in result.errors[0]  # built, in a worker
    assert result.build == worker_build()


