"""Regenerate docs/data-contract.md from the contract module: `python -m scripts.build_docs`."""

from pathlib import Path

from transforms.contract.docs import contract_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "data-contract.md"

if __name__ == "__main__":
    TARGET.write_text(contract_markdown(), encoding="utf-8")
    print(TARGET)
