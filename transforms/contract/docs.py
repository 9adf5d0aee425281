"""The contract's tables and vocabularies as Markdown (docs/data-contract.md is generated)."""

from __future__ import annotations

from transforms.contract.messages import ALL_MESSAGES, FILE_MESSAGES, ROW_MESSAGES, WARNING_MESSAGES
from transforms.contract.tables import SUMMARY_COLUMNS, TABLES, VOCABULARIES


def _table_section(name: str) -> list[str]:
    table = TABLES[name]
    lines = [f"### `{table.name_id}` / `{table.name}` — {table.doc_en}", "",
             f"*{table.doc_id}.* Key: {', '.join(f'`{k}`' for k in table.key)}.", "",
             "| Indonesian header | English column | required | kind | rule (id / en) |",
             "|---|---|---|---|---|"]
    for f in table.fields:
        kind = f"{f.kind.value}" + (f" `{f.vocab}`" if f.vocab else "")
        rng = ""
        if f.min_value is not None or f.max_value is not None:
            rng = f" [{'' if f.min_value is None else f'{f.min_value:g}'}–" \
                  f"{'' if f.max_value is None else f'{f.max_value:g}'}]"
        aliases = f" (also: {', '.join(f.header_aliases)})" if f.header_aliases else ""
        lines.append(f"| `{f.header_id}`{aliases} | `{f.name}` | {'yes' if f.required else ''} | "
                     f"{kind}{rng} | {f.doc_id} / {f.doc_en} |")
    return [*lines, ""]


def _vocab_section() -> list[str]:
    lines = ["## Vocabularies", "", "Matching ignores case, spaces and punctuation.", ""]
    for vocab in VOCABULARIES.values():
        lines += [f"### `{vocab.name}`", "", "| value | label (id) | label (en) | also accepted |",
                  "|---|---|---|---|"]
        for term in vocab.terms:
            lines.append(f"| `{term.value}` | {term.label_id} | {term.label_en} | "
                         f"{', '.join(term.synonyms)} |")
        lines.append("")
    return lines


def _messages_section() -> list[str]:
    lines = ["## Problem codes", ""]
    for title, group in (("Row errors (quarantine.csv)", ROW_MESSAGES),
                         ("Warnings (warnings.csv)", WARNING_MESSAGES),
                         ("File problems (exit code 2)", FILE_MESSAGES)):
        lines += [f"### {title}", "", "| code | Indonesian | English |", "|---|---|---|"]
        lines += [f"| `{code}` | {ALL_MESSAGES[code][0]} | {ALL_MESSAGES[code][1]} |" for code in group]
        lines.append("")
    return lines


def contract_markdown() -> str:
    lines = ["# Data contract: tables, vocabularies, problem codes", "",
             "<!-- Generated from transforms/contract/tables.py and transforms/contract/messages.py by "
             "`python -m scripts.build_docs`; do not edit by hand. -->", "",
             "## Input tables", ""]
    for name in TABLES:
        lines += _table_section(name)
    lines += _vocab_section()
    lines += ["## `summary_kecamatan.csv` columns", "", ", ".join(f"`{c}`" for c in SUMMARY_COLUMNS),
              "", "`summary_kabupaten.csv` has the same columns without `kecamatan`.", ""]
    lines += _messages_section()
    return "\n".join(lines).rstrip() + "\n"
