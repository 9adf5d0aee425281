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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.futures import PrefectFuture
from prefect.settings import get_current_settings

RENDER_ATTEMPTS = 2
MAX_CHUNK = 20  # briefs per task run: fewer task runs, still an even spread over the workers
CHUNKS_IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class Parallelism:
    """Where the briefs are rendered: in this process (1 worker), a process pool, or Dask."""
    workers: int = 1
    dask_address: str | None = None  # "tcp://host:port", or "local" for a local Dask cluster
    worker_memory_mb: int = 1500  # a worker's renderer is rebuilt when the process grows past it

    @property
    def in_process(self) -> bool:
        return self.workers <= 1 and self.dask_address is None


def task_runner(parallelism: Parallelism):
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

        return ProcessPoolTaskRunner(max_workers=parallelism.workers)
    return None


@dataclass(frozen=True)
class RenderRequest:
    relative: str  # briefs/<kabupaten>/<kecamatan>.pdf
    template: str
    build_view: Callable[[], dict]  # built in the worker: view models are many and costly
    preview: str | None  # preview/<name>.png when page 1 is wanted as PNG


@dataclass
class RenderResult:
    relative: str
    preview: str | None
    pdf: bytes | None = None
    png: bytes | None = None
    errors: list[str] = field(default_factory=list)


class Chunk:
    """A few briefs for one task run. A plain object on purpose: Prefect and prefect-dask walk
    lists, dicts and dataclasses in task parameters looking for futures, and view models are
    large; they need no walking."""

    __slots__ = ("requests",)

    def __init__(self, requests: list[RenderRequest]) -> None:
        self.requests = requests

    def __getstate__(self) -> list[RenderRequest]:
        return self.requests

    def __setstate__(self, requests: list[RenderRequest]) -> None:
        self.requests = requests


@task(cache_policy=NO_CACHE, task_run_name="render {name}")
def render_chunk(chunk: Chunk, name: str, memory_limit_mb: int) -> list[RenderResult]:
    """Render a few briefs in this worker; a brief that fails is tried again, then reported with
    its errors, and the others are rendered all the same."""
    return [_render_one(request, memory_limit_mb) for request in chunk.requests]


def _render_one(request: RenderRequest, memory_limit_mb: int) -> RenderResult:
    from flows.rendering import first_page_png, shared_renderer

    result = RenderResult(request.relative, request.preview)
    for _ in range(RENDER_ATTEMPTS):
        try:
            result.pdf, _ = shared_renderer(memory_limit_mb).render(request.template, request.build_view())
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
    """Results as they come in. In process, chunk after chunk; otherwise through the flow's task
    runner with a bounded number of chunks submitted and not yet collected."""
    pending = iter(requests)
    size = chunk_size(total, parallelism.workers)
    chunks = iter(lambda: list(islice(pending, size)), [])
    if parallelism.in_process:
        for chunk in chunks:
            yield from render_chunk(Chunk(chunk), chunk_name(chunk), parallelism.worker_memory_mb)
        return
    with api_shared_with_workers():
        yield from _submit_in_windows(chunks, parallelism)


def _submit_in_windows(chunks: Iterator[list[RenderRequest]], parallelism: Parallelism
                       ) -> Iterator[RenderResult]:
    # Oldest first: results come back in a fixed order, and the pool always has work queued.
    in_flight: deque[PrefectFuture] = deque()
    for chunk in chunks:
        in_flight.append(render_chunk.submit(Chunk(chunk), chunk_name(chunk),
                                             parallelism.worker_memory_mb))
        if len(in_flight) >= parallelism.workers * CHUNKS_IN_FLIGHT_PER_WORKER:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


@contextmanager
def api_shared_with_workers() -> Iterator[None]:
    """Without a configured Prefect server, this run's temporary one is not known to worker
    processes, and each would start its own (~10 s). Workers read the environment at the first
    submission, so the URL is set for that long."""
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


def write_result(result: RenderResult, staging: Path) -> None:
    target = staging / result.relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.pdf or b"")
    if result.preview and result.png is not None:
        (staging / result.preview).parent.mkdir(parents=True, exist_ok=True)
        (staging / result.preview).write_bytes(result.png)
