"""Great Expectations: the contract's column rules as one suite per table, run on each round's
parsed rows, with the results kept as Data Docs under `<round>/validation/`.

GX is imported here only (it takes seconds to import). An expectation that errors is a loud
failure, never a pass; and GX's failing rows are cross-checked against the rules' own pandas
definition, so a silent difference between the two stops the run instead of letting rows through.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from transforms.contract import TABLES
from transforms.expectations import ROW_ID, ColumnRule, failing_rows
from transforms.validate import ParsedRound, column_rules

DOCS_SITE = "bangkit_validation"


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
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(site_name=DOCS_SITE, site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    source = context.data_sources.add_pandas(f"round_{parsed.round.round_id}")
    rules = column_rules()
    failures: dict[str, list[int]] = {rule.rule_id: [] for rule in rules}
    validated = False
    for name in TABLES:
        table_rules = [r for r in rules if r.table == name]
        frame = parsed.typed[name]
        if frame.empty or not table_rules:
            continue
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("round")
        suite = context.suites.add(gx.ExpectationSuite(
            name=f"{name}_contract", expectations=[_expectation(r) for r in table_rules]))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{name}_{parsed.round.round_id}", data=batch, suite=suite))
        # no Data Docs action here: the site is built once after all tables (building it per
        # table, re-rendering every page each time, tripled GX's time)
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{name}_checkpoint", validation_definitions=[definition], actions=[],
            result_format=RESULT_FORMAT))
        run = checkpoint.run(batch_parameters={"dataframe": _frame_for_gx(frame, table_rules)})
        for validation in run.run_results.values():
            _collect(validation, failures)
        validated = True
    if validated:
        context.build_data_docs(site_names=[DOCS_SITE])
    _cross_check(parsed, rules, failures)
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


def _cross_check(parsed: ParsedRound, rules: list[ColumnRule],
                 failures: dict[str, list[int]]) -> None:
    for rule in rules:
        expected = failing_rows(parsed.typed[rule.table], rule)
        if expected != failures[rule.rule_id]:
            raise ValidationEngineError(
                f"Great Expectations and the contract disagree on {rule.rule_id}: "
                f"GX rows {failures[rule.rule_id][:10]}, contract rows {expected[:10]}")
