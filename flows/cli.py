"""The `bangkit` command line: run, template, serve, distribute.

Exit codes of `run`: 0 when the round(s) completed (quarantined rows included), 2 on a file-level
input problem (nothing written for that round), 1 on an internal failure (including a brief that
could not be rendered: the round's other outputs are written), 3 when the disk is full, 130 when
stopped by Ctrl-C and 143 by SIGTERM (129: SIGHUP, a closed terminal). A stopped run, or one that
ran out of disk, leaves every round it did not finish as it was (README, Kill-safety).
"""

from __future__ import annotations

import os
import signal
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.settings import Settings, check_folders, load_settings, schedule_problems
from flows.signals import (
    Stopped,
    disk_full_in_chain,
    exit_code,
    free_megabytes,
    quiet_expected_failures,
    start_watchdog,
    stop_on_signals,
    stop_signal,
)
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.run_texts import cli_text

if TYPE_CHECKING:
    from flows.render_stage import Parallelism

# Quiet, local Prefect unless the user configured otherwise: set before Prefect is imported.
# The loggers stay at INFO, so the Prefect API (the UI's logs of a run, served runs included)
# gets every file read and written; only the console handler is raised to warnings (`--verbose`
# lowers it again).
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# A Prefect server left running on this machine (the README's way) saves the temporary one's
# start-up, several seconds per run.
LOCAL_PREFECT_API = os.environ.get("BANGKIT_LOCAL_PREFECT_URL", "http://127.0.0.1:4200/api")


def use_running_local_server() -> bool:
    """Point Prefect at the local server when none is configured and one answers."""
    if os.environ.get("PREFECT_API_URL"):
        return False
    try:
        with urllib.request.urlopen(f"{LOCAL_PREFECT_API}/health", timeout=1) as response:
            healthy = response.status == 200
    except (OSError, ValueError):
        return False
    if healthy:
        os.environ["PREFECT_API_URL"] = LOCAL_PREFECT_API
    return healthy


app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="BangKIT monitoring rounds → coordination briefs and recommendation matrices.")

# Options left out fall back to the settings file (flows/settings.py), then to the defaults.
RawOpt = Annotated[Path | None, typer.Option("--raw", help="Folder with one sub-folder per round "
                                                          "[default: data/raw]")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Where outputs are written "
                                                          "[default: data/processed]")]
RefOpt = Annotated[Path | None, typer.Option("--reference", help="Folder with locations.csv, "
                                                                "rounds.csv [default: data/reference]")]
RoundOpt = Annotated[list[str] | None, typer.Option("--round", help="Round id, e.g. 2024-07 (repeatable)")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language of briefs and matrices: id or en "
                                                           "[default: id]")]
SettingsOpt = Annotated[Path | None, typer.Option("--settings", help="Settings file [default: "
                                                                    "./bangkit.toml if present]")]


def _settings(path: Path | None, lang: str | None) -> Settings:
    try:
        return load_settings(path)
    except InputFileError as error:
        _report_file_problems(error, lang or "id")
        raise typer.Exit(2) from None


def _check_folders(raw: Path, out: Path, reference: Path, lang: str) -> None:
    """Exit 2 before any work when the outputs would replace the returns or the reference."""
    try:
        check_folders(raw, out, reference)
    except InputFileError as error:
        _report_file_problems(error, lang)
        raise typer.Exit(2) from None


def _language(lang: str | None, settings: Settings) -> str:
    chosen = lang or settings.run.lang
    if chosen not in ("id", "en"):
        _say(cli_text("bad_lang", "id"))
        raise typer.Exit(2)
    return chosen


def _say(text: str) -> None:
    typer.echo(text, err=True)


def _report_file_problems(error: InputFileError, lang: str) -> None:
    _say(cli_text("file_problems", lang))
    _say(error.bilingual())


def _parallelism(settings: Settings, workers: int | None = None, dask_address: str | None = None
                 ) -> Parallelism:
    from flows.render_stage import Parallelism

    return Parallelism(workers or settings.run.workers or os.cpu_count() or 1,
                       dask_address or settings.run.dask_address or None, settings.run.worker_memory_mb)


@app.command()
def run(raw: RawOpt = None, out: OutOpt = None, reference: RefOpt = None, round_ids: RoundOpt = None,
        lang: LangOpt = None,
        preview: Annotated[bool, typer.Option(
            "--preview", help="Also write page 1 of every brief as PNG under <round>/preview/")] = False,
        render: Annotated[bool, typer.Option(
            "--render/--no-render", help="--no-render: clean tables, summaries and quarantine only; "
            "the briefs, matrices and correction workbooks there are kept, and those that no "
            "longer match the data are named")] = True,
        workers: Annotated[int | None, typer.Option(
            "--workers", min=0, help="Processes rendering briefs [default: one per CPU core]")] = None,
        dask_address: Annotated[str | None, typer.Option(
            "--dask-address", help="Render on a Dask cluster: its scheduler (tcp://HOST:PORT), "
            "or 'local' for a local cluster of --workers processes")] = None,
        settings_file: SettingsOpt = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                              help="Log every file read and written")] = False) -> None:
    """Process monitoring rounds into clean tables, summaries, briefs and matrices."""
    stop_on_signals()  # SIGTERM: stopped like Ctrl-C, the swap in progress put back
    start_watchdog()  # nothing this run starts outlives it, even killed
    settings = _settings(settings_file, lang)
    lang = _language(lang, settings)
    if verbose:  # before Prefect is imported, which reads it once
        os.environ["PREFECT_LOGGING_LEVEL"] = os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO"
    use_running_local_server()
    from flows.progress import keep_ui_only_lines_off_console
    from flows.round_flow import report_of, with_task_runner

    keep_ui_only_lines_off_console()  # the stopped round's message: printed below, in its words

    quiet_expected_failures()  # a full disk or a stop: one sentence, not Prefect's tracebacks
    parallelism = _parallelism(settings, workers, dask_address)
    started = time.perf_counter()
    raw = (raw or settings.run.raw).resolve()
    out = (out or settings.run.out).resolve()
    reference = (reference or settings.run.reference).resolve()
    _check_folders(raw, out, reference, lang)
    round_ids = round_ids or list(settings.run.rounds)
    try:
        report = report_of(with_task_runner(parallelism)(
            raw_dir=raw, out_dir=out, reference_dir=reference, rounds=round_ids or None, lang=lang,
            preview=preview, render=render, workers=parallelism.workers,
            dask_address=parallelism.dask_address, worker_memory_mb=parallelism.worker_memory_mb,
            return_state=True))  # a stopped round's run is Failed, with its report as the result
    except (KeyboardInterrupt, Stopped) as stopped:  # Ctrl-C, SIGTERM (flows/signals.py)
        _say(cli_text("run_stopped", lang, signal=str(stopped) or "SIGINT"))
        raise typer.Exit(exit_code(stopped)) from None
    except Exception as error:  # an internal failure: say so plainly, exit 1
        signum = stop_signal(error)  # a stop Prefect reported as another error
        if signum is not None:
            _say(cli_text("run_stopped", lang, signal=signal.Signals(signum).name))
            raise typer.Exit(128 + signum) from None
        full = disk_full_in_chain(error)
        if full is not None:  # the output folder, unless another disk ran out (Prefect's own)
            named = Path(full.filename) if full.filename else out
            where = out if named == out or out in named.parents else named.parent
            _say(cli_text("disk_full", lang, free=free_megabytes(where), path=where))
            raise typer.Exit(3) from None
        _say(cli_text("internal_failure", lang, error=f"{type(error).__name__}: {error}"))
        raise typer.Exit(1) from None
    if report.problems:
        _report_file_problems(InputFileError(report.problems), lang)
        raise typer.Exit(2)
    stopped = broken = False
    for outcome in report.outcomes:
        if outcome.ok:
            s = outcome.summary
            typer.echo(cli_text("round_ok" if render else "round_ok_no_render", lang,
                                round=outcome.round_id, kecamatan=s["kecamatan"],
                                kabupaten=s["kabupaten"], quarantined=s["rows_quarantined"],
                                warnings=s["warnings"], folder=out / outcome.round_id))
            stale = [b for b in s.get("briefs_stale", []) if b.startswith("briefs/")]
            if stale:
                typer.echo(cli_text("briefs_stale", lang, round=outcome.round_id, count=len(stale),
                                    briefs=", ".join(stale)))
            if outcome.unchanged:
                typer.echo(cli_text("round_unchanged", lang, round=outcome.round_id))
            for brief in s.get("briefs_failed", []):
                broken = True
                _say(cli_text("brief_failed", lang, round=outcome.round_id, brief=brief))
        else:
            stopped = True
            _say(cli_text("round_stopped", lang, round=outcome.round_id))
            _report_file_problems(InputFileError(outcome.problems), lang)
    typer.echo(cli_text("elapsed", lang, seconds=f"{time.perf_counter() - started:.1f}"))
    if stopped:
        raise typer.Exit(2)
    if broken:
        raise typer.Exit(1)


@app.command()
def template(path: Annotated[Path, typer.Argument(help="The .xlsx file to write")],
             reference: RefOpt = Path("data/reference"),
             lang: Annotated[str, typer.Option("--lang", help="Header notes: id or en")] = "id",
             force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file")] = False,
             ) -> None:
    """Write an empty round workbook with the four sheets and drop-down lists."""
    if path.exists() and not force:
        _say(cli_text("file_exists", lang, path=path))
        raise typer.Exit(2)
    from flows.reference_files import read_reference
    from flows.workbooks import write_round_template
    from transforms.contract.reference import build_gazetteer

    try:
        locations, _, _ = read_reference(reference)
    except InputFileError as error:
        _report_file_problems(error, lang)
        raise typer.Exit(2) from None
    write_round_template(path, build_gazetteer(locations), lang)
    typer.echo(cli_text("template_written", lang, path=path))


@app.command()
def serve(cron: Annotated[str | None, typer.Option(help="Cron schedule of the reruns "
                                                      "[default: 0 2 * * *]")] = None,
          timezone: Annotated[str | None, typer.Option(help="Time zone of the schedule "
                                                          "[default: Asia/Makassar]")] = None,
          raw: RawOpt = None, out: OutOpt = None, reference: RefOpt = None,
          round_ids: RoundOpt = None, lang: LangOpt = None,
          settings_file: SettingsOpt = None) -> None:
    """Serve scheduled reruns as a Prefect deployment (needs `prefect server start`)."""
    stop_on_signals()
    start_watchdog()
    settings = _settings(settings_file, lang)
    lang = _language(lang, settings)
    _check_folders((raw or settings.run.raw).resolve(), (out or settings.run.out).resolve(),
                   (reference or settings.run.reference).resolve(), lang)
    use_running_local_server()
    source = "--cron/--timezone" if cron or timezone else settings.source or "bangkit.toml"
    cron, timezone = cron or settings.serve.cron, timezone or settings.serve.timezone
    bad_schedule = schedule_problems(cron, timezone, source)  # imports Prefect: after the line above
    if bad_schedule:
        _report_file_problems(InputFileError(bad_schedule), lang)
        raise typer.Exit(2)
    from prefect import serve as serve_deployments
    from prefect.schedules import Cron
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()  # from the environment or the Prefect profile
    if not api:
        _say(cli_text("serve_needs_server", lang))
        raise typer.Exit(2)

    from flows.round_flow import bangkit_run

    # A served run imports the flow from its module, with Prefect's default task runner: the
    # render stage starts the process pool (or Dask runner) these parameters ask for itself.
    parallelism = _parallelism(settings)
    parameters = {
        "raw_dir": str((raw or settings.run.raw).resolve()),
        "out_dir": str((out or settings.run.out).resolve()),
        "reference_dir": str((reference or settings.run.reference).resolve()),
        "rounds": round_ids or list(settings.serve.rounds or settings.run.rounds) or None,
        "lang": lang, "workers": parallelism.workers, "dask_address": parallelism.dask_address,
        "worker_memory_mb": parallelism.worker_memory_mb,
    }
    deployment = bangkit_run.to_deployment(
        name=settings.serve.name, schedules=[Cron(cron, timezone=timezone)], parameters=parameters,
        concurrency_limit=1, description=cli_text("deployment_description", lang))
    typer.echo(cli_text("serving", lang, name=f"{bangkit_run.name}/{settings.serve.name}", cron=cron,
                        timezone=timezone, api=api))
    serve_deployments(deployment, print_starting_message=False)


@app.command()
def distribute(round_id: Annotated[str, typer.Option("--round", help="Round id, e.g. 2025-01")],
               out: OutOpt = None, reference: RefOpt = None,
               recipients: Annotated[Path | None, typer.Option(
                   help="Recipient list [default: <reference>/recipients.csv]")] = None,
               send: Annotated[bool, typer.Option("--send", help="Really send (default: dry run)")] = False,
               force: Annotated[bool, typer.Option("--force", help="Send unchanged bundles again")] = False,
               lang: LangOpt = None, settings_file: SettingsOpt = None) -> None:
    """Bundle each kecamatan's brief, matrix and corrections, and e-mail them to its recipients."""
    stop_on_signals()
    settings = _settings(settings_file, lang)
    lang = _language(lang, settings)
    from flows.distribution import MailServerError
    from flows.distribution import distribute as distribute_round
    from flows.reference_files import read_reference
    from flows.writers import exclusive_output
    from transforms.contract.reference import build_rounds

    out = (out or settings.run.out).resolve()
    reference = (reference or settings.run.reference).resolve()
    try:
        if send and not settings.smtp.host:
            raise InputFileError([FileProblem("smtp_not_set", settings.source or "bangkit.toml")])
        rounds = build_rounds(read_reference(reference)[1])
        label = rounds[round_id].label(lang) if round_id in rounds else round_id
        waiting = lambda: _say(cli_text("waiting_for_other_run", lang, folder=out))  # noqa: E731
        with exclusive_output(out, on_wait=waiting):  # never read a round while a run swaps it
            report = distribute_round(out, round_id, label, recipients or reference / "recipients.csv",
                                      settings.smtp, lang, send, force)
    except InputFileError as error:
        _report_file_problems(error, lang)
        raise typer.Exit(2) from None
    except MailServerError as error:
        _say(cli_text("smtp_failed", lang, host=settings.smtp.host, port=settings.smtp.port,
                      error=str(error), env=settings.smtp.password_env))
        raise typer.Exit(1) from None
    status_text = {status: cli_text(f"distribute_{status}", lang)
                   for status in ("sent", "dry_run", "unchanged", "incomplete")}
    for delivery in report.deliveries:
        line = cli_text("distribute_plan", lang, bundle=delivery.bundle.name,
                        files=len(delivery.bundle.files),
                        to=", ".join(email for _, email in delivery.bundle.to))
        status = status_text.get(delivery.status) or cli_text("distribute_failed", lang,
                                                              error=delivery.error)
        typer.echo(f"{line}: {status}")
    if report.without_recipients:
        _say(cli_text("distribute_no_recipients", lang, places="; ".join(report.without_recipients)))
    typer.echo(cli_text("distribute_summary", lang, sent=report.count("sent"),
                        skipped=report.count("unchanged"), planned=report.count("dry_run"),
                        failed=report.count("failed"), incomplete=report.count("incomplete"),
                        log=report.log))
    if report.count("failed") or report.count("incomplete"):
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except (KeyboardInterrupt, Stopped) as stopped:  # before a command said it in its language
        _say(f"{cli_text('run_stopped', 'id', signal=str(stopped) or 'SIGINT')}\n"
             f"  ({cli_text('run_stopped', 'en', signal=str(stopped) or 'SIGINT')})")
        sys.exit(exit_code(stopped))


if __name__ == "__main__":
    main()
