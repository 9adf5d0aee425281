"""Great Expectations: the contract's column rules as one suite per table, run on each round's
parsed rows, with the results kept as Data Docs under `<round>/validation/`.

GX is imported here only (it takes seconds to import). An expectation that errors is a loud
failure, never a pass; and GX's failing rows are cross-checked against the rules' own pandas
definition, so a silent difference between the two stops the run instead of letting rows through.

A large round is validated in a helper process (`ExpectationsProcess`): GX's import and its
5-9 s on a national round overlap with the rest of the run, which goes on with the pandas
answer; the round's outputs are not hashed, nor swapped in, until GX has given the same one. A
small round is validated here: a new process importing GX would cost more than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from transforms.contract.tables import TABLES
from transforms.validate.column_rules import ROW_ID, ColumnRule, failing_rows
from transforms.validate.parse import ParsedRound
from transforms.validate.quarantine import column_rules, evaluate_rules_with_pandas

DOCS_SITE = "bangkit_validation"
HELPER_MIN_BYTES = 5_000_000  # a round's files from this size on (tens of thousands of rows)


def helper_worth_it(round_bytes: int) -> bool:
    return round_bytes >= HELPER_MIN_BYTES


class ValidationEngineError(RuntimeError):
    """Great Expectations could not evaluate a rule: an internal failure (exit code 1)."""


def _expectation(rule: ColumnRule):
    import great_expectations.expectations as gxe

    meta = {"rule_id": rule.rule_id, "code": rule.code}
    if rule.check == "not_null":
        return gxe.ExpectColumnValuesToNotBeNull(column=rule.column, meta=meta)
    if rule.check == "in_set":
        return gxe.ExpectColumnValuesToBeInSet(column=rule.column, value_set=list(rule.value_set),
                                               meta=meta)
    return gxe.ExpectColumnValuesToBeBetween(column=rule.column, min_value=rule.min_value,
                                             max_value=rule.max_value, meta=meta)


def _errored(result) -> bool:
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return True
    return any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())


def _frame_for_gx(frame: pd.DataFrame, rules: list[ColumnRule]) -> pd.DataFrame:
    columns = sorted({r.column for r in rules})
    subset = frame[[ROW_ID, *columns]].copy()
    for rule in rules:
        if rule.check == "in_set":
            subset[rule.column] = subset[rule.column].astype(object)
    return subset


def run_expectations(parsed: ParsedRound, docs_dir: Path) -> dict[str, list[int]]:
    """Failing row ids per rule id, computed by Great Expectations; Data Docs in docs_dir."""
    failures = validate_frames(expectation_frames(parsed), parsed.round.round_id, docs_dir)
    _cross_check(parsed, column_rules(), failures)
    return failures


def expectation_frames(parsed: ParsedRound) -> dict[str, pd.DataFrame]:
    """What GX needs of each table: the row id and the columns its rules look at (copies, so a
    helper process can be sent them while the round's own frames go on changing)."""
    rules = column_rules()
    frames = {}
    for name in TABLES:
        table_rules = [r for r in rules if r.table == name]
        if not parsed.typed[name].empty and table_rules:
            frames[name] = _frame_for_gx(parsed.typed[name], table_rules)
    return frames


def high_water_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM; ru_maxrss would
    count the parent's pages a spawned process had before exec). 0 where /proc is not there."""
    status = Path("/proc/self/status")
    for line in status.read_text().splitlines() if status.is_file() else []:
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def import_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def validate_frames(frames: dict[str, pd.DataFrame], round_id: str, docs_dir: Path
                    ) -> dict[str, list[int]]:
    """GX's failing row ids per rule id for these tables, and the Data Docs of the validation."""
    import_gx()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(site_name=DOCS_SITE, site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    source = context.data_sources.add_pandas(f"round_{round_id}")
    rules = column_rules()
    failures: dict[str, list[int]] = {rule.rule_id: [] for rule in rules}
    for name, frame in frames.items():
        table_rules = [r for r in rules if r.table == name]
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("round")
        suite = context.suites.add(gx.ExpectationSuite(
            name=f"{name}_contract", expectations=[_expectation(r) for r in table_rules]))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{name}_{round_id}", data=batch, suite=suite))
        # no Data Docs action here: the site is built once after all tables (building it per
        # table, re-rendering every page each time, tripled GX's time)
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{name}_checkpoint", validation_definitions=[definition], actions=[],
            result_format=RESULT_FORMAT))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        for validation in run.run_results.values():
            _collect(validation, failures)
    if frames:
        context.build_data_docs(site_names=[DOCS_SITE])
    return failures


RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID],
                 "return_unexpected_index_query": False}


def _collect(validation, failures: dict[str, list[int]]) -> None:
    """Failing row ids of one table's suite; an expectation that errored stops the run."""
    for result in validation.results:
        rule_id = result.expectation_config.meta["rule_id"]
        if _errored(result):
            raise ValidationEngineError(f"expectation {rule_id} could not be evaluated: "
                                        f"{result.exception_info}")
        indexes = result.result.get("unexpected_index_list") or []
        failures[rule_id] = sorted(int(i[ROW_ID]) for i in indexes)


def _cross_check(parsed: ParsedRound, rules: list[ColumnRule], failures: dict[str, list[int]]) -> None:
    _agree(failures, {rule.rule_id: failing_rows(parsed.typed[rule.table], rule) for rule in rules})


def _agree(failures: dict[str, list[int]], expected: dict[str, list[int]]) -> None:
    for rule_id, rows in expected.items():
        if rows != failures[rule_id]:
            raise ValidationEngineError(
                f"Great Expectations and the contract disagree on {rule_id}: "
                f"GX rows {failures[rule_id][:10]}, contract rows {rows[:10]}")


class PendingExpectations:
    """GX at work on one round in the helper process, and the answer pandas gave."""

    def __init__(self, future: Future, frames: dict[str, pd.DataFrame], round_id: str,
                 docs_dir: Path, pandas_failures: dict[str, list[int]]) -> None:
        self.future, self.frames, self.round_id = future, frames, round_id
        self.docs_dir, self.pandas_failures = docs_dir, pandas_failures

    def confirm(self) -> None:
        """Wait for GX and stop the run unless it failed exactly the rows pandas did. A helper
        process that died (killed for memory) costs time, not the check: GX runs here instead."""
        try:
            failures = self.future.result()
        except BrokenProcessPool:
            logging.getLogger("bangkit").warning(
                "the Great Expectations helper process died; validating in this process")
            failures = validate_frames(self.frames, self.round_id, self.docs_dir)
        _agree(failures, self.pandas_failures)


class ExpectationsProcess:
    """One helper process for a run's GX validations. `warm_up` starts it importing GX (seconds)
    while the run reads and parses; `submit` hands it a parsed round with the failing rows pandas
    found, and the round goes on with those; `confirm`, before the round's outputs are hashed,
    waits for GX's Data Docs and stops the run if GX found other rows."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[PendingExpectations] = []

    def warm_up(self) -> None:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._pool.submit(import_gx)

    def submit(self, parsed: ParsedRound, docs_dir: Path, pandas_failures: dict[str, list[int]]) -> None:
        self.warm_up()
        assert self._pool is not None
        frames, round_id = expectation_frames(parsed), parsed.round.round_id
        try:
            future = self._pool.submit(validate_frames, frames, round_id, docs_dir)
        except BrokenProcessPool as error:  # died while importing: confirm() validates here
            future = Future()
            future.set_exception(error)
        self._pending.append(PendingExpectations(future, frames, round_id, docs_dir, pandas_failures))

    def confirm(self) -> None:
        while self._pending:
            self._pending.pop(0).confirm()

    def peak_memory_mb(self) -> float:
        """The most memory the helper process has held (0 when it never started)."""
        return self._pool.submit(high_water_mb).result() if self._pool is not None else 0.0

    def close(self) -> None:
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class ColumnChecks:
    """The one way a run validates the contract's column rules. A small round is validated by GX
    here; a large one in the helper process, while the round goes on with the pandas answer that
    `confirm` later makes GX agree with. Rounds read only for comparison get the pandas answer."""

    def __init__(self) -> None:
        self.helper = ExpectationsProcess()

    def expect(self, input_bytes: int) -> None:
        """A round of this size will be validated: a large one starts GX importing aside now."""
        if helper_worth_it(input_bytes):
            self.helper.warm_up()

    def failures(self, parsed: ParsedRound, docs_dir: Path | None, input_bytes: int = 0
                 ) -> dict[str, list[int]]:
        """Failing row ids per rule id; with `docs_dir`, GX validates and writes its Data Docs."""
        if docs_dir is None:
            return evaluate_rules_with_pandas(parsed)
        if helper_worth_it(input_bytes):
            answer = evaluate_rules_with_pandas(parsed)
            self.helper.submit(parsed, docs_dir, answer)
            return answer
        return run_expectations(parsed, docs_dir)

    def confirm(self) -> None:
        """GX agreed with every answer the run went on with (raises ValidationEngineError if not)."""
        self.helper.confirm()


_RUN_CHECKS: ColumnChecks | None = None  # the running flow's; tasks reach it through column_checks()


@contextmanager
def checks_for_run() -> Iterator[ColumnChecks]:
    """The column checks of one run, for its stages to use; the helper process ends with it."""
    global _RUN_CHECKS
    checks, outer = ColumnChecks(), _RUN_CHECKS
    _RUN_CHECKS = checks
    try:
        yield checks
    finally:
        _RUN_CHECKS = outer
        checks.helper.close()


def column_checks() -> ColumnChecks:
    """The running flow's column checks; outside a run (a benchmark, a script), checks without
    a helper process."""
    return _RUN_CHECKS if _RUN_CHECKS is not None else ColumnChecks()
