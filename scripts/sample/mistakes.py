"""Deliberate mistakes: each finds its row, changes it and says what the pipeline must do; the
valid variant spellings; and the warnings a quarantined row causes elsewhere (knock-ons).

Which mistakes each round gets, and where, is content/mistakes.toml; a planter here is named by
its `kind` there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from scripts.sample.cells import HEADERS
from scripts.sample.content import DROPPED, MISTAKES, RECOVERING, VARIANTS
from scripts.sample.records import Issue, KnockOn, Q, R, Record, W


def find(records: list[Record], table: str, kec: str | list[str],
         test: Callable[[Record], bool] = lambda r: True, desa: str | None = None) -> Record:
    """The first row of `table` in the kecamatan (the first one listed that has a match)."""
    protected = {RECOVERING[2], DROPPED[2]}  # their story must reach the brief untouched
    for one in [kec] if isinstance(kec, str) else kec:
        for record in records:
            if record.table == table and record.kec == one and record.issue is None \
                    and record.values.get("desa") not in protected \
                    and desa in (None, record.values.get("desa")) and test(record):
                return record
    raise SystemExit(f"no {table} row in {kec} ({desa}) for a planted mistake")


def has_status(*statuses: str) -> Callable[[Record], bool]:
    return lambda r: r.values.get("status") in statuses


def misspelt_village(records: list[Record], kecamatan: str, desa: str, typed: str) -> None:
    record = find(records, "desa", kecamatan, desa=desa)
    record.raw["desa"] = typed
    record.issue = Issue(R, "name_corrected", "desa",
                         f"Nama desa salah ketik `{typed}`; dicocokkan otomatis ke {desa} "
                         f"(fuzzy, di dalam Kec. {kecamatan})",
                         f"Village misspelt `{typed}`; fuzzy-matched to {desa} inside {kecamatan}")


def date_outside_window(records: list[Record], kecamatan: str, when: date) -> None:
    record = find(records, "desa", kecamatan)
    record.values["tanggal_pemantauan"] = when
    record.raw["tanggal_pemantauan"] = when.isoformat()
    record.issue = Issue(Q, "date_outside_window", "tanggal_pemantauan",
                         f"Tanggal pemantauan {when.isoformat()} di luar jendela putaran "
                         f"(desa {record.values['desa']})",
                         f"Monitoring date {when.isoformat()} outside the round window "
                         f"(village {record.values['desa']})")


def wrong_kecamatan(records: list[Record], kecamatan: str, desa: str, typed_kecamatan: str) -> None:
    record = find(records, "kegiatan", kecamatan, desa=desa)
    record.raw["kecamatan"] = typed_kecamatan
    record.issue = Issue(Q, "unknown_desa", "desa",
                         f"Desa {desa} ditulis di Kec. {typed_kecamatan}, padahal desa itu di Kec. "
                         f"{kecamatan}: tidak ada desa {desa} di {typed_kecamatan}",
                         f"Village {desa} entered under {typed_kecamatan}, but it lies in {kecamatan}: "
                         f"no such village in {typed_kecamatan}")


def not_in_programme(records: list[Record], kecamatan: str, desa: str, after: str) -> None:
    base = find(records, "desa", kecamatan, desa=after)
    record = Record("desa", base.kab, kecamatan, dict(base.values, desa=desa))
    record.values["fasilitator"] = None
    record.issue = Issue(Q, "unknown_desa", "desa",
                         f"Desa {desa} ada di Kec. {kecamatan} tetapi bukan desa program: tidak dikenali",
                         f"{desa} is a village of {kecamatan} but not a programme village: unresolved")
    records.insert(records.index(base) + 1, record)


def non_programme_activity(records: list[Record], kecamatan: str, desa: str) -> None:
    base = find(records, "kegiatan", kecamatan, has_status("berjalan"))
    record = Record("kegiatan", base.kab, kecamatan, dict(base.values, desa=desa))
    record.values["kode_kegiatan"] = str(base.values["kode_kegiatan"])[:-2] + "09"
    record.issue = Issue(Q, "unknown_desa", "desa",
                         f"Kegiatan dari desa {desa} (bukan desa program di Kec. {kecamatan})",
                         f"Activity from {desa}, not a programme village of {kecamatan}")
    records.insert(records.index(base) + 1, record)


def progress_150(records: list[Record], kecamatan: str) -> None:
    record = find(records, "kegiatan", kecamatan, has_status("berjalan"))
    record.raw["progres_persen"] = 150
    code = record.values["kode_kegiatan"]
    record.issue = Issue(Q, "out_of_range", "progres_persen",
                         f"progres_persen 150 (di atas 100), kode {code}",
                         f"progres_persen 150 (above 100), code {code}")


def unknown_status(records: list[Record], kecamatan: str, typed: str) -> None:
    record = find(records, "kegiatan", kecamatan, has_status("berjalan"))
    record.raw["status"] = typed
    code = record.values["kode_kegiatan"]
    record.issue = Issue(Q, "not_in_vocabulary", "status",
                         f"Status `{typed}` tidak ada dalam daftar, kode {code}",
                         f"Unknown status `{typed}`, code {code}")


def finished_at_80(records: list[Record], kecamatan: list[str]) -> None:
    record = find(records, "kegiatan", kecamatan, lambda r: r.newly_done)
    record.values["progres_persen"] = 80
    code = record.values["kode_kegiatan"]
    record.issue = Issue(W, "completed_below_100", "progres_persen",
                         f"Status selesai tetapi progres 80%, kode {code}",
                         f"Status selesai with progress 80%, code {code}")


def conflicting_duplicate(records: list[Record], kecamatan: str) -> None:
    base = find(records, "kegiatan", kecamatan, has_status("berjalan"))
    copy = Record("kegiatan", base.kab, kecamatan, dict(base.values, status="selesai", progres_persen=100))
    code = base.values["kode_kegiatan"]
    for record in (base, copy):
        record.issue = Issue(Q, "conflicting_duplicate", "",
                             f"Kode {code} dua kali untuk desa yang sama dengan status berbeda "
                             "(berjalan / selesai): kedua baris dikarantina",
                             f"Code {code} twice for the same village with different status "
                             "(berjalan / selesai): both rows quarantined")
    records.insert(records.index(base) + 1, copy)


def exact_duplicate(records: list[Record], kecamatan: str) -> None:
    base = find(records, "kegiatan", kecamatan, has_status("berjalan"))
    copy = Record("kegiatan", base.kab, kecamatan, dict(base.values))
    code = base.values["kode_kegiatan"]
    copy.issue = Issue(W, "exact_duplicate", "",
                       f"Baris kode {code} tersalin dua kali, sama persis dengan baris di atasnya: "
                       "dipakai sekali", f"Row for code {code} copied twice, identical to the row "
                       "above: kept once")
    records.insert(records.index(base) + 1, copy)


def forgotten_village_row(records: list[Record], kecamatan: str) -> None:
    record = find(records, "desa", kecamatan)
    records.remove(record)
    desa = record.values["desa"]
    activity = find(records, "kegiatan", kecamatan, desa=desa)
    activity.issue = Issue(W, "village_without_desa_row", "desa",
                           f"Desa {desa} mengirim kegiatan tetapi tidak ada baris di tabel desa",
                           f"{desa} sent activities but has no row in the villages table")


def wrong_total(records: list[Record], kecamatan: str) -> None:
    record = find(records, "pertemuan", kecamatan)
    men, women = record.values["peserta_laki_laki"], record.values["peserta_perempuan"]
    typed = int(str(men)) + int(str(women)) + 10
    record.raw["peserta_total"] = typed
    record.issue = Issue(Q, "total_mismatch", "peserta_total",
                         f"peserta_total {typed} tidak sama dengan {men} L + {women} P",
                         f"peserta_total {typed} is not {men} men + {women} women")


PLANTERS: dict[str, Callable[..., None]] = {planter.__name__: planter for planter in (
    misspelt_village, date_outside_window, wrong_kecamatan, not_in_programme,
    non_programme_activity, progress_150, unknown_status, finished_at_80, conflicting_duplicate,
    exact_duplicate, forgotten_village_row, wrong_total)}


def plant_mistakes(round_id: str, records: list[Record]) -> None:
    for mistake in MISTAKES:
        if mistake["round"] == round_id:
            arguments: dict[str, Any] = {k: v for k, v in mistake.items() if k not in ("round", "kind")}
            PLANTERS[mistake["kind"]](records, **arguments)


def variants(round_id: str) -> list[tuple[str, str, str | None, str]]:
    """(column, kecamatan, village or None for every row of the kecamatan, as typed)."""
    return [(v["column"], v["kecamatan"], v.get("desa"), v["typed"]) for v in VARIANTS
            if v["round"] == round_id]


def apply_variants(round_id: str, records: list[Record]) -> None:
    for column, kec, desa, typed in variants(round_id):
        for record in records:
            if record.kec == kec and desa in (None, record.values.get("desa")) \
                    and column in HEADERS[record.table] and column not in record.raw:
                record.raw[column] = typed


def _activity_key(record: Record) -> tuple[str, str, object, object]:
    return (record.kab, record.kec, record.values.get("desa"), record.values.get("kode_kegiatan"))


def _counted(record: Record) -> bool:
    return record.issue is None or record.issue.outcome != Q


def add_knock_ons(records: list[Record], previous: list[Record]) -> None:
    """Name the warnings a quarantined row causes: an activity counted last round that is now
    missing, a village whose only `desa` row is quarantined (listed at its first activity row)."""
    before = {_activity_key(r) for r in previous if r.table == "kegiatan" and _counted(r)}
    counted = [r for r in records if r.table == "kegiatan" and _counted(r)]
    now = {_activity_key(r) for r in counted}
    first_activity = {}
    for r in counted:
        first_activity.setdefault(_activity_key(r)[:3], r)
    for record in records:
        if record.issue is None or _counted(record):
            continue
        key = _activity_key(record)
        if record.table == "kegiatan" and key in before and key not in now:
            record.issue = replace(record.issue, knock_on=KnockOn(
                "activity_missing_since_last_round", "kode_kegiatan",
                f"ikutan: peringatan kegiatan {key[3]} hilang sejak putaran lalu",
                f"knock-on: warning that activity {key[3]} is missing since last round"))
        elif record.table == "desa" and key[:3] in first_activity:
            record.issue = replace(record.issue, knock_on=KnockOn(
                "village_row_quarantined", "desa",
                f"ikutan: peringatan desa {key[2]} tanpa baris desa",
                f"knock-on: warning that {key[2]} has activities but no village row",
                first_activity[key[:3]]))
