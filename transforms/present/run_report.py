"""What the Prefect UI says of a whole run: its name (the rounds it ran), the message and
artifact of a run that stopped, and where a round's outputs are, as addresses a person can copy.

A browser does not follow a `file://` link from an http page (the Prefect UI), so the outputs
are given as text: the folder on this machine and, under WSL, the same folder as Windows
Explorer opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.run_texts import cli_text, prefect_text

NAMED_ROUNDS = 4  # more rounds than this are named by the first and the last


def run_name(round_ids: list[str]) -> str:
    """`2024-10 · 2025-01`: the flow run's name in the Prefect UI."""
    ids = sorted(round_ids)
    if not ids:
        return "-"
    if len(ids) > NAMED_ROUNDS:
        return prefect_text("run_rounds_more", "id", first=ids[0], last=ids[-1], count=len(ids))
    return " · ".join(ids)


@dataclass(frozen=True)
class Stop:
    """Why a run is not a success: the rounds that stopped on their files, the problems that kept
    the run from starting (reference files, unknown rounds), and the briefs that failed."""
    rounds: dict[str, list[FileProblem]] = field(default_factory=dict)
    run_problems: list[FileProblem] = field(default_factory=list)
    briefs_failed: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rounds or self.run_problems or any(self.briefs_failed.values()))


def _both(key: str, **fields: object) -> str:
    return f"{cli_text(key, 'id', **fields)} ({cli_text(key, 'en', **fields)})"


def stop_message(stop: Stop) -> str:
    """The flow run's state message: the console's sentences, Indonesian then English."""
    lines: list[str] = []
    if stop.run_problems:
        lines += [_both("file_problems"), InputFileError(stop.run_problems).bilingual()]
    for round_id, problems in stop.rounds.items():
        lines += [_both("round_stopped", round=round_id), InputFileError(problems).bilingual()]
    for round_id, briefs in stop.briefs_failed.items():
        lines += [_both("brief_failed", round=round_id, brief=brief) for brief in briefs]
    return "\n".join(lines)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def _md(text: object) -> str:
    """Plain text inside markdown: no markup, no HTML; a table cell stays on one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _code(text: str) -> str:
    """`text` as inline code in a table cell (copied as it is: backslashes stay), fenced past any
    backticks in it; a `|` is escaped, or the table would split the cell there."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    text = text.replace("|", "\\|")
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def _both_text(key: str, **fields: object) -> str:
    indonesian, english = prefect_text(key, "id", **fields), prefect_text(key, "en", **fields)
    return indonesian if indonesian == english else f"{indonesian} / {english}"


def _problem_list(problems: list[FileProblem]) -> list[str]:
    """One item per file problem: where (file, sheet, column), then what, in both languages (a
    table of five columns would hide the English one off the side of the UI's page)."""
    lines = []
    for p in problems:
        where = [f"**{_md(p.file)}**"] + [f"{_both_text(key)} **{_md(value)}**" for key, value in
                                          (("problem_sheet", p.sheet), ("problem_column", p.column)) if value]
        lines += [f"- {' · '.join(where)}", f"    - {_md(p.text('id'))}", f"    - {_md(p.text('en'))}"]
    return lines


def stop_markdown(stop: Stop) -> str:
    """The run's artifact when it stopped: what stopped, each file problem in a table row."""
    lines = [f"# {_md(_both_text('run_stopped_title'))}", "", _md(_both_text("run_what_to_do"))]
    if stop.run_problems:
        lines += ["", f"## {_md(_both('file_problems'))}", "", *_problem_list(stop.run_problems)]
    for round_id, problems in stop.rounds.items():
        lines += ["", f"## {_md(_both('round_stopped', round=round_id))}", "", *_problem_list(problems)]
    for round_id, briefs in stop.briefs_failed.items():
        lines += ["", *(f"- {_md(_both('brief_failed', round=round_id, brief=b))}" for b in briefs)]
    return "\n".join(lines) + "\n"


def explorer_path(folder: str, wsl_distro: str | None) -> str | None:
    """The Windows Explorer address of a Linux folder under WSL: `/mnt/c/…` is `C:\\…`, any other
    folder `\\\\wsl$\\<distro>\\…`; None outside WSL."""
    if not wsl_distro:
        return None
    parts = PurePosixPath(folder).parts[1:]
    if len(parts) >= 2 and parts[0] == "mnt" and re.fullmatch(r"[a-z]", parts[1]):
        return "\\".join([f"{parts[1].upper()}:", *parts[2:]]) + ("" if parts[2:] else "\\")
    return "\\\\wsl$\\" + "\\".join([wsl_distro, *parts])


def outputs_markdown(round_id: str, folder: str, wsl_distro: str | None, lang: str) -> str:
    """Where a round's outputs are: its folder as text to copy (and the Explorer address)."""
    lines = [f"# {_md(prefect_text('outputs_title', lang, round=round_id))}", "",
             _md(prefect_text("outputs_copy", lang)), "",
             f"| {prefect_text('outputs_where', lang)} | {prefect_text('outputs_address', lang)} |",
             "|---|---|", f"| {_md(prefect_text('outputs_here', lang))} | {_code(folder)} |"]
    windows = explorer_path(folder, wsl_distro)
    if windows:
        lines.append(f"| {_md(prefect_text('outputs_explorer', lang))} | {_code(windows)} |")
    return "\n".join(lines) + "\n"
