"""How the render stage (flows/render_stage.py) spreads briefs over workers and reports a dead
one, without starting Prefect."""

from __future__ import annotations

from flows.render_stage import RenderRequest, _collect, chunk_size
from tests.fixtures import unbuildable_inputs


def test_chunks_spread_the_briefs_over_the_workers() -> None:
    assert chunk_size(6, 1) == 2 and chunk_size(6, 2) == 1
    assert chunk_size(7_611, 2) == 20  # at most 20 briefs per task run
    assert chunk_size(0, 2) == 1


class _DeadWorker:
    def result(self) -> list:
        raise RuntimeError("worker process died")


def test_briefs_of_a_dead_worker_are_reported_failed() -> None:
    chunk = [RenderRequest(f"briefs/x/{n}.pdf", "kabupaten.html.j2", unbuildable_inputs(), None)
             for n in range(3)]
    results = _collect(_DeadWorker(), chunk)
    assert [r.relative for r in results] == [r.relative for r in chunk]
    assert all(r.pdf is None and "worker process died" in r.errors[0] for r in results)

