"""Recommendation matrices: what each kecamatan meeting agrees, and its follow-up over the rounds."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from scripts.sample.activities import Activity
from scripts.sample.content import (
    DONE_NOTES,
    DUE,
    FORUM,
    GENERIC_RECS,
    PROGRESS_NOTES,
    RECOMMENDATION_UPDATES,
    TRACKED,
    Problem,
)
from scripts.sample.records import Record
from scripts.sample.reference import Reference, Round, rng_for


@dataclass
class Recommendation:
    kab: str
    kec: str
    no: str
    problem: Problem
    villages: tuple[str, ...]
    agreed: str  # round whose meeting agreed it
    due: str
    status: dict[str, str] = field(default_factory=dict)  # round_id → status
    notes: dict[str, str] = field(default_factory=dict)


def problems_of_round(activities: list[Activity], kab: str, kec: str,
                      round_id: str) -> list[tuple[Problem, tuple[str, ...]]]:
    """The distinct problems reported in a kecamatan, most frequent first, with their villages."""
    found: dict[str, list[str]] = {}
    problems: dict[str, Problem] = {}
    for a in activities:
        if (a.village.kab, a.village.kec) == (kab, kec) and round_id in a.problem_rounds and a.problem:
            found.setdefault(a.problem.masalah, []).append(a.village.desa)
            problems[a.problem.masalah] = a.problem
    ranked = sorted(found, key=lambda m: (-len(found[m]), m))
    return [(problems[m], tuple(sorted(set(found[m])))) for m in ranked]


def next_status(rng: random.Random, status: str, level: str) -> str:
    if status == "baru":
        roll = rng.random()
        if level != "kabupaten" and roll < 0.25:
            return "selesai"
        return "proses" if roll < 0.8 else "baru"
    if status == "proses":
        return "selesai" if rng.random() < 0.45 else "proses"
    return status


def new_recommendations(kab: str, kec: str, round_id: str, start: int,
                        problems: list[tuple[Problem, tuple[str, ...]]], limit: int) -> list[Recommendation]:
    rng = rng_for("rec", round_id, kab, kec)
    recs = []
    for offset, (problem, villages) in enumerate(problems[:limit]):
        recs.append(Recommendation(kab, kec, str(start + offset), problem, villages, round_id,
                                   rng.choice(DUE[round_id])))
    return recs


def build_recommendations(ref: Reference, activities: list[Activity]) -> list[Recommendation]:
    recs: list[Recommendation] = []
    for kab, kec in ref.kecamatan():
        first = problems_of_round(activities, kab, kec, "2024-07")
        generic: list[tuple[Problem, tuple[str, ...]]] = [
            (g, ()) for g in rng_for("generic", kab, kec).sample(GENERIC_RECS, 2)]
        first_recs = new_recommendations(kab, kec, "2024-07", 1, (first[:2] + generic)[:3], 3)
        covered = {r.problem.masalah for r in first_recs}
        later = [p for p in problems_of_round(activities, kab, kec, "2024-10")
                 if p[0].masalah not in covered]
        recs += first_recs + new_recommendations(kab, kec, "2024-10", len(first_recs) + 1, later, 2)
    for rec in recs:
        evolve(rec)
    return recs


def evolve(rec: Recommendation) -> None:
    rng = rng_for("status", rec.kab, rec.kec, rec.no)
    rec.status[rec.agreed] = "baru"
    if rec.agreed == "2024-07":
        rec.status["2024-10"] = next_status(rng, "baru", rec.problem.tingkat)
    rec.status["2025-01"] = next_status(rng, rec.status["2024-10"], rec.problem.tingkat)
    rec.status.update(TRACKED.get((rec.kab, rec.kec, rec.no), {}))
    for round_id, status in rec.status.items():
        if round_id != rec.agreed and status == "proses":
            rec.notes[round_id] = rng.choice(PROGRESS_NOTES[rec.kab])
        elif round_id != rec.agreed and status == "selesai":
            rec.notes[round_id] = rng.choice(DONE_NOTES)


def agency(rec: Recommendation) -> str:
    if rec.problem.tingkat == "kecamatan":
        return "Camat"
    return rec.problem.pihak


def recommendation_records(rnd: Round, recs: list[Recommendation]) -> list[Record]:
    updates = RECOMMENDATION_UPDATES.get(rnd.round_id)
    wanted = [r for r in recs if rnd.round_id in r.status and (updates is None or (r.kab, r.kec) in updates)]
    records = []
    for rec in wanted:
        text = rec.problem.rekomendasi.format(forum=FORUM[rec.kab])
        values = {"no": int(rec.no), "masalah": rec.problem.masalah, "desa_terkait": rec.villages,
                  "rekomendasi": text, "tingkat": rec.problem.tingkat,
                  "penanggung_jawab": agency(rec), "tenggat": rec.due,
                  "status_tindak_lanjut": rec.status[rnd.round_id],
                  "keterangan": rec.notes.get(rnd.round_id)}
        records.append(Record("rekomendasi", rec.kab, rec.kec, values))
    return records
