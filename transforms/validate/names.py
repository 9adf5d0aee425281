"""Resolving the place names facilitators type against the programme's reference.

Order of attempts: exact official name → alias → normalised key (case, accents, prefixes such as
`Kec.`/`Desa`, `P.` for `Pulau`, parenthesised alternates, spaces, hyphens, double letters) →
fuzzy (desa only, inside the already-resolved kecamatan, only when unambiguous). A name that does
not resolve gets the closest candidates as a suggestion, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

FUZZY_MIN_SCORE = 85.0  # below this a typo is too far from any official name to trust
FUZZY_MIN_MARGIN = 8.0  # the best candidate must beat the runner-up by this much
SUGGESTION_MIN_SCORE = 55.0

_PREFIX_RE = re.compile(
    r"^(?:kabupaten|kab|kecamatan|kec|desa|kelurahan|kel)\b\.?\s*", re.IGNORECASE
)


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1 << 18)  # the same village names recur across the country and the rounds
def name_key(text: str) -> str:
    """The normalised form two spellings of one place share."""
    text = _ascii_lower(text).strip()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = _PREFIX_RE.sub("", text)
    text = re.sub(r"\bp\.\s*", "pulau ", text)
    text = re.sub(r"[^a-z0-9]+", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def name_variants(text: str) -> list[str]:
    """The text plus each alternate it carries: `Loura (Laura)` → `Loura`, `Laura`;
    `Hatumeten / Hatuimeten` → both."""
    variants = [text]
    variants += re.findall(r"\(([^)]*)\)", text)
    bare = re.sub(r"\([^)]*\)", " ", text)
    if "/" in bare:
        variants += [part for part in bare.split("/") if part.strip()]
    return [v.strip() for v in variants if v.strip()]


@dataclass(frozen=True)
class Place:
    name: str  # official name
    aliases: tuple[str, ...] = ()
    from_round: str = ""
    code: str = ""


@dataclass
class PlaceIndex:
    """Places of one level under one parent (e.g. the villages of one kecamatan)."""

    places: dict[str, Place] = field(default_factory=dict)
    exact: dict[str, list[str]] = field(default_factory=dict)
    alias: dict[str, list[str]] = field(default_factory=dict)
    key: dict[str, list[str]] = field(default_factory=dict)

    def add(self, place: Place) -> None:
        self.places[place.name] = place
        self.exact.setdefault(place.name.strip().lower(), []).append(place.name)
        for alias in place.aliases:
            self.alias.setdefault(alias.strip().lower(), []).append(place.name)
        for form in (place.name, *place.aliases):
            for variant in name_variants(form):
                bucket = self.key.setdefault(name_key(variant), [])
                if place.name not in bucket:
                    bucket.append(place.name)

    def fuzzy_choices(self) -> dict[str, str]:
        """Normalised key → official name, for every spelling of every place."""
        return {k: names[0] for k, names in self.key.items() if len(names) == 1 and k}


@dataclass(frozen=True)
class Resolution:
    name: str | None
    method: str  # exact, alias, normalised, fuzzy, ambiguous, unknown, blank
    candidates: tuple[str, ...] = ()
    score: float | None = None

    @property
    def ok(self) -> bool:
        return self.name is not None


def _single(names: list[str] | None) -> str | None:
    return names[0] if names and len(set(names)) == 1 else None


def _suggestions(text: str, index: PlaceIndex, limit: int = 3) -> tuple[str, ...]:
    choices = index.fuzzy_choices()
    found = process.extract(name_key(text), list(choices), scorer=fuzz.ratio, limit=limit * 3)
    ordered: list[str] = []
    for key, score, _ in found:
        name = choices[key]
        if score >= SUGGESTION_MIN_SCORE and name not in ordered:
            ordered.append(name)
    return tuple(ordered[:limit])


def resolve(text: str | None, index: PlaceIndex, allow_fuzzy: bool) -> Resolution:
    """Resolve one typed name among the places of one index."""
    if text is None or not str(text).strip():
        return Resolution(None, "blank")
    text = str(text).strip()
    lowered = text.lower()
    if name := _single(index.exact.get(lowered)):
        return Resolution(name, "exact")
    if name := _single(index.alias.get(lowered)):
        return Resolution(name, "alias")
    ambiguous: set[str] = set()
    for variant in name_variants(text):
        matches = index.key.get(name_key(variant))
        if name := _single(matches):
            return Resolution(name, "normalised")
        ambiguous.update(matches or [])
    if ambiguous:
        return Resolution(None, "ambiguous", tuple(sorted(ambiguous)))
    if allow_fuzzy:
        fuzzy = _fuzzy(text, index)
        if fuzzy is not None:
            return fuzzy
    return Resolution(None, "unknown", _suggestions(text, index))


def _fuzzy(text: str, index: PlaceIndex) -> Resolution | None:
    choices = index.fuzzy_choices()
    typed = name_key(text)
    # A truncated name (`Miran K`) could be the start of several places: never pick one.
    extensions = sorted({name for key, name in choices.items() if key.startswith(typed) and key != typed})
    if len(extensions) > 1:
        return Resolution(None, "ambiguous", tuple(extensions))
    found = process.extract(typed, list(choices), scorer=fuzz.ratio, limit=6)
    best_by_place: dict[str, float] = {}
    for key, score, _ in found:
        name = choices[key]
        best_by_place[name] = max(score, best_by_place.get(name, 0.0))
    ranked = sorted(best_by_place.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < FUZZY_MIN_SCORE:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if ranked[0][1] - runner_up < FUZZY_MIN_MARGIN:
        close = tuple(name for name, score in ranked if score >= ranked[0][1] - FUZZY_MIN_MARGIN)
        return Resolution(None, "ambiguous", close, ranked[0][1])
    return Resolution(ranked[0][0], "fuzzy", (ranked[0][0],), ranked[0][1])


@dataclass
class Gazetteer:
    """The programme's places: kabupaten → kecamatan → desa, each level an index."""

    kabupaten: PlaceIndex = field(default_factory=PlaceIndex)
    kecamatan: dict[str, PlaceIndex] = field(default_factory=dict)  # by kabupaten
    desa: dict[tuple[str, str], PlaceIndex] = field(default_factory=dict)  # by (kab, kec)
    _by_kabupaten: dict[str, list[tuple[str, PlaceIndex]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _by_kabupaten_size: int = field(default=-1, init=False, repr=False, compare=False)

    def resolve_kabupaten(self, text: str | None) -> Resolution:
        return resolve(text, self.kabupaten, allow_fuzzy=False)

    def resolve_kecamatan(self, kabupaten: str, text: str | None) -> Resolution:
        return resolve(text, self.kecamatan.get(kabupaten, PlaceIndex()), allow_fuzzy=False)

    def resolve_desa(self, kabupaten: str, kecamatan: str, text: str | None) -> Resolution:
        index = self.desa.get((kabupaten, kecamatan), PlaceIndex())
        return resolve(text, index, allow_fuzzy=True)

    def desa_elsewhere(self, kabupaten: str, kecamatan: str, text: str) -> tuple[str, ...]:
        """`Waiha (Kec. Kodi Balaghar)`: the same name in another kecamatan of the kabupaten,
        the likeliest fix when a village was filed under the wrong kecamatan."""
        found = []
        for kec, index in self._desa_by_kabupaten().get(kabupaten, []):
            if kec != kecamatan:
                res = resolve(text, index, allow_fuzzy=False)
                if res.ok:
                    found.append(f"{res.name} (Kec. {kec})")
        return tuple(found)

    def _desa_by_kabupaten(self) -> dict[str, list[tuple[str, PlaceIndex]]]:
        """The village indexes of each kabupaten by kecamatan name: a national gazetteer has
        7,000 kecamatan, too many to scan for each unresolved name. Rebuilt if places were added."""
        if self._by_kabupaten_size != len(self.desa):
            self._by_kabupaten = {}
            for (kab, kec), index in sorted(self.desa.items()):
                self._by_kabupaten.setdefault(kab, []).append((kec, index))
            self._by_kabupaten_size = len(self.desa)
        return self._by_kabupaten

    def joining_after(self, round_id: str) -> dict[tuple[str, str, str], str]:
        """The villages that join the programme after this round, with the round they join in:
        few or none, so a table's rows are checked against these instead of looked up one by one."""
        return {(kab, kec, name): place.from_round for (kab, kec), index in self.desa.items()
                for name, place in index.places.items() if place.from_round > round_id}

    def village(self, kabupaten: str, kecamatan: str, desa: str) -> Place:
        return self.desa[(kabupaten, kecamatan)].places[desa]
