"""The reference data (locations and rounds) as the objects the other transforms use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from transforms.contract.layout import slug
from transforms.contract.messages import FileProblem
from transforms.validate.names import Gazetteer, Place, PlaceIndex
from transforms.validate.parsing import ParseError, parse_date


class ReferenceError(ValueError):
    """The reference files contradict themselves; the message names the row."""

    def problem(self, reference_dir: str) -> FileProblem:
        return FileProblem("reference_invalid", reference_dir, value=str(self))


class SharedSlugError(ReferenceError):
    """Places whose names give one slug would write one brief, matrix and e-mail bundle."""

    def __init__(self, level: str, kabupaten: str, names: dict[str, list[int]], made: str) -> None:
        self.level, self.kabupaten, self.made = level, kabupaten, made
        self.names = ", ".join(f"'{name}' ({_row_list(rows)})" for name, rows in names.items())
        super().__init__(f"locations.csv: {level} {self.names} share the slug {made}")

    def problem(self, reference_dir: str) -> FileProblem:
        return FileProblem(f"reference_{self.level}_slug_shared", f"{reference_dir}/locations.csv",
                           column=self.level, table=self.kabupaten, value=self.names,
                           expected=self.made)


ROWS_NAMED = 5  # rows listed per name: enough to find the spelling, the rest are alike


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:ROWS_NAMED])
    return shown + (f", … (+{len(rows) - ROWS_NAMED})" if len(rows) > ROWS_NAMED else "")


def _refuse_shared_slugs(level: str, kabupaten: str, rows: dict[str, list[int]]) -> None:
    """Kecamatan `Kota Baru`, `Kotá Baru` and `KOTA-BARU!` would be one `kota-baru.pdf`, sent
    to the recipients of all three: the reference must tell them apart (or make them aliases)."""
    by_slug: dict[str, list[str]] = {}
    for name in sorted(rows, key=lambda n: rows[n][0]):
        by_slug.setdefault(slug(name), []).append(name)
    for made, names in sorted(by_slug.items()):
        if len(names) > 1:
            raise SharedSlugError(level, kabupaten, {n: rows[n] for n in names}, made)


def _aliases(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    return tuple(a.strip() for a in str(value).split(";") if a.strip())


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


LOCATION_FIELDS = ("kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round")


def _text_rows(locations: pd.DataFrame) -> zip:
    """(kabupaten, kecamatan, desa, aliases, code, from_round) of each row as stripped text
    (aliases as read): plain Python lists, far cheaper to walk than itertuples over str columns."""
    def column(name: str) -> list[str]:
        if name not in locations.columns:
            return [""] * len(locations)
        return locations[name].fillna("").astype(str).tolist()
    aliases = column("aliases")
    stripped = [[_text(v) for v in column(name)] for name in LOCATION_FIELDS if name != "aliases"]
    return zip(*stripped[:3], aliases, *stripped[3:], strict=True)


def build_gazetteer(locations: pd.DataFrame) -> Gazetteer:
    """Kabupaten, kecamatan and desa rows (contract §2) into a resolvable gazetteer.

    A kecamatan with villages but no row of its own is still a kecamatan (without aliases).
    """
    rows = _text_rows(locations)
    gazetteer = Gazetteer()
    kab_aliases: dict[str, tuple[str, ...]] = {}
    kec_aliases: dict[tuple[str, str], tuple[str, ...]] = {}
    kab_codes: dict[str, str] = {}
    kec_codes: dict[tuple[str, str], str] = {}
    villages: list[tuple[str, str, Place]] = []
    kab_rows: dict[str, list[int]] = {}
    kec_rows: dict[str, dict[str, list[int]]] = {}
    for number, (kab, kec, desa, aliases, code, from_round) in enumerate(rows, start=2):
        if not kab:
            raise ReferenceError(f"locations.csv row {number}: kabupaten is empty")
        kab_rows.setdefault(kab, []).append(number)
        if kec:
            kec_rows.setdefault(kab, {}).setdefault(kec, []).append(number)
        if not kec and not desa:
            kab_aliases[kab] = _aliases(aliases)
            kab_codes[kab] = code
        elif not desa:
            kec_aliases[(kab, kec)] = _aliases(aliases)
            kec_codes[(kab, kec)] = code
        elif not kec:
            raise ReferenceError(f"locations.csv row {number}: desa {desa} has no kecamatan")
        else:
            if not from_round:
                raise ReferenceError(f"locations.csv row {number}: desa {desa} has no from_round")
            villages.append((kab, kec, Place(desa, _aliases(aliases), from_round, code)))
    _refuse_shared_slugs("kabupaten", "", kab_rows)
    for kab, names in sorted(kec_rows.items()):
        _refuse_shared_slugs("kecamatan", kab, names)
    kabupaten = set(kab_aliases) | {k for k, _ in kec_aliases} | {k for k, _, _ in villages}
    kecamatan = set(kec_aliases) | {(k, c) for k, c, _ in villages}
    for kab in sorted(kabupaten):
        gazetteer.kabupaten.add(Place(kab, kab_aliases.get(kab, ()), code=kab_codes.get(kab, "")))
    for kab, kec in sorted(kecamatan):
        index = gazetteer.kecamatan.setdefault(kab, PlaceIndex())
        index.add(Place(kec, kec_aliases.get((kab, kec), ()), code=kec_codes.get((kab, kec), "")))
    for kab, kec, place in villages:
        gazetteer.desa.setdefault((kab, kec), PlaceIndex()).add(place)
    return gazetteer


@dataclass(frozen=True)
class RoundInfo:
    round_id: str
    label_id: str
    label_en: str
    window_start: date
    window_end: date
    next_start: date | None  # meetings of this round happen before the next round starts
    previous: str | None

    def label(self, lang: str) -> str:
        return self.label_id if lang == "id" else self.label_en


def build_rounds(rounds: pd.DataFrame) -> dict[str, RoundInfo]:
    rows = rounds.fillna("").astype(str).sort_values("round_id")
    ids = list(rows["round_id"])
    result: dict[str, RoundInfo] = {}
    for position, row in enumerate(rows.itertuples(index=False)):
        try:
            start, end = parse_date(row.window_start), parse_date(row.window_end)
        except ParseError:
            start = end = None
        if start is None or end is None or end < start:
            raise ReferenceError(f"rounds.csv: round {row.round_id} has an invalid window")
        next_start = None
        if position + 1 < len(ids):
            try:
                next_start = parse_date(rows.iloc[position + 1]["window_start"])
            except ParseError:
                raise ReferenceError(f"rounds.csv: round {ids[position + 1]} has an invalid window") from None
        result[row.round_id] = RoundInfo(
            row.round_id, row.label_id, row.label_en, start, end, next_start,
            ids[position - 1] if position else None,
        )
    return result


@dataclass(frozen=True)
class Programme:
    """Where the programme is in one round: kabupaten → kecamatan → villages."""

    places: dict[str, dict[str, list[str]]]

    @property
    def kecamatan(self) -> list[tuple[str, str]]:
        return [(kab, kec) for kab, kecs in self.places.items() for kec in kecs]

    def villages(self, kabupaten: str, kecamatan: str) -> list[str]:
        return self.places.get(kabupaten, {}).get(kecamatan, [])


def programme_for_round(gazetteer: Gazetteer, round_id: str) -> Programme:
    """Villages with `from_round` ≤ round; kecamatan with at least one such village."""
    places: dict[str, dict[str, list[str]]] = {}
    for (kab, kec), index in sorted(gazetteer.desa.items()):
        names = sorted(p.name for p in index.places.values() if p.from_round <= round_id)
        if names:
            places.setdefault(kab, {})[kec] = names
    return Programme(places)


@dataclass
class Reference:
    """A run's reference data: the places, the rounds, the follow-up rules, and the digests of
    the reference files the outputs depend on."""
    gazetteer: Gazetteer
    rounds: dict[str, RoundInfo]
    rules: pd.DataFrame
    hashes: dict[str, str]

    def round_labels(self, lang: str) -> dict[str, str]:
        return {round_id: info.label(lang) for round_id, info in self.rounds.items()}
