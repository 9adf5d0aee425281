"""Content fingerprints: the same content gives the same digest, in any process, on any machine.

A brief is re-rendered only when its fingerprint changes: digests of everything its view model
is built from (its rows of each table, its summary, villages and matrix) together with the code
and library versions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from pathlib import PurePath


def _plain(value: object) -> object:
    """JSON form of what view models hold besides str, int, float, list and dict."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__name__, **dataclasses.asdict(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if hasattr(value, "item"):  # numpy and pandas scalars
        return value.item()
    return repr(value)


def fingerprint(*parts: object) -> str:
    """sha256 of the canonical JSON of `parts` (dict keys sorted)."""
    text = json.dumps(parts, default=_plain, sort_keys=True, ensure_ascii=False, allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
