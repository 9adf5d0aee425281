"""`bangkit serve` against a real Prefect server: the deployment is registered with its schedule
and parameters, and a run triggered through the server writes the round's outputs.

The server is the one `.ci/run` starts (BANGKIT_TEST_PREFECT_API_URL), or one started here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Bangkit
from tests.fixtures import ACTIVITY_HEADERS, basic_round, sbt_activities, write_csv, write_reference
from transforms.contract.run_texts import PARAMETER_HELP

BIN = Path(sys.executable).parent


def _healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("BANGKIT_TEST_PREFECT_API_URL")
    if given:
        # CI starts it alongside the unit lane rather than before it: it may still be starting
        deadline = time.monotonic() + 120
        while not _healthy(given) and time.monotonic() < deadline:
            time.sleep(0.5)
        log = Path(os.environ.get("BANGKIT_TEST_PREFECT_LOG", "/nonexistent"))
        assert _healthy(given), f"the Prefect server CI started is not answering: {given}\n" + (
            log.read_text(errors="replace")[-2000:] if log.is_file() else "")
        yield given
        return
    port, home = _free_port(), tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while not _healthy(api):
            assert server.poll() is None and time.monotonic() < deadline, "prefect server did not start"
            time.sleep(0.5)
        yield api
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    basic_round(tmp_path / "raw")
    write_reference(tmp_path / "reference")
    path = tmp_path / "bangkit.toml"
    path.write_text('[run]\nraw = "raw"\nout = "out"\nreference = "reference"\nworkers = 2\n\n'
                    '[serve]\nname = "bangkit-test"\ncron = "30 1 * * 1-5"\n'
                    'timezone = "Asia/Jayapura"\nrounds = ["2024-07"]\n', encoding="utf-8")
    return path


def test_served_deployment_has_its_schedule_and_runs_through_the_server(
        prefect_api: str, settings_file: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    # the command line's own logging defaults, as `bangkit serve` is started by its user
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING")}
    env["PREFECT_API_URL"] = prefect_api
    serving = subprocess.Popen([str(BIN / "bangkit"), "serve", "--settings", str(settings_file)],
                               cwd=settings_file.parent, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        with temporary_settings({PREFECT_API_URL: prefect_api}), get_client(sync_client=True) as client:
            deployment = _wait_for_deployment(client, "bangkit-run/bangkit-test", serving)
            assert deployment.parameters == {
                "raw_dir": str(settings_file.parent / "raw"), "out_dir": str(settings_file.parent / "out"),
                "reference_dir": str(settings_file.parent / "reference"), "rounds": ["2024-07"],
                "lang": "id", "workers": 2, "dask_address": None, "worker_memory_mb": 1500}
            [schedule] = deployment.schedules
            assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 1 * * 1-5", "Asia/Jayapura")
            assert schedule.active
            described = deployment.parameter_openapi_schema["properties"]
            assert described["raw_dir"]["description"] == PARAMETER_HELP["raw_dir"]  # the UI's run form
            flow_run = run_deployment("bangkit-run/bangkit-test", timeout=600)
            assert flow_run.state.is_completed(), flow_run.state
            assert flow_run.name == "2024-07"
            # a round stopped on its files: the served run is Failed too, and says why in its logs
            _without_status_column(settings_file.parent / "raw", "2024-10")
            stopped = run_deployment("bangkit-run/bangkit-test", parameters={"rounds": ["2024-10"]},
                                     timeout=600)
            assert stopped.state.is_failed(), stopped.state
            assert stopped.name == "2024-10"
            assert "required column 'status' is missing" in stopped.state.message
            logs = _logs(client, stopped.id, "'status'")
            assert any(log.level >= 40 and "kolom wajib 'status'" in log.message for log in logs)
            assert any(log.message.startswith("read pertemuan.csv") for log in logs)  # INFO lines too
    finally:
        serving.terminate()
        output, _ = serving.communicate(timeout=60)
    assert "bangkit-run/bangkit-test" in output
    briefs = settings_file.parent / "out" / "2024-07" / "briefs"
    assert (briefs / "seram-bagian-timur" / "teluk-waru.pdf").is_file()
    assert (settings_file.parent / "out" / "2024-07" / "manifest.json").is_file()


def _without_status_column(raw: Path, round_id: str) -> None:
    """A round whose activities file lacks its required `status` column (the others as the basic
    round's)."""
    basic_round(raw, round_id)
    at = ACTIVITY_HEADERS.index("status")
    write_csv(raw / round_id / "sbt_kegiatan.csv", ACTIVITY_HEADERS[:at] + ACTIVITY_HEADERS[at + 1:],
              [row[:at] + row[at + 1:] for row in sbt_activities()])


def _logs(client, flow_run_id, expected: str) -> list:
    """The run's logs, once `expected` is among them (the server stores them a moment after)."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline = time.monotonic() + 30
    while True:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
        if any(expected in log.message for log in logs) or time.monotonic() > deadline:
            return logs
        time.sleep(0.5)


def _wait_for_deployment(client, name: str, serving: subprocess.Popen):
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + 120
    while True:
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            if serving.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(serving.communicate()[0]) from None
            time.sleep(0.5)


def test_a_plain_run_uses_a_local_server_left_running(prefect_api: str, settings_file: Path) -> None:
    """Without PREFECT_API_URL, `bangkit run` uses a Prefect server that answers locally instead of
    starting a temporary one: its flow run is recorded there."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    out = settings_file.parent / "plain-out"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(BANGKIT_LOCAL_PREFECT_URL=prefect_api, PREFECT_LOGGING_LEVEL="INFO")
    command = Bangkit.args("run", "--settings", settings_file, "--out", out)  # in one process
    result = subprocess.run([str(BIN / "bangkit"), *command], cwd=settings_file.parent, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "temporary server" not in result.stderr.lower()
    with temporary_settings({PREFECT_API_URL: prefect_api}), get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
    assert any(r.parameters.get("out_dir") == str(out) and r.state.is_completed() for r in runs)
