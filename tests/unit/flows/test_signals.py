"""Stopping a run (flows/signals.py): a stop is told from a failure even when Prefect reported it
as another error, a full disk is found behind what wrapped it, and neither prints tracebacks."""

from __future__ import annotations

import errno
import logging
import os
import signal

from flows.signals import (
    Stopped,
    disk_full_in_chain,
    exit_code,
    quiet_expected_failures,
    stop_on_signals,
    stop_signal,
)


def test_a_sigterm_that_came_out_as_another_error_is_a_stop() -> None:
    """Prefect's handler raised inside a serializer comes out as PydanticSerializationError:
    the signal itself is what counts."""
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        stop_on_signals()
        stop_signal(ValueError("drain"))  # nothing arrived before this test
        signal.signal(signal.SIGTERM, lambda signum, frame: None)  # what raised got swallowed
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop_signal(ValueError("PydanticSerializationError: Error calling function")) == signal.SIGTERM
        assert stop_signal(ValueError("a real failure")) is None  # read once: the next error is one
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def test_stops_and_their_exit_codes() -> None:
    wrapped = RuntimeError("task failed")
    wrapped.__cause__ = Stopped(signal.SIGTERM)
    assert stop_signal(wrapped) == signal.SIGTERM and exit_code(Stopped(signal.SIGHUP)) == 129
    assert exit_code(KeyboardInterrupt()) == 130


def test_a_full_disk_is_found_behind_what_wrapped_it() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/out/.2024-07.staging-1/a.pdf")
    wrapped = RuntimeError("Task run encountered an exception")
    wrapped.__context__ = full
    assert disk_full_in_chain(wrapped) is full
    assert disk_full_in_chain(OSError(errno.EACCES, "Permission denied")) is None


def test_console_tracebacks_of_a_full_disk_are_dropped_and_others_kept(capsys) -> None:
    logger = logging.getLogger("bangkit-test-console")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        quiet_expected_failures()
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            logger.exception("Task run failed with exception")
        logger.error("Finished in state Failed('OSError: [Errno 28] No space left on device')")
        logger.error("a real problem")
    finally:
        logger.removeHandler(handler)
    printed = capsys.readouterr().err
    assert "Traceback" not in printed and "Errno 28" not in printed and "a real problem" in printed
