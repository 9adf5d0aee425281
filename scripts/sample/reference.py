"""The programme's villages and rounds (data/reference/), and the seeded random draws."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from scripts.sample.content import REFERENCE

# Every draw comes from `random.Random` seeded with SEED and a fixed label, so a rerun gives the
# same rows and a change in one place does not reshuffle the rest.
SEED = 20240701


@dataclass(frozen=True)
class Village:
    kab: str
    kec: str
    desa: str
    aliases: tuple[str, ...]
    from_round: str


@dataclass(frozen=True)
class Round:
    round_id: str
    start: date
    end: date
    index: int


@dataclass(frozen=True)
class Reference:
    villages: tuple[Village, ...]
    kec_aliases: dict[tuple[str, str], tuple[str, ...]]
    rounds: tuple[Round, ...]

    def kecamatan(self, kab: str | None = None) -> list[tuple[str, str]]:
        return sorted({(v.kab, v.kec) for v in self.villages if kab in (None, v.kab)})

    def in_round(self, rnd: Round, kab: str, kec: str) -> list[Village]:
        return [v for v in self.villages
                if v.kab == kab and v.kec == kec and v.from_round <= rnd.round_id]

    def aliases(self, kab: str, kec: str, desa: str) -> tuple[str, ...]:
        return next((v.aliases for v in self.villages if (v.kab, v.kec, v.desa) == (kab, kec, desa)), ())


def _split(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(";") if a.strip())


def load_reference(folder: Path = REFERENCE) -> Reference:
    loc = pd.read_csv(folder / "locations.csv", dtype=str, keep_default_na=False)
    villages = tuple(
        Village(r.kabupaten, r.kecamatan, r.desa, _split(r.aliases), r.from_round)
        for r in loc.itertuples() if r.desa
    )
    kec_aliases = {(r.kabupaten, r.kecamatan): _split(r.aliases)
                   for r in loc.itertuples() if r.kecamatan and not r.desa}
    rnd = pd.read_csv(folder / "rounds.csv", dtype=str, keep_default_na=False)
    rounds = tuple(
        Round(r.round_id, date.fromisoformat(r.window_start), date.fromisoformat(r.window_end), i)
        for i, r in enumerate(rnd.sort_values("round_id").itertuples())
    )
    return Reference(villages, kec_aliases, rounds)


def rng_for(*parts: object) -> random.Random:
    return random.Random(":".join([str(SEED), *map(str, parts)]))
