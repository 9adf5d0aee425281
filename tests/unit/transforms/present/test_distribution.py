"""Recipients and bundles (transforms/present/distribution.py), without a mail server or a run."""

from __future__ import annotations

import pandas as pd

from transforms.present.distribution import Bundle, bundles, message_text, recipient_problems


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

