"""Great Expectations: the contract's column rules as one suite per table, run on each round's
parsed rows, with the results kept as a page of our own, `<round>/validation/index.html`
(flows/validation_page.py), that reads offline: GX's Data Docs load all their styles and scripts
from CDNs, and building them took a large share of GX's time.

GX is imported here only (it takes seconds to import). An expectation that errors is a loud
failure, never a pass; and GX's failing rows are cross-checked against the rules' own pandas
definition, so a silent difference between the two stops the run instead of letting rows through.

`column_failures` is the one way the stages validate: GX with its page for a round whose
outputs are made, pandas alone for a round read only for comparison. (GX used to run in a helper
process for large rounds: on a national round it saved about a second of 24 and held another
0.5 GiB, so it runs here.)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from flows.validation_page import EXAMPLES, RuleResult, write_validation_page
from transforms.contract.tables import TABLES
from transforms.validate.column_rules import ROW_ID, ColumnRule, failing_rows
from transforms.validate.parse import ParsedRound
from transforms.validate.quarantine import column_rules, evaluate_rules_with_pandas


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
    """Failing row ids per rule id, computed by Great Expectations; its page in docs_dir."""
    failures = validate_frames(expectation_frames(parsed), parsed.round.round_id, docs_dir)
    _cross_check(parsed, column_rules(), failures)
    return failures


def expectation_frames(parsed: ParsedRound) -> dict[str, pd.DataFrame]:
    """What GX needs of each table: the row id and the columns its rules look at (copies: GX's
    batches never touch the round's own frames)."""
    rules = column_rules()
    frames = {}
    for name in TABLES:
        table_rules = [r for r in rules if r.table == name]
        if not parsed.typed[name].empty and table_rules:
            frames[name] = _frame_for_gx(parsed.typed[name], table_rules)
    return frames


def import_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def validate_frames(frames: dict[str, pd.DataFrame], round_id: str, docs_dir: Path
                    ) -> dict[str, list[int]]:
    """GX's failing row ids per rule id for these tables, and the validation page of the round."""
    import_gx()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(f"round_{round_id}")
    rules = column_rules()
    failures: dict[str, list[int]] = {rule.rule_id: [] for rule in rules}
    by_id = {rule.rule_id: rule for rule in rules}
    results: list[RuleResult] = []
    for name, frame in frames.items():
        table_rules = [r for r in rules if r.table == name]
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("round")
        suite = context.suites.add(gx.ExpectationSuite(
            name=f"{name}_contract", expectations=[_expectation(r) for r in table_rules]))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{name}_{round_id}", data=batch, suite=suite))
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{name}_checkpoint", validation_definitions=[definition], actions=[],
            result_format=RESULT_FORMAT))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        for validation in run.run_results.values():
            _collect(validation, failures)
            results += [_rule_result(result, by_id) for result in validation.results]
    write_validation_page(results, round_id, gx.__version__, docs_dir)
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


def _rule_result(result, by_id: dict[str, ColumnRule]) -> RuleResult:
    """What the validation page shows of one expectation's result."""
    counts = result.result
    examples = dict.fromkeys(str(v) for v in counts.get("partial_unexpected_list") or []
                             if v is not None and v == v)  # distinct, in GX's order; not NaN
    return RuleResult(rule=by_id[result.expectation_config.meta["rule_id"]],
                      expectation=result.expectation_config.type, success=bool(result.success),
                      checked=int(counts.get("element_count") or 0),
                      failed=int(counts.get("unexpected_count") or 0),
                      examples=tuple(list(examples)[:EXAMPLES]))


def _cross_check(parsed: ParsedRound, rules: list[ColumnRule], failures: dict[str, list[int]]) -> None:
    _agree(failures, {rule.rule_id: failing_rows(parsed.typed[rule.table], rule) for rule in rules})


def _agree(failures: dict[str, list[int]], expected: dict[str, list[int]]) -> None:
    for rule_id, rows in expected.items():
        if rows != failures[rule_id]:
            raise ValidationEngineError(
                f"Great Expectations and the contract disagree on {rule_id}: "
                f"GX rows {failures[rule_id][:10]}, contract rows {rows[:10]}")


def column_failures(parsed: ParsedRound, docs_dir: Path | None) -> dict[str, list[int]]:
    """Failing row ids per rule id; with `docs_dir`, by Great Expectations (checked against the
    rules' pandas definition), its validation page written there."""
    if docs_dir is None:
        return evaluate_rules_with_pandas(parsed)
    return run_expectations(parsed, docs_dir)
