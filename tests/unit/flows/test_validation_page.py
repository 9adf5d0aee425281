"""The round's validation page (flows/validation_page.py): both languages, every table and rule,
the failing ones marked, and nothing it would need a network for."""

from __future__ import annotations

import re

from flows.validation_page import RuleResult, render_validation_page
from transforms.contract.labels import label
from transforms.validate.quarantine import column_rules


def _results() -> list[RuleResult]:
    rules = {rule.rule_id: rule for rule in column_rules()}
    status = rules["activities.status.in_set"]
    required = rules["activities.kabupaten.not_null"]
    return [RuleResult(required, "expect_column_values_to_not_be_null", True, 4, 0, ()),
            RuleResult(status, "expect_column_values_to_be_in_set", False, 4, 1,
                       ("<b>macet</b>",))]


def test_page_shows_each_rule_in_both_languages_and_escapes_village_text() -> None:
    page = render_validation_page(_results(), "2024-07", "1.0")
    assert page.count('class="expectations"') == 1  # one table: kegiatan
    assert '<tr class="failed" data-rule="activities.status.in_set">' in page
    assert '<tr class="passed" data-rule="activities.kabupaten.not_null">' in page
    assert "1 / 4 (25.0%)" in page
    assert "&lt;b&gt;macet&lt;/b&gt;" in page and "<b>macet</b>" not in page
    for lang in ("id", "en"):
        assert label("vdocs_failed", lang) in page and label("vdocs_summary", lang) in page
    assert not re.search(r"https?://|(?:src|href)=\"(?!#)", page)


def test_a_round_without_rows_says_so() -> None:
    page = render_validation_page([], "2024-07", "1.0")
    assert label("vdocs_no_tables", "id") in page and "<table" not in page
