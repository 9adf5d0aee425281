"""Rendering a round's briefs in parallel through the flow's Prefect task runner.

WeasyPrint is CPU-bound and holds the GIL, so briefs are rendered in worker processes: Prefect's
process pool on one machine, or the workers of a Dask cluster (prefect-dask). Workers get view
models and send back PDF bytes; only this process writes files, so a cluster needs no shared
disk. Briefs go out in chunks (one task run each, not one per brief) and only a few chunks are in
flight at a time, so the view models of a national round are never all in memory at once.
"""

from __future__ import annotations

import math
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.settings import get_current_settings
from prefect.task_runners import TaskRunner

from flows.faults import checkpoint
from flows.incremental import PreviousRound, brief_key, workbook_key
from flows.progress import logger, progress
from transforms.contract.layout import is_brief, output_language, preview_path
from transforms.contract.run_texts import cli_text
from transforms.digests import inputs_digest
from transforms.present.briefs import BriefInputs, brief_view
from transforms.present.jobs import BriefJob, WorkbookJob

if TYPE_CHECKING:
    from flows.plan import RunContext

RENDER_ATTEMPTS = 2
MAX_CHUNK = 20  # briefs per task run: fewer task runs, still an even spread over the workers
CHUNKS_IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class Parallelism:
    """Where the briefs are rendered: in this process (1 worker), a process pool, or Dask."""
    workers: int = 1
    dask_address: str | None = None  # "tcp://host:port", or "local" for a local Dask cluster
    worker_memory_mb: int = 1500  # a worker's renderer is rebuilt once the process grew by this

    @property
    def in_process(self) -> bool:
        return self.workers <= 1 and self.dask_address is None


def task_runner(parallelism: Parallelism) -> TaskRunner | None:
    """The flow's task runner for these settings (None: Prefect's default, nothing is submitted)."""
    if parallelism.dask_address is not None:
        from prefect_dask import DaskTaskRunner

        if parallelism.dask_address == "local":
            return DaskTaskRunner(cluster_kwargs={
                "n_workers": max(parallelism.workers, 1), "threads_per_worker": 1, "processes": True,
                "dashboard_address": None})
        return DaskTaskRunner(address=parallelism.dask_address)
    if parallelism.workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        from flows.signals import die_with_parent

        # workers end with the run, even a killed one (~345 MB each otherwise, for good)
        return ProcessPoolTaskRunner(max_workers=parallelism.workers, initializer=die_with_parent)
    return None


@dataclass(frozen=True)
class RenderRequest:
    relative: str  # briefs/<kabupaten>/<kecamatan>.pdf
    template: str
    inputs: BriefInputs  # the view is built in the worker: view models are many and costly
    preview: str | None  # preview/<name>.png when page 1 is wanted as PNG


@dataclass
class RenderResult:
    relative: str
    preview: str | None
    pdf: bytes | None = None
    png: bytes | None = None
    errors: list[str] = field(default_factory=list)
    build: str = ""  # worker_build() of the process that rendered it


class Chunk:
    """A few briefs for one task run. A plain object on purpose: Prefect and prefect-dask walk
    lists, dicts and dataclasses in task parameters looking for futures, and view-model inputs
    are large; they need no walking."""

    __slots__ = ("requests",)

    def __init__(self, requests: list[RenderRequest]) -> None:
        self.requests = requests

    def __dask_tokenize__(self) -> str:
        # every chunk is new work: spares Dask pickling it twice to derive a task key
        return uuid.uuid4().hex


@task(cache_policy=NO_CACHE, task_run_name="render {name}")
def render_chunk(chunk: Chunk, name: str, memory_limit_mb: int) -> list[RenderResult]:
    """Render a few briefs in this worker; a brief that fails is tried again, then reported with
    its errors, and the others are rendered all the same."""
    return [_render_one(request, memory_limit_mb) for request in chunk.requests]


def _render_one(request: RenderRequest, memory_limit_mb: int) -> RenderResult:
    from flows.rendering import first_page_png, shared_renderer

    result = RenderResult(request.relative, request.preview, build=worker_build())
    for _ in range(RENDER_ATTEMPTS):
        try:
            renderer = shared_renderer(memory_limit_mb)
            result.pdf, _ = renderer.render(request.template, brief_view(request.inputs))
            result.png = first_page_png(result.pdf) if request.preview else None
            return result
        except Exception as error:  # a brief must not take the others down with it
            result.errors.append(f"{type(error).__name__}: {error}")
            result.pdf = None
    return result


def chunk_name(chunk: list[RenderRequest]) -> str:
    """How a chunk's task run is named in the Prefect UI: its first brief, and how many more."""
    first = chunk[0].relative.removeprefix("briefs/")
    return first if len(chunk) == 1 else f"{first} +{len(chunk) - 1}"


def chunk_size(total: int, workers: int) -> int:
    """About four chunks per worker, at most MAX_CHUNK briefs each: workers finish together."""
    return max(1, min(MAX_CHUNK, math.ceil(total / max(workers * 4, 1))))


def render_all(requests: Iterable[RenderRequest], total: int, parallelism: Parallelism
               ) -> Iterator[RenderResult]:
    """Results as they come in. In process, chunk after chunk; otherwise through a Prefect task
    runner, with a bounded number of chunks submitted and not yet collected."""
    pending = iter(requests)
    if parallelism.in_process:
        for chunk in _chunks(pending, chunk_size(total, 1)):
            yield from render_chunk(Chunk(chunk), chunk_name(chunk), parallelism.worker_memory_mb)
        return
    with api_shared_with_workers(), started_runner(parallelism) as runner:
        slots = worker_slots(runner, parallelism)
        yield from _submit_in_windows(runner, _chunks(pending, chunk_size(total, slots)), slots,
                                      parallelism.worker_memory_mb)


def _chunks(pending: Iterator[RenderRequest], size: int) -> Iterator[list[RenderRequest]]:
    return iter(lambda: list(islice(pending, size)), [])


@contextmanager
def started_runner(parallelism: Parallelism) -> Iterator[TaskRunner]:
    """The flow's task runner when it is the kind these settings ask for (`bangkit run` sets
    it); otherwise (a served deployment runs with Prefect's default threads) one started for
    this stage."""
    context = FlowRunContext.get()
    wanted = task_runner(parallelism)
    if context is not None and type(context.task_runner) is type(wanted):
        yield context.task_runner
        return
    with wanted as runner:
        yield runner


def worker_slots(runner: TaskRunner, parallelism: Parallelism) -> int:
    """How many briefs render at once: a Dask cluster's threads, else the process pool's size."""
    client = getattr(runner, "_client", None) if parallelism.dask_address else None
    try:
        return max(1, sum(client.nthreads().values())) if client is not None else parallelism.workers
    except Exception:  # a scheduler that does not answer now will fail the submission visibly
        return parallelism.workers


def _submit_in_windows(runner: TaskRunner, chunks: Iterator[list[RenderRequest]], slots: int,
                       memory_limit_mb: int) -> Iterator[RenderResult]:
    # Oldest first: results come back in a fixed order, and the pool always has work queued.
    in_flight: deque[tuple[PrefectFuture, list[RenderRequest]]] = deque()
    for chunk in chunks:
        parameters = {"chunk": Chunk(chunk), "name": chunk_name(chunk), "memory_limit_mb": memory_limit_mb}
        in_flight.append((runner.submit(render_chunk, parameters), chunk))
        if len(in_flight) >= slots * CHUNKS_IN_FLIGHT_PER_WORKER:
            yield from _collect(*in_flight.popleft())
    while in_flight:
        yield from _collect(*in_flight.popleft())


def _collect(future: PrefectFuture, chunk: list[RenderRequest]) -> list[RenderResult]:
    """A chunk's results; when its worker died (killed for memory, lost from the cluster), its
    briefs are reported as failed and the others go on."""
    try:
        return future.result()
    except Exception as error:
        return [RenderResult(r.relative, r.preview, errors=[f"{type(error).__name__}: {error}"])
                for r in chunk]


@contextmanager
def api_shared_with_workers() -> Iterator[None]:
    """Without a configured Prefect server, this run's temporary one is unknown to the worker
    processes the pool starts, and each would start its own (~10 s): the URL is in their
    environment while the briefs render. (Dask workers are started elsewhere: they need
    PREFECT_API_URL themselves, see the README.)"""
    if get_current_settings().api.url or os.environ.get("PREFECT_API_URL"):
        yield
        return
    with get_client(sync_client=True) as client:
        url = str(client.api_url)
    os.environ["PREFECT_API_URL"] = url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


@cache
def worker_build() -> str:
    """The code and libraries this process renders with. A brief rendered by a worker with
    other ones (a cluster machine not updated) is not kept under this run's keys."""
    from flows.incremental import library_versions
    from flows.writers import code_version
    from transforms.digests import fingerprint

    return fingerprint(code_version()["source_sha256"], library_versions())


def write_result(result: RenderResult, staging: Path) -> None:
    assert result.pdf is not None, result.relative
    target = staging / result.relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.pdf)
    if result.preview and result.png is not None:
        (staging / result.preview).parent.mkdir(parents=True, exist_ok=True)
        (staging / result.preview).write_bytes(result.png)


@dataclass
class RenderedBriefs:
    keys: dict[str, str] = field(default_factory=dict)  # briefs/<path> → key
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # `--no-render`: briefs and workbooks left as they were that were made from other data
    stale: list[str] = field(default_factory=list)


def render_briefs(round_id: str, jobs: list[BriefJob], run: RunContext, staging: Path,
                  previous: PreviousRound) -> RenderedBriefs:
    """Render the briefs whose content changed (each chunk a task run of its own, in this
    process, a process pool or on Dask), keep the others as they were. A brief that fails is
    tried again, then reported; the others are not held back by it."""
    done, log, build = RenderedBriefs(), logger(), worker_build()
    with progress(cli_text("progress_rendering", run.lang, round=round_id), len(jobs)) as advance:
        for result in render_all(_to_render(jobs, run, staging, previous, done, advance), len(jobs),
                                 run.parallelism):
            if result.pdf is not None and result.build != build:  # not what the keys describe
                result.pdf = None
                result.errors.append("rendered by a worker with other code or libraries than this run")
            if result.pdf is None:
                log.warning("%s: rendering failed (%s attempts): %s", result.relative,
                            RENDER_ATTEMPTS, " | ".join(result.errors))
                done.failed.append(result.relative)
                done.keys.pop(result.relative, None)
            else:
                write_result(result, staging)
                done.rendered.append(result.relative)
                checkpoint("render")
            advance()
    return done


def _to_render(jobs: list[BriefJob], run: RunContext, staging: Path, previous: PreviousRound,
               done: RenderedBriefs, advance: Callable[[], None]) -> Iterator[RenderRequest]:
    """The briefs whose content changed since the last run; the others are kept as they are."""
    for job in jobs:
        preview = preview_path(job.relative) if run.preview else None
        key = brief_key(job.template, inputs_digest(job.inputs), run.code_digest)
        done.keys[job.relative] = key
        if previous.is_reusable(job.relative, key) and (
                preview is None or previous.adopt(preview, staging)):
            previous.adopt(job.relative, staging)
            done.reused.append(job.relative)
            advance()
            continue
        yield RenderRequest(job.relative, job.template, job.inputs, preview)


def _in_language(lang: str, folders: tuple[str, ...]) -> Callable[[str], bool]:
    return lambda relative: relative.startswith(folders) and output_language(relative) == lang


@task(cache_policy=NO_CACHE, task_run_name="keep briefs {round_id}")
def keep_rendered(round_id: str, jobs: list[BriefJob], workbooks: list[WorkbookJob], run: RunContext,
                  staging: Path, previous: PreviousRound) -> tuple[dict[str, str], RenderedBriefs]:
    """`--no-render`: the briefs, previews and workbooks the last run left in this language stay
    as they are, under the keys they were made with (so the next full run redoes exactly the
    ones that changed); those whose content changed since are `stale`. Nothing is rendered and
    nothing is erased. Returns the workbooks' keys and the briefs."""
    now = {job.relative: brief_key(job.template, inputs_digest(job.inputs), run.code_digest) for job in jobs}
    now |= {job.relative: workbook_key(inputs_digest(job.inputs), run.code_digest) for job in workbooks}
    kept = previous.keep(staging, _in_language(run.lang, ("briefs/", "preview/", "matrix/", "corrections/")),
                         now)
    logger().info("%s: --no-render: %s briefs and workbooks kept as they were, %s no longer match the "
                  "data", round_id, len(kept.files), len(kept.stale))
    return kept.of_cache(("matrix/", "corrections/")), RenderedBriefs(
        keys=kept.of_cache(("briefs/",)), reused=[p for p in kept.files if is_brief(p)], stale=kept.stale)
