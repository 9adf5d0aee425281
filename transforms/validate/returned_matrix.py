"""The meeting's matrix comes back (contract §4).

A recommendation matrix the pipeline wrote names its round and kecamatan (see
`transforms.ingest.matrix_identity`). Filled in at the meeting and saved into the folder of that
round, it is the meeting's decision: its rows are that kecamatan's `rekomendasi` of the round, and
the kecamatan's rows from the round's other files are replaced (each one listed as a warning, so
no row goes missing unsaid). Saved into another round's folder, it stops that round with a message
naming the folder it belongs in, instead of clashing row by row with that round's own files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from transforms.contract.bilingual_fields import outcome_text, where_text
from transforms.contract.messages import FileProblem
from transforms.ingest.matrix_identity import IDENTITY_SHEET, MatrixIdentity
from transforms.validate.column_rules import ROW_ID
from transforms.validate.problems import Problem, display_value

TABLE = "recommendations"


def misplaced_matrices(matrices: dict[str, MatrixIdentity], round_id: str,
                       folder_of: Callable[[str], str]) -> list[FileProblem]:
    """A file problem for every matrix drafted for another round than the folder's;
    `folder_of(round_id)` is the folder that round's files go into, as the user knows it."""
    return [FileProblem("matrix_wrong_round", file, IDENTITY_SHEET, table="rekomendasi",
                        value=f"Kecamatan {m.kecamatan}, Kabupaten {m.kabupaten}", expected=m.round_id,
                        folder=folder_of(m.round_id))
            for file, m in sorted(matrices.items()) if m.round_id != round_id]


@dataclass(frozen=True)
class Replacement:
    rows: frozenset[int] = frozenset()  # ROW_IDs of `recommendations` rows the matrices replace
    warnings: list[Problem] = field(default_factory=list)  # one per replaced row


def _place_of(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(list(zip(frame["kabupaten"], frame["kecamatan"], strict=True)), index=frame.index,
                     dtype=object)


def replaced_by_matrices(typed: pd.DataFrame, matrices: dict[str, MatrixIdentity], round_id: str
                         ) -> Replacement:
    """The rows of each matrix's kecamatan (resolved names) that come from a file other than that
    kecamatan's matrices of `round_id`, with a warning each naming the matrix and, when the
    matrix holds the same `no`, the row that now stands for it."""
    files_of: dict[tuple[str, str], list[str]] = {}
    for file, identity in sorted(matrices.items()):
        if identity.round_id == round_id:
            files_of.setdefault((identity.kabupaten, identity.kecamatan), []).append(file)
    if not files_of or typed.empty:
        return Replacement()
    place = _place_of(typed)
    concerned = typed.loc[place.isin(list(files_of))]
    from_matrix = [file in files_of[p] for file, p in zip(concerned["source_file"], place[concerned.index],
                                                         strict=True)]
    kept, replaced = concerned.loc[from_matrix], concerned.loc[[not m for m in from_matrix]]
    kept_at: dict[tuple[tuple[str, str], str], list[tuple[str, str, int]]] = {}
    for row in kept.itertuples(index=False):
        kept_at.setdefault(((row.kabupaten, row.kecamatan), display_value(row.rec_id)), []).append(
            (row.source_file, display_value(row.source_sheet), int(row.source_row)))
    warnings = []
    for row in replaced.itertuples(index=False):
        key = (row.kabupaten, row.kecamatan)
        rec_id = display_value(row.rec_id)
        stands = kept_at.get((key, rec_id))
        outcome = outcome_text("kept", value=rec_id, others=where_text(stands)) if stands \
            else outcome_text("dropped", value=rec_id)
        warnings.append(Problem(TABLE, int(getattr(row, ROW_ID)), "", "replaced_by_matrix", rec_id, "", {
            "here": where_text([(row.source_file, display_value(row.source_sheet), int(row.source_row))]),
            "expected": ", ".join(files_of[key]), "kecamatan": row.kecamatan, "outcome": outcome}))
    return Replacement(frozenset(int(r) for r in replaced[ROW_ID]), warnings)
