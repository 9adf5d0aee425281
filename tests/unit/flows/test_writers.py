"""Writing a round's outputs (flows/writers.py): a swap interrupted half-way is recovered."""

from __future__ import annotations

from pathlib import Path

from flows.writers import recover_interrupted


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    (tmp_path / ".2024-07.previous-123").mkdir()
    (tmp_path / ".2024-07.previous-123" / "summary_kecamatan.csv").write_text("x")
    (tmp_path / ".2024-07.staging-123").mkdir()
    recover_interrupted(tmp_path, "2024-07")
    assert (tmp_path / "2024-07" / "summary_kecamatan.csv").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-07"]

