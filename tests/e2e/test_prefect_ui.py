"""What the Prefect UI shows of a `bangkit run`, read back from a real Prefect server through the
client API: a run whose round stopped is FAILED with the console's message as its state message,
in its logs and in an artifact; INFO lines (files read, written) reach the server while the
console stays quiet; a run is named after its rounds.

The server is the one `.ci/run` starts (BANGKIT_TEST_PREFECT_API_URL), or one started here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Bangkit
from tests.e2e.test_serve import BIN, _logs, _without_status_column, prefect_api  # noqa: F401 (fixture)
from tests.fixtures import basic_round, write_reference
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.run_texts import cli_text


def _bangkit(api: str, *args: object) -> subprocess.CompletedProcess:
    """`bangkit ARGS` as a user runs it: the command line's own logging defaults, not the tests'."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING")}
    env["PREFECT_API_URL"] = api
    return subprocess.run([str(BIN / "bangkit"), *Bangkit.args(*args)], env=env, capture_output=True,
                          text=True, timeout=600)


def _flow_run(client, out: Path):
    [found] = [r for r in client.read_flow_runs() if r.parameters.get("out_dir") == str(out)]
    return found


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    basic_round(tmp_path / "raw")
    return tmp_path / "raw", write_reference(tmp_path / "reference")


def test_a_round_stopped_on_a_missing_column_is_a_failed_run_that_says_why(
        prefect_api: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:  # noqa: F811
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    raw, reference = inputs
    _without_status_column(raw, "2024-07")
    out = tmp_path / "out"
    result = _bangkit(prefect_api, "run", "--raw", raw, "--out", out, "--reference", reference)

    assert result.returncode == 2, result.stderr
    problem = FileProblem("missing_column", "sbt_kegiatan.csv", column="status", table="kegiatan")
    console = "\n".join([cli_text("round_stopped", "id", round="2024-07"), cli_text("file_problems", "id"),
                         InputFileError([problem]).bilingual()])
    assert result.stderr.strip() == console  # today's message, once, and nothing else
    with temporary_settings({PREFECT_API_URL: prefect_api}), get_client(sync_client=True) as client:
        run = _flow_run(client, out)
        assert run.name == "2024-07"
        assert run.state.is_failed(), run.state
        assert "kolom wajib 'status' tidak ada" in run.state.message
        assert "required column 'status' is missing" in run.state.message
        logs = _logs(client, run.id, "'status'")
        [error] = [log for log in logs if log.level >= 40]
        assert "kolom wajib 'status'" in error.message and "column 'status' is missing" in error.message
        assert any(log.message.startswith("read sbt_kegiatan.csv: 5 rows") for log in logs)
        [artifact] = [a for a in client.read_artifacts() if a.flow_run_id == run.id]
    assert artifact.type == "markdown"
    assert "- **sbt\\_kegiatan.csv** · Kolom / Column **status**" in artifact.data
    assert not (out / "2024-07").exists()


def test_a_run_logs_its_reads_and_writes_to_the_ui_and_nothing_to_the_console(
        prefect_api: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:  # noqa: F811
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    raw, reference = inputs
    basic_round(raw, "2024-10")
    quiet, verbose = tmp_path / "quiet", tmp_path / "verbose"
    result = _bangkit(prefect_api, "run", "--raw", raw, "--out", quiet, "--reference", reference,
                      "--no-render")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no log line on the console without --verbose
    loud = _bangkit(prefect_api, "run", "--raw", raw, "--out", verbose, "--reference", reference,
                    "--no-render", "--round", "2024-10", "--verbose")
    assert loud.returncode == 0, loud.stderr
    assert "read sbt_desa.csv: 4 rows" in loud.stderr
    with temporary_settings({PREFECT_API_URL: prefect_api}), get_client(sync_client=True) as client:
        run = _flow_run(client, quiet)
        assert run.name == "2024-07 · 2024-10"  # every round folder, none asked for
        assert run.state.is_completed(), run.state
        messages = [log.message for log in _logs(client, run.id, "2024-10: wrote")]
        assert _flow_run(client, verbose).name == "2024-10"
    assert "read sbt_desa.csv: 4 rows → villages" in messages
    assert any(m.startswith("2024-07: wrote ") for m in messages)
    assert any(m.startswith("2024-10: ") and "clean rows" in m for m in messages)
