"""The rerun plan: before any work, what each round of a run does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flows.incremental import PreviousRound
from flows.plan import Action, RunContext, plan_run
from tests.fixtures import LOCATIONS, ROUNDS
from transforms.contract.reference import Reference, build_gazetteer, build_rounds

LOC_COLUMNS = ["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"]
ROUND_COLUMNS = ["round_id", "label_id", "label_en", "window_start", "window_end"]


@pytest.fixture
def reference() -> Reference:
    return Reference(build_gazetteer(pd.DataFrame(LOCATIONS, columns=LOC_COLUMNS)),
                     build_rounds(pd.DataFrame(ROUNDS, columns=ROUND_COLUMNS)), pd.DataFrame(), {})


def context(tmp_path: Path, folders: list[str], current: set[str] = frozenset()) -> RunContext:
    raw = tmp_path / "raw"
    for round_id in folders:
        (raw / round_id).mkdir(parents=True)

    class Run(RunContext):
        def is_current(self, earlier: PreviousRound, round_id: str, reference: Reference) -> bool:
            return round_id in current  # what a manifest with this run's key would say

    return Run(raw, tmp_path / "out", "id", False, {}, "code")


def actions(plan) -> list[tuple[str, Action, bool]]:
    return [(s.round_id, s.action, s.as_history) for s in plan.steps]


def test_earlier_rounds_are_read_as_history_for_the_round_chosen(tmp_path: Path,
                                                                 reference: Reference) -> None:
    plan = plan_run(context(tmp_path, ["2024-07", "2024-10"]), reference, ["2024-10"])
    assert actions(plan) == [("2024-07", Action.HISTORY, True), ("2024-10", Action.COMPUTE, False)]


def test_a_current_round_is_kept_and_read_only_when_a_later_round_needs_it(
        tmp_path: Path, reference: Reference) -> None:
    run = context(tmp_path, ["2024-07", "2024-10", "2025-01"], current={"2024-07", "2025-01"})
    plan = plan_run(run, reference, ["2024-07", "2024-10", "2025-01"])
    assert actions(plan) == [("2024-07", Action.KEEP, True), ("2024-10", Action.COMPUTE, False),
                             ("2025-01", Action.KEEP, False)]
    assert [s.round_id for s in plan.computed] == ["2024-10"]


def test_nothing_changed_reads_nothing(tmp_path: Path, reference: Reference) -> None:
    run = context(tmp_path, ["2024-07", "2024-10"], current={"2024-07", "2024-10"})
    plan = plan_run(run, reference, ["2024-07", "2024-10"])
    assert actions(plan) == [("2024-07", Action.KEEP, False), ("2024-10", Action.KEEP, False)]


def test_a_chosen_round_without_its_folder_is_missing(tmp_path: Path, reference: Reference) -> None:
    plan = plan_run(context(tmp_path, ["2024-07"]), reference, ["2024-07", "2024-10"])
    assert actions(plan) == [("2024-07", Action.COMPUTE, False), ("2024-10", Action.MISSING, False)]
