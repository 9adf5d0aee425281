"""Regenerate forms/pemantauan_desa.xlsx from the contract and the reference:
`python -m scripts.build_xlsform`."""

from pathlib import Path

from flows.reference_files import read_reference
from flows.xlsform import write_xlsform
from transforms.contract.reference import build_gazetteer

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "forms" / "pemantauan_desa.xlsx"

if __name__ == "__main__":
    locations, _, _ = read_reference(ROOT / "data" / "reference")
    write_xlsform(TARGET, build_gazetteer(locations))
    print(TARGET)
