"""The stages of a run, timed one by one on a generated national round (see benchmarks/national.py).

The data stages call the functions the flow's tasks wrap (no Prefect run around them,
so the figures are the pipeline's own, not the orchestration's); rendering runs in a real Prefect
flow with the process pool or Dask task runner `bangkit run` uses.
"""

from __future__ import annotations

import csv
import io
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from prefect import flow

from benchmarks.national import ROUND
from flows.incremental import brief_key, workbook_key
from flows.readers import read_round
from flows.render_stage import Parallelism, RenderRequest, render_all, task_runner, write_result
from flows.stages import quarantine, reference_data, write_data_products
from flows.writers import code_version, staged_round
from transforms.contract.reference import Reference
from transforms.derive.products import Aggregates, Matrices, aggregate, recommend
from transforms.digests import inputs_digest
from transforms.ingest.sheets import ingest_sheets
from transforms.present.jobs import BriefJob, brief_jobs, workbook_jobs
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import CleanRound


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


def machine_speed() -> str:
    """A fixed pure-Python loop, timed: this machine's speed varies by 2x from hour to hour (a
    shared host), so figures from two moments compare only next to this."""
    started, total = time.perf_counter(), 0
    for number in range(20_000_000):
        total += number
    return f"reference_loop_s={time.perf_counter() - started:.2f}"


def pandas_floor(base: Path) -> float:
    """What the same files cost with plain pandas and nothing else: every CSV and workbook read
    as text, every column turned into numbers where it can be, the rows counted by kecamatan.
    No header matching, spellings, names, rules or outputs: the floor the data stages compare to."""
    started = time.perf_counter()
    rows = 0
    for path in sorted((base / "raw" / ROUND).iterdir()):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8-sig") as handle:
                header = handle.readline()
            frames = [pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False,
                                  sep=";" if header.count(";") > header.count(",") else ",")]
        else:
            frames = list(pd.read_excel(path, sheet_name=None, dtype=str, engine="calamine").values())
        for frame in frames:
            numbers = frame.apply(pd.to_numeric, errors="coerce")
            rows += len(frame.groupby(list(frame.columns[:2]), sort=False).size()) + len(numbers)
    seconds = time.perf_counter() - started
    print(f"  pandas_floor_s={seconds:.1f} (rows and groups: {rows})", flush=True)
    return seconds


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def reference_of(folder: Path) -> Reference:
    """The reference as the flow's first stage loads it (outside a flow run)."""
    loaded = reference_data(folder)
    assert loaded.value is not None, loaded.problems
    return loaded.value


def data_stages(base: Path) -> DataRun:
    """Reference, read, ingest, validate (with Great Expectations and its Data Docs, as a run
    does), then aggregate and write the data products (`bangkit run --no-render`), each stage by
    the function its task calls; and the process's peak resident memory (the whole run: nothing
    else runs in another process)."""
    seconds: dict[str, float] = {}
    out = base / "out"
    print(f"data stages: ({machine_speed()})", flush=True)
    with timed(seconds, "reference"):
        reference = reference_of(base / "reference")
    raw = base / "raw"
    with timed(seconds, "read"):
        sheets = read_round(raw / ROUND)
    with timed(seconds, "ingest"):
        ingested = ingest_sheets(sheets)
        del sheets
    assert not ingested.problems, ingested.problems[:3]
    with staged_round(out, ROUND) as staging:
        with timed(seconds, "validate"):
            parsed = parse_round(ingested.tables, reference.gazetteer, reference.rounds[ROUND])
            cleaned = quarantine(parsed, ingested, None, staging / "validation")
        del ingested, parsed
        with timed(seconds, "aggregate_and_write"):
            aggregates = aggregate(cleaned, reference, {ROUND: cleaned})
            write_data_products(cleaned, aggregates, staging)
    print(f"  kecamatan={len(aggregates.by_kecamatan)} kabupaten={len(aggregates.by_kabupaten)} "
          f"rows_quarantined={aggregates.rows_quarantined} warnings={len(aggregates.warnings)}", flush=True)
    return DataRun(reference, cleaned, out, seconds, peak_rss_mb())


def briefs_of(data: DataRun) -> tuple[Aggregates, Matrices, list[BriefJob]]:
    """The round's products and every brief job, as the flow makes them."""
    history = {ROUND: data.cleaned}
    aggregates = aggregate(data.cleaned, data.reference, history)
    matrices = recommend(data.cleaned, aggregates.programme, data.reference, history, "id")
    return aggregates, matrices, list(brief_jobs(data.cleaned, data.reference, aggregates, matrices,
                                                 history, "id"))


def requests_for(data: DataRun, sample: int | None) -> tuple[list[RenderRequest], int, float]:
    """Render requests for `sample` briefs spread evenly over the round (None: every brief), the
    number of briefs in the round, and the seconds taken to make the round's products and cut
    out the rows of the sampled briefs (their view models are built by the workers)."""
    started = time.perf_counter()
    _, _, jobs = briefs_of(data)
    total = len(jobs)
    wanted = set(range(total)) if sample is None else {round(i * total / sample) for i in range(sample)}
    requests = [RenderRequest(job.relative, job.template, job.inputs, None)
                for number, job in enumerate(jobs) if number in wanted]
    return requests, total, time.perf_counter() - started


def render_stage(data: DataRun, sample: int | None, workers: int, dask: bool = False) -> float:
    """Render the requested briefs through the flow's task runner; returns the seconds from the
    first submission to the last result. That includes the workers' imports and renderer set-up
    (a process pool starts its processes at the first submission); a local Dask cluster's
    processes are started with the flow, before the clock starts."""
    requests, total, prepare_s = requests_for(data, sample)
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
          f"prepare_s={prepare_s:.1f} projected_all_{total}_min={total / per_second / 60:.1f}", flush=True)
    return seconds


def bangkit_subprocess(base: Path, out: Path, workers: int) -> tuple[float, dict]:
    """`bangkit run` on the generated round as a separate process, as staff run it; the seconds
    it took and the round's manifest."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", "run", "--raw", str(base / "raw"), "--out", str(out),
                    "--reference", str(base / "reference"), "--workers", str(workers)],
                   check=True, capture_output=True, cwd=Path(__file__).resolve().parents[1])
    seconds = time.perf_counter() - started
    return seconds, json.loads((out / ROUND / "manifest.json").read_text())


def edit_one_village(base: Path) -> str:
    """Raise the progress of the first activity of the first village in the first CSV by one
    point, the way a late correction comes in. Returns the village."""
    path = sorted((base / "raw" / ROUND).glob("*_kegiatan.csv"))[0]
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    column = rows[0].index("progres_persen")
    rows[1][column] = str(int(float(rows[1][column] or 0)) % 99 + 1)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return f"{rows[1][2]} ({path.name})"


def incremental(base: Path, workers: int) -> None:
    """A full run, then a rerun after one village's activity row changed."""
    out = base / "out-incremental"
    shutil.rmtree(out, ignore_errors=True)
    full_s, manifest = bangkit_subprocess(base, out, workers)
    briefs = len(manifest["changes"]["briefs_rendered"])
    print(f"full_run_s={full_s:.1f} briefs={briefs} workers={workers} "
          f"whole_run_briefs_per_s={briefs / full_s:.3f}", flush=True)
    village = edit_one_village(base)
    rerun_s, manifest = bangkit_subprocess(base, out, workers)
    changes = manifest["changes"]
    print(f"edited: {village}", flush=True)
    print(f"rerun_one_change_s={rerun_s:.1f} briefs_rendered={len(changes['briefs_rendered'])} "
          f"briefs_reused={len(changes['briefs_reused'])} files_changed={changes['changed']}", flush=True)


def keys_stage(data: DataRun) -> float:
    """What a rerun pays, after the data stages, to know which briefs and workbooks changed: the
    round's products and the key of every brief and workbook (no view model is built). Not
    included: checking the previous files' sha256 and hashing the new outputs."""
    started = time.perf_counter()
    aggregates, matrices, jobs = briefs_of(data)
    code = code_version()["source_sha256"]
    briefs = [brief_key(job.template, inputs_digest(job.inputs), code) for job in jobs]
    workbooks = [workbook_key(inputs_digest(job.inputs), code)
                 for job in workbook_jobs(aggregates, matrices, "id", data.reference.round_labels("id"))]
    seconds = time.perf_counter() - started
    print(f"keys briefs={len(briefs)} workbooks={len(workbooks)} products_and_keys_s={seconds:.1f}",
          flush=True)
    return seconds
