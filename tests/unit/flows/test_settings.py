"""bangkit.toml (flows/settings.py): paths relative to the file, [serve] read as given."""

from __future__ import annotations

from pathlib import Path

from flows.settings import load_settings


def test_settings_file_paths_are_relative_to_it(tmp_path: Path) -> None:
    settings_file = tmp_path / "bangkit.toml"
    settings_file.write_text('[run]\nraw = "raw"\nout = "out"\nreference = "reference"\nworkers = 2\n\n'
                             '[serve]\nname = "bangkit-test"\ncron = "30 1 * * 1-5"\n'
                             'timezone = "Asia/Jayapura"\nrounds = ["2024-07"]\n', encoding="utf-8")
    settings = load_settings(settings_file)
    assert settings.run.raw == settings_file.parent / "raw"
    assert settings.serve.rounds == ("2024-07",) and settings.serve.cron == "30 1 * * 1-5"

