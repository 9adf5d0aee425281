"""Fault-injection points: where a test or benchmarks/fault_injection.py stops a run to kill it.

Off unless $BANGKIT_FAULT_STAGE names a stage: then the run says so on stderr when it gets
there (`bangkit-fault-point <stage>`) and waits, so the caller kills it at exactly that moment.
The stages: ingest (returns read), validate (quarantine done, tables not yet written), render
(the first brief written, the others not), swap (between the two renames of the output swap).
"""

from __future__ import annotations

import os
import sys
import time

STAGES = ("ingest", "validate", "render", "swap")
MARKER = "bangkit-fault-point"


def checkpoint(stage: str) -> None:
    if os.environ.get("BANGKIT_FAULT_STAGE") != stage:
        return
    sys.stderr.write(f"{MARKER} {stage} {os.getpid()}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get("BANGKIT_FAULT_WAIT", "120")))
