"""Reading briefs back: text of a PDF and the figures a reader should find in it."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def id_number(value: object) -> str:
    """1500000 → 1.500.000, written independently of the code under test."""
    return f"{int(float(value)):,}".replace(",", ".")


NOT_REPORTED = "tidak dilaporkan"  # an empty sum of the CSV (contract §4)


def id_percent(value: object, missing: str = "–") -> str:
    if value in ("", None):
        return missing
    return f"{float(value):.1f}".replace(".", ",") + "%"


def _reported(value: object, prefix: str = "") -> str:
    return NOT_REPORTED if value in ("", None) else f"{prefix}{id_number(value)}"


def key_figures(row: dict[str, str]) -> list[str]:
    """Phrases of the key-figures panel that must carry the summary CSV's numbers; an empty
    sum reads "tidak dilaporkan", and a panel with nothing reported has no detail line."""
    phrases = [
        f"{id_number(row['villages_reported'])} dari {id_number(row['villages_target'])}",
        id_percent(row["reporting_rate_pct"]),
        f"Belum mulai {id_number(row['activities_not_started'])}",
        f"Berjalan {id_number(row['activities_running'])}",
        f"Selesai {id_number(row['activities_completed'])}",
        f"Tidak berjalan {id_number(row['activities_stalled'])}",
        id_percent(row["budget_realization_pct"], NOT_REPORTED),
    ]
    if row["budget_realized"] or row["budget_planned"]:
        phrases.append(f"{_reported(row['budget_realized'], 'Rp')} / "
                       f"{_reported(row['budget_planned'], 'Rp')}")
    if row["beneficiaries_male"] or row["beneficiaries_female"]:
        phrases.append(f"L {_reported(row['beneficiaries_male'])} · "
                       f"P {_reported(row['beneficiaries_female'])}")
    meetings = f"{id_number(row['meetings'])} pertemuan"
    phrases.append(meetings if not row["meeting_participants_total"] else
                   f"L {_reported(row['meeting_participants_male'])} · P "
                   f"{_reported(row['meeting_participants_female'])} · {meetings}")
    return phrases


def figure_value(text: str, label: str) -> str:
    """The big number under a key-figure label (labels are upper-cased on the page)."""
    match = re.search(re.escape(label.upper()) + r"[^\n]*\n([^\n]+)", text)
    return match.group(1).strip() if match else ""


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
