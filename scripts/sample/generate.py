"""All of it, round by round: rows, mistakes, files, then README.md and expected_problems.csv."""

from __future__ import annotations

from pathlib import Path

from scripts.sample.activities import Activity, build_activities
from scripts.sample.content import DROPPED, FIRST_TOTALS
from scripts.sample.documents import expected_problems, expected_problems_csv, readme, summary
from scripts.sample.files import Placed, write_round
from scripts.sample.mistakes import add_knock_ons, apply_variants, plant_mistakes
from scripts.sample.recommendations import Recommendation, build_recommendations, recommendation_records
from scripts.sample.records import Record, meeting_records, village_and_activity_records
from scripts.sample.reference import Reference, Round, load_reference

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def round_records(ref: Reference, rnd: Round, activities: list[Activity],
                  recs: list[Recommendation], previous: list[Record]) -> list[Record]:
    records = village_and_activity_records(ref, rnd, activities)
    records += meeting_records(ref, rnd)
    records += recommendation_records(rnd, recs)
    plant_mistakes(rnd.round_id, records)
    apply_variants(rnd.round_id, records)
    add_knock_ons(records, previous)
    return records


def check_first_meetings(records: list[Record]) -> None:
    for kab, (men, women) in FIRST_TOTALS.items():
        rows = [r for r in records if r.table == "pertemuan" and r.kab == kab]
        got = (sum(int(str(r.values["peserta_laki_laki"])) for r in rows),
               sum(int(str(r.values["peserta_perempuan"])) for r in rows))
        if got != (men, women) or any(r.issue for r in rows):
            raise SystemExit(f"first meetings of {kab}: {got}, expected {(men, women)}")


def dropped_codes(activities: list[Activity], ref: Reference) -> dict[str, list[str]]:
    """Round → codes of the activities of DROPPED that were reported the round before, not now."""
    found: dict[str, list[str]] = {}
    for before, now in zip(ref.rounds, ref.rounds[1:], strict=False):
        for a in activities:
            if (a.village.kab, a.village.kec, a.village.desa) == DROPPED \
                    and before.round_id in a.statuses and now.round_id not in a.statuses:
                found.setdefault(now.round_id, []).append(a.code)
    return found


def generate(raw: Path = RAW) -> str:
    """Write the sample rounds, README.md and expected_problems.csv into `raw`; a summary."""
    ref = load_reference()
    activities = build_activities(ref)
    recs = build_recommendations(ref, activities)
    placed: list[Placed] = []
    all_records: dict[str, list[Record]] = {}
    previous: list[Record] = []
    for number, rnd in enumerate(ref.rounds):
        records = previous = round_records(ref, rnd, activities, recs, previous)
        if number == 0:
            check_first_meetings(records)
        placed += write_round(ref, rnd, records, raw)
        all_records[rnd.round_id] = records
    (raw / "README.md").write_text(readme(placed, ref), encoding="utf-8")
    expected = expected_problems(placed, dropped_codes(activities, ref))
    (raw / "expected_problems.csv").write_text(expected_problems_csv(expected), encoding="utf-8",
                                               newline="")
    mistakes = sum(1 for p in placed if p.record.issue)
    return (f"{summary(all_records)}\n{mistakes} deliberate mistakes; see data/raw/README.md "
            f"({len(expected)} expected problems in expected_problems.csv)")
