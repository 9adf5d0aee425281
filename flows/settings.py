"""Settings of a machine that runs BangKIT rounds, from a TOML file (`bangkit.toml` in the working
folder, or `--settings FILE`, or $BANGKIT_SETTINGS). Every key is optional; command-line options
win over the file. `bangkit.example.toml` lists them all with comments.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from transforms.contract.messages import FileProblem, InputFileError

DEFAULT_FILE = Path("bangkit.toml")


@dataclass(frozen=True)
class RunSettings:
    raw: Path = Path("data/raw")
    out: Path = Path("data/processed")
    reference: Path = Path("data/reference")
    lang: str = "id"
    rounds: tuple[str, ...] = ()  # empty: every round folder
    workers: int = 0  # processes rendering briefs; 0: one per CPU core
    dask_address: str = ""  # "tcp://host:8786": render on that Dask cluster; "local": a local one
    worker_memory_mb: int = 1500  # a worker's renderer is rebuilt once it grew by this much


@dataclass(frozen=True)
class ServeSettings:
    name: str = "bangkit-rerun"
    cron: str = "0 2 * * *"  # every night at 02:00, while late returns come in
    timezone: str = "Asia/Makassar"  # WITA (Sumba); Seram Bagian Timur is WIT, one hour later
    rounds: tuple[str, ...] = ()  # the round(s) the scheduled rerun processes; empty: all


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | tls | none
    user: str = ""
    sender: str = ""
    password_env: str = "BANGKIT_SMTP_PASSWORD"  # the password itself never sits in a file
    timeout_seconds: int = 60  # a server silent this long is taken as gone


@dataclass(frozen=True)
class Settings:
    run: RunSettings = field(default_factory=RunSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    source: str = ""  # the file they came from, if any


SECTIONS = {"run": RunSettings, "serve": ServeSettings, "smtp": SmtpSettings}


CHOICES = {"lang": ("id", "en"), "security": ("starttls", "tls", "none")}


def _invalid(path: Path, name: str, value: object, expected: str) -> InputFileError:
    return InputFileError([FileProblem("settings_invalid", str(path), column=name, value=str(value),
                                       expected=expected)])


# Bounds of the numbers a file may give: a value outside them would only fail later, as a
# traceback from deep inside a library (a port of 70000, `workers = -3`).
BOUNDS = {"port": (1, 65535), "workers": (0, 1024), "worker_memory_mb": (100, 1_000_000),
          "timeout_seconds": (1, 600)}


def _coerce(kind: type, name: str, value: object, path: Path) -> object:
    default = getattr(kind(), name)
    if isinstance(default, Path):
        if not isinstance(value, str) or not value.strip():  # "" would be the file's own folder
            raise _invalid(path, name, value, f'"{default.as_posix()}"')
        return (path.parent / Path(value).expanduser()).resolve()  # relative to the file
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _invalid(path, name, value, '["2025-01"]')  # a bare 2025 is no round id
        return tuple(value)
    if isinstance(default, int):  # bool is an int to Python, not to a port
        low, high = BOUNDS.get(name, (0, 2**31))
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _invalid(path, name, value, f"{default} ({low}–{high})")
        return value
    if name in CHOICES and value not in CHOICES[name]:  # a mistyped 'tls' must not send in clear
        raise _invalid(path, name, value, " | ".join(CHOICES[name]))
    if not isinstance(value, str):
        raise _invalid(path, name, value, f'"{default}"')
    return value


def schedule_problems(cron: str, timezone: str, source: str) -> list[FileProblem]:
    """A cron line or time zone Prefect would refuse (with a traceback) when serving; checked
    the way the deployment's schedule checks them. Imports Prefect, which reads its settings
    once: call it after `use_running_local_server` (flows/cli.py), never from load_settings."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    problems = []
    for name, value, example, kwargs in (("cron", cron, "0 2 * * *", {"cron": cron}),
                                         ("timezone", timezone, "Asia/Makassar",
                                          {"cron": "0 2 * * *", "timezone": timezone})):
        try:
            CronSchedule(**kwargs)
        except ValidationError:
            problems.append(FileProblem("settings_invalid", source, column=name, value=value,
                                        expected=example))
    return problems


def _inside(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def folder_problems(raw: Path, out: Path, reference: Path) -> list[FileProblem]:
    """The output folder must not be, be inside, or contain the raw or reference folders: a run
    replaces its round folders whole, and would delete the returns it reads. Symlinks are
    followed, so a link to data/raw is data/raw."""
    out_real = out.resolve()
    problems = []
    for name, folder in (("raw", raw), ("reference", reference)):
        real = folder.resolve()
        if _inside(out_real, real) or _inside(real, out_real):
            problems.append(FileProblem("out_overlaps_input", str(out), column=name, value=str(real)))
    return problems


def check_folders(raw: Path, out: Path, reference: Path) -> None:
    """Raise the problems of `folder_problems` (the CLI and `serve` call it before any work)."""
    problems = folder_problems(raw, out, reference)
    if problems:
        raise InputFileError(problems)


def load_settings(explicit: Path | None = None) -> Settings:
    """The settings file named on the command line, in $BANGKIT_SETTINGS, or ./bangkit.toml;
    defaults when there is none (a file that was named must exist)."""
    named = explicit or (Path(os.environ["BANGKIT_SETTINGS"]) if os.environ.get("BANGKIT_SETTINGS")
                         else None)
    path = named or DEFAULT_FILE
    if not path.is_file():
        if named:
            raise InputFileError([FileProblem("settings_missing", str(path))])
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputFileError([FileProblem("settings_syntax", str(path), value=str(error))]) from None
    sections = {}
    for section, values in data.items():
        kind = SECTIONS.get(section)
        if kind is not None and not isinstance(values, dict):
            raise _invalid(path, section, values, f"[{section}] …")
        known = {f.name for f in fields(kind)} if kind else set()
        if kind is None or set(values) - known:
            unknown = section if kind is None else ", ".join(sorted(set(values) - known))
            raise InputFileError([FileProblem("settings_unknown", str(path), column=unknown,
                                              expected=", ".join(SECTIONS if kind is None else known))])
        sections[section] = kind(**{k: _coerce(kind, k, v, path) for k, v in values.items()})
    return Settings(**sections, source=str(path))
