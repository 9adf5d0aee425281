"""Digests (transforms/digests.py): the same content gives the same digest, and what a brief
prints differently digests differently."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from transforms.digests import PlaceSplit, fingerprint, frame_digest


def test_row_digests_tell_apart_what_a_brief_prints_differently() -> None:
    frame = pd.DataFrame({"kabupaten": ["A", "A"], "note": pd.Series([None, "x"], dtype=object)})
    nan = frame.assign(note=pd.Series([float("nan"), "x"], dtype=object))
    zero = frame.assign(note=pd.Series([0, "x"], dtype=object))
    text_zero = frame.assign(note=pd.Series(["0", "x"], dtype=object))

    def digest(f: pd.DataFrame) -> str:
        return PlaceSplit(f, ["kabupaten"]).digest(("A",))

    assert len({digest(f) for f in (frame, nan, zero, text_zero)}) == 4
    assert digest(frame.set_axis([10, 11])) == digest(frame)  # row numbers are not content
    assert len({frame_digest(f) for f in (frame, nan, zero, text_zero)}) == 4  # small frames (matrices)
    assert frame_digest(frame.set_axis([10, 11])) == frame_digest(frame)



def test_fingerprints_follow_content_not_its_spelling() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})  # key order
    assert fingerprint({"n": np.int64(7), "d": date(2024, 8, 6)}) == fingerprint({"n": 7, "d": "2024-08-06"})
    assert fingerprint({3, 1, 2}) == fingerprint({1, 2, 3})
    assert fingerprint(PurePosixPath("briefs/a.pdf")) == fingerprint("briefs/a.pdf")
    assert len({fingerprint(v) for v in (1, 1.5, "1", None, [1], {"1": 1}, True)}) == 7


PLACES = st.lists(st.tuples(st.sampled_from(["K", "L"]), st.sampled_from(["C", "D", None]),
                            st.integers(0, 3)), max_size=25)


@given(PLACES)
def test_a_place_split_part_is_the_filtered_frame(rows: list[tuple]) -> None:
    frame = pd.DataFrame(rows, columns=["kabupaten", "kecamatan", "value"]).set_axis(
        [10 * i for i in range(len(rows))])
    split = PlaceSplit(frame, ["kabupaten", "kecamatan"])
    for key in [("K", "C"), ("K", "D"), ("L", "C"), ("L", "D"), ("X", "C")]:
        expected = frame.loc[(frame["kabupaten"] == key[0]) & (frame["kecamatan"] == key[1])]
        pd.testing.assert_frame_equal(split.part(key), expected)  # rows, order, index, dtypes


@given(PLACES, st.integers(0, 3))
def test_a_place_digest_changes_with_its_own_rows_only(rows: list[tuple], value: int) -> None:
    """What an incremental rerun relies on: a row changed or added elsewhere leaves this place's
    digest (and so its brief) alone; a row of its own changes it."""
    columns = ["kabupaten", "kecamatan", "value"]
    frame = pd.DataFrame(rows, columns=columns)
    before = PlaceSplit(frame, ["kabupaten", "kecamatan"]).digest(("K", "C"))
    elsewhere = pd.concat([pd.DataFrame([("L", "D", value)], columns=columns), frame], ignore_index=True)
    assert PlaceSplit(elsewhere, ["kabupaten", "kecamatan"]).digest(("K", "C")) == before
    own = pd.concat([frame, pd.DataFrame([("K", "C", value)], columns=columns)], ignore_index=True)
    assert PlaceSplit(own, ["kabupaten", "kecamatan"]).digest(("K", "C")) != before
