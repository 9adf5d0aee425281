"""Each village's VLP activities, and how their statuses, progress and budgets move over the rounds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.sample.content import (
    DROPPED,
    DROPPED_STATUSES,
    KEC_CODE,
    MISSING,
    OVERSPENT,
    RECOVERING,
    RECOVERING_LESSON,
    RECOVERING_PROBLEM_ROUNDS,
    RECOVERING_STATUSES,
    REPLICATION_TRAJECTORIES,
    TEMPLATES,
    TRAJECTORIES,
    Place,
    Problem,
    Template,
    Trajectories,
)
from scripts.sample.reference import Reference, Round, Village, rng_for


@dataclass
class Activity:
    village: Village
    code: str
    template: Template
    funding: str
    planned: int
    male: int
    female: int
    statuses: dict[str, str]  # round_id → canonical status; absent = not reported
    progress: dict[str, int] = field(default_factory=dict)
    realized: dict[str, int] = field(default_factory=dict)
    problem: Problem | None = None
    problem_rounds: set[str] = field(default_factory=set)
    lessons: dict[str, str] = field(default_factory=dict)
    overspent_from: str | None = None  # realised above planned from this round on (a warning)


def _weighted(rng: random.Random, options: Trajectories) -> tuple[str, ...]:
    names = sorted(options)
    return options[rng.choices(names, weights=[options[n][1] for n in names])[0]][0]


def village_codes(villages: Iterable[Village]) -> dict[Village, str]:
    """Three letters per village, unique inside its kecamatan (Kilean KIL, Kilotak KLT ...)."""
    codes: dict[Village, str] = {}
    for v in sorted(villages, key=lambda v: v.desa):
        taken = {c for w, c in codes.items() if (w.kab, w.kec) == (v.kab, v.kec)}
        letters = re.sub(r"[^A-Z]", "", v.desa.upper())
        words = v.desa.upper().split()
        candidates = [letters[:3]]
        if len(words) > 1:
            candidates += [words[0][:2] + words[-1][0], words[0][0] + words[-1][:2]]
        candidates.append(letters[0] + re.sub(r"[AEIOU]", "", letters[1:])[:2])
        candidates += [letters[:2] + str(n) for n in range(1, 10)]
        codes[v] = next(c for c in candidates if len(c) == 3 and c not in taken)
    return codes


def templates_for(v: Village) -> list[Template]:
    return [t for t in TEMPLATES[v.kab] if not t.where or v.kec in t.where]


def new_activity(v: Village, code: str, template: Template, rounds: tuple[Round, ...]) -> Activity:
    rng = rng_for("activity", v.kab, v.kec, v.desa, code)
    step = 500_000
    planned = rng.randint(template.budget[0] // step, template.budget[1] // step) * step
    people = rng.randint(*template.people)
    female = round(people * min(1.0, max(0.0, rng.gauss(template.female, 0.08))))
    ids = [r.round_id for r in rounds if r.round_id >= v.from_round]
    path = _weighted(rng, TRAJECTORIES if len(ids) == 3 else REPLICATION_TRAJECTORIES)
    activity = Activity(v, code, template, rng.choice(template.funding), planned, people - female,
                        female, dict(zip(ids, path, strict=True)))
    if any(s == "tidak_berjalan" for s in path) or path == TRAJECTORIES["struggling"][0]:
        activity.problem = rng.choice(template.problems)
        activity.problem_rounds = {r for r, s in activity.statuses.items()
                                   if s in ("tidak_berjalan", "berjalan")}
    return activity


def fill_progress(activity: Activity) -> None:
    """Progress, realised budget and lessons consistent with each round's status."""
    rng = rng_for("progress", activity.code, activity.village.desa)
    progress, realized = 0, 0
    for round_id, status in sorted(activity.statuses.items()):
        if status == "belum_mulai":
            progress = 0
            if rng.random() < 0.3:  # preparation already paid: meetings, transport of inputs
                realized = max(realized, rng.randint(5, 19) * 50_000)
        elif status == "berjalan":
            progress = min(90, max(progress + rng.randint(15, 35), rng.randint(20, 50)))
        elif status == "selesai":
            progress = 100
        elif progress == 0:
            progress = rng.randint(10, 40)
        share = progress / 100 * rng.uniform(0.85, 1.0) if status != "selesai" else rng.uniform(0.93, 1)
        if status != "tidak_berjalan" or realized == 0:  # a stalled activity spends nothing more
            realized = max(realized, int(activity.planned * share) // 50_000 * 50_000)
        activity.progress[round_id] = progress
        activity.realized[round_id] = realized
        if activity.template.lessons and status in ("berjalan", "selesai") and rng.random() < 0.18:
            activity.lessons[round_id] = rng.choice(activity.template.lessons)


def build_activities(ref: Reference) -> list[Activity]:
    activities: list[Activity] = []
    codes = village_codes(ref.villages)
    for v in ref.villages:
        rng = rng_for("plan", v.kab, v.kec, v.desa)
        chosen = rng.sample(templates_for(v), rng.randint(2, 5))
        for n, template in enumerate(chosen, start=1):
            code = f"{KEC_CODE[v.kec]}-{codes[v]}-{n:02d}"
            activities.append(new_activity(v, code, template, ref.rounds))
    apply_special_cases(activities)
    for activity in activities:
        fill_progress(activity)
    for round_id, (kab, kec) in OVERSPENT.items():
        mark_overspent(activities, round_id, kab, kec)
    return activities


def mark_overspent(activities: list[Activity], round_id: str, kab: str, first_kec: str) -> None:
    """A finished activity that spent more than planned (topped up by self-help): a warning that
    recurs in every later round. Taken from `first_kec`, else the next kecamatan that has one."""
    missing = {m for ms in MISSING.values() for m in ms}
    ordered = sorted(activities, key=lambda a: (a.village.kec != first_kec, a.village.kec, a.code))
    for a in ordered:
        place = (a.village.kab, a.village.kec, a.village.desa)
        later = [s for r, s in a.statuses.items() if r >= round_id]
        if a.village.kab == kab and place not in missing and place not in (RECOVERING, DROPPED) \
                and len(later) > 1 and set(later) == {"selesai"} and a.overspent_from is None:
            a.overspent_from = round_id
            return
    raise SystemExit(f"no finished activity in {kab} {round_id} to overspend")


def _of_village(activities: list[Activity], place: Place) -> list[Activity]:
    found = [a for a in activities if (a.village.kab, a.village.kec, a.village.desa) == place]
    if not found:
        raise SystemExit(f"no activities for {place}")
    return found


def apply_special_cases(activities: list[Activity]) -> None:
    recovering = _of_village(activities, RECOVERING)[0]
    recovering.statuses = dict(RECOVERING_STATUSES)
    recovering.problem = recovering.problem or recovering.template.problems[0]
    recovering.problem_rounds = set(RECOVERING_PROBLEM_ROUNDS)
    recovering.lessons[RECOVERING_LESSON["round"]] = RECOVERING_LESSON["text"].format(
        pihak=recovering.problem.pihak)
    dropped = _of_village(activities, DROPPED)[-1]
    dropped.statuses = dict(DROPPED_STATUSES)
    dropped.problem, dropped.problem_rounds = None, set()
