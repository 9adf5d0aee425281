"""The watchdog of a run: a small process that outlives the run by a moment, to end what the
run started (the temporary Prefect server, the render pool's workers, multiprocessing's resource
tracker, Dask's local workers) when the run dies without cleaning up: a SIGKILL, an out-of-memory
kill, a closed WSL window.

The run puts a token of its own in its environment before it starts anything; every process it
starts, and every process they start, inherits it. Once the run is gone (this process is
handed to another parent), the watchdog ends every process whose environment holds the token:
SIGTERM, and SIGKILL for those still alive a few seconds later. Linux and WSL (/proc).

Run as a script (no project imports, so it starts in a few milliseconds):
    python watchdog.py <run pid> <token>
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time

TOKEN_VARIABLE = "BANGKIT_RUN_TOKEN"
POLL_SECONDS = 0.5
GRACE_SECONDS = 3.0


def holders(token: str) -> list[int]:
    """The processes (other than this one) whose environment carries the run's token."""
    wanted = f"{TOKEN_VARIABLE}={token}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if wanted in handle.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def end_all(token: str) -> None:
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, 0.0)):
        left = holders(token)
        for pid in left:
            with contextlib.suppress(OSError):  # gone meanwhile
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = holders(token)
        if not left:
            return


def main(run_pid: int, token: str) -> None:
    # Ctrl-C in the terminal reaches the whole process group: the run handles it, not this.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while os.getppid() == run_pid:
        time.sleep(POLL_SECONDS)
    end_all(token)  # after a clean exit there is nothing left, and this finds nothing


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
