"""The Prefect flow: the round's journey, stage by stage.

    reference → plan → for each round: ingest → parse and resolve → validate and quarantine
    → aggregate → write tables → recommend → workbooks → render → manifest

Each stage is one task (stages.py, render_stage.py, publish.py) doing the IO around a pure
transform. A stage's result goes to the next one wrapped in `opaque`: Prefect records the edge
(the UI draws the round's graph) without walking every object inside a round's tables.

The run tells the Prefect UI the truth: it is named after its rounds (`2024-10 · 2025-01`), and a
run in which a round stopped on its files (or nothing could start, or a brief failed) ends
Failed, with the console's bilingual message as its state message, in its logs and in an
artifact; its report is still the Failed state's result, for the command line.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.states import Failed, State
from prefect.utilities.annotations import opaque

from flows.faults import checkpoint
from flows.plan import Action, RoundStep, RunPlan, rounds_to_run, run_context
from flows.progress import UI_ONLY, logger
from flows.publish import keep_round, manifest_round
from flows.render_stage import Parallelism, keep_rendered, render_briefs, task_runner
from flows.settings import folder_problems
from flows.stages import (
    aggregate_round,
    ingest_round,
    load_reference,
    parse_and_resolve,
    plan_rounds,
    read_history,
    recommend_round,
    validate_and_quarantine,
    write_tables,
    write_workbooks,
)
from flows.writers import exclusive_output, staged_round
from transforms.contract.messages import FileProblem
from transforms.contract.reference import Reference
from transforms.contract.run_texts import PARAMETER_HELP, cli_text
from transforms.present.jobs import brief_jobs, workbook_jobs
from transforms.present.run_report import Stop, run_name, stop_markdown, stop_message
from transforms.validate.quarantine import CleanRound


@dataclass
class RoundOutcome:
    round_id: str
    ok: bool
    problems: list[FileProblem] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    unchanged: bool = False  # inputs, reference and code as last time: outputs left as they were


@dataclass
class RunReport:
    outcomes: list[RoundOutcome]
    problems: list[FileProblem] = field(default_factory=list)  # nothing could run at all

    def stop(self) -> Stop:
        """What keeps this run from being a success (nothing: falsy)."""
        return Stop({o.round_id: o.problems for o in self.outcomes if not o.ok}, self.problems,
                    {o.round_id: list(o.summary.get("briefs_failed", [])) for o in self.outcomes
                     if o.ok and o.summary.get("briefs_failed")})


def _named_rounds() -> str:
    """The flow run's name: the rounds asked for, or the round folders under raw_dir (what the
    run will process when none is asked for)."""
    context = FlowRunContext.get()
    parameters = context.parameters if context else {}
    rounds = parameters.get("rounds")
    if not rounds:
        raw = Path(parameters.get("raw_dir") or "data/raw")
        rounds = [p.name for p in raw.iterdir() if p.is_dir() and not p.name.startswith(".")] \
            if raw.is_dir() else []
    return run_name(list(rounds))


def _with_parameter_help(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The docstring's Args section from PARAMETER_HELP: Prefect makes the deployment's parameter
    descriptions (the UI's run form) from it."""
    args = "".join(f"    {name}: {PARAMETER_HELP[name]}\n" for name in inspect.signature(fn).parameters)
    fn.__doc__ = f"{inspect.cleandoc(fn.__doc__ or '')}\n\nArgs:\n{args}"
    return fn


@flow(name="bangkit-run", flow_run_name=_named_rounds, log_prints=True)
@_with_parameter_help
def bangkit_run(raw_dir: Path = Path("data/raw"), out_dir: Path = Path("data/processed"),
                reference_dir: Path = Path("data/reference"), rounds: list[str] | None = None,
                lang: str = "id", preview: bool = False, render: bool = True, workers: int = 1,
                dask_address: str | None = None,
                worker_memory_mb: int = Parallelism.worker_memory_mb) -> RunReport | State:
    """Process the chosen rounds (default: every round folder under raw_dir), oldest first.
    With `preview`, page 1 of every brief is also written as PNG under <round>/preview/; without
    `render`, only the data products are written: the briefs, matrices and correction workbooks
    already there are kept as they are, and the manifest says which no longer match the data.
    Briefs and workbooks in other languages than `lang` are kept beside this run's.
    Briefs are rendered by `workers` processes, or on the Dask cluster at `dask_address`; give
    the flow the matching task runner (`with_task_runner`).
    A round whose inputs, reference files, code and options are those of its outputs is left
    as it is; in a round that changed, only the briefs whose content changed are rendered.
    A run with a stopped round ends Failed once the other rounds are written (`honest`)."""
    return honest(_run_rounds(raw_dir, out_dir, reference_dir, rounds, lang, preview, render,
                              Parallelism(workers, dask_address, worker_memory_mb)))


def _run_rounds(raw_dir: Path, out_dir: Path, reference_dir: Path, rounds: list[str] | None, lang: str,
                preview: bool, render: bool, parallelism: Parallelism) -> RunReport:
    overlap = folder_problems(raw_dir, out_dir, reference_dir)  # a served run is checked here too
    if overlap:
        return RunReport([], overlap)
    loaded = load_reference(reference_dir)
    if loaded.problems or loaded.value is None:
        return RunReport([], loaded.problems)
    reference = loaded.value
    chosen, problems = rounds_to_run(raw_dir, reference, rounds)
    if problems:
        return RunReport([], problems)
    with exclusive_output(out_dir, on_wait=lambda: _say_waiting(out_dir, lang)):
        run = run_context(raw_dir, out_dir, reference, lang, preview, render, parallelism)
        plan = plan_rounds(run, opaque(reference), chosen)
        return RunReport(_follow(plan, reference))


def honest(report: RunReport) -> RunReport | State:
    """The report, or, when a round stopped (or nothing could run, or a brief failed), a Failed
    state carrying it: the Prefect UI shows the run red, with the bilingual message as its state
    message, in its logs and as an artifact."""
    stop = report.stop()
    if not stop:
        return report
    message = stop_message(stop)
    logger().error(message, extra=UI_ONLY)
    create_markdown_artifact(markdown=stop_markdown(stop), description=message.splitlines()[0])
    return Failed(message=message, data=report)


def report_of(state: State) -> RunReport:
    """The run's report from its final state (Completed, or Failed by `honest`); the exception
    of a run that failed on an error is raised again."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, RunReport):
        return result
    if isinstance(result, BaseException):
        raise result
    raise RuntimeError(f"the flow run ended {state.type.value} without a report: {state.message}")


def _follow(plan: RunPlan, reference: Reference) -> list[RoundOutcome]:
    """The plan's steps, oldest round first. `previous` is the round before, validated (its
    activities missing now are warnings); `history` every round read so far (tracking, the
    matrix carried over)."""
    history: dict[str, CleanRound] = {}
    outcomes: list[RoundOutcome] = []
    previous: CleanRound | None = None
    for step in plan.steps:
        if step.action == Action.MISSING:
            outcomes.append(RoundOutcome(step.round_id, False, [FileProblem("no_rounds", str(step.folder))]))
            previous = None
            continue
        if step.action == Action.KEEP:
            summary = keep_round(opaque(step), opaque(reference), plan.run.lang)
            outcomes.append(RoundOutcome(step.round_id, True, summary=summary, unchanged=True))
        if step.as_history:
            previous = read_history(opaque(step), opaque(reference), opaque(previous))
            if previous is not None:
                history[step.round_id] = previous
        elif step.action == Action.COMPUTE:
            outcome, previous = _compute(step, plan, reference, history, previous)
            outcomes.append(outcome)
    return outcomes


def _compute(step: RoundStep, plan: RunPlan, reference: Reference, history: dict[str, CleanRound],
             previous: CleanRound | None) -> tuple[RoundOutcome, CleanRound | None]:
    """One round from its files to its outputs, in a staging folder swapped in whole at the end."""
    run, round_id, lang = plan.run, step.round_id, plan.run.lang
    assert step.previous is not None
    ingested = ingest_round(opaque(step))
    checkpoint("ingest")
    if ingested.problems:
        return RoundOutcome(round_id, False, ingested.problems), None
    with staged_round(run.out_dir, round_id) as staging:
        parsed = parse_and_resolve(opaque(ingested), opaque(reference), reference.rounds[round_id])
        cleaned = validate_and_quarantine(opaque(parsed), opaque(ingested), opaque(previous), opaque(step),
                                          staging)
        checkpoint("validate")
        history[round_id] = cleaned
        aggregates = aggregate_round(opaque(cleaned), opaque(reference), opaque(history))
        tables = write_tables(opaque(cleaned), opaque(aggregates), staging)
        matrices = recommend_round(opaque(cleaned), opaque(aggregates), opaque(reference),
                                   opaque(history), lang)
        jobs = list(brief_jobs(cleaned, reference, aggregates, matrices, history, lang))
        if run.render:
            workbooks = write_workbooks(round_id, opaque(aggregates), opaque(matrices), opaque(reference),
                                        opaque(run), staging, opaque(step.previous))
            briefs = render_briefs(round_id, jobs, run, staging, step.previous)
        else:  # the briefs and workbooks there are kept; the jobs say which no longer match
            workbooks, briefs = keep_rendered(round_id, opaque(jobs), opaque(list(workbook_jobs(
                aggregates, matrices, lang, reference.round_labels(lang)))), opaque(run), staging,
                opaque(step.previous))
        summary = manifest_round(opaque(step), opaque(aggregates), tables, opaque(workbooks), opaque(briefs),
                               opaque(reference), opaque(run), staging)
    return RoundOutcome(round_id, True, summary=summary), cleaned


def with_task_runner(parallelism: Parallelism):
    """The flow, with the task runner that renders briefs where `parallelism` says."""
    runner = task_runner(parallelism)
    return bangkit_run if runner is None else bangkit_run.with_options(task_runner=runner)


def _say_waiting(out_dir: Path, lang: str) -> None:
    sys.stderr.write(cli_text("waiting_for_other_run", lang, folder=out_dir) + "\n")
    sys.stderr.flush()
