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


def _coerce(kind: type, name: str, value: object, path: Path) -> object:
    default = getattr(kind(), name)
    if isinstance(default, Path):
        if not isinstance(value, str):
            raise _invalid(path, name, value, '"data/raw"')
        return (path.parent / Path(value).expanduser()).resolve()  # relative to the file
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise _invalid(path, name, value, '["2025-01"]')
        return tuple(str(v) for v in value)
    if isinstance(default, int):  # bool is an int to Python, not to a port
        if not isinstance(value, int) or isinstance(value, bool):
            raise _invalid(path, name, value, str(default))
        return value
    if name in CHOICES and value not in CHOICES[name]:  # a mistyped 'tls' must not send in clear
        raise _invalid(path, name, value, " | ".join(CHOICES[name]))
    return str(value)


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
