"""Who gets what after a round: one bundle per kecamatan (its brief, recommendation matrix and
corrections workbook) and one per kabupaten (the district brief and the corrections that could
not be placed in a kecamatan), addressed from `recipients.csv`.

Pure: file lists and hashes in, bundles and message texts out; sending is in flows/distribution.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pandas as pd

from transforms.contract.labels import label
from transforms.contract.layout import DEFAULT_LANGUAGE, brief_path, corrections_path, matrix_path
from transforms.contract.layout import slug as _slug
from transforms.contract.messages import FileProblem
from transforms.digests import fingerprint


def slug(name: object) -> str:
    """A place's slug; "" for an empty name (a kabupaten-level recipient)."""
    text = str(name or "").strip()
    return _slug(text) if text else ""


RECIPIENT_COLUMNS = ("kabupaten", "kecamatan", "name", "email")
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
# reserved for documentation (RFC 2606): mail to them never reaches an officer
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


@dataclass(frozen=True)
class Bundle:
    kabupaten: str
    kecamatan: str  # "" for the kabupaten's own bundle
    to: tuple[tuple[str, str], ...]  # (name, email), sorted
    files: tuple[str, ...]  # paths relative to the round's output folder
    missing: tuple[str, ...] = ()  # files a bundle of this kind has that this round lacks

    @property
    def name(self) -> str:
        return f"{slug(self.kabupaten)}_{slug(self.kecamatan) if self.kecamatan else 'kabupaten'}"

    @property
    def complete(self) -> bool:
        """A bundle goes out only with its brief (it may lack a corrections workbook)."""
        return not any(path.startswith("briefs/") for path in self.missing) and bool(self.files)

    def key(self, hashes: dict[str, str]) -> str:
        """The contents: a recipient who has had this key is not sent it again."""
        return fingerprint("bundle", {f: hashes[f] for f in self.files})

    def addressed_to(self, emails: set[str]) -> Bundle:
        return Bundle(self.kabupaten, self.kecamatan, tuple(p for p in self.to if p[1] in emails),
                      self.files, self.missing)


def recipient_problems(recipients: pd.DataFrame, places: set[tuple[str, str]], file: str
                       ) -> list[FileProblem]:
    """Rows whose e-mail is malformed or whose place is not one of the round's (by slug, so
    `Kec. Teluk-Waru` style variants are not needed: write the names as in the briefs)."""
    missing = [c for c in RECIPIENT_COLUMNS if c not in recipients.columns]
    if missing:
        return [FileProblem("missing_column", file, column=c, table="recipients", where=file)
                for c in missing]
    known = {(slug(k), slug(c)) for k, c in places} | {(slug(k), "") for k, _ in places}
    problems = []
    for row_number, row in enumerate(recipients.itertuples(index=False), start=2):
        if any(c in str(row.name) for c in "\r\n\t<>\"") or len(str(row.name)) > 120:
            problems.append(FileProblem("recipient_name", file, column="name", value=str(row.name)[:60],
                                        expected=f"row {row_number}"))
        if not EMAIL.match(str(row.email).strip()):
            problems.append(FileProblem("recipient_email", file, column="email", value=str(row.email),
                                        expected=f"row {row_number}: nama@contoh.go.id"))
        if (slug(row.kabupaten), slug(row.kecamatan or "")) not in known:
            problems.append(FileProblem("recipient_place", file, column="kecamatan",
                                        value=f"{row.kabupaten} / {row.kecamatan}",
                                        expected=f"row {row_number}"))
    return problems


def placeholder_rows(recipients: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    """(row number, kabupaten, kecamatan, e-mail) of the rows still holding a placeholder
    address: one on a reserved example domain, as all of the bundled recipients.csv's are. (Not
    "an address of the bundled file": that is the file staff edit, so their real addresses would
    become placeholders the moment they typed them.)"""
    rows = []
    for row_number, row in enumerate(recipients.itertuples(index=False), start=2):
        email = str(row.email).strip()
        if is_placeholder(email):
            rows.append((row_number, str(row.kabupaten), str(row.kecamatan or ""), email))
    return rows


def is_placeholder(email: str) -> bool:
    domain = email.rpartition("@")[2].strip().lower()
    return any(domain == d or domain.endswith(f".{d}") for d in PLACEHOLDER_DOMAINS)


def bundles(places: list[tuple[str, str]], recipients: pd.DataFrame, present: set[str],
            empty: set[str] = frozenset(), lang: str = DEFAULT_LANGUAGE) -> list[Bundle]:
    """The bundles that have someone to go to, with the files of each that exist, in `lang`; a
    file in `empty` (a corrections workbook with no row to fix or check) is left out, not missing."""
    keyed = recipients.assign(k=recipients["kabupaten"].map(slug),
                              c=recipients["kecamatan"].fillna("").map(slug))
    made = []
    for kabupaten in sorted({k for k, _ in places}):
        for kecamatan in ["", *sorted(c for k, c in places if k == kabupaten)]:
            rows = keyed.loc[(keyed["k"] == slug(kabupaten)) & (keyed["c"] == slug(kecamatan))]
            if rows.empty:
                continue
            to = tuple(sorted({(str(r.name).strip(), str(r.email).strip()) for r in rows.itertuples()},
                              key=lambda pair: pair[1]))
            expected = bundle_files(kabupaten, kecamatan, lang)
            made.append(Bundle(kabupaten, kecamatan, to,
                               tuple(f for f in expected if f in present and f not in empty),
                               tuple(f for f in expected if f not in present)))
    return made


def bundle_files(kabupaten: str, kecamatan: str, lang: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """What one kecamatan (or, with no kecamatan, the kabupaten) receives after a round, in the
    language the bundle is sent in (`kodi.en.pdf` beside `kodi.pdf`)."""
    if not kecamatan:
        return (brief_path(kabupaten, lang=lang), corrections_path(kabupaten, "", lang))
    return (brief_path(kabupaten, kecamatan, lang), matrix_path(kabupaten, kecamatan, lang),
            corrections_path(kabupaten, kecamatan, lang))


def attachment_name(round_id: str, bundle: Bundle, path: str) -> str:
    """`2025-01_seram-bagian-timur_teluk-waru_briefs.pdf`: says what it is once saved anywhere."""
    folder, _, file = path.partition("/")
    name = file.rpartition("/")[2]
    suffix = name[name.find("."):] if "." in name else ""  # `.en.pdf`: the language stays
    return f"{round_id}_{bundle.name}_{folder}{suffix}"


def zip_date_time(mtime: float) -> tuple[int, int, int, int, int, int]:
    """A zip member's stamp from its file's mtime: local time (zip has no time zone and unzip
    tools read it as local), whole seconds; zip cannot store dates before 1980."""
    stamp = time.localtime(max(mtime, 315532800 + 86400))[:6]
    return (stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5])


def zip_members(round_id: str, bundle: Bundle, mtimes: dict[str, float]
                ) -> list[tuple[str, str, tuple[int, int, int, int, int, int]]]:
    """(file, member name, date_time) of a bundle's zip: named as the mail attachments are,
    dated as the files are, so the same files with the same mtimes give the same zip."""
    return [(path, attachment_name(round_id, bundle, path), zip_date_time(mtimes[path]))
            for path in bundle.files]


def message_text(bundle: Bundle, round_id: str, round_label: str, lang: str) -> tuple[str, str]:
    """Subject and body of the e-mail that carries a bundle."""
    place = (f"{label('kecamatan', lang)} {bundle.kecamatan}" if bundle.kecamatan
             else f"{label('kabupaten', lang)} {bundle.kabupaten}")
    names = ", ".join(name for name, _ in bundle.to if name) or label("mail_reader", lang)
    subject = label("mail_subject", lang, place=place, round=round_label)
    attached = "\n".join(f"- {attachment_name(round_id, bundle, path)}: {label(_kind(path), lang)}"
                         for path in bundle.files)
    with_corrections = any(_kind(path) == "mail_file_corrections" for path in bundle.files)
    body = label("mail_body" if with_corrections else "mail_body_without_corrections", lang,
                 names=names, place=place, round=round_label, files=attached)
    return subject, body


def _kind(path: str) -> str:
    if path.startswith("briefs/"):
        return "mail_file_brief"
    return "mail_file_matrix" if path.startswith("matrix/") else "mail_file_corrections"
