"""What staff send back to the villages: the rows to fix, what is wrong, what would be right."""

from __future__ import annotations

import json

import pandas as pd

from transforms.contract.labels import label

# (label key, source column) in the order the workbook shows them.
CORRECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "source_file"), ("sheet", "source_sheet"), ("row", "source_row"),
    ("table", "table"), ("desa", "desa"), ("column", "column"), ("value", "value"),
    ("problem", "message"), ("suggestion", "suggestion"), ("row_content", "row_data"),
)


def _desa(row_data: object) -> str:
    try:
        return str(json.loads(str(row_data)).get("desa", ""))
    except (ValueError, AttributeError):
        return ""


def _content(row_data: object) -> str:
    """`kode_kegiatan: TW-SOL-01 · status: ngawur · …` — the row as the village sent it."""
    try:
        values = json.loads(str(row_data))
    except ValueError:
        return ""
    return " · ".join(f"{k}: {v}" for k, v in values.items() if v)


def correction_rows(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One line per problem, headed in the reader's language, ordered as the files are."""
    message = "message_id" if lang == "id" else "message_en"
    frame = problems.assign(message=problems[message], desa=problems["row_data"].map(_desa),
                            row_data=problems["row_data"].map(_content))
    frame = frame[[source for _, source in CORRECTION_COLUMNS]]
    return frame.set_axis([label(key, lang) for key, _ in CORRECTION_COLUMNS], axis=1)
