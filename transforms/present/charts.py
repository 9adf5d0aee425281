"""What each chart of a brief shows, as data: title, unit, categories and series.

Drawing is done elsewhere (flows/charts.py, matplotlib → SVG); the same numbers are laid out as
a small table under each chart, so nothing is only readable from a picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from transforms.contract.labels import label
from transforms.contract.outputs import STATUS_COLUMNS
from transforms.contract.tables import VOCABULARIES
from transforms.present import formatting as fmt

# The renderer serves chart SVGs at these addresses only (see flows/rendering.py).
CHART_URL_PREFIX = "https://charts.bangkit.invalid/"
STATUSES = tuple(STATUS_COLUMNS)


@dataclass(frozen=True)
class Series:
    key: str  # drawing style: a status, "male"/"female", "planned"/"realized"
    name: str
    values: tuple[float | None, ...]  # None: nothing reported there (drawn as no bar)


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    horizontal: bool = False
    value_format: str = "number"  # number | millions
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def src(self) -> str:
        return f"{CHART_URL_PREFIX}{self.key}.svg"

    @property
    def empty(self) -> bool:
        """Nothing to draw: no category, or no value reported that is not zero."""
        return not self.categories or all(not v for s in self.series for v in s.values)


def _status_series(counts: pd.DataFrame, lang: str) -> tuple[Series, ...]:
    return tuple(Series(s, VOCABULARIES["activity_status"].label(s, lang),
                        tuple(float(v) for v in counts.get(s, pd.Series(0, index=counts.index))))
                 for s in STATUSES)


def status_by_place(activities: pd.DataFrame, places: list[str], column: str, lang: str,
                    title_key: str) -> ChartSpec:
    """Stacked bars: activities by status for each village (or kecamatan)."""
    counts = (activities.groupby([column, "status"]).size().unstack(fill_value=0)
              .reindex(places, fill_value=0))
    return ChartSpec("status_by_place", label(title_key, lang), label("unit_activities", lang),
                     tuple(places), _status_series(counts, lang), stacked=True, horizontal=True)


def status_counts_by_round(history: dict[str, pd.DataFrame], up_to: str) -> pd.DataFrame:
    """Activities per (round, kabupaten, kecamatan, status) for every round up to `up_to`."""
    parts = [frame.assign(round_id=rid) for rid, frame in sorted(history.items())
             if rid <= up_to and not frame.empty]
    if not parts:
        return pd.DataFrame(columns=["round_id", "kabupaten", "kecamatan", "status", "count"])
    every = pd.concat(parts, ignore_index=True)
    return (every.groupby(["round_id", "kabupaten", "kecamatan", "status"]).size()
            .rename("count").reset_index())


def status_across_rounds(counts: pd.DataFrame, round_ids: list[str],
                         round_short: dict[str, str], lang: str) -> ChartSpec:
    """Stacked bars: activities by status in each round so far."""
    table = (counts.groupby(["round_id", "status"])["count"].sum().unstack(fill_value=0)
             .reindex(round_ids, fill_value=0))
    return ChartSpec("status_across_rounds", label("chart_status_rounds", lang),
                     label("unit_activities", lang),
                     tuple(round_short.get(r, r) for r in round_ids), _status_series(table, lang),
                     stacked=True)


def _reported(value: object) -> float | None:
    return None if fmt.blank(value) else float(value)  # type: ignore[arg-type]


def people_by_sex(summary: dict[str, object], lang: str) -> ChartSpec:
    """Grouped bars: beneficiaries and meeting participants, men and women (None where nothing
    was reported: no bar, and "tidak dilaporkan" in its table)."""
    pairs = (("beneficiaries", "beneficiaries_male", "beneficiaries_female"),
             ("participants", "meeting_participants_male", "meeting_participants_female"))
    return ChartSpec(
        "people_by_sex", label("chart_people_by_sex", lang), label("unit_people", lang),
        tuple(label(k, lang) for k, _, _ in pairs),
        (Series("male", label("male", lang), tuple(_reported(summary[m]) for _, m, _ in pairs)),
         Series("female", label("female", lang), tuple(_reported(summary[f]) for _, _, f in pairs))))


def budget_by_place(activities: pd.DataFrame, places: list[str], column: str, lang: str,
                    title_key: str) -> ChartSpec:
    """Grouped bars: budget planned and realised per village (or kecamatan), in million rupiah;
    None for a place none of whose activities carries that budget (not reported, not Rp0)."""
    sums = (activities.groupby(column)[["budget_planned", "budget_realized"]].sum(min_count=1)
            .reindex(places) / 1_000_000).round(3)
    return ChartSpec(
        "budget_by_place", label(title_key, lang), label("unit_million_rupiah", lang), tuple(places),
        tuple(Series(key, label(f"budget_{key}", lang), tuple(_reported(v) for v in sums[f"budget_{key}"]))
              for key in ("planned", "realized")),
        horizontal=True, value_format="millions")


def _show(spec: ChartSpec, value: float | None, lang: str) -> str:
    nr = label("figure_not_reported", lang)
    return fmt.decimal(value, lang, nr) if spec.value_format == "millions" else fmt.number(value, lang, nr)


def chart_tables(specs: list[ChartSpec], lang: str) -> list[dict[str, object]]:
    """The charts' numbers as tables; charts over the same categories (e.g. the villages) share
    one table, one column per series, the unit in the header."""
    groups: dict[tuple[str, ...], list[ChartSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.categories, []).append(spec)
    tables = []
    for categories, members in groups.items():
        columns = [f"{s.name} ({spec.unit})" if spec.value_format == "millions" else s.name
                   for spec in members for s in spec.series]
        rows = [{"category": category,
                 "cells": [_show(spec, s.values[i], lang) for spec in members for s in spec.series]}
                for i, category in enumerate(categories)]
        tables.append({"title": " · ".join(f"{s.title} ({s.unit})" for s in members),
                       "columns": columns, "rows": rows})
    return tables


def chart_views(specs: list[ChartSpec], lang: str) -> dict[str, object]:
    """What the template shows: the charts in pairs (image address, alt text, title, unit) and
    their numbers as tables."""
    images = [{"key": s.key, "src": s.src, "title": s.title, "unit": s.unit,
               "alt": f"{s.title} ({s.unit})", "empty": s.empty} for s in specs]
    return {"pairs": [images[i:i + 2] for i in range(0, len(images), 2)],
            "tables": chart_tables(specs, lang)}
