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



# Hostile settings (issue 17, items 1 and 9): refused with the settings message, never a traceback
# from a library later on, and never outputs written over the returns they are made from.

import os  # noqa: E402

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from flows.settings import check_folders, folder_problems  # noqa: E402
from transforms.contract.messages import InputFileError  # noqa: E402


@pytest.mark.parametrize("text, key", [
    ("[smtp]\nport = 70000\n", "port"), ("[smtp]\nport = 0\n", "port"),
    ("[run]\nworkers = -3\n", "workers"), ('[run]\nrounds = [2025]\n', "rounds"),
    ('[run]\nout = ""\n', "out"), ('[run]\nraw = "  "\n', "raw"),
    ("[smtp]\nhost = 12\n", "host"),
])
def test_out_of_range_or_mistyped_settings_are_refused_by_name(tmp_path: Path, text: str, key: str) -> None:
    settings_file = tmp_path / "bangkit.toml"
    settings_file.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as raised:
        load_settings(settings_file)
    (problem,) = raised.value.problems
    assert (problem.code, problem.column) == ("settings_invalid", key)
    assert f"'{key}'" in problem.text("id") and f"'{key}'" in problem.text("en")


def test_valid_bounds_are_accepted(tmp_path: Path) -> None:
    settings_file = tmp_path / "bangkit.toml"
    settings_file.write_text('[run]\nworkers = 0\n[smtp]\nport = 465\n[serve]\ncron = "0 2 * * 1-5"\n'
                             'timezone = "Asia/Jayapura"\n', encoding="utf-8")
    settings = load_settings(settings_file)
    assert (settings.run.workers, settings.smtp.port, settings.serve.timezone) == (0, 465, "Asia/Jayapura")


@pytest.mark.parametrize("out", ["raw", "raw/2024-07", ".", "reference", "reference/sub", "link-to-raw"])
def test_an_output_folder_over_the_raw_or_reference_folders_is_refused(tmp_path: Path, out: str) -> None:
    (tmp_path / "raw" / "2024-07").mkdir(parents=True)
    (tmp_path / "reference").mkdir()
    (tmp_path / "link-to-raw").symlink_to(tmp_path / "raw")
    problems = folder_problems(tmp_path / "raw", tmp_path / out, tmp_path / "reference")
    assert problems and {p.code for p in problems} == {"out_overlaps_input"}
    named = out.split("/")[0].replace("link-to-", "")
    assert {p.column for p in problems} == ({"raw", "reference"} if out == "." else {named})


def test_a_separate_output_folder_passes(tmp_path: Path) -> None:
    check_folders(tmp_path / "raw", tmp_path / "processed", tmp_path / "reference")
    check_folders(tmp_path / "data" / "raw", tmp_path / "data" / "processed", tmp_path / "data" / "reference")


def test_run_with_out_equal_to_raw_exits_2_and_keeps_the_returns(tmp_path: Path, monkeypatch) -> None:
    from flows.cli import app

    returns = tmp_path / "data" / "raw" / "2024-07" / "kegiatan.csv"
    returns.parent.mkdir(parents=True)
    returns.write_text("kabupaten,kecamatan\n", encoding="utf-8")
    (tmp_path / "bangkit.toml").write_text('[run]\nout = "data/raw"\nraw = "data/raw"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "BANGKIT_LOCAL_PREFECT_URL", "http://127.0.0.1:9/api")
    result = CliRunner().invoke(app, ["run", "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Folder keluaran" in result.output and "The output folder" in result.output
    assert returns.read_text(encoding="utf-8") == "kabupaten,kecamatan\n"


@pytest.mark.parametrize("options, text, key", [
    (["--cron", "every night"], "", "cron"), ([], '[serve]\ncron = "0 2 * *"\n', "cron"),
    ([], '[serve]\ncron = "61 2 * * *"\n', "cron"), ([], '[serve]\ntimezone = "Mars/Base"\n', "timezone"),
])
def test_serve_with_a_bad_schedule_exits_2_with_the_settings_message(
        tmp_path: Path, monkeypatch, options: list[str], text: str, key: str) -> None:
    from flows.cli import app

    (tmp_path / "bangkit.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "PREFECT_API_URL", "http://127.0.0.1:9/api")
    result = CliRunner().invoke(app, ["serve", *options], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert f"'{key}'" in result.output and ("--cron" if options else "bangkit.toml") in result.output


def test_the_flow_itself_refuses_outputs_over_the_returns(tmp_path: Path) -> None:
    """A served deployment calls the flow with its parameters, past the CLI's check."""
    from flows.round_flow import bangkit_run

    (tmp_path / "raw" / "2024-07").mkdir(parents=True)
    state = bangkit_run.fn(raw_dir=tmp_path / "raw", out_dir=tmp_path / "raw" / "2024-07",
                           reference_dir=tmp_path / "reference")
    assert state.is_failed()  # the served run shows red, with the report as its result
    report = state.data
    assert report.outcomes == [] and [p.code for p in report.problems] == ["out_overlaps_input"]
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == ["2024-07"]
