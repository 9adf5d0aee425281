"""Sending each kecamatan (and kabupaten) its bundle by e-mail, and keeping a log of what went
to whom. Dry run unless asked to send; a bundle whose files and recipients are those of a bundle
already sent is not sent again. Each bundle is also written as a zip for other channels.

OUT/distribution/<round>/<kabupaten>_<kecamatan>.zip   the bundles
OUT/distribution/log.jsonl                            one line per bundle per run
"""

from __future__ import annotations

import json
import mimetypes
import os
import smtplib
import ssl
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from flows.settings import SmtpSettings
from flows.writers import sha256
from transforms.contract.messages import FileProblem, InputFileError
from transforms.contract.places import KECAMATAN_KEY
from transforms.contract.run_texts import cli_text
from transforms.present.distribution import (
    Bundle,
    attachment_name,
    bundles,
    message_text,
    placeholder_rows,
    recipient_problems,
    zip_members,
)

Placeholder = tuple[int, str, str, str]  # row number, kabupaten, kecamatan, e-mail


@dataclass
class Delivery:
    bundle: Bundle
    status: str  # sent | dry_run | unchanged | incomplete | failed
    error: str = ""


@dataclass
class DistributionReport:
    deliveries: list[Delivery] = field(default_factory=list)
    without_recipients: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    log: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for d in self.deliveries if d.status == status)


def read_recipients(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputFileError([FileProblem("recipients_missing", str(path))])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def empty_corrections(round_dir: Path, present: set[str]) -> set[str]:
    """The corrections workbooks with no row on their first two sheets (to fix, to check; the
    third is help): attaching one would only make an officer open an empty file."""
    empty = set()
    for path in sorted(p for p in present if p.startswith("corrections/") and p.endswith(".xlsx")):
        workbook = load_workbook(round_dir / path, read_only=True)
        try:
            rows = (row for sheet in workbook.worksheets[:2] for row in sheet.iter_rows(min_row=2))
            if not any(cell.value not in (None, "") for row in rows for cell in row):
                empty.add(path)
        finally:
            workbook.close()
    return empty


def plan(out_dir: Path, round_id: str, recipients_path: Path, lang: str
         ) -> tuple[list[Bundle], list[str], dict[str, str], list[Placeholder]]:
    """The round's bundles in `lang`, the places nobody receives for, the hashes of the files and the
    recipient rows that still hold a placeholder address."""
    round_dir = out_dir / round_id
    if not (round_dir / "manifest.json").is_file():
        raise InputFileError([FileProblem("round_outputs_missing", str(out_dir), value=round_id)])
    summary = pd.read_csv(round_dir / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    places = list(summary[KECAMATAN_KEY].itertuples(index=False, name=None))
    recipients = read_recipients(recipients_path)
    problems = recipient_problems(recipients, set(places), str(recipients_path))
    if problems:
        raise InputFileError(problems)
    present = {p.relative_to(round_dir).as_posix() for p in round_dir.rglob("*") if p.is_file()}
    made = bundles(places, recipients, present, empty_corrections(round_dir, present), lang)
    hashes = {f: sha256(round_dir / f) for b in made for f in b.files}
    covered = {(b.kabupaten, b.kecamatan) for b in made}
    nobody = [f"{kab} / {kec}" for kab, kec in [*sorted({(k, "") for k, _ in places}), *places]
              if (kab, kec) not in covered]
    return made, nobody, hashes, placeholder_rows(recipients)


def write_zip(round_dir: Path, round_id: str, bundle: Bundle, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    mtimes = {path: (round_dir / path).stat().st_mtime for path in bundle.files}
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, name, date_time in zip_members(round_id, bundle, mtimes):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # readable when unzipped (0 gives no permissions)
            archive.writestr(info, (round_dir / path).read_bytes())
    os.replace(temporary, target)


def build_message(round_dir: Path, round_id: str, bundle: Bundle, round_label: str, sender: str,
                  lang: str, host: str = "") -> EmailMessage:
    subject, body = message_text(bundle, round_id, round_label, lang)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(formataddr((name, email)) for name, email in bundle.to)
    message["Subject"] = subject
    # without Date and Message-ID many spam filters drop the mail
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(">") or host or None)
    message.set_content(body)
    for path in bundle.files:
        kind, _ = mimetypes.guess_type(path)
        main, sub = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment((round_dir / path).read_bytes(), maintype=main, subtype=sub,
                               filename=attachment_name(round_id, bundle, path))
    return message


class MailServerError(Exception):
    """The mail server could not be reached or refused the login: nothing was sent."""


def smtp_connection(settings: SmtpSettings) -> smtplib.SMTP:
    """A connection as the settings say (STARTTLS, TLS or plain), logged in when a user is set;
    the password comes from the environment variable the settings name."""
    context = ssl.create_default_context()
    try:
        if settings.security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, context=context,
                                                        timeout=settings.timeout_seconds)
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
            if settings.security == "starttls":
                connection.starttls(context=context)
        if settings.user:
            connection.login(settings.user, os.environ.get(settings.password_env, ""))
    except (OSError, smtplib.SMTPException) as error:
        raise MailServerError(f"{type(error).__name__}: {error}") from None
    return connection


def already_sent(log: Path) -> set[tuple[str, str, str, str]]:
    """(round, bundle, contents key, e-mail) of every delivery the log records as accepted.
    A line cut short by a killed run is skipped (its delivery is then not counted as done)."""
    if not log.is_file():
        return set()
    sent = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("status") == "sent":
            sent |= {(entry["round_id"], entry["bundle"], entry["key"], email) for email in entry["to"]}
    return sent


def distribute(out_dir: Path, round_id: str, round_label: str, recipients_path: Path,
               smtp: SmtpSettings, lang: str, send: bool, force: bool = False) -> DistributionReport:
    """Every bundle of the round: written as zip, and (with `send`) mailed to each recipient who
    has not had these exact contents yet."""
    made, nobody, hashes, placeholders = plan(out_dir, round_id, recipients_path, lang)
    round_dir, folder = out_dir / round_id, out_dir / "distribution"
    log = folder / "log.jsonl"
    report = DistributionReport(without_recipients=nobody, log=log, placeholders=placeholders)
    if placeholders:  # before the deliveries, so it is read before any mail goes out
        print(placeholder_warning(placeholders, send, lang), file=sys.stderr)
    fake = {email for *_, email in placeholders}
    sent_before = set() if force else already_sent(log)
    real = any(b.complete and any(e not in fake for _, e in b.to) for b in made)
    mailer = Mailer(smtp, lang) if send and real else None  # MailServerError: nothing sent at all
    try:
        for bundle in made:
            key = bundle.key(hashes)
            if bundle.complete:
                write_zip(round_dir, round_id, bundle, folder / round_id / f"{bundle.name}.zip")
            pending = bundle.addressed_to({email for _, email in bundle.to
                                           if (round_id, bundle.name, key, email) not in sent_before})
            if not bundle.complete:
                delivery = Delivery(bundle, "incomplete")
            elif not pending.to:
                delivery = Delivery(bundle, "unchanged")
            elif not send:
                delivery = Delivery(pending, "dry_run")
            elif mailer is None or not any(e not in fake for _, e in pending.to):
                delivery = Delivery(pending, "failed", cli_text(  # logged failed: retried once fixed
                    "distribute_placeholder_only", lang, emails=", ".join(e for _, e in pending.to)))
            else:
                real_to = pending.addressed_to({e for _, e in pending.to if e not in fake})
                delivery = mailer.send(real_to, build_message(round_dir, round_id, real_to, round_label,
                                                              smtp.sender or smtp.user, lang, smtp.host))
            report.deliveries.append(delivery)
            _log(log, round_id, key, hashes, delivery)
    finally:
        if mailer is not None:
            mailer.close()
    return report


def placeholder_warning(rows: list[Placeholder], send: bool, lang: str) -> str:
    listed = "; ".join(cli_text("distribute_placeholder_row", lang, row=row, email=email,
                                place=f"{kab} / {kec}" if kec else kab)
                       for row, kab, kec, email in rows)
    key = "distribute_placeholders_refused" if send else "distribute_placeholders"
    return cli_text(key, lang, rows=listed)


class Mailer:
    """One SMTP session for a distribution, that survives the server dropping it: the bundle
    being sent is reported failed (and sent by the next `--send`), and the next bundle opens a
    new session; once that fails too, the remaining bundles are reported failed at once."""

    def __init__(self, settings: SmtpSettings, lang: str) -> None:
        self.settings, self.lang = settings, lang
        self.connection: smtplib.SMTP | None = smtp_connection(settings)
        self.lost = ""  # why the server is out of reach, once reconnecting failed

    def send(self, bundle: Bundle, message: EmailMessage) -> Delivery:
        if self.lost:
            return Delivery(bundle, "failed", self.lost)
        if self.connection is None:
            try:
                self.connection = smtp_connection(self.settings)
            except MailServerError as error:
                self.lost = cli_text("smtp_dropped", self.lang, error=str(error))
                return Delivery(bundle, "failed", self.lost)
        try:
            refused = self.connection.send_message(message)
        except (smtplib.SMTPServerDisconnected, OSError) as error:  # dropped, reset, timed out
            self._drop()
            return Delivery(bundle, "failed", cli_text("smtp_dropped", self.lang,
                                                       error=f"{type(error).__name__}: {error}"))
        except smtplib.SMTPException as error:  # one bundle refused must not stop the others
            return Delivery(bundle, "failed", f"{type(error).__name__}: {error}")
        if refused:  # some recipients took it: they are logged as sent, the others are tried next run
            accepted = bundle.addressed_to({email for _, email in bundle.to if email not in refused})
            return Delivery(accepted, "sent" if accepted.to else "failed",
                            f"refused: {', '.join(sorted(refused))}")
        return Delivery(bundle, "sent")

    def _drop(self) -> None:
        if self.connection is not None:
            self.connection.close()  # no QUIT: the session is in an unknown state
        self.connection = None

    def close(self) -> None:
        """QUIT politely; a server that is gone by now changes nothing of what was sent."""
        if self.connection is None:
            return
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()
        self.connection = None


def _log(log: Path, round_id: str, key: str, hashes: dict[str, str], delivery: Delivery) -> None:
    bundle = delivery.bundle
    log.parent.mkdir(parents=True, exist_ok=True)
    entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "round_id": round_id,
             "bundle": bundle.name, "status": delivery.status, "error": delivery.error,
             "to": [email for _, email in bundle.to], "files": {f: hashes[f] for f in bundle.files},
             "missing": list(bundle.missing), "key": key}
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
