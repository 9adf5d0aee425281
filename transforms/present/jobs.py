"""Every brief and workbook of a round as a job: where it goes and the inputs it is built from.

A job's key is the digest of its inputs (`transforms.digests.inputs_digest`), so a rerun knows
which briefs and workbooks changed without building any of them; the rows behind each input are
taken out of the round's tables only for a job that is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

import pandas as pd

from transforms.contract.layout import brief_path, corrections_path, matrix_path
from transforms.contract.places import KABUPATEN_KEY, KECAMATAN_KEY, VILLAGE_KEY
from transforms.contract.reference import Reference
from transforms.contract.rules import NOT_FOR_VILLAGES
from transforms.derive.matrix import latest_recommendations
from transforms.derive.products import Aggregates, Matrices
from transforms.digests import PlaceSplit, Rows, fingerprint
from transforms.ingest.matrix_identity import MatrixIdentity
from transforms.present.briefs import (
    BriefContext,
    BriefInputs,
    BriefView,
    KabupatenBriefInputs,
    KecamatanBriefInputs,
    brief_template,
    brief_view,
    nothing_reported,
)
from transforms.validate.normalise import data_date
from transforms.validate.quarantine import CleanRound


@dataclass(frozen=True)
class BriefJob:
    relative: str  # briefs/<kabupaten>/<kecamatan>.pdf
    inputs: BriefInputs

    @property
    def template(self) -> str:
        return brief_template(self.inputs)

    @property
    def view(self) -> BriefView:
        return brief_view(self.inputs)


@dataclass(frozen=True)
class CorrectionsInputs:
    """The rows a kecamatan's villages should fix and check."""
    to_fix: Rows
    to_check: Rows
    lang: str


@dataclass(frozen=True)
class MatrixInputs:
    matrix: Rows
    lang: str
    round_labels: dict[str, str]
    identity: MatrixIdentity  # written into the workbook: where it goes back once filled in


@dataclass(frozen=True)
class WorkbookJob:
    relative: str  # corrections/… or matrix/…
    inputs: CorrectionsInputs | MatrixInputs


def _splits(tables: dict[str, pd.DataFrame], columns: list[str]) -> dict[str, PlaceSplit]:
    """The round's tables split by place once (not filtered again for each of 7,611 briefs)."""
    return {name: PlaceSplit(frame, columns) for name, frame in tables.items()}


def _rows(splits: dict[str, PlaceSplit], key: tuple[str, ...]) -> dict[str, Rows]:
    return {name: Rows.of(split, key) for name, split in splits.items()}


def _concatenated(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


class LastReports:
    """The last round before this one in which each village reported (a `desa` row or an
    activity row that passed), from the rounds read so far; looked up only for a kecamatan no
    village reported for, so the earlier rounds are gone through only when one is there."""

    def __init__(self, history: dict[str, CleanRound], round_id: str) -> None:
        self._earlier = {rid: history[rid] for rid in sorted(history) if rid < round_id}
        self._last: dict[tuple[str, ...], str] | None = None

    def of(self, kabupaten: str, kecamatan: str, villages: list[str]) -> dict[str, str]:
        if self._last is None:
            self._last = {}
            for rid, earlier in self._earlier.items():  # oldest first: the latest round wins
                reported = pd.concat([earlier.clean[name][VILLAGE_KEY]
                                      for name in ("villages", "activities")])
                self._last.update(dict.fromkeys(reported.itertuples(index=False, name=None), rid))
        return {desa: self._last.get((kabupaten, kecamatan, desa), "") for desa in villages}


def brief_jobs(cleaned: CleanRound, reference: Reference, aggregates: Aggregates, matrices: Matrices,
               history: dict[str, CleanRound], lang: str) -> Iterator[BriefJob]:
    """Every brief of the round, kecamatan first, then kabupaten."""
    round_id = cleaned.round.round_id
    context = BriefContext(lang, cleaned.round, data_date(cleaned.clean, cleaned.round))
    round_labels = reference.round_labels(lang)
    activities, meetings = cleaned.clean["activities"], cleaned.clean["meetings"]
    of_kecamatan = _splits({
        "activities": activities, "meetings": meetings, "quarantine": aggregates.quarantine,
        "warnings": aggregates.warnings, "tracking": aggregates.tracking,
        "status_history": aggregates.status_history}, KECAMATAN_KEY)
    last_reports = LastReports(history, round_id)
    for summary in aggregates.by_kecamatan.to_dict("records"):
        kab, kec = summary["kabupaten"], summary["kecamatan"]
        matrix = matrices.by_place[(kab, kec)]
        villages = aggregates.programme.villages(kab, kec)
        yield BriefJob(brief_path(kab, kec, lang), KecamatanBriefInputs(
            context=context, kabupaten=kab, kecamatan=kec, summary=summary,
            villages=villages, **_rows(of_kecamatan, (kab, kec)),
            matrix=Rows.loaded(matrix, matrices.digests[(kab, kec)]), round_labels=round_labels,
            last_reported=last_reports.of(kab, kec, villages) if nothing_reported(summary) else {}))
    recommendations = latest_recommendations(
        {rid: r.clean["recommendations"] for rid, r in history.items() if rid <= round_id})
    of_kabupaten = _splits({
        "activities": activities, "meetings": meetings, "quarantine": aggregates.quarantine,
        "warnings": aggregates.warnings, "recommendations": recommendations,
        "status_history": aggregates.status_history, "kecamatan_summaries": aggregates.by_kecamatan},
        KABUPATEN_KEY)
    matrices_of: dict[str, list[pd.DataFrame]] = {}
    digests_of: dict[str, list[str]] = {}
    for (kab, kec), matrix in matrices.by_place.items():
        matrices_of.setdefault(kab, []).append(matrix)
        digests_of.setdefault(kab, []).append(matrices.digests[(kab, kec)])
    for summary in aggregates.by_kabupaten.to_dict("records"):
        kab = summary["kabupaten"]
        district = Rows(partial(_concatenated, matrices_of.get(kab, [])),
                        fingerprint(digests_of.get(kab, [])))
        yield BriefJob(brief_path(kab, lang=lang), KabupatenBriefInputs(
            context=context, kabupaten=kab, kabupaten_code=reference.gazetteer.kabupaten.places[kab].code,
            summary=summary, **_rows(of_kabupaten, (kab,)), matrices=district,
            round_ids=sorted(reference.rounds), round_labels=round_labels))


def workbook_jobs(aggregates: Aggregates, matrices: Matrices, lang: str, round_labels: dict[str, str]
                  ) -> Iterator[WorkbookJob]:
    """Correction workbooks: one per programme kecamatan (empty when all is well), one per
    kabupaten for rows whose kecamatan could not be read, one for rows whose kabupaten could not
    be read. Then the recommendation matrix of every kecamatan."""
    def with_rows(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[frame["source_row"].astype(str) != ""]

    fix, check = with_rows(aggregates.quarantine), with_rows(aggregates.warnings)
    check = check.loc[~check["code"].isin(NOT_FOR_VILLAGES)]
    fix_of, check_of = PlaceSplit(fix, KECAMATAN_KEY), PlaceSplit(check, KECAMATAN_KEY)
    reported = pd.concat([fix, check])[KECAMATAN_KEY].itertuples(index=False, name=None)
    for kab, kec in dict.fromkeys([*aggregates.programme.kecamatan, *reported]):
        yield WorkbookJob(corrections_path(kab, kec, lang), CorrectionsInputs(
            Rows.of(fix_of, (kab, kec)), Rows.of(check_of, (kab, kec)), lang))
    for (kab, kec), matrix in matrices.by_place.items():
        yield WorkbookJob(matrix_path(kab, kec, lang), MatrixInputs(
            Rows.loaded(matrix, matrices.digests[(kab, kec)]), lang, round_labels,
            MatrixIdentity(matrices.round_id, kab, kec)))
