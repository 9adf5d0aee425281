"""The Prefect flow: for each monitoring round, ingest → validate (GX + row rules) → normalise →
aggregate → render → manifest. Tasks are thin and coarse (a handful per round); the work is in
transforms/, the file IO in readers.py, writers.py, workbooks.py and rendering.py.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import MissingContextError
from prefect.utilities.annotations import quote

from flows.gx_validation import (
    ExpectationsProcess,
    expectations_process,
    helper_worth_it,
    run_expectations,
)
from flows.incremental import PreviousRound, brief_key, changes_since, round_key, workbook_key
from flows.progress import progress
from flows.readers import BUNDLED_RULES, read_reference, read_round, round_bytes, round_files, sha256_file
from flows.render_stage import (
    RENDER_ATTEMPTS,
    Parallelism,
    RenderRequest,
    render_all,
    task_runner,
    worker_build,
    write_result,
)
from flows.workbooks import write_corrections, write_matrix
from flows.writers import (
    code_version,
    exclusive_output,
    output_hashes,
    recover_interrupted,
    staged_round,
    write_csv,
    write_json_atomic,
    write_manifest,
    write_parquet,
)
from transforms.contract.labels import cli_text, label
from transforms.contract.layout import slug
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.reference import (
    Programme,
    ReferenceError,
    RoundInfo,
    build_gazetteer,
    build_rounds,
    programme_for_round,
)
from transforms.contract.tables import TABLES
from transforms.derive.aggregate import summarise
from transforms.derive.matrix import build_matrices, latest_recommendations
from transforms.derive.tracking import track
from transforms.digests import PlaceSplit, frame_digest
from transforms.ingest.sheets import IngestResult, ingest_sheets
from transforms.present import briefs
from transforms.present.artifacts import artifact_key, round_summary_markdown
from transforms.present.charts import status_counts_by_round
from transforms.present.corrections import correction_rows
from transforms.validate.names import Gazetteer
from transforms.validate.normalise import canonical_table, data_date
from transforms.validate.parse import parse_round
from transforms.validate.quarantine import CleanRound, evaluate_rules_with_pandas, finish_round

OUTPUT_REFERENCE_FILES = ("locations.csv", "rounds.csv", "recommendation_rules.csv")
PROBLEM_TEXT_COLUMNS = ("source_file", "source_sheet", "column", "value", "message_id",
                        "message_en", "suggestion", "row_data")


@dataclass
class Reference:
    gazetteer: Gazetteer
    rounds: dict[str, RoundInfo]
    rules: pd.DataFrame
    hashes: dict[str, str]


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


# File problems are expected, not failures of the software: tasks return them as values, so
# the user sees one clear bilingual message instead of an engine traceback.

@task(cache_policy=NO_CACHE)
def load_reference(reference_dir: Path) -> Reference | list[FileProblem]:
    try:
        locations, rounds, rules = read_reference(reference_dir)
        gazetteer, calendar = build_gazetteer(locations), build_rounds(rounds)
    except InputFileError as error:
        return error.problems
    except ReferenceError as error:
        return [FileProblem("reference_invalid", str(reference_dir), value=str(error))]
    # the files the outputs depend on (recipients.csv, for one, does not change a brief)
    hashes = {name: sha256_file(reference_dir / name) for name in OUTPUT_REFERENCE_FILES
              if (reference_dir / name).is_file()}
    if "recommendation_rules.csv" not in hashes:  # the bundled rules stand in (readers.py)
        hashes["recommendation_rules.csv (bundled)"] = sha256_file(BUNDLED_RULES)
    return Reference(gazetteer, calendar, rules, hashes)


@task(cache_policy=NO_CACHE)
def ingest_round(round_dir: Path) -> IngestResult | list[FileProblem]:
    """Every sheet of every file of the round, or the problems that stop the round."""
    try:
        sheets = read_round(round_dir)
    except InputFileError as error:
        return error.problems
    logger = _logger()
    for sheet in sheets:
        logger.info("read %s%s: %s rows%s", sheet.file, f" [{sheet.sheet}]" if sheet.sheet else "",
                    len(sheet.rows), f" → {sheet.table.name}" if sheet.table else "")
    ingested = ingest_sheets(sheets)
    return ingested.problems or ingested


def _logger() -> logging.Logger | logging.LoggerAdapter:
    """The run's logger inside a flow; a plain one when a task's function is called directly
    (benchmarks, scripts)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("bangkit")


def _clean_round(ingested: IngestResult, reference: Reference, round_info: RoundInfo,
                 previous: CleanRound | None, docs_dir: Path | None,
                 expectations: ExpectationsProcess | None = None) -> CleanRound:
    """Validate one round; Great Expectations runs when Data Docs are wanted: in the helper
    process when there is one (the round goes on with the pandas answer, and write_round waits
    for GX to agree before it hashes the outputs), else here."""
    parsed = parse_round(ingested.tables, reference.gazetteer, round_info)
    failures = evaluate_rules_with_pandas(parsed)
    if docs_dir is not None and expectations is not None:
        expectations.submit(parsed, docs_dir, failures)
    elif docs_dir is not None:
        failures = run_expectations(parsed, docs_dir)
    previous_activities = previous.clean["activities"] if previous else None
    return finish_round(parsed, failures, previous_activities, ingested.notices)


@task(cache_policy=NO_CACHE)
def validate_round(ingested: IngestResult, reference: Reference, round_info: RoundInfo,
                   previous: CleanRound | None, docs_dir: Path | None,
                   expectations: ExpectationsProcess | None = None) -> CleanRound:
    result = _clean_round(ingested, reference, round_info, previous, docs_dir, expectations)
    get_run_logger().info(
        "%s: %s clean rows, %s rows quarantined, %s warnings", round_info.round_id,
        sum(len(f) for f in result.clean.values()),
        result.quarantine.drop_duplicates(subset=["source_file", "source_sheet", "source_row"]).shape[0],
        len(result.warnings))
    return result


@task(cache_policy=NO_CACHE)
def history_round(round_dir: Path, reference: Reference, round_info: RoundInfo,
                  previous: CleanRound | None) -> CleanRound | None:
    """An earlier round, validated without outputs, for round-over-round comparison."""
    if not round_dir.is_dir():
        return None
    ingested = ingest_round.fn(round_dir)
    if isinstance(ingested, list):
        get_run_logger().warning("round %s has file problems; not used for comparison",
                                 round_info.round_id)
        return None
    return _clean_round(ingested, reference, round_info, previous, None)


def _sorted_problems(frame: pd.DataFrame) -> pd.DataFrame:
    order = frame.assign(_r=pd.to_numeric(frame["source_row"], errors="coerce"))
    order = order.sort_values(["source_file", "source_sheet", "_r", "table", "column", "code"],
                              kind="stable")
    return order.drop(columns="_r").reset_index(drop=True)


def _matrices(cleaned: CleanRound, programme: Programme, history: dict[str, CleanRound],
              reference: Reference, lang: str) -> dict[tuple[str, str], pd.DataFrame]:
    earlier = latest_recommendations(
        {rid: r.clean["recommendations"] for rid, r in history.items()
         if rid < cleaned.round.round_id})
    return build_matrices(programme.kecamatan, cleaned.round.round_id, cleaned.clean["recommendations"],
                          earlier, cleaned.clean["activities"], reference.rules, lang,
                          sorted(reference.rounds))


@dataclass
class RoundProducts:
    """What one cleaned round turns into before anything is written."""
    programme: Programme
    quarantine: pd.DataFrame
    warnings: pd.DataFrame
    by_kecamatan: pd.DataFrame
    by_kabupaten: pd.DataFrame
    tracking: pd.DataFrame
    matrices: dict[tuple[str, str], pd.DataFrame]
    status_history: pd.DataFrame  # activities by round, place and status, for the charts

    @cached_property
    def matrix_digests(self) -> dict[tuple[str, str], str]:
        # one by one: hashing them together would let one kecamatan's column types touch all
        return {place: frame_digest(matrix) for place, matrix in self.matrices.items()}


def round_products(cleaned: CleanRound, reference: Reference, history: dict[str, CleanRound],
                   lang: str) -> RoundProducts:
    programme = programme_for_round(reference.gazetteer, cleaned.round.round_id)
    quarantine = _sorted_problems(cleaned.quarantine)
    by_kecamatan, by_kabupaten = summarise(cleaned.round.round_id, programme, cleaned.clean, quarantine)
    return RoundProducts(programme, quarantine, _sorted_problems(cleaned.warnings), by_kecamatan,
                         by_kabupaten, _tracking(cleaned, history),
                         _matrices(cleaned, programme, history, reference, lang),
                         status_counts_by_round({rid: r.clean["activities"] for rid, r in history.items()},
                                                cleaned.round.round_id))


@dataclass
class RunContext:
    """What every round of one run shares: where things are, the options, and the keys of what
    the outputs depend on (for reruns that redo only what changed)."""
    raw_dir: Path
    out_dir: Path
    lang: str
    preview: bool
    inputs: dict[str, dict[str, str]]  # round → file → sha256, for every round folder present
    code_digest: str
    render: bool = True  # False: the data products only, no briefs or workbooks (`--no-render`)
    parallelism: Parallelism = field(default_factory=Parallelism)  # not part of any key

    def round_key(self, round_id: str, reference: Reference) -> str:
        return round_key(round_id, self.inputs, reference.hashes, self.code_digest,
                         {"lang": self.lang, "preview": self.preview,
                          "render": self.render})

    def is_current(self, earlier: PreviousRound, round_id: str, reference: Reference) -> bool:
        """The outputs are those this run would make; for `--no-render`, outputs of a full run
        from the same inputs do too (their briefs are kept, not erased)."""
        return earlier.is_current(self.round_key(round_id, reference)) or (
            not self.render and earlier.is_current(replace(self, render=True).round_key(round_id, reference)))


@task(cache_policy=NO_CACHE)
def write_round(cleaned: CleanRound, reference: Reference, history: dict[str, CleanRound],
                run: RunContext, staging: Path, previous: PreviousRound,
                expectations: ExpectationsProcess | None = None) -> dict[str, object]:
    """Every output of contract §5 into the staging folder (swapped in by the caller). GX, when
    it validates in its helper process, must have agreed before briefs are rendered."""
    logger = _logger()
    round_id, lang = cleaned.round.round_id, run.lang
    made = round_products(cleaned, reference, history, lang)
    for name, table in TABLES.items():
        write_parquet(canonical_table(table, cleaned.clean[name]), staging / "clean" / f"{name}.parquet")
    write_csv(made.quarantine, staging / "quarantine.csv", PROBLEM_TEXT_COLUMNS)
    write_csv(made.warnings, staging / "warnings.csv", PROBLEM_TEXT_COLUMNS)
    write_csv(made.by_kecamatan, staging / "summary_kecamatan.csv")
    write_csv(made.by_kabupaten, staging / "summary_kabupaten.csv")
    write_parquet(made.tracking, staging / "tracking.parquet")
    if expectations is not None:  # before hours of rendering; its Data Docs are outputs too
        expectations.confirm()
    rendered, workbooks = RenderedBriefs(), {}
    if run.render:
        round_labels = {rid: r.label(lang) for rid, r in reference.rounds.items()}
        workbooks = write_workbooks(workbook_jobs(made, lang, round_labels), run, staging, previous)
        rendered = render_briefs(round_id, brief_jobs(cleaned, reference, made, history, lang),
                                 len(made.by_kecamatan) + len(made.by_kabupaten), run, staging, previous)
    outputs = output_hashes(staging)
    previous.adopt_unchanged(staging, outputs)
    changes = changes_since(previous.outputs, outputs)
    quarantined_rows = len(made.quarantine.drop_duplicates(
        subset=["source_file", "source_sheet", "source_row"]))
    summary = {"kecamatan": len(made.matrices), "kabupaten": len(made.programme.places),
               "rows_quarantined": quarantined_rows, "warnings": len(made.warnings),
               "briefs_failed": rendered.failed}
    write_manifest(staging, round_id, run.inputs.get(round_id, {}), reference.hashes, outputs, {
        "lang": lang, "rows_quarantined": quarantined_rows, "summary": summary,
        # a round with a missing brief is never "current": the next run tries it again
        "cache": {"round_key": None if rendered.failed else run.round_key(round_id, reference),
                  "briefs": rendered.keys, "workbooks": workbooks},
        "changes": {**changes, "briefs_rendered": rendered.rendered,
                    "briefs_reused": rendered.reused, "briefs_failed": rendered.failed},
    })
    logger.info("%s: wrote %s files (%s changed or new) to %s; %s briefs rendered, %s kept, %s failed",
                round_id, len(outputs), len(outputs) - changes["unchanged"], run.out_dir / round_id,
                len(rendered.rendered), len(rendered.reused), len(rendered.failed))
    publish_artifacts(round_id, reference.rounds[round_id].label(lang), made.by_kecamatan,
                      made.by_kabupaten, quarantined_rows, len(made.warnings), rendered.rendered,
                      len(rendered.keys) + len(rendered.failed), run.out_dir / round_id, lang)
    return {**summary, "briefs_rendered": len(rendered.rendered)}


@dataclass
class RenderedBriefs:
    keys: dict[str, str] = field(default_factory=dict)  # briefs/<path> → key
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def publish_artifacts(round_id: str, round_label: str, by_kecamatan: pd.DataFrame,
                      by_kabupaten: pd.DataFrame, quarantined: int, warnings: int, rendered: list[str],
                      total_briefs: int, folder: Path, lang: str) -> None:
    """The round in the Prefect UI: key figures, the kecamatan table, a link to the outputs
    (nothing outside a flow run, e.g. in a benchmark that calls the tasks' functions)."""
    if FlowRunContext.get() is None:
        return
    create_markdown_artifact(
        key=artifact_key(round_id, "summary"), description=round_label,
        markdown=round_summary_markdown(round_label, by_kabupaten, quarantined, warnings, rendered,
                                        total_briefs, lang))
    table = by_kecamatan.astype(object).where(by_kecamatan.notna(), None).to_dict("records")
    create_table_artifact(key=artifact_key(round_id, "kecamatan"), table=table,
                          description="summary_kecamatan.csv")
    create_link_artifact(key=artifact_key(round_id, "outputs"), link=folder.as_uri(),
                         link_text=label("artifact_outputs", lang))


def render_briefs(round_id: str, jobs: Iterable[BriefJob], total: int, run: RunContext, staging: Path,
                  previous: PreviousRound) -> RenderedBriefs:
    """Render the briefs whose content changed (in parallel, see render_stage), keep the others
    as they were. A brief that fails is tried again, then reported; the others are not held
    back by it."""
    done, logger, build = RenderedBriefs(), _logger(), worker_build()
    with progress(cli_text("progress_rendering", run.lang, round=round_id), total) as advance:
        for result in render_all(_to_render(jobs, run, staging, previous, done, advance), total,
                                 run.parallelism):
            if result.pdf is not None and result.build != build:  # not what the keys describe
                result.pdf = None
                result.errors.append("rendered by a worker with other code or libraries than this run")
            if result.pdf is None:
                logger.warning("%s: rendering failed (%s attempts): %s", result.relative,
                               RENDER_ATTEMPTS, " | ".join(result.errors))
                done.failed.append(result.relative)
                done.keys.pop(result.relative, None)
            else:
                write_result(result, staging)
                done.rendered.append(result.relative)
            advance()
    return done


def _to_render(jobs: Iterable[BriefJob], run: RunContext, staging: Path, previous: PreviousRound,
               done: RenderedBriefs, advance: Callable[[], None]) -> Iterator[RenderRequest]:
    """The briefs whose content changed since the last run; the others are kept as they are."""
    for job in jobs:
        relative = f"briefs/{job.path.as_posix()}"
        preview = f"preview/{preview_name(job.path)}" if run.preview else None
        key = brief_key(job.template, job.inputs, run.code_digest)
        done.keys[relative] = key
        if previous.is_reusable(relative, key) and (
                preview is None or previous.adopt(preview, staging)):
            previous.adopt(relative, staging)
            done.reused.append(relative)
            advance()
            continue
        yield RenderRequest(relative, job.template, job.prepare(), preview)


def preview_name(brief: Path) -> str:
    """`seram-bagian-timur/teluk-waru.pdf` → `seram-bagian-timur_teluk-waru.png` (slugs have no `_`)."""
    return "_".join(brief.with_suffix(".png").parts)


@dataclass
class WorkbookJob:
    relative: str  # corrections/… or matrix/…
    content: tuple  # everything the workbook shows, for its key
    write: Callable[[Path], None]


def workbook_jobs(made: RoundProducts, lang: str, round_labels: dict[str, str]) -> Iterator[WorkbookJob]:
    """Correction workbooks: one per programme kecamatan (empty when all is well), one per
    kabupaten for rows whose kecamatan could not be read, one for rows whose kabupaten could not
    be read. Then the recommendation matrix of every kecamatan. Keys come from digests of the
    rows each shows; the rows are turned into a workbook only when one is written."""
    def with_rows(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[frame["source_row"].astype(str) != ""]

    fix, check = with_rows(made.quarantine), with_rows(made.warnings)
    place = ["kabupaten", "kecamatan"]
    fix_of, check_of = PlaceSplit(fix, place), PlaceSplit(check, place)
    reported = pd.concat([fix, check])[place].itertuples(index=False, name=None)
    for kab, kec in dict.fromkeys([*made.programme.kecamatan, *reported]):
        relative = ("corrections/tanpa-kabupaten.xlsx" if not kab else
                    f"corrections/{slug(kab)}/{f'{slug(kec)}.xlsx' if kec else 'kabupaten.xlsx'}")
        yield WorkbookJob(relative, ("corrections", fix_of.digest((kab, kec)), check_of.digest((kab, kec)),
                                     lang),
                          partial(write_correction_workbook, fix_of.part((kab, kec)),
                                  check_of.part((kab, kec)), lang))
    for (kab, kec), matrix in made.matrices.items():
        yield WorkbookJob(f"matrix/{slug(kab)}/{slug(kec)}.xlsx",
                          ("matrix", made.matrix_digests[(kab, kec)], lang, round_labels),
                          partial(write_matrix, matrix, lang=lang, round_labels=round_labels))


def write_correction_workbook(to_fix: pd.DataFrame, to_check: pd.DataFrame, lang: str, path: Path) -> None:
    write_corrections(correction_rows(to_fix, lang), correction_rows(to_check, lang), path, lang)


def write_workbooks(jobs: Iterable[WorkbookJob], run: RunContext, staging: Path,
                    previous: PreviousRound) -> dict[str, str]:
    """Write the workbooks whose content changed; keep the others as they were (a national round
    has 14,000 of them). Returns every workbook's key."""
    keys = {}
    for job in jobs:
        keys[job.relative] = key = workbook_key(job.content, run.code_digest)
        if previous.is_reusable(job.relative, key, cache="workbooks"):
            previous.adopt(job.relative, staging)
        else:
            job.write(staging / job.relative)
    return keys


def _tracking(cleaned: CleanRound, history: dict[str, CleanRound]) -> pd.DataFrame:
    place = ["kabupaten", "kecamatan", "desa"]
    reported = pd.concat([cleaned.clean[name][place] for name in ("villages", "activities")])
    earlier = {rid: r.clean["activities"] for rid, r in history.items() if rid < cleaned.round.round_id}
    return track(cleaned.round.round_id, cleaned.clean["activities"], earlier, reported)


@dataclass
class BriefJob:
    template: str
    path: Path  # relative to the round's briefs/ folder
    inputs: tuple  # everything the view model is built from, as digests and small values
    # Called only for a brief to render: takes its rows out of the round's tables and returns
    # the (picklable) builder of its view model, which runs where the brief is rendered.
    prepare: Callable[[], Callable[[], dict]]

    @property
    def view(self) -> dict:
        return self.prepare()()


class PlaceTables:
    """The round's tables split by place once (not filtered again for each of 7,611 briefs)."""

    def __init__(self, tables: dict[str, pd.DataFrame], columns: list[str]) -> None:
        self.splits = {name: PlaceSplit(frame, columns) for name, frame in tables.items()}

    def parts(self, key: tuple[str, ...]) -> dict[str, pd.DataFrame]:
        return {name: split.part(key) for name, split in self.splits.items()}

    def digests(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(split.digest(key) for split in self.splits.values())


def brief_jobs(cleaned: CleanRound, reference: Reference, made: RoundProducts,
               history: dict[str, CleanRound], lang: str) -> Iterator[BriefJob]:
    """Every brief of the round, kecamatan first, then kabupaten: what its view model is built
    from, and the digests of those inputs. A rerun compares the digests and builds (in the
    worker that renders it) only the view of a brief whose inputs changed."""
    ctx = briefs.BriefContext(lang, cleaned.round, data_date(cleaned.clean, cleaned.round))
    round_labels = {rid: r.label(lang) for rid, r in reference.rounds.items()}
    activities, meetings = cleaned.clean["activities"], cleaned.clean["meetings"]
    of_kecamatan = PlaceTables({
        "activities": activities, "meetings": meetings, "quarantine": made.quarantine,
        "warnings": made.warnings, "tracking": made.tracking, "history": made.status_history},
        ["kabupaten", "kecamatan"])
    shared = (lang, ctx, round_labels)
    for summary in made.by_kecamatan.to_dict("records"):
        kab, kec = summary["kabupaten"], summary["kecamatan"]
        villages = made.programme.villages(kab, kec)
        inputs = (shared, kab, kec, summary, villages, of_kecamatan.digests((kab, kec)),
                  made.matrix_digests[(kab, kec)])
        prepare = partial(_kecamatan_builder, of_kecamatan, ctx, kab, kec, summary, villages,
                          made.matrices[(kab, kec)], round_labels)
        yield BriefJob("kecamatan.html.j2", Path(slug(kab)) / f"{slug(kec)}.pdf", inputs, prepare)
    recommendations = latest_recommendations(
        {rid: r.clean["recommendations"] for rid, r in history.items() if rid <= cleaned.round.round_id})
    of_kabupaten = PlaceTables({
        "activities": activities, "meetings": meetings, "quarantine": made.quarantine,
        "warnings": made.warnings, "recommendations": recommendations, "history": made.status_history,
        "kecamatan": made.by_kecamatan}, ["kabupaten"])
    matrices_of: dict[str, list[pd.DataFrame]] = {}
    matrix_digests_of: dict[str, list[str]] = {}
    for (kab, kec), matrix in made.matrices.items():
        matrices_of.setdefault(kab, []).append(matrix)
        matrix_digests_of.setdefault(kab, []).append(made.matrix_digests[(kab, kec)])
    round_ids = sorted(reference.rounds)
    for summary in made.by_kabupaten.to_dict("records"):
        kab = summary["kabupaten"]
        code = reference.gazetteer.kabupaten.places[kab].code
        inputs = (shared, kab, code, summary, round_ids, of_kabupaten.digests((kab,)),
                  matrix_digests_of.get(kab, []))
        prepare = partial(_kabupaten_builder, of_kabupaten, ctx, kab, code, summary,
                          matrices_of.get(kab, []), round_ids, round_labels)
        yield BriefJob("kabupaten.html.j2", Path(slug(kab)) / "kabupaten.pdf", inputs, prepare)


def _kecamatan_builder(tables: PlaceTables, ctx: briefs.BriefContext, kab: str, kec: str, summary: dict,
                       villages: list[str], matrix: pd.DataFrame, round_labels: dict[str, str]
                       ) -> Callable[[], dict]:
    part = tables.parts((kab, kec))
    return partial(briefs.kecamatan_brief, ctx, kab, kec, summary, villages,
                   {"activities": part["activities"], "meetings": part["meetings"]}, matrix,
                   part["quarantine"], part["warnings"], round_labels, part["tracking"], part["history"])


def _kabupaten_builder(tables: PlaceTables, ctx: briefs.BriefContext, kab: str, code: str, summary: dict,
                       district_matrices: list[pd.DataFrame], round_ids: list[str],
                       round_labels: dict[str, str]) -> Callable[[], dict]:
    part = tables.parts((kab,))
    matrices = pd.concat(district_matrices, ignore_index=True) if district_matrices else pd.DataFrame()
    return partial(briefs.kabupaten_brief, ctx, kab, code, summary, part["kecamatan"],
                   {"activities": part["activities"], "meetings": part["meetings"]}, matrices,
                   part["quarantine"], part["warnings"], part["recommendations"], round_ids, round_labels,
                   part["history"])


def rounds_to_run(raw_dir: Path, reference: Reference, wanted: list[str] | None
                  ) -> tuple[list[str], list[FileProblem]]:
    found = sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith("."))\
        if raw_dir.is_dir() else []
    chosen = wanted or [r for r in found if r in reference.rounds]
    unknown = [r for r in chosen if r not in reference.rounds]
    problems = [FileProblem("unknown_round", str(raw_dir), value=r,
                            expected=", ".join(reference.rounds)) for r in unknown]
    if not chosen:
        problems.append(FileProblem("no_rounds", str(raw_dir)))
    return sorted(chosen), problems


def run_context(raw_dir: Path, out_dir: Path, reference: Reference, lang: str,
                preview: bool, render: bool = True, parallelism: Parallelism | None = None) -> RunContext:
    inputs = {rid: {p.relative_to(raw_dir / rid).as_posix(): sha256_file(p)
                    for p in round_files(raw_dir / rid)}
              for rid in reference.rounds if (raw_dir / rid).is_dir()}
    return RunContext(raw_dir, out_dir, lang, preview, inputs, code_version()["source_sha256"], render,
                      parallelism or Parallelism())


@flow(name="bangkit-run", log_prints=True)
def bangkit_run(raw_dir: Path = Path("data/raw"), out_dir: Path = Path("data/processed"),
                reference_dir: Path = Path("data/reference"), rounds: list[str] | None = None,
                lang: str = "id", preview: bool = False, render: bool = True, workers: int = 1,
                dask_address: str | None = None,
                worker_memory_mb: int = Parallelism.worker_memory_mb) -> RunReport:
    """Process the chosen rounds (default: every round folder under raw_dir), oldest first.
    With `preview`, page 1 of every brief is also written as PNG under <round>/preview/; without
    `render`, only the data products are written (no briefs, matrices or correction workbooks).
    Briefs are rendered by `workers` processes, or on the Dask cluster at `dask_address`; give
    the flow the matching task runner (`with_task_runner`).
    A round whose inputs, reference files, code and options are those of its outputs is left
    as it is; in a round that changed, only the briefs whose content changed are rendered."""
    reference = load_reference(reference_dir)
    if isinstance(reference, list):
        return RunReport([], reference)
    chosen, problems = rounds_to_run(raw_dir, reference, rounds)
    if problems:
        return RunReport([], problems)
    with exclusive_output(out_dir, on_wait=lambda: _say_waiting(out_dir, lang)):
        run = run_context(raw_dir, out_dir, reference, lang, preview, render,
                          Parallelism(workers, dask_address, worker_memory_mb))
        with expectations_process() as expectations:
            return RunReport(_run_rounds(run, reference, chosen, expectations))


def with_task_runner(parallelism: Parallelism):
    """The flow, with the task runner that renders briefs where `parallelism` says."""
    runner = task_runner(parallelism)
    return bangkit_run if runner is None else bangkit_run.with_options(task_runner=runner)


def _say_waiting(out_dir: Path, lang: str) -> None:
    sys.stderr.write(cli_text("waiting_for_other_run", lang, folder=out_dir) + "\n")
    sys.stderr.flush()


def _run_rounds(run: RunContext, reference: Reference, chosen: list[str],
                expectations: ExpectationsProcess) -> list[RoundOutcome]:
    history: dict[str, CleanRound] = {}
    outcomes: list[RoundOutcome] = []
    previous: CleanRound | None = None
    deferred: list[str] = []  # rounds not recomputed; validated only if a later round needs them
    for round_id in sorted(set(chosen) | {r for r in reference.rounds if r < max(chosen)}):
        info = reference.rounds[round_id]
        round_dir = run.raw_dir / round_id
        if round_id not in chosen:
            deferred.append(round_id)
            continue
        if not round_dir.is_dir():
            outcomes.append(RoundOutcome(round_id, False, [FileProblem("no_rounds", str(round_dir))]))
            _validate_deferred(deferred, run, reference, history, previous)  # kept as history
            deferred, previous = [], None
            continue
        recover_interrupted(run.out_dir, round_id)  # a killed swap: previous outputs back first
        earlier = PreviousRound.load(run.out_dir / round_id)
        if run.is_current(earlier, round_id, reference):
            get_run_logger().info("%s: nothing changed since the last run; outputs kept", round_id)
            note_unchanged(earlier)
            publish_unchanged(earlier, reference.rounds[round_id].label(run.lang), run.lang)
            outcomes.append(RoundOutcome(round_id, True, summary=earlier.manifest.get("summary", {}),
                                         unchanged=True))
            deferred.append(round_id)
            continue
        helper = expectations if helper_worth_it(round_bytes(round_dir)) else None
        if helper is not None:
            helper.warm_up()  # GX imports in its process while this one reads and parses
        previous = _validate_deferred(deferred, run, reference, history, previous)
        deferred = []
        ingested = ingest_round(round_dir)
        if isinstance(ingested, list):
            get_run_logger().info("%s: stopped on file problems, nothing written", round_id)
            outcomes.append(RoundOutcome(round_id, False, ingested))
            previous = None
            continue
        with staged_round(run.out_dir, round_id) as staging:
            # quote(): Prefect would otherwise walk every object inside these (seconds at national scale)
            cleaned = validate_round(quote(ingested), quote(reference), info, quote(previous),
                                     staging / "validation", quote(helper))
            history[round_id] = cleaned
            summary = write_round(quote(cleaned), quote(reference), quote(history), quote(run), staging,
                                  quote(earlier), quote(helper))
        outcomes.append(RoundOutcome(round_id, True, summary=summary))
        previous = cleaned
    return outcomes


def _validate_deferred(deferred: list[str], run: RunContext, reference: Reference,
                       history: dict[str, CleanRound], previous: CleanRound | None) -> CleanRound | None:
    """Earlier rounds that were not recomputed, validated now that a later round needs them
    (round-over-round tracking, the matrix carried forward)."""
    for round_id in deferred:
        previous = history_round(run.raw_dir / round_id, quote(reference), reference.rounds[round_id],
                                 quote(previous))
        if previous is not None:
            history[round_id] = previous
    return previous


def publish_unchanged(earlier: PreviousRound, round_label: str, lang: str) -> None:
    summary = earlier.manifest.get("summary", {})
    publish_artifacts(
        earlier.manifest["round_id"], round_label, pd.read_csv(earlier.folder / "summary_kecamatan.csv"),
        pd.read_csv(earlier.folder / "summary_kabupaten.csv"), summary.get("rows_quarantined", 0),
        summary.get("warnings", 0), [], len(earlier.cache("briefs") or {}), earlier.folder, lang)


def note_unchanged(earlier: PreviousRound) -> None:
    """The manifest of a round left as it was says so (it is the only file rewritten)."""
    briefs = sorted(earlier.cache("briefs") or {})
    manifest = {**earlier.manifest, "changes": {
        **changes_since(earlier.outputs, earlier.outputs), "briefs_rendered": [],
        "briefs_reused": briefs, "briefs_failed": [], "round_unchanged": True}}
    write_json_atomic(earlier.folder / "manifest.json", manifest)
