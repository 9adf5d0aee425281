"""What a run keeps of the previous one (flows/incremental.py): files carried as they are with
the keys they were made with, stale ones named; round keys per language."""

from __future__ import annotations

import json
from pathlib import Path

from flows.incremental import PreviousRound
from flows.writers import sha256


def _previous(folder: Path, files: dict[str, bytes], manifest: dict) -> PreviousRound:
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    outputs = {relative: sha256(folder / relative) for relative in files}
    (folder / "manifest.json").write_text(json.dumps({"outputs": outputs, **manifest}))
    return PreviousRound.load(folder)


def test_kept_files_keep_their_keys_and_the_changed_ones_are_named(tmp_path: Path) -> None:
    previous = _previous(tmp_path / "out", {
        "briefs/k/a.pdf": b"a", "briefs/k/b.pdf": b"b", "briefs/k/gone.pdf": b"g",
        "matrix/k/a.xlsx": b"m", "summary_kecamatan.csv": b"s"},
        {"cache": {"briefs": {"briefs/k/a.pdf": "ka", "briefs/k/b.pdf": "kb", "briefs/k/gone.pdf": "kg"},
                   "workbooks": {"matrix/k/a.xlsx": "km"}}})
    staging = tmp_path / "staging"
    now = {"briefs/k/a.pdf": "ka", "briefs/k/b.pdf": "kb2", "matrix/k/a.xlsx": "km"}
    kept = previous.keep(staging, lambda p: not p.endswith(".csv"), now)
    assert kept.files == ["briefs/k/a.pdf", "briefs/k/b.pdf", "briefs/k/gone.pdf", "matrix/k/a.xlsx"]
    assert kept.of_cache(("briefs/",)) == {"briefs/k/a.pdf": "ka", "briefs/k/b.pdf": "kb",
                                           "briefs/k/gone.pdf": "kg"}  # as made, not as now
    assert kept.stale == ["briefs/k/b.pdf", "briefs/k/gone.pdf"]  # changed; its place is gone
    assert (staging / "briefs/k/a.pdf").samefile(tmp_path / "out/briefs/k/a.pdf")
    assert not (staging / "summary_kecamatan.csv").exists()


def test_a_file_deleted_since_is_not_kept(tmp_path: Path) -> None:
    previous = _previous(tmp_path / "out", {"briefs/k/a.pdf": b"a"},
                         {"cache": {"briefs": {"briefs/k/a.pdf": "ka"}}})
    (tmp_path / "out/briefs/k/a.pdf").unlink()
    kept = previous.keep(tmp_path / "staging", lambda p: True)
    assert kept.files == [] and kept.keys == {}


def test_a_folder_is_current_in_each_language_it_holds(tmp_path: Path) -> None:
    both = _previous(tmp_path / "both", {"briefs/k/a.pdf": b"a", "briefs/k/a.en.pdf": b"e"},
                     {"cache": {"round_key": "EN", "round_keys": {"id": "ID", "en": "EN"}}})
    assert both.is_current("ID") and both.is_current("EN") and not both.is_current("FR")
    (tmp_path / "both/briefs/k/a.pdf").write_bytes(b"edited")
    assert not both.is_current("EN")  # every output must still be as written
    # a manifest from before languages sat side by side: its one key is its language's
    old = _previous(tmp_path / "old", {"briefs/k/a.pdf": b"a"},
                    {"lang": "id", "cache": {"round_key": "ID"}})
    assert old.round_keys() == {"id": "ID"} and old.is_current("ID")
