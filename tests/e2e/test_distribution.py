"""`bangkit distribute` against a real SMTP server (aiosmtpd, started here): each kecamatan's
bundle arrives with its recipients and attachments intact, an unchanged bundle is not sent
again, and a changed brief sends only the bundles it is in."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
import zipfile
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.e2e.conftest import Bangkit, Rendered
from tests.fixtures import change_teluk_waru_row

# the test server takes a password over plain SMTP on 127.0.0.1, on purpose
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
PASSWORD = "rahasia-123"


class Inbox:
    """aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append((list(envelope.rcpt_tos),
                              message_from_bytes(envelope.original_content, policy=policy.default)))
        return "250 OK"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    # handled=False: aiosmtpd answers a wrong password with 535, as a real server does; its
    # default (handled=True) sends no answer at all, and the client waited out its 60 s timeout
    return AuthResult(success=auth_data.login == b"monev" and auth_data.password == PASSWORD.encode(),
                      handled=False)


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_authenticate,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def raw_dir(rendered_copy: Rendered) -> Path:
    return rendered_copy.raw


@pytest.fixture
def reference_dir(rendered_copy: Rendered) -> Path:
    return rendered_copy.reference


@pytest.fixture
def round_out(rendered_copy: Rendered, reference_dir: Path) -> Path:
    """A finished run of the basic round (this test's copy: distribute writes into it), with
    recipients added to its reference folder afterwards."""
    out = rendered_copy.out
    (reference_dir / "recipients.csv").write_text(
        "kabupaten,kecamatan,name,email\n"
        "Seram Bagian Timur,Teluk Waru,Camat Teluk Waru,camat.tw@sbt.go.id\n"
        "Seram Bagian Timur,Teluk Waru,Pendamping,pendamping.tw@sbt.go.id\n"
        "Seram Bagian Timur,,Bappeda SBT,bappeda@sbt.go.id\n"
        "Sumba Barat Daya,Loura,Camat Loura,camat.loura@sbd.go.id\n", encoding="utf-8")
    return out


def settings(tmp_path: Path, port: int) -> Path:
    path = tmp_path / "bangkit.toml"
    path.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nuser = "monev"\n'
                    f'sender = "Monev BangKIT <monev@example.org>"\npassword_env = "TEST_SMTP_PW"\n',
                    encoding="utf-8")
    return path


@pytest.fixture
def distribute(bangkit: Bangkit):
    def distribute(out: Path, reference: Path, settings_file: Path, *extra: str):
        return bangkit("distribute", "--round", "2024-07", "--out", out, "--reference", reference,
                       "--settings", settings_file, *extra)
    return distribute


def test_dry_run_sends_nothing_but_writes_the_bundles(smtp_server, distribute, round_out: Path,
                                                      reference_dir: Path, tmp_path: Path) -> None:
    inbox, port = smtp_server
    with (reference_dir / "recipients.csv").open("a", encoding="utf-8") as handle:
        handle.write("Sumba Barat Daya,Loura,Pendamping Loura,pendamping.loura@example.com\n")
    result = distribute(round_out, reference_dir, settings(tmp_path, port))
    assert result.exit_code == 0, result.output
    assert inbox.messages == []
    assert "3 uji coba" in result.output and "Tidak ada penerima untuk" in result.output
    assert "ganti alamat contoh di data/reference/recipients.csv" in result.output
    assert "baris 6 (Sumba Barat Daya / Loura: pendamping.loura@example.com)" in result.output
    assert "camat.loura@sbd.go.id" not in result.output.split("ganti alamat contoh")[1].splitlines()[0]
    folder = round_out / "2024-07"
    bundle_zip = round_out / "distribution" / "2024-07" / "seram-bagian-timur_teluk-waru.zip"
    with zipfile.ZipFile(bundle_zip) as zip_:
        members = {info.filename: info.date_time for info in zip_.infolist()}
    # the round's corrections workbooks have no row: none is zipped; the others keep their mtimes
    files = {"2024-07_seram-bagian-timur_teluk-waru_briefs.pdf": "briefs/seram-bagian-timur/teluk-waru.pdf",
             "2024-07_seram-bagian-timur_teluk-waru_matrix.xlsx": "matrix/seram-bagian-timur/teluk-waru.xlsx"}
    assert set(members) == set(files)
    for name, path in files.items():
        expected = time.localtime((folder / path).stat().st_mtime)[:6]
        assert members[name][:5] == expected[:5] and members[name][5] == expected[5] // 2 * 2

    english = distribute(round_out, reference_dir, settings(tmp_path, port), "--lang", "en")
    assert "replace the placeholder addresses in data/reference/recipients.csv" in english.output


def test_bundles_arrive_intact_and_are_not_sent_twice(smtp_server, distribute, bangkit: Bangkit,
                                                      round_out: Path, raw_dir: Path,
                                                      reference_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("TEST_SMTP_PW", PASSWORD)
    config = settings(tmp_path, port)
    result = distribute(round_out, reference_dir, config, "--send")
    assert result.exit_code == 0, result.output
    by_subject = {m["Subject"]: (to, m) for to, m in inbox.messages}
    assert len(inbox.messages) == 3
    to, message = by_subject["Ringkasan koordinasi Kecamatan Teluk Waru · Pemantauan I (Juli 2024)"]
    assert sorted(to) == ["camat.tw@sbt.go.id", "pendamping.tw@sbt.go.id"]
    assert "Camat Teluk Waru" in message["To"] and message["From"] == "Monev BangKIT <monev@example.org>"
    assert message["Date"].datetime.tzinfo is not None
    assert abs(message["Date"].datetime.timestamp() - time.time()) < 600
    assert re.fullmatch(r"<[^<>@\s]+@example\.org>", message["Message-ID"])
    assert len({m["Message-ID"] for _, m in inbox.messages}) == 3
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    folder = round_out / "2024-07"
    assert attachments == {  # its corrections workbook has no row: not attached
        "2024-07_seram-bagian-timur_teluk-waru_briefs.pdf":
            (folder / "briefs/seram-bagian-timur/teluk-waru.pdf").read_bytes(),
        "2024-07_seram-bagian-timur_teluk-waru_matrix.xlsx":
            (folder / "matrix/seram-bagian-timur/teluk-waru.xlsx").read_bytes(),
    }
    body = message.get_body().get_content()
    assert "Yth. Camat Teluk Waru, Pendamping" in body and "perbaikan" not in body
    log = [json.loads(line) for line in (round_out / "distribution" / "log.jsonl").read_text().splitlines()]
    assert {e["bundle"] for e in log if e["status"] == "sent"} == {
        "seram-bagian-timur_teluk-waru", "seram-bagian-timur_kabupaten", "sumba-barat-daya_loura"}

    again = distribute(round_out, reference_dir, config, "--send")  # nothing changed: nothing sent
    assert again.exit_code == 0 and len(inbox.messages) == 3
    assert "0 terkirim, 3 tidak berubah" in again.output

    change_teluk_waru_row(raw_dir)  # a late correction in Teluk Waru
    rerun = bangkit.run(raw_dir, round_out, reference_dir)
    assert rerun.exit_code == 0, rerun.output
    after = distribute(round_out, reference_dir, config, "--send")
    assert after.exit_code == 0, after.output
    resent = sorted(m["Subject"] for _, m in inbox.messages[3:])
    assert resent == ["Ringkasan koordinasi Kabupaten Seram Bagian Timur · Pemantauan I (Juli 2024)",
                      "Ringkasan koordinasi Kecamatan Teluk Waru · Pemantauan I (Juli 2024)"]


def test_wrong_password_sends_nothing(smtp_server, distribute, round_out: Path, reference_dir: Path,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("TEST_SMTP_PW", "salah")
    result = distribute(round_out, reference_dir, settings(tmp_path, port), "--send")
    assert result.exit_code == 1
    assert "Tidak dapat masuk ke server e-mail 127.0.0.1" in result.output
    assert "TEST_SMTP_PW" in result.output and "salah" not in result.output
    assert inbox.messages == []


def test_a_new_recipient_gets_the_bundle_the_others_already_have(
        smtp_server, distribute, round_out: Path, reference_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("TEST_SMTP_PW", PASSWORD)
    config = settings(tmp_path, port)
    assert distribute(round_out, reference_dir, config, "--send").exit_code == 0
    with (reference_dir / "recipients.csv").open("a", encoding="utf-8") as handle:
        handle.write("Seram Bagian Timur,Teluk Waru,Sekcam Teluk Waru,sekcam.tw@sbt.go.id\n")
    result = distribute(round_out, reference_dir, config, "--send")
    assert result.exit_code == 0, result.output
    to, message = inbox.messages[-1]
    assert len(inbox.messages) == 4 and to == ["sekcam.tw@sbt.go.id"]
    assert "Sekcam Teluk Waru" in message["To"] and "camat" not in message["To"]


def test_a_bundle_without_its_brief_is_not_sent(smtp_server, distribute, round_out: Path,
                                                reference_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("TEST_SMTP_PW", PASSWORD)
    (round_out / "2024-07" / "briefs" / "seram-bagian-timur" / "teluk-waru.pdf").unlink()
    result = distribute(round_out, reference_dir, settings(tmp_path, port), "--send")
    assert result.exit_code == 1
    assert "TIDAK dikirim: ringkasannya tidak ada" in result.output
    assert sorted(m["Subject"].split(" · ")[0] for _, m in inbox.messages) == [
        "Ringkasan koordinasi Kabupaten Seram Bagian Timur", "Ringkasan koordinasi Kecamatan Loura"]


def test_placeholder_addresses_are_not_sent_to(smtp_server, distribute, round_out: Path,
                                               reference_dir: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("TEST_SMTP_PW", PASSWORD)
    recipients = (reference_dir / "recipients.csv").read_text(encoding="utf-8")
    (reference_dir / "recipients.csv").write_text(
        recipients.replace("bappeda@sbt.go.id", "bappeda@example.net")
        + "Sumba Barat Daya,Loura,Pendamping Loura,pendamping.loura@example.org\n", encoding="utf-8")
    result = distribute(round_out, reference_dir, settings(tmp_path, port), "--send")
    assert result.exit_code == 1  # the kabupaten's bundle has only a placeholder: not sent
    assert "Tidak dikirim ke alamat contoh" in result.output
    assert "hanya alamat contoh: bappeda@example.net" in result.output
    assert sorted(to for rcpt, _ in inbox.messages for to in rcpt) == [
        "camat.loura@sbd.go.id", "camat.tw@sbt.go.id", "pendamping.tw@sbt.go.id"]


class DroppingInbox(Inbox):
    """A server that drops the line (`drop`) or stalls past the client's timeout (`stall`) on the
    first message of a session, and takes the rest."""

    def __init__(self, fault: str) -> None:
        super().__init__()
        self.fault, self.faulted = fault, False

    async def handle_DATA(self, server, session, envelope) -> str:
        if not self.faulted:
            self.faulted = True
            if self.fault == "drop":
                server.transport.close()
                return "421 closing"
            await asyncio.sleep(3)  # the client (timeout_seconds = 1) has given up by then
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize("fault", ["drop", "stall"])
def test_a_server_that_drops_or_stalls_gives_a_report_per_bundle(
        fault: str, distribute, round_out: Path, reference_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = DroppingInbox(fault)
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_authenticate,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    monkeypatch.setenv("TEST_SMTP_PW", PASSWORD)
    config = settings(tmp_path, port)
    config.write_text(config.read_text(encoding="utf-8") + "timeout_seconds = 1\n", encoding="utf-8")
    try:
        result = distribute(round_out, reference_dir, config, "--send")  # no traceback, no exception
    finally:
        controller.stop()
    assert result.exit_code == 1, result.output
    assert "koneksi ke server e-mail terputus" in result.output
    assert "2 terkirim" in result.output and "1 gagal" in result.output
    assert len(inbox.messages) == 2  # the bundles after the fault went out on a new session
    log = [json.loads(line) for line in (round_out / "distribution" / "log.jsonl").read_text().splitlines()]
    assert sorted(e["status"] for e in log) == ["failed", "sent", "sent"]
    again = distribute(round_out, reference_dir, settings(tmp_path, port), "--send")
    assert again.exit_code == 1  # the server is gone now: said once, per bundle, no traceback
    assert "Tidak dapat masuk ke server e-mail" in again.output
