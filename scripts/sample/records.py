"""Rows: one row of one table, with canonical values and, where a facilitator typed something the
pipeline must catch, the raw text and the mistake it stands for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scripts.sample.activities import Activity
from scripts.sample.content import (
    FACILITATORS,
    FIRST_MEETINGS,
    LATER_MEETINGS,
    MISSING,
    OVERSPEND,
    PARTICIPANTS,
    VILLAGE_NOTES,
)
from scripts.sample.reference import Reference, Round, Village, rng_for

# What the pipeline must do with a planted mistake: the `outcome` of expected_problems.csv
Q, W, R = "quarantine", "warning", "accepted"


@dataclass(frozen=True)
class KnockOn:
    """The warning a quarantined row causes elsewhere in its round."""

    code: str  # the pipeline's problem code
    column: str  # the Indonesian header the warning names
    text_id: str
    text_en: str
    at: Record | None = None  # the row the warning is listed at; None: no row (source left empty)


@dataclass(frozen=True)
class Issue:
    outcome: str  # Q, W or R
    code: str  # the problem code the pipeline gives it (transforms/contract/messages.py)
    column: str  # the Indonesian header it names; "" when the row as a whole is concerned
    text_id: str
    text_en: str
    knock_on: KnockOn | None = None


@dataclass
class Record:
    table: str
    kab: str
    kec: str
    values: dict[str, object]
    raw: dict[str, object] = field(default_factory=dict)
    issue: Issue | None = None
    newly_done: bool = False  # an activity reported selesai for the first time

    @property
    def identity(self) -> str:
        return ":".join(str(self.values.get(k, "")) for k in ("desa", "kode_kegiatan", "no", "tanggal",
                                                              "batch"))


def village_record(rnd: Round, v: Village) -> Record:
    rng = rng_for("desa", rnd.round_id, v.kab, v.kec, v.desa)
    span = (rnd.end - rnd.start).days
    when = date.fromordinal(rnd.start.toordinal() + rng.randint(4, span - 2))
    women = rng.randint(*PARTICIPANTS[v.kab]["women"])
    notes = rng.choice(VILLAGE_NOTES) if rng.random() < 0.25 else None
    fac = rng_for("fasilitator", v.kab, v.kec, v.desa).choice(FACILITATORS[v.kab])
    men = rng.randint(*PARTICIPANTS[v.kab]["men"])  # drawn after the notes: keeps the rows as they were
    values = {"desa": v.desa, "tanggal_pemantauan": when, "peserta_laki_laki": men,
              "peserta_perempuan": women, "fasilitator": fac, "catatan": notes}
    return Record("desa", v.kab, v.kec, values)


def activity_record(rnd: Round, a: Activity) -> Record:
    status = a.statuses[rnd.round_id]
    problem = a.problem if rnd.round_id in a.problem_rounds else None
    started = status != "belum_mulai"
    values: dict[str, object] = {
        "desa": a.village.desa, "kode_kegiatan": a.code, "nama_kegiatan": a.template.name,
        "sektor": a.template.sector, "sumber_dana": a.funding, "anggaran_rencana": a.planned,
        "anggaran_realisasi": a.realized[rnd.round_id] if started or a.realized[rnd.round_id] else None,
        "status": status,
        "progres_persen": a.progress[rnd.round_id],
        "penerima_laki_laki": a.male if started else None,
        "penerima_perempuan": a.female if started else None,
        "kendala": problem.kendala if problem else None,
        "kategori_kendala": problem.category if problem else None,
        "dukungan_dibutuhkan": problem.dukungan if problem else None,
        "pihak_pendukung": problem.pihak if problem else None,
        "pembelajaran": a.lessons.get(rnd.round_id),
    }
    record = Record("kegiatan", a.village.kab, a.village.kec, values)
    earlier = [s for r, s in a.statuses.items() if r < rnd.round_id]
    record.newly_done = status == "selesai" and "selesai" not in earlier
    if a.overspent_from and rnd.round_id >= a.overspent_from:
        values["anggaran_realisasi"] = a.planned + OVERSPEND
        again = rnd.round_id > a.overspent_from
        amount = f"{OVERSPEND:,}"
        record.issue = Issue(
            W, "realized_exceeds_planned", "anggaran_realisasi",
            f"Realisasi Rp {amount.replace(',', '.')} di atas rencana, kode {a.code}"
            + (" (sama seperti putaran lalu)" if again else ""),
            f"Realised IDR {amount} above planned, code {a.code}" + (" (as last round)" if again else ""))
    return record


def reporting(ref: Reference, rnd: Round) -> list[Village]:
    missing = set(MISSING.get(rnd.round_id, ()))
    return [v for v in ref.villages
            if v.from_round <= rnd.round_id and (v.kab, v.kec, v.desa) not in missing]


def village_and_activity_records(ref: Reference, rnd: Round, activities: list[Activity]) -> list[Record]:
    records: list[Record] = []
    for v in sorted(reporting(ref, rnd), key=lambda v: (v.kab, v.kec, v.desa)):
        records.append(village_record(rnd, v))
        records += [activity_record(rnd, a) for a in activities
                    if a.village == v and rnd.round_id in a.statuses]
    return records


def meeting_record(kab: str, kec: str, when: date, batch: int, men: int, women: int,
                   present: int) -> Record:
    values = {"tanggal": when, "batch": batch, "peserta_laki_laki": men, "peserta_perempuan": women,
              "peserta_total": men + women, "desa_hadir": present}
    return Record("pertemuan", kab, kec, values)


def meeting_records(ref: Reference, rnd: Round) -> list[Record]:
    if rnd.round_id not in LATER_MEETINGS:
        return [meeting_record(*row) for row in FIRST_MEETINGS]
    later = LATER_MEETINGS[rnd.round_id]
    records = []
    for kab, kec in ref.kecamatan():
        rng = rng_for("meeting", rnd.round_id, kab, kec)
        day = rng.randint(4, 25)
        villages = len(ref.in_round(rnd, kab, kec))
        batches = 2 if kec in later["two_batches"] else 1
        for batch in range(1, batches + 1):
            present = villages - rng.randint(0, 1) if batches == 1 else (villages + 2 - batch) // 2
            records.append(meeting_record(kab, kec, date(later["year"], later["month"], day + batch - 1),
                                          batch, rng.randint(8, 16), rng.randint(4, 11), present))
    return records
