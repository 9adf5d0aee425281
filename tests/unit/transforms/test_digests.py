"""Row and frame digests (transforms/digests.py): what a brief prints differently must digest differently."""

from __future__ import annotations

import pandas as pd

from transforms.digests import PlaceSplit, frame_digest


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

