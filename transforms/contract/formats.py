"""The files a round folder may hold, named as users search for them ("Excel 97-2003", "Kobo
labels export", "ODK Central zip"): listed in docs/data-contract.md and the README."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AcceptedFormat:
    name: str  # as the software that writes it calls it
    files: str  # what lands in the round folder
    how: str  # how it is read


ACCEPTED_FORMATS: tuple[AcceptedFormat, ...] = (
    AcceptedFormat("Excel Workbook (.xlsx), Excel macro-enabled (.xlsm)", "`*.xlsx`, `*.xlsm`",
                   "sheets named after their table; formulas give the value saved with them"),
    AcceptedFormat("Excel 97-2003 (.xls)", "`*.xls`",
                   "as .xlsx; percent cells as shown (`50%`), error cells blank with a warning"),
    AcceptedFormat("LibreOffice / OpenOffice Calc (.ods)", "`*.ods`",
                   "as .xlsx; percent cells as shown, error cells blank with a warning"),
    AcceptedFormat("CSV UTF-8 (Comma delimited), with or without BOM", "`<table>.csv`, "
                   "`<anything>_<table>.csv`, `.tsv`, `.txt`", "separated by `,`, `;` or tab"),
    AcceptedFormat("CSV (Comma delimited) from Excel on Windows (ANSI, Windows-1252)",
                   "as CSV UTF-8", "read, with a warning: save as CSV UTF-8 next time"),
    AcceptedFormat("Unicode Text (UTF-16, tab-separated)", "`.txt`, `.csv`", "as CSV UTF-8"),
    AcceptedFormat("KoboToolbox XLS export, XML values and headers", "the downloaded `.xlsx`",
                   "main sheet → `desa`, repeat sheet → `kegiatan` (with its submission's place)"),
    AcceptedFormat("Kobo labels export (Indonesian or English labels, with or without group names)",
                   "the downloaded `.xlsx`", "the form's labels and choice labels read back as "
                   "its fields and choice names"),
    AcceptedFormat("KoboToolbox CSV export (`;`-separated, XML values or labels)",
                   "the downloaded `.csv`, any name", "the main section → `desa`, recognised by "
                   "its `_uuid` / `_index` columns; activities from another file"),
    AcceptedFormat("ODK Central zip (Submissions → Download → CSV zip)",
                   "`<form id>.csv.zip`, or its CSVs unzipped", "`<form id>.csv` → `desa`, "
                   "`<form id>-kegiatan.csv` → `kegiatan` joined by `PARENT_KEY` → `KEY`; "
                   "Central's metadata columns skipped quietly"),
)

# Files that hold figures no reader can take: refused with what to save them as.
REFUSED_FORMATS = ("Apple Numbers (.numbers)", "PDF", "images (photos, scans)",
                   "Word / Writer documents")
