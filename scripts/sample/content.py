"""The sample's content, read from content/*.toml into typed objects.

Places in the files name a kabupaten by its alias in data/reference/locations.csv (`SBT`,
`SBD`); here they become the official names the rest of the generator compares with. Vocabulary
spellings are checked against the contract when read (scripts/typing_habits.py).
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scripts.typing_habits import check_spellings

CONTENT = Path(__file__).resolve().parent / "content"
REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"

Place = tuple[str, str, str]  # kabupaten, kecamatan, desa


def _read(name: str) -> dict[str, Any]:
    with (CONTENT / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _kabupaten_by_alias() -> dict[str, str]:
    """`SBT` → `Seram Bagian Timur`: the aliases of the reference's kabupaten rows."""
    with (REFERENCE / "locations.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["kecamatan"] and not r["desa"]]
    return {alias.strip(): r["kabupaten"] for r in rows for alias in r["aliases"].split(";")
            if alias.strip()}


KABUPATEN = _kabupaten_by_alias()
SHORT = {name: alias for alias, name in KABUPATEN.items()}


def kabupaten(alias: str) -> str:
    return KABUPATEN[alias]


def place(entry: dict[str, str]) -> Place:
    return kabupaten(entry["kabupaten"]), entry["kecamatan"], entry.get("desa", "")


@dataclass(frozen=True)
class Problem:
    """A constraint a village reports, and what the kecamatan meeting recommends for it."""

    category: str
    kendala: str
    dukungan: str
    pihak: str
    masalah: str
    rekomendasi: str
    tingkat: str = "kabupaten"


@dataclass(frozen=True)
class Template:
    name: str
    sector: str
    funding: tuple[str, ...]
    budget: tuple[int, int]  # rupiah
    people: tuple[int, int]  # beneficiaries, both sexes
    female: float  # share of women among beneficiaries
    problems: tuple[Problem, ...]
    lessons: tuple[str, ...] = ()
    where: tuple[str, ...] = ()  # kecamatan it fits; empty = anywhere in its kabupaten


def _problem(entry: dict[str, str]) -> Problem:
    return Problem(entry["category"], entry.get("kendala", ""), entry.get("dukungan", ""),
                   entry["pihak"], entry["masalah"], entry["rekomendasi"],
                   entry.get("tingkat", "kabupaten"))


def _templates() -> dict[str, tuple[Template, ...]]:
    by_kabupaten: dict[str, list[Template]] = {}
    for entry in _read("activities")["template"]:
        template = Template(
            entry["name"], entry["sector"], tuple(entry["funding"]), tuple(entry["budget"]),
            tuple(entry["beneficiaries"]), entry["female_share"],
            tuple(_problem(p) for p in entry["problem"]), tuple(entry.get("lessons", ())),
            tuple(entry.get("where", ())))
        for alias in entry["kabupaten"]:
            by_kabupaten.setdefault(kabupaten(alias), []).append(template)
    return {kab: tuple(templates) for kab, templates in by_kabupaten.items()}


TEMPLATES = _templates()

_places = _read("places")
FORUM = {kabupaten(alias): forum for alias, forum in _places["forum"].items()}
KEC_CODE: dict[str, str] = _places["kecamatan_code"]

_villages = _read("villages")
FACILITATORS = {kabupaten(alias): tuple(names) for alias, names in _villages["facilitators"].items()}
VILLAGE_NOTES = tuple(_villages["notes"]["village"])
PARTICIPANTS = {kabupaten(alias): counts for alias, counts in _villages["participants"].items()}

# Activities over the rounds
Trajectories = dict[str, tuple[tuple[str, ...], int]]  # name → (statuses per round, weight)
_stories = _read("stories")


def _trajectories(table: dict[str, dict[str, Any]]) -> Trajectories:
    return {name: (tuple(t["statuses"]), t["weight"]) for name, t in table.items()}


TRAJECTORIES = _trajectories(_stories["trajectories"])
REPLICATION_TRAJECTORIES = _trajectories(_stories["replication_trajectories"])
RECOVERING = place(_stories["recovering"]["place"])
RECOVERING_STATUSES: dict[str, str] = _stories["recovering"]["statuses"]
RECOVERING_PROBLEM_ROUNDS = set(_stories["recovering"]["problem_rounds"])
RECOVERING_LESSON: dict[str, str] = _stories["recovering"]["lesson"]
DROPPED = place(_stories["dropped"]["place"])
DROPPED_STATUSES: dict[str, str] = _stories["dropped"]["statuses"]
OVERSPEND: int = _stories["overspent"]["amount"]
OVERSPENT = {e["round"]: place(e)[:2] for e in _stories["overspent"]["from"]}
MISSING = {m["round"]: tuple(place(p) for p in m["places"]) for m in _stories["missing"]}

# Meetings: (kabupaten, kecamatan, date, batch, men, women, villages present)
_meetings = _read("meetings")
FIRST_MEETINGS: tuple[tuple[str, str, date, int, int, int, int], ...] = tuple(
    (kabupaten(m["kabupaten"]), m["kecamatan"], m["date"], m["batch"], m["men"], m["women"],
     m["villages_present"]) for m in _meetings["first"])
FIRST_TOTALS = {kabupaten(alias): tuple(total) for alias, total in _meetings["first_totals"].items()}
LATER_MEETINGS: dict[str, dict[str, Any]] = _meetings["later"]

# Recommendations
_recs = _read("recommendations")
GENERIC_RECS = tuple(_problem(p) for p in _recs["generic"])
DUE = {round_id: tuple(due) for round_id, due in _recs["due"].items()}
PROGRESS_NOTES = {kabupaten(alias): tuple(notes) for alias, notes in _recs["notes"]["progress"].items()}
DONE_NOTES = tuple(_recs["notes"]["done"])
TRACKED = {(*place(t["place"])[:2], t["no"]): t["statuses"] for t in _recs["tracked"]}
RECOMMENDATION_UPDATES = {round_id: {place(p)[:2] for p in places}
                          for round_id, places in _recs["updates"].items()}

# Mistakes and variant spellings, in planting order
_mistakes = _read("mistakes")
MISTAKES: list[dict[str, Any]] = _mistakes["mistake"]
VARIANTS: list[dict[str, str]] = _mistakes["variant"]

# Files
_files = _read("files")
FILES: list[dict[str, Any]] = _files["file"]
INSTRUCTIONS_SHEET: str = _files["instructions"]["sheet"]
INSTRUCTIONS = tuple(_files["instructions"]["lines"])

# How vocabulary terms are spelt: vocabulary → term → forms in order of preference
SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    vocabulary: {term: tuple(forms) for term, forms in terms.items()}
    for vocabulary, terms in _read("spellings").items()
}
for _vocabulary, _forms in SPELLINGS.items():
    check_spellings(_vocabulary, _forms)
