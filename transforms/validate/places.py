"""Resolving a round's place names (kabupaten, kecamatan, desa, and lists of villages) against the
gazetteer, once per distinct combination, with a problem for each name that does not resolve or
is not in the programme that round."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.contract.tables import Table
from transforms.validate.column_rules import ROW_ID
from transforms.validate.names import Gazetteer, Resolution
from transforms.validate.parsing import (
    distinct_values,
    split_names,
)
from transforms.validate.problems import Problem, display_value


def _place_problem(table: Table, row: int, column: str, raw_value: object, res: Resolution,
                   parent: str, level: str | None = None) -> Problem:
    """`level` names the kind of place when the column holds several (desa_terkait)."""
    text = display_value(raw_value)
    if res.method == "blank":
        return Problem(table.name, row, column, "missing_value", text)
    code = "ambiguous_name" if res.method == "ambiguous" else f"unknown_{level or column}"
    return Problem(table.name, row, column, code, text, "; ".join(res.candidates),
                   {"parent": parent})


PlaceFinding = tuple[str, Resolution, str]  # (column, resolution, parent name)


class CachedNames:
    """A gazetteer whose kabupaten and kecamatan answers are kept: thousands of villages share
    a handful of kabupaten and kecamatan spellings."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolve_kabupaten = cache(gazetteer.resolve_kabupaten)
        self.resolve_kecamatan = cache(gazetteer.resolve_kecamatan)
        self.resolve_desa = gazetteer.resolve_desa
        self.desa_elsewhere = gazetteer.desa_elsewhere
        self.combos: dict[tuple[str, ...], tuple[list[str | None], list[PlaceFinding]]] = {}
        self.late_villages = cache(gazetteer.joining_after)

    def resolve_combo(self, combo: tuple[str, ...]) -> tuple[list[str | None], list[PlaceFinding]]:
        """Once per distinct place across tables: a village's desa and kegiatan rows share it."""
        if combo not in self.combos:
            self.combos[combo] = _resolve_combo(combo, self)
        return self.combos[combo]


def _place_texts(typed: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The place columns as text (display_value), computed once per distinct value."""
    texts = {}
    for n in names:
        codes, distinct = distinct_values(typed[n])
        shown = np.array([*(display_value(v) for v in distinct), ""], dtype=object)  # NA → ""
        texts[n] = shown[codes]  # code -1 picks the ""
    return pd.DataFrame(texts, index=typed.index)


def resolve_places(table: Table, typed: pd.DataFrame, gazetteer: Gazetteer,
                   round_info: RoundInfo, cached: CachedNames | None = None
                   ) -> tuple[list[Problem], list[Problem]]:
    """Replace typed names by official names in place; return (errors, warnings).
    Each distinct (kabupaten, kecamatan, desa) is resolved once; problems are listed per row."""
    has_desa = "desa" in table.columns
    names = ["kabupaten", "kecamatan", *(["desa"] if has_desa else [])]
    keys = _place_texts(typed, names)
    combo_of_row = keys.groupby(names, sort=False).ngroup().to_numpy()
    combos = list(keys.drop_duplicates().itertuples(index=False, name=None))
    cached = cached or CachedNames(gazetteer)
    resolved = [cached.resolve_combo(combo) for combo in combos]
    official = np.array([found for found, _ in resolved], dtype=object).reshape(len(combos), len(names))
    for i, n in enumerate(names):
        typed[n] = pd.Series(official[combo_of_row, i] if len(combos) else [], dtype=object,
                             index=typed.index)
    errors, warnings = _combo_problems(table, typed[ROW_ID].to_numpy(), combo_of_row, combos,
                                       [findings for _, findings in resolved], names)
    if has_desa:
        errors += _not_in_round(table, typed, cached.late_villages(round_info.round_id),
                                combo_of_row, official, len(combos))
    if "villages" in table.columns:
        errors += _resolve_village_lists(table, typed, gazetteer)
    return errors, warnings


def _combo_problems(table: Table, row_ids: np.ndarray, combo_of_row: np.ndarray,
                    combos: list[tuple[str, ...]], findings: list[list[PlaceFinding]],
                    names: list[str]) -> tuple[list[Problem], list[Problem]]:
    """Corrected names (warnings) and unresolved ones (errors), row by row for the rows concerned."""
    telling = [[(column, res, parent) for column, res, parent in found
                if not res.ok or res.method == "fuzzy"] for found in findings]
    flagged = np.fromiter((bool(t) for t in telling), dtype=bool, count=len(telling))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if not flagged.any():
        return errors, warnings
    for position in np.flatnonzero(flagged[combo_of_row]):
        row_id, combo = int(row_ids[position]), combo_of_row[position]
        for column, res, parent in telling[combo]:
            raw_value = combos[combo][names.index(column)]
            if res.ok:
                warnings.append(Problem(table.name, row_id, column, "name_corrected",
                                        raw_value, res.name or "", {"expected": res.name or ""}))
            else:
                errors.append(_place_problem(table, row_id, column, raw_value, res, parent))
    return errors, warnings


def _resolve_combo(combo: tuple[str, ...], gazetteer: Gazetteer | CachedNames
                   ) -> tuple[list[str | None], list[PlaceFinding]]:
    findings: list[PlaceFinding] = []
    kab_res = gazetteer.resolve_kabupaten(combo[0])
    findings.append(("kabupaten", kab_res, ""))
    official: list[str | None] = [kab_res.name]
    if not kab_res.ok:
        return [*official, *([None] * (len(combo) - 1))], findings
    kec_res = gazetteer.resolve_kecamatan(kab_res.name or "", combo[1])
    findings.append(("kecamatan", kec_res, kab_res.name or ""))
    official.append(kec_res.name)
    if len(combo) == 2:
        return official, findings
    if not kec_res.ok:
        return [*official, None], findings
    desa_res = gazetteer.resolve_desa(kab_res.name or "", kec_res.name or "", combo[2])
    if desa_res.method in ("unknown", "fuzzy"):
        # A name that exists as typed in another kecamatan was filed under the wrong one:
        # a close spelling here must not win over it.
        elsewhere = gazetteer.desa_elsewhere(kab_res.name or "", kec_res.name or "", combo[2])
        if elsewhere:
            desa_res = Resolution(None, "unknown", elsewhere + desa_res.candidates)
    findings.append(("desa", desa_res, kec_res.name or ""))
    return [*official, desa_res.name], findings


def _not_in_round(table: Table, typed: pd.DataFrame, late_villages: dict[tuple[str, str, str], str],
                  combo_of_row: np.ndarray, official: np.ndarray, count: int) -> list[Problem]:
    """Rows of villages that join the programme in a later round (checked once per distinct place)."""
    if not late_villages:
        return []
    joins = [late_villages.get(tuple(place), "") for place in official[:count].tolist()]
    late = np.fromiter((bool(j) for j in joins), dtype=bool, count=count)
    if not late.any():
        return []
    rows = np.flatnonzero(late[combo_of_row])
    return [Problem(table.name, int(row_id), "desa", "not_in_programme_round", desa, joins[combo],
                    {"expected": joins[combo]})
            for row_id, desa, combo in zip(typed[ROW_ID].to_numpy()[rows],
                                           typed["desa"].to_numpy()[rows], combo_of_row[rows],
                                           strict=True)]


def _resolve_village_lists(table: Table, typed: pd.DataFrame, gazetteer: Gazetteer
                           ) -> list[Problem]:
    problems = []
    resolved_lists: list[object] = []
    for row in typed[["kabupaten", "kecamatan", "villages", ROW_ID]].itertuples(index=False):
        names = split_names(row.villages)
        if pd.isna(row.kecamatan) or not names:
            resolved_lists.append(None if not names else "; ".join(names))
            continue
        official = []
        for name in names:
            res = gazetteer.resolve_desa(row.kabupaten, row.kecamatan, name)
            if res.ok:
                official.append(res.name)
            else:
                problems.append(_place_problem(table, int(getattr(row, ROW_ID)), "villages", name,
                                               res, row.kecamatan, level="desa"))
        resolved_lists.append("; ".join(dict.fromkeys(official)))
    typed["villages"] = pd.Series(resolved_lists, dtype=object, index=typed.index)
    return problems
