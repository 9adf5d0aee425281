"""Column rules derived from the contract, as plain data.

The flow turns each rule into a Great Expectations expectation (flows/gx_validation.py); the same
rules evaluated with pandas (`failing_rows`) let the pure transforms be tested without GX and let
the flow cross-check that GX reported exactly the rows the contract says should fail.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from transforms.contract.tables import VOCABULARIES, Kind, Table

ROW_ID = "row_id"


@dataclass(frozen=True)
class ColumnRule:
    rule_id: str  # e.g. activities.progress_pct.between
    table: str
    column: str
    check: str  # not_null, in_set, between
    code: str  # message code for a failing row
    value_set: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None

    @property
    def expected_text(self) -> str:
        if self.check == "in_set":
            return ", ".join(self.value_set)
        if self.check == "between":
            low = "" if self.min_value is None else f"{self.min_value:g}"
            high = "" if self.max_value is None else f"{self.max_value:g}"
            return f"{low}–{high}" if high else f"≥ {low}"
        return ""


def rules_for(table: Table) -> list[ColumnRule]:
    rules: list[ColumnRule] = []
    for f in table.fields:
        if f.required:
            rules.append(ColumnRule(f"{table.name}.{f.name}.not_null", table.name, f.name,
                                    "not_null", "missing_value"))
        if f.kind == Kind.VOCAB and f.vocab:
            rules.append(ColumnRule(f"{table.name}.{f.name}.in_set", table.name, f.name, "in_set",
                                    "not_in_vocabulary",
                                    value_set=tuple(VOCABULARIES[f.vocab].values)))
        numeric = f.kind in (Kind.INT, Kind.RUPIAH, Kind.PERCENT)
        if numeric and (f.min_value is not None or f.max_value is not None):
            rules.append(ColumnRule(f"{table.name}.{f.name}.between", table.name, f.name,
                                    "between", "out_of_range",
                                    min_value=f.min_value, max_value=f.max_value))
    return rules


def failing_rows(frame: pd.DataFrame, rule: ColumnRule) -> list[int]:
    """Row ids failing a rule, by the rule's own definition (nulls pass all but not_null)."""
    column = frame[rule.column]
    if rule.check == "not_null":
        bad = column.isna()
    elif rule.check == "in_set":
        bad = column.notna() & ~column.isin(rule.value_set)
    else:
        values = pd.to_numeric(column, errors="coerce")
        bad = pd.Series(False, index=frame.index)
        if rule.min_value is not None:
            bad |= values < rule.min_value
        if rule.max_value is not None:
            bad |= values > rule.max_value
        bad &= values.notna()
    return sorted(int(r) for r in frame.loc[bad, ROW_ID])
