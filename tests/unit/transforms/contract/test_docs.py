"""The generated contract docs (transforms/contract/docs.py) stay current."""

from __future__ import annotations

from tests.fixtures import PROJECT
from transforms.contract.docs import contract_markdown


def test_contract_docs_are_generated_from_the_contract() -> None:
    assert (PROJECT / "docs" / "data-contract.md").read_text(encoding="utf-8") == contract_markdown(), (
        "docs/data-contract.md is stale: run python -m scripts.build_docs")


