"""Canonical clean tables and the small derived values outputs are named or dated by."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from transforms.contract import SOURCE_COLUMNS, Kind, Table
from transforms.parsing import cell_types
from transforms.reference import RoundInfo


def slug(name: str) -> str:
    """`Pulau Gorom` → `pulau-gorom`: lower-case ASCII with `-`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tanpa-nama"


def canonical_table(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical English columns with their final types, then source file/sheet/row."""
    out = pd.DataFrame(index=frame.index)
    for f in table.fields:
        column = frame[f.name]
        if f.kind in (Kind.INT, Kind.RUPIAH):
            out[f.name] = column.round().astype("Int64")
        elif f.kind == Kind.PERCENT:
            out[f.name] = column.astype("Float64")
        elif f.kind == Kind.DATE:
            out[f.name] = pd.Series([d.date() if pd.notna(d) else None for d in column],
                                    index=frame.index, dtype=object)
        else:
            out[f.name] = column.astype(object).where(column.notna(), None)
    out["source_file"] = frame["source_file"].astype(str)
    out["source_sheet"] = frame["source_sheet"].astype(str)
    out["source_row"] = frame["source_row"].astype("int64")
    return out[[*table.columns, *SOURCE_COLUMNS]].reset_index(drop=True)


def data_date(clean: dict[str, pd.DataFrame], round_info: RoundInfo) -> date:
    """The date a round's briefs are 'as of': the latest monitoring or meeting date in the data,
    else the end of the round's window (never the clock, so reruns give the same PDF)."""
    dates = pd.concat([clean["villages"]["monitoring_date"], clean["meetings"]["meeting_date"]])
    dates = dates.dropna()
    return dates.max().date() if not dates.empty else round_info.window_end


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
