"""The contract as Markdown: tables, vocabularies, row rules, outputs and problem codes
(docs/data-contract.md is generated from it)."""

from __future__ import annotations

from transforms.contract import layout
from transforms.contract.formats import ACCEPTED_FORMATS, REFUSED_FORMATS
from transforms.contract.layout import DISTRICT_STEM, RESERVED_SUFFIX, WINDOWS_RESERVED, slug
from transforms.contract.messages import ALL_MESSAGES, FILE_MESSAGES, ROW_MESSAGES, WARNING_MESSAGES
from transforms.contract.outputs import OUTPUT_SCHEMAS
from transforms.contract.rules import (
    CROSS_ROW_CHECKS,
    ROW_RULES,
    Blank,
    Compare,
    Condition,
    Equals,
    Filled,
    NotSumOf,
    OutsideWindow,
    Until,
)
from transforms.contract.tables import TABLES, VOCABULARIES


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


def _condition_text(condition: Condition) -> str:
    match condition:
        case Filled(column):
            return f"`{column}` filled"
        case Blank(column):
            return f"`{column}` blank"
        case Equals(column, value):
            return f"`{column}` = `{value}`"
        case Compare(column, op, other):
            sign = {">=": "≥"}.get(op, op)
            return f"`{column}` {sign} " + (f"`{other}`" if isinstance(other, str) else f"{other:g}")
        case NotSumOf(column, parts):
            return f"`{column}` ≠ " + " + ".join(f"`{p}`" for p in parts)
        case OutsideWindow(column, until):
            end = "after the window's end" if until == Until.WINDOW_END \
                else "on or after the next round's start"
            return f"`{column}` before the round's window or {end}"
    raise TypeError(condition)


def _rules_section() -> list[str]:
    lines = ["## Row rules", "",
             "Besides each column's own rule (required, vocabulary, range: the tables above), a row "
             "is flagged when every condition of a rule holds. Errors quarantine the row; warnings "
             "keep it and list it in `warnings.csv`.", "",
             "| code | table | column | when | severity |", "|---|---|---|---|---|"]
    for rule in ROW_RULES:
        when = " and ".join(_condition_text(c) for c in rule.when)
        lines.append(f"| `{rule.code}` | `{rule.table}` | `{rule.column}` | {when} | {rule.severity} |")
    for check in CROSS_ROW_CHECKS:
        lines.append(f"| `{check.code}` | `{check.table}` | | {check.doc_en} | {check.severity} |")
    return [*lines, ""]


def _outputs_section() -> list[str]:
    lines = ["## Outputs", "", "Per round, in `<out>/<round_id>/`. Untrusted text columns (from the "
             "files) are written with a leading `'` when a spreadsheet would run them as a formula.", ""]
    for schema in OUTPUT_SCHEMAS:
        lines += [f"### `{schema.path}` — {schema.doc_en}", "", "| column | kind |", "|---|---|"]
        lines += [f"| `{c.name}` | {c.kind}{' (untrusted text)' if c.untrusted else ''} |"
                  for c in schema.columns]
        lines.append("")
    return lines + _names_section()


def _names_section() -> list[str]:
    """Names of the briefs and workbooks in each language, as transforms/contract/layout.py
    makes them."""
    lines = ["### Briefs and workbooks in each language", "",
             "Made in the run's language (`--lang`). Those in another language than Indonesian are "
             "written beside the Indonesian ones, never over them; a run keeps the files of the "
             "other language that are there, and the manifest lists both. `--no-render` writes the "
             "data products and keeps every brief, matrix and correction workbook already there as "
             "it is; the console and the manifest (`changes.briefs_stale`) say which no longer "
             "match the data, and the next full run redraws exactly those.", "",
             "| output | Indonesian (default) | `--lang en` |", "|---|---|---|"]
    lines += [f"| {what} | `{path}` | `{layout.named_in(path, 'en')}` |"
              for what, path in layout.NAMED_OUTPUTS]
    return [*lines, ""]


def _formats_section() -> list[str]:
    lines = ["## Accepted files", "", "| format | in the round folder | read as |", "|---|---|---|"]
    lines += [f"| {f.name} | {f.files} | {f.how} |" for f in ACCEPTED_FORMATS]
    return [*lines, "", f"Refused, with what to save them as: {', '.join(REFUSED_FORMATS)}.", ""]


def _slug_section() -> list[str]:
    """How place names become folder and file names (transforms/contract/layout.py)."""
    reserved = ", ".join(f"`{n.upper()}`" for n in sorted(WINDOWS_RESERVED, key=lambda n: (len(n), n)))
    return ["### File names", "",
            f"A place's name becomes its folder or file name as a slug: lower-case ASCII with `-` "
            f"(`Pulau Gorom` → `{slug('Pulau Gorom')}`, `Kotá Baru!` → `{slug('Kotá Baru!')}`). "
            f"Names Windows reserves ({reserved}, with any extension) and `{DISTRICT_STEM}` (the "
            f"district brief's name) get `{RESERVED_SUFFIX}` (`Nul` → `{slug('Nul')}`). Two "
            "kabupaten, or two kecamatan of one kabupaten, whose names give one slug (they differ "
            "only in case, accents or punctuation) would share a brief, a matrix and an e-mail "
            "bundle: such a reference is refused (`reference_kabupaten_slug_shared`, "
            "`reference_kecamatan_slug_shared`), naming the rows of locations.csv to change.", ""]


def contract_markdown() -> str:
    lines = ["# Data contract: tables, vocabularies, problem codes", "",
             "<!-- Generated from transforms/contract/ (tables, rules, outputs, messages) by "
             "`python -m scripts.build_docs`; do not edit by hand. -->", "",
             *_formats_section(), "## Input tables", ""]
    for name in TABLES:
        lines += _table_section(name)
    lines += _vocab_section()
    lines += _rules_section()
    lines += _outputs_section()
    lines += _slug_section()
    lines += _messages_section()
    return "\n".join(lines).rstrip() + "\n"
