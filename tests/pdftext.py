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


def id_percent(value: object) -> str:
    if value in ("", None):
        return "–"
    return f"{float(value):.1f}".replace(".", ",") + "%"


def key_figures(row: dict[str, str]) -> list[str]:
    """Phrases of the key-figures panel that must carry the summary CSV's numbers."""
    return [
        f"{id_number(row['villages_reported'])} dari {id_number(row['villages_target'])}",
        id_percent(row["reporting_rate_pct"]),
        f"Belum mulai {id_number(row['activities_not_started'])}",
        f"Berjalan {id_number(row['activities_running'])}",
        f"Selesai {id_number(row['activities_completed'])}",
        f"Tidak berjalan {id_number(row['activities_stalled'])}",
        id_percent(row["budget_realization_pct"]),
        f"Rp{id_number(row['budget_realized'])} / Rp{id_number(row['budget_planned'])}",
        f"L {id_number(row['beneficiaries_male'])} · P {id_number(row['beneficiaries_female'])}",
        f"L {id_number(row['meeting_participants_male'])} · P "
        f"{id_number(row['meeting_participants_female'])} · {id_number(row['meetings'])} pertemuan",
    ]


def figure_value(text: str, label: str) -> str:
    """The big number under a key-figure label (labels are upper-cased on the page)."""
    match = re.search(re.escape(label.upper()) + r"[^\n]*\n([^\n]+)", text)
    return match.group(1).strip() if match else ""


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
