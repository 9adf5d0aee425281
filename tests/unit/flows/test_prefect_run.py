"""The flow as Prefect sees it without running it: the deployment's parameter descriptions, and
the logging levels the command line sets (INFO to the API, warnings on the console)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.fixtures import PROJECT


def test_every_parameter_of_the_deployment_is_described_in_indonesian() -> None:
    from prefect.utilities.callables import parameter_schema

    from flows.round_flow import bangkit_run
    from transforms.contract.run_texts import PARAMETER_HELP

    properties = parameter_schema(bangkit_run).model_dump_for_openapi()["properties"]
    assert {name: p.get("description") for name, p in properties.items()} == PARAMETER_HELP
    assert "satu sub-folder per putaran" in properties["raw_dir"]["description"]
    assert not [text for text in PARAMETER_HELP.values() if "<" in text]  # the UI's form drops <…> as HTML


LEVELS = """
import json, logging
import flows.cli
import prefect.main  # sets up logging, as the flow module's `from prefect import flow` does
from prefect.logging.handlers import APILogHandler, PrefectConsoleHandler
handlers = logging.getLogger().handlers + logging.getLogger("prefect.flow_runs").handlers
print(json.dumps({
    "flow_runs": logging.getLogger("prefect.flow_runs").getEffectiveLevel(),
    "task_runs": logging.getLogger("prefect.task_runs").getEffectiveLevel(),
    "console": [h.level for h in handlers if isinstance(h, PrefectConsoleHandler)],
    "api": [h.level for h in handlers if isinstance(h, APILogHandler)],
}))
"""


def _levels(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING")}
    result = subprocess.run([sys.executable, "-c", LEVELS], cwd=PROJECT, env={**clean, **env},
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_run_logs_reach_the_api_at_info_while_the_console_shows_warnings() -> None:
    levels = _levels()
    assert (levels["flow_runs"], levels["task_runs"]) == (20, 20)  # INFO: to the Prefect API
    assert levels["api"] == [0]
    assert levels["console"] == [30]  # WARNING


def test_a_level_the_user_set_is_kept() -> None:
    assert _levels(PREFECT_LOGGING_LEVEL="DEBUG")["flow_runs"] == 10
    assert _levels(PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="INFO")["console"] == [20]
