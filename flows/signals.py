"""Stopping a run: SIGTERM stops it the way Ctrl-C does (the swap in progress is put back, the
CLI says what happened), and nothing the run started outlives it (flows/watchdog.py)."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import FrameType

from flows.watchdog import TOKEN_VARIABLE

WATCHDOG = Path(__file__).with_name("watchdog.py")


class Stopped(BaseException):
    """A run stopped by a signal (SIGTERM, SIGHUP). Not an Exception, so no `except Exception` on
    its way up takes it for a failure of the software; not a KeyboardInterrupt either, which
    Typer turns into a silent exit 130 when it is raised before the run's own handler."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
_arrived: list[int] = []  # read end of the pipe every handled signal's number is written to


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP (a closed terminal) raise `Stopped` in the main thread.

    Inside a flow run Prefect puts its own SIGTERM handler in place, and what it raises can
    come out as another error (raised inside a serializer, it becomes a
    PydanticSerializationError). The signal's number also goes to a pipe (the interpreter's
    wakeup fd, written whichever Python handler runs), so `stop_signal` can tell a stop from a
    failure afterwards."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stopped)
    if not _arrived:
        read, write = os.pipe()
        os.set_blocking(read, False)
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write, warn_on_full_buffer=False)
        _arrived.append(read)


def stop_signal(error: BaseException) -> int | None:
    """The signal that stopped the run, when `error` (or what it came from) was really a stop;
    None for a failure."""
    for seen in _chain(error):
        if isinstance(seen, Stopped):
            return seen.signum
        if isinstance(seen, KeyboardInterrupt):
            return signal.SIGINT
        if type(seen).__name__ == "TerminationSignal":  # Prefect's, raised by its SIGTERM handler
            return int(getattr(seen, "signal", signal.SIGTERM))
    try:
        arrived = os.read(_arrived[0], 4096) if _arrived else b""
    except BlockingIOError:
        arrived = b""
    return next((int(s) for s in STOP_SIGNALS if int(s) in arrived), None)


_watchdog: list[subprocess.Popen] = []


def start_watchdog() -> subprocess.Popen | None:
    """Mark this run's processes with a token and start the watchdog that ends them if the run
    dies without ending them itself. Once per process; None where /proc is missing. A run
    started by another one (a test, the benchmark) takes a token of its own: the caller's
    watchdog ends the run, the run's ends what it started."""
    if _watchdog or not Path("/proc/self/environ").exists():
        return _watchdog[0] if _watchdog else None
    token = uuid.uuid4().hex
    os.environ[TOKEN_VARIABLE] = token  # every process started from now on inherits it
    environment = {k: v for k, v in os.environ.items() if k != TOKEN_VARIABLE}  # not itself
    watchdog = subprocess.Popen([sys.executable, "-S", str(WATCHDOG), str(os.getpid()), token],
                                env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, close_fds=True)
    _watchdog.append(watchdog)
    return watchdog


def exit_code(stopped: BaseException) -> int:
    """128 + the signal, as a shell reports a process ended by it (130 for Ctrl-C)."""
    return 128 + (stop_signal(stopped) or signal.SIGINT)


# Console log records that only repeat, with a traceback, what the CLI says in one sentence.
EXPECTED = ("No space left on device", "Disk quota exceeded", "termination signal")


def _not_expected(record: logging.LogRecord) -> bool:
    error = record.exc_info[1] if record.exc_info else None
    if error is not None and (stop_signal_in_chain(error) or disk_full_in_chain(error)):
        return False
    return not any(text in record.getMessage() for text in EXPECTED)


def quiet_expected_failures() -> None:
    """Keep a full disk or a stop from printing Prefect's tracebacks on the console (the CLI
    says what happened); the Prefect UI still gets every record."""
    loggers = [logging.getLogger(), *(lg for lg in logging.Logger.manager.loggerDict.values()
                                      if isinstance(lg, logging.Logger))]
    for logger in loggers:
        for handler in logger.handlers:
            if type(handler) is not logging.FileHandler and isinstance(handler, logging.StreamHandler) \
                    and _not_expected not in handler.filters:
                handler.addFilter(_not_expected)


def stop_signal_in_chain(error: BaseException) -> bool:
    return any(isinstance(e, (Stopped, KeyboardInterrupt)) or type(e).__name__ == "TerminationSignal"
               for e in _chain(error))


def disk_full_in_chain(error: BaseException) -> OSError | None:
    """The ENOSPC / EDQUOT error behind `error`, if any."""
    return next((e for e in _chain(error)
                 if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)), None)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def die_with_parent() -> None:
    """A worker process's initializer: end this process once the process that started it is
    gone, even when no watchdog runs (a served deployment's flow run, killed by its runner).
    A thread that watches the parent rather than PR_SET_PDEATHSIG: that signal fires when the
    parent's *thread* that started the worker ends, and a pool starts workers from whichever
    thread submits work."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)  # the run is gone: nobody will ever read this worker's results

    threading.Thread(target=watch, name="bangkit-parent-watch", daemon=True).start()


def free_megabytes(path: Path) -> int:
    """Free space of the file system holding `path` (its nearest existing folder), in MB."""
    folder = path
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free // 1_000_000
    except OSError:
        return 0
