"""Wall time of a cold run, a rerun with nothing changed, and a rerun after one activity row of
the last round changed, each as staff run it (`bangkit run` as a separate process, on a copy of
the bundled rounds, into a fresh output folder).

    .venv/bin/python -m benchmarks.rerun

Prints one line per run and, last, `cold_s=X nochange_s=Y onechange_s=Z`. Set PREFECT_API_URL
to time it against a running Prefect server instead of a temporary one per run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
EDITED = Path("2025-01") / "loura_kegiatan.csv"  # a CSV of the bundled 2025-01 round


def bangkit(raw: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--out", str(out),
                    "--reference", str(PROJECT / "data" / "reference")], cwd=PROJECT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def edit_one_row(path: Path) -> None:
    """Raise the progress of the first activity row by one point."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header, first = lines[0].split(";"), lines[1].split(";")
    column = header.index("progres_persen")
    first[column] = str(int(float(first[column] or 0)) % 100 + 1)
    lines[1] = ";".join(first)
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def briefs_rendered(out: Path) -> int:
    return sum(len(json.loads(m.read_text())["changes"]["briefs_rendered"])
               for m in out.glob("*/manifest.json"))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        raw, out = Path(scratch) / "raw", Path(scratch) / "out"
        shutil.copytree(PROJECT / "data" / "raw", raw)
        timings = {}
        for name in ("cold", "nochange", "onechange"):
            if name == "onechange":
                edit_one_row(raw / EDITED)
            timings[name] = bangkit(raw, out)
            print(f"{name}: {timings[name]:.1f} s, briefs rendered {briefs_rendered(out)}")
        print(f"nochange_share_of_cold={timings['nochange'] / timings['cold']:.2f}")
        print(" ".join(f"{name}_s={seconds:.1f}" for name, seconds in timings.items()))


if __name__ == "__main__":
    main()
