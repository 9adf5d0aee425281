"""The end of a round: its manifest (every input and output with its sha256, the keys a rerun
compares) and what the Prefect UI shows of it; or, for a round left as it was, the note that
says so."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext

from flows.incremental import changes_since
from flows.plan import RoundStep, RunContext
from flows.progress import logger
from flows.render_stage import RenderedBriefs
from flows.writers import output_hashes, write_json_atomic, write_manifest
from transforms.contract import layout
from transforms.contract.labels import label
from transforms.contract.reference import Reference
from transforms.derive.products import Aggregates
from transforms.present.artifacts import artifact_key, round_summary_markdown
from transforms.present.run_report import outputs_markdown


@dataclass(frozen=True)
class RoundFigures:
    """What the Prefect UI and the console say of a round."""
    round_id: str
    round_label: str
    by_kecamatan: pd.DataFrame
    by_kabupaten: pd.DataFrame
    rows_quarantined: int
    warnings: int
    rendered: list[str]
    total_briefs: int
    folder: Path


@task(cache_policy=NO_CACHE, task_run_name="manifest {step.round_id}")
def manifest_round(step: RoundStep, aggregates: Aggregates, tables: list[str], workbooks: dict[str, str],
                 briefs: RenderedBriefs, reference: Reference, run: RunContext, staging: Path
                 ) -> dict[str, object]:
    """The manifest of the staged round; outputs that came out as they were become the previous
    files again (same inode and mtime), and the briefs and workbooks of other languages stay
    beside this run's. Returns the round's summary for the console: the briefs it counts are
    the files the round folder holds."""
    assert step.previous is not None
    round_id, lang = step.round_id, run.lang
    others = step.previous.keep(staging, lambda p: layout.output_language(p) not in (None, lang))
    outputs = output_hashes(staging)
    step.previous.adopt_unchanged(staging, outputs)
    changes = changes_since(step.previous.outputs, outputs)
    summary = {**layout.brief_counts(outputs, lang), "rows_quarantined": aggregates.rows_quarantined,
               "warnings": len(aggregates.warnings), "briefs_failed": briefs.failed,
               "briefs_stale": briefs.stale}
    # a round with a missing brief is never "current": the next run tries it again
    current = None if briefs.failed else run.round_key(round_id, reference)
    write_manifest(staging, round_id, run.inputs.get(round_id, {}), reference.hashes, outputs, {
        "lang": lang, "rows_quarantined": aggregates.rows_quarantined, "summary": summary,
        "cache": {"round_key": current,
                  "round_keys": {**other_languages_current(step, run, reference, outputs),
                                 **({lang: current} if current else {})},
                  "briefs": {**others.of_cache(("briefs/",)), **briefs.keys},
                  "workbooks": {**others.of_cache(("matrix/", "corrections/")), **workbooks}},
        "changes": {**changes, "briefs_rendered": briefs.rendered,
                    "briefs_reused": briefs.reused, "briefs_failed": briefs.failed,
                    "briefs_stale": briefs.stale},
    })
    logger().info("%s: wrote %s files (%s changed or new, %s tables) to %s; %s briefs rendered, "
                  "%s kept, %s failed, %s no longer match the data; %s files of other languages kept",
                  round_id, len(outputs), len(outputs) - changes["unchanged"], len(tables),
                  run.out_dir / round_id, len(briefs.rendered), len(briefs.reused), len(briefs.failed),
                  len(briefs.stale), len(others.files))
    publish_artifacts(RoundFigures(
        round_id, reference.rounds[round_id].label(lang), aggregates.by_kecamatan, aggregates.by_kabupaten,
        aggregates.rows_quarantined, len(aggregates.warnings), briefs.rendered,
        len(briefs.keys) + len(briefs.failed), run.out_dir / round_id), lang)
    return {**summary, "briefs_rendered": len(briefs.rendered)}


def other_languages_current(step: RoundStep, run: RunContext, reference: Reference,
                            outputs: dict[str, str]) -> dict[str, str]:
    """The round keys of the other languages whose outputs are still those of this run's inputs
    (same files, same options but the language) and were all kept as written: a rerun in that
    language leaves the round as it is."""
    assert step.previous is not None
    previous, current = step.previous.outputs, {}
    for other, key in step.previous.round_keys().items():
        if other == run.lang:
            continue
        same_inputs = key in {replace(run, lang=other, render=render, preview=preview).round_key(
            step.round_id, reference) for render in (True, False) for preview in (True, False)}
        theirs = [p for p in previous if layout.output_language(p) == other]
        if same_inputs and all(outputs.get(p) == previous[p] for p in theirs):
            current[other] = key
    return current


@task(cache_policy=NO_CACHE, task_run_name="keep {step.round_id}")
def keep_round(step: RoundStep, reference: Reference, lang: str) -> dict[str, object]:
    """A round whose outputs are current: only its manifest is rewritten, to say so. Its summary
    counts the briefs in this language the folder holds (the last run may have been another)."""
    earlier = step.previous
    assert earlier is not None
    logger().info("%s: nothing changed since the last run; outputs kept", step.round_id)
    briefs = sorted(b for b in earlier.cache("briefs") or {} if layout.output_language(b) == lang)
    write_json_atomic(earlier.folder / layout.MANIFEST, {**earlier.manifest, "changes": {
        **changes_since(earlier.outputs, earlier.outputs), "briefs_rendered": [],
        "briefs_reused": briefs, "briefs_failed": [], "round_unchanged": True}})
    summary = earlier.manifest.get("summary", {})
    summary = {**summary, **layout.brief_counts(earlier.outputs, lang), "briefs_stale": [
        p for p in summary.get("briefs_stale", []) if layout.output_language(p) == lang]}
    publish_artifacts(RoundFigures(
        step.round_id, reference.rounds[step.round_id].label(lang),
        pd.read_csv(earlier.folder / layout.SUMMARY_KECAMATAN),
        pd.read_csv(earlier.folder / layout.SUMMARY_KABUPATEN), summary.get("rows_quarantined", 0),
        summary.get("warnings", 0), [], len(briefs), earlier.folder), lang)
    return summary


def publish_artifacts(figures: RoundFigures, lang: str) -> None:
    """The round in the Prefect UI: key figures, the kecamatan table, a link to the outputs
    (nothing outside a flow run, e.g. in a benchmark that calls the stages' functions)."""
    if FlowRunContext.get() is None:
        return
    create_markdown_artifact(
        key=artifact_key(figures.round_id, "summary"), description=figures.round_label,
        markdown=round_summary_markdown(figures.round_label, figures.by_kabupaten, figures.rows_quarantined,
                                        figures.warnings, figures.rendered, figures.total_briefs, lang))
    by_kecamatan = figures.by_kecamatan
    table = by_kecamatan.astype(object).where(by_kecamatan.notna(), None).to_dict("records")
    create_table_artifact(key=artifact_key(figures.round_id, "kecamatan"), table=table,
                          description=layout.SUMMARY_KECAMATAN)
    # the folder as text to copy, not a file:// link: a browser does not open one from the UI
    create_markdown_artifact(key=artifact_key(figures.round_id, "outputs"),
                             description=label("artifact_outputs", lang),
                             markdown=outputs_markdown(figures.round_id, str(figures.folder),
                                                       os.environ.get("WSL_DISTRO_NAME"), lang))

