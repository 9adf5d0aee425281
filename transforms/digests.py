"""Every digest of the pipeline: the same content gives the same digest, in any process, on any
machine.

A brief is re-rendered only when its fingerprint changes: digests of everything its view model
is built from (its rows of each table, its summary, villages and matrix) together with the code
and library versions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property, partial
from pathlib import PurePath

import numpy as np
import pandas as pd

from transforms.validate.parsing import cell_types


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


class PlaceSplit:
    """A frame split by place once. `part(key)` is the same as filtering the frame on the place
    columns (same rows, order, index and dtypes), without scanning every row for every place:
    a national round has 7,097 kecamatan."""

    def __init__(self, frame: pd.DataFrame, columns: list[str]) -> None:
        self.frame, self.empty = frame, frame.iloc[0:0]
        indices = frame.groupby(columns, sort=False, dropna=True, observed=True).indices
        self.positions = {key if isinstance(key, tuple) else (key,): rows for key, rows in indices.items()}

    def part(self, key: tuple[str, ...]) -> pd.DataFrame:
        rows = self.positions.get(key)
        return self.empty if rows is None else self.frame.iloc[rows]

    @cached_property
    def _row_hashes(self) -> np.ndarray:
        return row_hashes(self.frame)

    @cached_property
    def _shape(self) -> bytes:
        return _columns_and_types(self.frame)

    def digest(self, key: tuple[str, ...]) -> str:
        """A fingerprint of `part(key)` (columns, types, rows in order) from row hashes computed
        once for the whole frame: which briefs changed is known without building any of them."""
        rows = self.positions.get(key)
        hashed = self._row_hashes[rows] if rows is not None else self._row_hashes[:0]
        return hashlib.sha256(self._shape + hashed.tobytes()).hexdigest()


def _columns_and_types(frame: pd.DataFrame) -> bytes:
    return repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode()


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """Two 64-bit hashes per row: of its values, and of the Python types in its text columns
    (pandas hashes None, NaN and NA alike, and 0 like "0"; a brief prints them differently).
    The index is left out: a row added upstream renumbers every later row, not their content."""
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    mixed = [c for c, t in frame.dtypes.items() if pd.api.types.is_object_dtype(t)]
    if not mixed:
        return values
    names = pd.DataFrame({c: _type_names(frame[c].to_numpy()) for c in mixed})
    kinds = pd.util.hash_pandas_object(names, index=False, categorize=True).to_numpy()
    return np.column_stack([values, kinds])


def _type_names(values: np.ndarray) -> np.ndarray:
    """The Python type name of each cell."""
    codes, types = cell_types(values)
    return np.array([t.__name__ for t in types], dtype=object)[codes]


def frame_digest(frame: pd.DataFrame) -> str:
    """A fingerprint of a small frame's columns, types and cells in order (not its index), from
    each cell's type and repr: pandas' hashing costs ~10 ms per call on a small frame with text
    columns, and a national round has 7,097 matrices."""
    cells = repr([(type(v).__name__, v) for v in frame.to_numpy(dtype=object).ravel().tolist()])
    return hashlib.sha256(_columns_and_types(frame) + cells.encode()).hexdigest()


def _same(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


class Rows:
    """Some rows of a round's table, with their digest: the digest at once (a brief's key needs
    no frame), the frame only when the brief is built. Pickled, it carries its own rows only,
    never the whole table it was taken from."""

    __slots__ = ("_frame", "_load", "digest")

    def __init__(self, load: Callable[[], pd.DataFrame], digest: str) -> None:
        self._load, self.digest = load, digest
        self._frame: pd.DataFrame | None = None

    @classmethod
    def of(cls, split: PlaceSplit, key: tuple[str, ...]) -> Rows:
        return cls(partial(split.part, key), split.digest(key))

    @classmethod
    def loaded(cls, frame: pd.DataFrame, digest: str) -> Rows:
        return cls(partial(_same, frame), digest)

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = self._load()
        return self._frame

    def __reduce__(self) -> tuple:
        return Rows.loaded, (self.frame, self.digest)


def inputs_digest(inputs: object) -> str:
    """The digest of a dataclass of inputs (a brief's, a workbook's): every field, rows by their
    digest. Derived from the fields themselves, so an input added to a brief is in its key."""
    assert dataclasses.is_dataclass(inputs) and not isinstance(inputs, type), inputs
    return fingerprint(type(inputs).__name__, [
        (f.name, value.digest if isinstance(value, Rows) else value)
        for f in dataclasses.fields(inputs) for value in [getattr(inputs, f.name)]])
