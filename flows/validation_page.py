"""The round's validation page, `<round>/validation/index.html`: what Great Expectations checked,
table by table, rule by rule, in Indonesian with English beside it.

It replaces GX's Data Docs, whose every stylesheet and script comes from a CDN (Bootstrap,
jQuery, bootstrap-table, Font Awesome, Vega): on the officer's offline laptop those pages showed
little more than two "Clear Filters" buttons. This page is one file, its style inline, no script
and no web address, so it reads the same with or without a network and prints as it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from transforms.contract.labels import LABELS
from transforms.contract.tables import TABLES
from transforms.validate.column_rules import ColumnRule

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "report_templates"
TEMPLATE = "validation.html.j2"
EXAMPLES = 5  # failing values shown per rule; the rows themselves are in quarantine.csv


@dataclass(frozen=True)
class RuleResult:
    """One expectation as GX evaluated it on one table of the round."""

    rule: ColumnRule
    expectation: str  # GX's expectation type, e.g. expect_column_values_to_be_in_set
    success: bool
    checked: int  # rows GX looked at
    failed: int
    examples: tuple[str, ...]  # a few distinct failing values

    @property
    def header(self) -> str:
        return TABLES[self.rule.table].field(self.rule.column).header_id

    @property
    def percent(self) -> str:
        return f"{100 * self.failed / self.checked:.1f}" if self.checked else "0.0"


@dataclass(frozen=True)
class TableResult:
    name_id: str
    rows: int
    results: tuple[RuleResult, ...]

    @property
    def failed_rules(self) -> int:
        return sum(not r.success for r in self.results)


def table_results(results: list[RuleResult]) -> list[TableResult]:
    """Results grouped by table, in the contract's table order."""
    grouped = []
    for name, table in TABLES.items():
        mine = tuple(r for r in results if r.rule.table == name)
        if mine:
            grouped.append(TableResult(table.name_id, max(r.checked for r in mine), mine))
    return grouped


def _bilingual() -> dict[str, tuple[str, str]]:
    return {key[len("vdocs_"):]: texts for key, texts in LABELS.items() if key.startswith("vdocs_")}


def render_validation_page(results: list[RuleResult], round_id: str, gx_version: str) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined,
                              autoescape=select_autoescape(default=True), trim_blocks=True,
                              lstrip_blocks=True)
    return environment.get_template(TEMPLATE).render(
        round_id=round_id, gx_version=gx_version, tables=table_results(results), t=_bilingual())


def write_validation_page(results: list[RuleResult], round_id: str, gx_version: str,
                          docs_dir: Path) -> Path:
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / "index.html"
    path.write_text(render_validation_page(results, round_id, gx_version), encoding="utf-8")
    return path
