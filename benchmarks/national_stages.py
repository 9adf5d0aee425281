"""The stages of a run, timed one by one on a generated national round (see benchmarks/national.py).

The data stages call the same functions as the flow's tasks (`.fn`: no Prefect run around them,
so the figures are the pipeline's own, not the orchestration's); rendering runs in a real Prefect
flow with the process pool or Dask task runner `bangkit run` uses.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from benchmarks.national import ROUND
from flows.incremental import PreviousRound
from flows.readers import read_round
from flows.render_stage import Parallelism, RenderRequest, render_all, task_runner, write_result
from flows.round_flow import (
    Reference,
    _clean_round,
    brief_jobs,
    load_reference,
    round_products,
    run_context,
    write_round,
)
from flows.writers import staged_round
from transforms.ingest import ingest_sheets
from transforms.validate import CleanRound


@dataclass
class DataRun:
    reference: Reference
    cleaned: CleanRound
    out: Path
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    def figures_line(self) -> str:
        return f"national_data_s={sum(self.seconds.values()):.1f} peak_rss_mb={self.peak_rss_mb:.0f}"


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    seconds[stage] = time.perf_counter() - started
    print(f"  {stage}_s={seconds[stage]:.1f}", flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def data_stages(base: Path) -> DataRun:
    """Reference, read, ingest, validate (with Great Expectations and Data Docs, as a run does),
    then aggregate and write the data products (`bangkit run --no-render`)."""
    seconds: dict[str, float] = {}
    out = base / "out"
    print("data stages:", flush=True)
    with timed(seconds, "reference"):
        reference = load_reference.fn(base / "reference")
    assert not isinstance(reference, list), reference
    raw = base / "raw"
    with timed(seconds, "read"):
        sheets = read_round(raw / ROUND)
    with timed(seconds, "ingest"):
        ingested = ingest_sheets(sheets)
        del sheets
    assert not ingested.problems, ingested.problems[:3]
    run = run_context(raw, out, reference, "id", preview=False, render=False)
    info = reference.rounds[ROUND]
    with staged_round(out, ROUND) as staging:
        with timed(seconds, "validate"):
            cleaned = _clean_round(ingested, reference, info, None, staging / "validation")
        del ingested
        with timed(seconds, "aggregate_and_write"):
            summary = write_round.fn(cleaned, reference, {ROUND: cleaned}, run, staging,
                                     PreviousRound.load(out / ROUND))
    print(f"  kecamatan={summary['kecamatan']} kabupaten={summary['kabupaten']} "
          f"rows_quarantined={summary['rows_quarantined']} warnings={summary['warnings']}", flush=True)
    return DataRun(reference, cleaned, out, seconds, peak_rss_mb())


def requests_for(data: DataRun, sample: int | None) -> tuple[list[RenderRequest], int, float]:
    """Render requests for `sample` briefs spread evenly over the round (None: every brief), the
    number of briefs in the round, and the seconds taken to build every view model."""
    history = {ROUND: data.cleaned}
    started = time.perf_counter()
    made = round_products(data.cleaned, data.reference, history, "id")
    total = len(made.by_kecamatan) + len(made.by_kabupaten)
    wanted = set(range(total)) if sample is None else {round(i * total / sample) for i in range(sample)}
    requests = [RenderRequest(f"briefs/{job.path.as_posix()}", job.template, job.view, None)
                for number, job in enumerate(brief_jobs(data.cleaned, data.reference, made, history, "id"))
                if number in wanted]
    return requests, total, time.perf_counter() - started


def render_stage(data: DataRun, sample: int | None, workers: int, dask: bool = False) -> float:
    """Render the requested briefs through the flow's task runner; returns the seconds taken
    (worker start-up included: a run pays it too)."""
    requests, total, views_s = requests_for(data, sample)
    parallelism = Parallelism(workers, "local" if dask else None)
    target = data.out / "render-benchmark"

    @flow(name="national-render", task_runner=task_runner(parallelism))
    def national_render() -> tuple[float, int]:
        started, failed = time.perf_counter(), 0
        for result in render_all(requests, len(requests), parallelism):
            if result.pdf is None:
                failed += 1
            else:
                write_result(result, target)
        return time.perf_counter() - started, failed

    seconds, failed = national_render()
    per_second = len(requests) / seconds
    where = f"dask_local_workers={workers}" if dask else f"process_workers={workers}"
    print(f"render briefs={len(requests)} failed={failed} {where} seconds={seconds:.1f} "
          f"briefs_per_s={per_second:.2f} briefs_per_s_per_core={per_second / workers:.2f} "
          f"views_all_s={views_s:.1f} projected_all_{total}_min={total / per_second / 60:.1f}", flush=True)
    return seconds
