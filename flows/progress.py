"""What a run says while it works: log lines (to the Prefect UI inside a flow run) and progress
bars for the long stages, on a terminal only (not in logs, pipes or served runs)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prefect import get_run_logger
from prefect.exceptions import MissingContextError


def logger() -> logging.Logger | logging.LoggerAdapter:
    """The run's logger inside a flow; a plain one when a stage's function is called directly
    (benchmarks, scripts)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("bangkit")


@contextmanager
def progress(description: str, total: int) -> Iterator[Callable[[], None]]:
    """Yields `advance()`; draws a rich progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty() or total == 0:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
