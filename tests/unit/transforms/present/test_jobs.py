"""A brief's rerun key is the digest of the inputs its view is built from: the two cannot drift
apart, and a brief's inputs travel to a worker without the round's whole tables."""

from __future__ import annotations

import pickle
from dataclasses import fields, make_dataclass, replace
from datetime import date

import pandas as pd

from transforms.contract.reference import RoundInfo
from transforms.digests import PlaceSplit, Rows, inputs_digest
from transforms.present.briefs import BriefContext, KecamatanBriefInputs

ROUND = RoundInfo("2024-07", "Pemantauan I", "Round I", date(2024, 7, 1), date(2024, 7, 31), None, None)
ACTIVITIES = pd.DataFrame({"kabupaten": ["SBT"] * 3 + ["SBD"],
                           "kecamatan": ["Kilmury", "Kilmury", "Gorom", "Kodi"],
                           "progress_pct": [10.0, 20.0, 30.0, 40.0]})


def inputs(activities: pd.DataFrame = ACTIVITIES, **changes: object) -> KecamatanBriefInputs:
    split = PlaceSplit(activities, ["kabupaten", "kecamatan"])
    rows = {f.name: Rows.of(split, ("SBT", "Kilmury"))
            for f in fields(KecamatanBriefInputs) if f.type == "Rows"}
    made = KecamatanBriefInputs(context=BriefContext("id", ROUND, date(2024, 7, 20)), kabupaten="SBT",
                                kecamatan="Kilmury", summary={"activities_total": 2}, villages=["A", "B"],
                                round_labels={"2024-07": "Pemantauan I"}, **rows)
    return replace(made, **changes)


def test_every_field_is_in_the_key() -> None:
    base = inputs_digest(inputs())
    assert inputs_digest(inputs()) == base  # the same inputs, the same key
    assert inputs_digest(inputs(villages=["A", "B", "C"])) != base
    assert inputs_digest(inputs(summary={"activities_total": 3})) != base
    assert inputs_digest(inputs(context=BriefContext("en", ROUND, date(2024, 7, 20)))) != base


def test_the_rows_of_the_brief_are_in_the_key_and_no_others() -> None:
    base = inputs_digest(inputs())
    mine = ACTIVITIES.assign(progress_pct=[10.0, 25.0, 30.0, 40.0])
    elsewhere = ACTIVITIES.assign(progress_pct=[10.0, 20.0, 35.0, 45.0])
    assert inputs_digest(inputs(mine)) != base
    assert inputs_digest(inputs(elsewhere)) == base  # another kecamatan's rows changed


def test_a_field_added_to_a_brief_is_in_its_key() -> None:
    """A new input is in the key without anyone listing it: the key is the fields' digest."""
    wider = make_dataclass("KecamatanBriefInputs", [("photo_captions", list, None)],
                           bases=(KecamatanBriefInputs,), frozen=True)
    base = inputs()
    values = {f.name: getattr(base, f.name) for f in fields(base)}
    assert inputs_digest(wider(**values, photo_captions=[])) != inputs_digest(base)
    assert inputs_digest(wider(**values, photo_captions=["sumur"])) != \
        inputs_digest(wider(**values, photo_captions=[]))


def test_rows_travel_without_the_table_they_come_from() -> None:
    big = pd.concat([ACTIVITIES] * 5_000, ignore_index=True)
    rows = Rows.of(PlaceSplit(big, ["kabupaten", "kecamatan"]), ("SBD", "Kodi"))
    sent = pickle.loads(pickle.dumps(rows))
    assert sent.digest == rows.digest
    pd.testing.assert_frame_equal(sent.frame, rows.frame)
    assert len(pickle.dumps(rows)) < len(pickle.dumps(big)) / 3  # its 5,000 rows, not all 20,000
