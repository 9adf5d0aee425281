"""Canonical clean tables and the small derived values outputs are named or dated by."""

from __future__ import annotations

from datetime import date

import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.contract.tables import SOURCE_COLUMNS, Kind, Table


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


