"""What a run says while it works: log lines (to the Prefect UI inside a flow run) and progress
bars for the long stages, on a terminal only (not in logs, pipes or served runs).

Log lines at INFO (files read, rows, files written, counts) always reach the Prefect API, so
the UI shows a run's logs; the console shows warnings only unless `--verbose` (flows/cli.py
sets the console handler's level, not the loggers'). A line the command line says itself in
its own words is logged with `UI_ONLY`: `bangkit run` keeps it off the console.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prefect import get_run_logger
from prefect.exceptions import MissingContextError

UI_ONLY = {"bangkit_ui_only": True}  # `extra=` of a log line for the Prefect UI only


def logger() -> logging.Logger | logging.LoggerAdapter:
    """The run's logger inside a flow; a plain one when a stage's function is called directly
    (benchmarks, scripts)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("bangkit")


def _not_ui_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "bangkit_ui_only", False)


def keep_ui_only_lines_off_console() -> None:
    """Drop `UI_ONLY` lines from Prefect's console handler (the command line prints its own
    message instead); the API handler still sends them."""
    from prefect.logging.handlers import PrefectConsoleHandler

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and _not_ui_only not in handler.filters:
            handler.addFilter(_not_ui_only)


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
