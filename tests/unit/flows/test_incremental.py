"""Rerun keys (flows/incremental.py) follow content, not identity."""

from __future__ import annotations

import json

from flows.incremental import brief_key, changes_since, round_key


def test_keys_follow_content_not_identity() -> None:
    inputs = {"2024-07": {"a.csv": "1"}, "2024-10": {"b.csv": "2"}}
    key = round_key("2024-07", inputs, {"locations.csv": "x"}, "code", {"lang": "id"})
    # a later round's files do not change an earlier round's key; its own files do
    assert key == round_key("2024-07", {**inputs, "2024-10": {"b.csv": "3"}}, {"locations.csv": "x"},
                            "code", {"lang": "id"})
    assert key != round_key("2024-07", {**inputs, "2024-07": {"a.csv": "9"}}, {"locations.csv": "x"},
                            "code", {"lang": "id"})
    assert key != round_key("2024-07", inputs, {"locations.csv": "y"}, "code", {"lang": "id"})
    assert key != round_key("2024-07", inputs, {"locations.csv": "x"}, "code2", {"lang": "id"})
    view = {"kecamatan": "Teluk Waru", "figures": [{"value": "7 dari 8"}]}
    assert brief_key("k.html", view, "c") == brief_key("k.html", json.loads(json.dumps(view)), "c")
    assert brief_key("k.html", view, "c") != brief_key("k.html", {**view, "kecamatan": "Waru"}, "c")
    assert changes_since({"a": "1", "b": "2"}, {"b": "3", "c": "4"}) == {
        "added": ["c"], "changed": ["b"], "removed": ["a"], "unchanged": 0}

