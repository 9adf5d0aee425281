"""Parsing whole columns (transforms/validate/parse.py): one parser call per distinct value must
give what the scalar parsers give cell by cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import CELLS
from transforms.validate.parsing import ParseError


@given(st.lists(CELLS, max_size=30))
def test_parse_column_equals_scalar_parsers(values: list[object]) -> None:
    import pandas as pd

    from transforms.contract.tables import TABLES
    from transforms.validate.column_rules import ROW_ID
    from transforms.validate.parse import _parse_column, _parser, _typed_series
    from transforms.validate.parsing import is_blank
    from transforms.validate.problems import display_value

    for table in TABLES.values():
        raw = pd.DataFrame({ROW_ID: range(len(values))})
        for f in table.fields:
            raw[f.name] = pd.Series(values, dtype=object)
        for f in table.fields:
            if f.kind.value in ("kabupaten", "kecamatan", "desa", "desa_list"):
                continue
            typed, problems = _parse_column(table, f, raw)
            expected, errors = [], []
            for row, value in enumerate(values):
                value = f.default if is_blank(value) and f.default is not None else value
                try:
                    expected.append(_parser(f)(value))
                except ParseError as error:
                    expected.append(None)
                    errors.append((row, error.code, display_value(value)))
            pd.testing.assert_series_equal(typed, _typed_series(f, expected))
            assert [(p.row, p.code, p.value) for p in problems] == errors

