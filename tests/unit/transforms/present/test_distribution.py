"""Recipients and bundles (transforms/present/distribution.py), without a mail server or a run."""

from __future__ import annotations

import time

import pandas as pd

from transforms.present.distribution import (
    Bundle,
    bundle_files,
    bundles,
    is_placeholder,
    message_text,
    placeholder_rows,
    recipient_problems,
    zip_date_time,
    zip_members,
)


def test_recipient_rows_are_checked_against_the_round() -> None:
    places = {("Seram Bagian Timur", "Teluk Waru")}
    frame = pd.DataFrame([
        {"kabupaten": "Seram Bagian Timur", "kecamatan": "Teluk Waru", "name": "A", "email": "a@x.id"},
        {"kabupaten": "Seram Bagian Timur", "kecamatan": "Waru", "name": "B", "email": "b@x.id"},
        {"kabupaten": "Seram Bagian Timur", "kecamatan": "", "name": "C", "email": "not an address"},
        {"kabupaten": "Seram Bagian Timur", "kecamatan": "", "name": "D\r\nBcc: x@y.id", "email": "d@x.id"},
    ])
    problems = recipient_problems(frame, places, "recipients.csv")
    assert [(p.code, p.value) for p in problems] == [
        ("recipient_place", "Seram Bagian Timur / Waru"), ("recipient_email", "not an address"),
        ("recipient_name", "D\r\nBcc: x@y.id")]
    made = bundles(sorted(places), frame.iloc[[0, 2]], {"briefs/seram-bagian-timur/teluk-waru.pdf"})
    assert [(b.kecamatan, b.files, b.complete) for b in made] == [
        ("", (), False), ("Teluk Waru", ("briefs/seram-bagian-timur/teluk-waru.pdf",), True)]
    bundle = Bundle("Seram Bagian Timur", "Teluk Waru", (("A", "a@x.id"),),
                    ("briefs/seram-bagian-timur/teluk-waru.pdf",))
    assert bundle.key({bundle.files[0]: "1"}) != bundle.key({bundle.files[0]: "2"})
    subject, body = message_text(bundle, "2024-07", "Monitoring round I (July 2024)", "en")
    assert subject == "Coordination brief Sub-district Teluk Waru · Monitoring round I (July 2024)"
    assert "- 2024-07_seram-bagian-timur_teluk-waru_briefs.pdf: coordination brief (PDF)" in body



def test_an_empty_corrections_workbook_is_left_out_not_missing() -> None:
    frame = pd.DataFrame([{"kabupaten": "Seram Bagian Timur", "kecamatan": "Teluk Waru", "name": "A",
                           "email": "a@x.id"}])
    brief, matrix, corrections = bundle_files("Seram Bagian Timur", "Teluk Waru")
    made = bundles([("Seram Bagian Timur", "Teluk Waru")], frame, {brief, matrix, corrections},
                   empty={corrections})
    assert (made[0].files, made[0].missing, made[0].complete) == ((brief, matrix), (), True)
    _, body = message_text(made[0], "2024-07", "Round", "en")
    assert "corrections" not in body and "_matrix.xlsx" in body


def test_an_english_bundle_sends_the_english_files_under_english_names() -> None:
    frame = pd.DataFrame([{"kabupaten": "Sumba Barat Daya", "kecamatan": "Kodi", "name": "A",
                           "email": "a@x.id"}])
    indonesian, english = (bundle_files("Sumba Barat Daya", "Kodi", lang) for lang in ("id", "en"))
    assert english == ("briefs/sumba-barat-daya/kodi.en.pdf", "matrix/sumba-barat-daya/kodi.en.xlsx",
                       "corrections/sumba-barat-daya/kodi.en.xlsx")
    made = bundles([("Sumba Barat Daya", "Kodi")], frame, {*indonesian, *english}, lang="en")
    assert made[0].files == english
    _, body = message_text(made[0], "2024-07", "Round", "en")
    assert "2024-07_sumba-barat-daya_kodi_briefs.en.pdf" in body


def test_placeholder_addresses_are_found() -> None:
    frame = pd.DataFrame([
        {"kabupaten": "SBT", "kecamatan": "Teluk Waru", "name": "A", "email": "a@example.org"},
        {"kabupaten": "SBT", "kecamatan": "", "name": "B", "email": "b@mail.EXAMPLE.com"},
        {"kabupaten": "SBT", "kecamatan": "", "name": "C", "email": "camat@sbt.go.id"},
        {"kabupaten": "SBT", "kecamatan": "", "name": "D", "email": "camat.kodi@kab.id"},
        {"kabupaten": "SBT", "kecamatan": "", "name": "E", "email": "x@notexample.net"},
    ])
    # D is a real address typed over a placeholder of the bundled file: no longer a placeholder
    assert placeholder_rows(frame) == [
        (2, "SBT", "Teluk Waru", "a@example.org"), (3, "SBT", "", "b@mail.EXAMPLE.com")]
    assert is_placeholder("x@example.net") and not is_placeholder("x@example.net.id")


def test_zip_members_are_named_as_the_attachments_and_dated_as_the_files() -> None:
    brief, matrix = bundle_files("Seram Bagian Timur", "Teluk Waru")[:2]
    bundle = Bundle("Seram Bagian Timur", "Teluk Waru", (("A", "a@x.id"),), (brief, matrix))
    mtimes = {brief: time.mktime((2025, 1, 14, 9, 30, 41, 0, 0, -1)),
              matrix: time.mktime((2025, 2, 3, 17, 5, 0, 0, 0, -1)) + 0.7}
    assert zip_members("2025-01", bundle, mtimes) == [
        (brief, "2025-01_seram-bagian-timur_teluk-waru_briefs.pdf", (2025, 1, 14, 9, 30, 41)),
        (matrix, "2025-01_seram-bagian-timur_teluk-waru_matrix.xlsx", (2025, 2, 3, 17, 5, 0))]
    assert zip_date_time(0)[0] == 1980  # zip cannot say 1970
