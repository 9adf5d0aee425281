"""Generate the sample monitoring rounds in data/raw/ (training and demo data, not real returns).

Reads data/reference/locations.csv and rounds.csv and writes data/raw/2024-07/, 2024-10/ and
2025-01/ the way M&E staff receive them: one workbook for SBT, a workbook plus CSVs for SBD,
with the spellings, number and date forms facilitators really type, and a handful of deliberate
mistakes per round that the quarantine must show. data/raw/README.md lists the files and the
mistakes, with the spreadsheet row of each (header = row 1); data/raw/expected_problems.csv lists
them for the tests, with the problem code the pipeline must report at each.

The code is the package scripts/sample/, its content (activities, people, texts, the files of
each round and the mistakes) the files in scripts/sample/content/. Deterministic: every random
draw is seeded and workbook timestamps are fixed, so a rerun gives byte-identical files. Each
round folder is deleted and recreated on every run.

    .venv/bin/python scripts/generate_sample.py [--out DIR]   # default: data/raw
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a file: scripts/ is on the path, the project root is not
    sys.path.insert(0, str(ROOT))

from scripts.sample.generate import RAW, generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RAW, help="folder to write (default: data/raw)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(generate(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
