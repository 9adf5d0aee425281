"""The stages of a round, one Prefect task each: thin wrappers that call the transforms and do
the reading and writing. The flow (round_flow.py) chains them.

File problems are expected, not failures of the software: a stage returns them in its result,
so the user sees one clear bilingual message instead of an engine traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.gx_validation import column_failures
from flows.incremental import PreviousRound, workbook_key
from flows.plan import RoundStep, RunContext, RunPlan, plan_run
from flows.progress import logger
from flows.readers import read_round, sha256_file
from flows.reference_files import BUNDLED_RULES, read_reference
from flows.workbooks import write_workbook
from flows.writers import write_csv, write_parquet
from transforms.contract import layout
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.outputs import QUARANTINE, WARNINGS
from transforms.contract.reference import Reference, ReferenceError, RoundInfo, build_gazetteer, build_rounds
from transforms.contract.tables import TABLES
from transforms.derive.products import Aggregates, Matrices, aggregate, recommend
from transforms.digests import inputs_digest
from transforms.ingest.sheets import IngestResult, ingest_sheets
from transforms.present.jobs import WorkbookJob, workbook_jobs
from transforms.validate.normalise import canonical_table
from transforms.validate.parse import ParsedRound, parse_round
from transforms.validate.problems import distinct_rows
from transforms.validate.quarantine import CleanRound, finish_round
from transforms.validate.returned_matrix import misplaced_matrices

T = TypeVar("T")
OUTPUT_REFERENCE_FILES = ("locations.csv", "rounds.csv", "recommendation_rules.csv")


@dataclass(frozen=True)
class Checked(Generic[T]):
    """A stage's value, or the file problems that keep it from having one."""
    value: T | None = None
    problems: list[FileProblem] = field(default_factory=list)


@task(cache_policy=NO_CACHE, task_run_name="reference")
def load_reference(reference_dir: Path) -> Checked[Reference]:
    return reference_data(reference_dir)


def reference_data(reference_dir: Path) -> Checked[Reference]:
    """The places, rounds and follow-up rules, or the problems of the reference files."""
    try:
        locations, rounds, rules = read_reference(reference_dir)
        gazetteer, calendar = build_gazetteer(locations), build_rounds(rounds)
    except InputFileError as error:
        return Checked(problems=error.problems)
    except ReferenceError as error:
        return Checked(problems=[error.problem(str(reference_dir))])
    # the files the outputs depend on (recipients.csv, for one, does not change a brief)
    hashes = {name: sha256_file(reference_dir / name) for name in OUTPUT_REFERENCE_FILES
              if (reference_dir / name).is_file()}
    if "recommendation_rules.csv" not in hashes:  # the bundled rules stand in (readers.py)
        hashes["recommendation_rules.csv (bundled)"] = sha256_file(BUNDLED_RULES)
    return Checked(Reference(gazetteer, calendar, rules, hashes))


@task(cache_policy=NO_CACHE, task_run_name="plan")
def plan_rounds(run: RunContext, reference: Reference, chosen: list[str]) -> RunPlan:
    plan = plan_run(run, reference, chosen)
    logger().info("plan: %s", ", ".join(f"{s.round_id} {s.action}" for s in plan.steps))
    return plan


def read_files(folder: Path) -> IngestResult:
    """Every sheet of every file of the round as one raw table each, or the problems that stop it
    (a matrix drafted for another round is one: the folder's name is its round)."""
    try:
        sheets = read_round(folder)
    except InputFileError as error:
        return IngestResult(tables={}, problems=error.problems)
    log = logger()
    for sheet in sheets:
        log.info("read %s%s: %s rows%s", sheet.file, f" [{sheet.sheet}]" if sheet.sheet else "",
                 len(sheet.rows), f" → {sheet.table.name}" if sheet.table else "")
    ingested = ingest_sheets(sheets)
    ingested.problems += misplaced_matrices(ingested.matrices, folder.name,
                                            lambda round_id: _shown_folder(folder.parent / round_id))
    return ingested


def _shown_folder(folder: Path) -> str:
    """A folder as the user typed it: relative to where they run `bangkit` when it is below."""
    try:
        shown = folder.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = folder
    return f"{shown.as_posix()}/"


@task(cache_policy=NO_CACHE, task_run_name="ingest {step.round_id}")
def ingest_round(step: RoundStep) -> IngestResult:
    return read_files(step.folder)


@task(cache_policy=NO_CACHE, task_run_name="parse {round_info.round_id}")
def parse_and_resolve(ingested: IngestResult, reference: Reference, round_info: RoundInfo) -> ParsedRound:
    """Values parsed by their field's kind, place names resolved, the row rules applied."""
    return parse_round(ingested.tables, reference.gazetteer, round_info)


def quarantine(parsed: ParsedRound, ingested: IngestResult, previous: CleanRound | None,
               docs_dir: Path | None) -> CleanRound:
    """The column rules (GX, with Data Docs in `docs_dir`) and the split into clean rows,
    quarantine and warnings."""
    failures = column_failures(parsed, docs_dir)
    previous_activities = previous.clean["activities"] if previous else None
    return finish_round(parsed, failures, previous_activities, ingested.notices, ingested.matrices)


@task(cache_policy=NO_CACHE, task_run_name="quarantine {step.round_id}")
def validate_and_quarantine(parsed: ParsedRound, ingested: IngestResult, previous: CleanRound | None,
                            step: RoundStep, staging: Path) -> CleanRound:
    cleaned = quarantine(parsed, ingested, previous, staging / layout.VALIDATION)
    logger().info("%s: %s clean rows, %s rows quarantined, %s warnings", step.round_id,
                  sum(len(f) for f in cleaned.clean.values()), distinct_rows(cleaned.quarantine),
                  len(cleaned.warnings))
    return cleaned


@task(cache_policy=NO_CACHE, task_run_name="history {step.round_id}")
def read_history(step: RoundStep, reference: Reference, previous: CleanRound | None) -> CleanRound | None:
    """An earlier round, validated without outputs, for round-over-round comparison."""
    if not step.folder.is_dir():
        return None
    ingested = read_files(step.folder)
    if ingested.problems:
        logger().warning("round %s has file problems; not used for comparison", step.round_id)
        return None
    info = reference.rounds[step.round_id]
    return quarantine(parse_round(ingested.tables, reference.gazetteer, info), ingested, previous, None)


@task(cache_policy=NO_CACHE, task_run_name="aggregate {cleaned.round.round_id}")
def aggregate_round(cleaned: CleanRound, reference: Reference, history: dict[str, CleanRound]) -> Aggregates:
    return aggregate(cleaned, reference, history)


@task(cache_policy=NO_CACHE, task_run_name="recommend {cleaned.round.round_id}")
def recommend_round(cleaned: CleanRound, aggregates: Aggregates, reference: Reference,
                    history: dict[str, CleanRound], lang: str) -> Matrices:
    return recommend(cleaned, aggregates.programme, reference, history, lang)


def write_data_products(cleaned: CleanRound, aggregates: Aggregates, staging: Path) -> list[str]:
    """The data products of contract §5 (what `--no-render` writes); their paths."""
    tables = {layout.CLEAN_TABLE.format(table=name): canonical_table(table, cleaned.clean[name])
              for name, table in TABLES.items()}
    for relative, frame in {**tables, layout.TRACKING: aggregates.tracking}.items():
        write_parquet(frame, staging / relative)
    write_csv(aggregates.quarantine, staging / layout.QUARANTINE, QUARANTINE.untrusted)
    write_csv(aggregates.warnings, staging / layout.WARNINGS, WARNINGS.untrusted)
    write_csv(aggregates.by_kecamatan, staging / layout.SUMMARY_KECAMATAN)
    write_csv(aggregates.by_kabupaten, staging / layout.SUMMARY_KABUPATEN)
    return [*tables, layout.TRACKING, layout.QUARANTINE, layout.WARNINGS, layout.SUMMARY_KECAMATAN,
            layout.SUMMARY_KABUPATEN]


@task(cache_policy=NO_CACHE, task_run_name="tables {cleaned.round.round_id}")
def write_tables(cleaned: CleanRound, aggregates: Aggregates, staging: Path) -> list[str]:
    """The data products: clean tables, summaries, problem files, tracking."""
    return write_data_products(cleaned, aggregates, staging)


@task(cache_policy=NO_CACHE, task_run_name="workbooks {round_id}")
def write_workbooks(round_id: str, aggregates: Aggregates, matrices: Matrices, reference: Reference,
                    run: RunContext, staging: Path, previous: PreviousRound) -> dict[str, str]:
    """The correction workbooks and recommendation matrices of the round; their keys."""
    jobs = workbook_jobs(aggregates, matrices, run.lang, reference.round_labels(run.lang))
    return workbooks_written(jobs, run, staging, previous)


def workbooks_written(jobs: Iterable[WorkbookJob], run: RunContext, staging: Path,
                      previous: PreviousRound) -> dict[str, str]:
    """Write the workbooks whose content changed; keep the others as they were (a national round
    has 14,000 of them). Returns every workbook's key."""
    keys = {}
    for job in jobs:
        keys[job.relative] = key = workbook_key(inputs_digest(job.inputs), run.code_digest)
        if previous.is_reusable(job.relative, key, cache="workbooks"):
            previous.adopt(job.relative, staging)
        else:
            write_workbook(job, staging / job.relative)
    return keys
