"""What a brief is as a PDF: metadata, tags, embedded fonts, every glyph, charts, and hostile
village text that must show literally, attach nothing, read nothing and still lay out."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.e2e.conftest import Bangkit
from tests.fixtures import ACTIVITY_HEADERS, PROJECT, act, basic_round, write_csv, write_reference
from tests.pdftext import flat, pdf_text
from transforms.contract.layout import brief_path, preview_path

ALPHABET = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
            "“kutip” ‘tunggal’ « » – — … ² ° ± × é è ê ñ ç ü Rp1.500.000,50 45,5% ½")
HOSTILE = {
    "img": '<img src="file:///etc/passwd">',
    "attachment": '<link rel="attachment" href="file:///etc/hostname">',
    "css": '<div style="background: url(file:///etc/passwd)">css</div>',
    "style": "<style>@import url(http://example.invalid/x.css);</style>",
}
LONG_WORD = "Pengadaanbibit" * 21 + "ZZ"  # 296 characters without a space
PARAGRAPH = ("Air pasang besar merusak keramba dan tali rumput laut. " * 92)[:5000]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory, bangkit: Bangkit) -> Path:
    base = tmp_path_factory.mktemp("pdfprops")
    reference = write_reference(base / "reference")
    raw = base / "raw"
    folder = basic_round(raw)
    write_csv(folder / "hostile_kegiatan.csv", ACTIVITY_HEADERS, [
        act("Madak", "TW-MAD-07", "macet", name=LONG_WORD, constraint=" ".join(HOSTILE.values()),
            category="dana",
            support=LONG_WORD, support_from="Dinas PMD", lesson=PARAGRAPH),
        act("Madak", "TW-MAD-08", "berjalan", name=ALPHABET, lesson=ALPHABET),
    ])
    out = base / "out"
    for lang in ("id", "en"):
        result = bangkit.run(raw, out / lang, reference, "--lang", lang,
                             *(["--preview"] if lang == "en" else []))
        assert result.exit_code == 0, result.output
        # the command line speaks the language asked for, too
        assert ("sub-district briefs" if lang == "en" else "ringkasan kecamatan") in result.output
    return out


def _brief(out: Path, lang: str = "id") -> Path:
    return out / lang / "2024-07" / brief_path("Seram Bagian Timur", "Teluk Waru", lang)


def _every_pdf(out: Path) -> list[Path]:
    return sorted(out.rglob("*.pdf"))


def test_metadata_title_author_subject_language(briefs: Path) -> None:
    for lang, title, author in (
            ("id", "Ringkasan Koordinasi Kecamatan: Kecamatan Teluk Waru", "Program BangKIT"),
            ("en", "Sub-district Coordination Brief: Sub-district Teluk Waru", "BangKIT Programme")):
        reader = PdfReader(_brief(briefs, lang))
        meta = reader.metadata
        assert meta.title == title
        assert meta.author == author
        assert meta.subject and "2024" in meta.subject
        assert reader.trailer["/Root"]["/Lang"] == lang
        # the date is the data's, not the clock's
        assert meta["/CreationDate"].startswith("D:20240")


def test_tagged_and_embedded_per_poppler(briefs: Path) -> None:
    """What `pdfinfo` and `pdffonts` (poppler-utils, installed by the set-up) report."""
    for pdf in _every_pdf(briefs):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.M), pdf
        assert re.search(r"^Title:\s+\S", info, re.M), pdf
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, pdf
        for line in fonts:
            name, emb, sub = line.split()[0], line.split()[-5], line.split()[-4]
            assert (emb, sub) == ("yes", "yes"), (pdf, line)
            assert "BangKIT-Sans" in name, (pdf, line)  # the served DejaVu, no system fallback


def test_every_character_is_drawn(briefs: Path) -> None:
    text = pdf_text(_brief(briefs))
    assert ALPHABET in text.replace("\n", " ")
    # no glyph fell back to .notdef: pdfminer would show it as (cid:N)
    assert "(cid:" not in text


def test_hostile_text_is_literal_and_inert(briefs: Path) -> None:
    pdf = _brief(briefs)
    text = flat(pdf_text(pdf))
    for markup in HOSTILE.values():
        assert markup in text, markup
    reader = PdfReader(pdf)
    assert reader.attachments == {}
    body = pdf.read_bytes()
    assert b"root:x:0" not in body and b"/EmbeddedFile" not in body


def test_long_words_and_paragraphs_still_lay_out(briefs: Path) -> None:
    pdf = _brief(briefs)
    text = pdf_text(pdf).replace("\n", "").replace(" ", "")
    assert LONG_WORD in text  # an activity name: broken across lines, not cut off
    # village free text is quoted shortened (full text stays in the clean data)
    assert PARAGRAPH.replace(" ", "")[:150] in text
    assert len(PdfReader(pdf).pages) < 20
    for page in PdfReader(pdf).pages:  # nothing drawn outside the page
        assert float(page.mediabox.width) in (pytest.approx(595.3, abs=1), pytest.approx(841.9, abs=1))


def test_charts_are_drawn_with_their_numbers(briefs: Path) -> None:
    text = flat(pdf_text(_brief(briefs)))
    for title in ("Status kegiatan per desa", "Status kegiatan per putaran",
                  "Penerima manfaat dan peserta menurut jenis kelamin",
                  "Anggaran per desa: rencana dan realisasi", "Angka grafik"):
        assert title in text, title
    english = flat(pdf_text(_brief(briefs, "en")))
    assert "Activity status by village" in english and "Chart figures" in english
    images = [image for page in PdfReader(_brief(briefs)).pages
              for image in page.get("/Resources", {}).get("/XObject", {}).values()]
    assert len(images) >= 4  # one form XObject per SVG chart


def test_page_one_stands_alone(briefs: Path) -> None:
    first = flat(PdfReader(_brief(briefs)).pages[0].extract_text())
    for heading in ("Angka kunci", "Apa yang berjalan", "Apa yang tidak berjalan dan mengapa",
                    "Dukungan yang diminta dari kabupaten"):
        assert heading in first, heading
    assert "Dinas PMD" in first  # the agency asked, already on page 1


def test_preview_shows_page_one_of_every_brief(briefs: Path) -> None:
    """`--preview` writes page 1 of each brief as an A4-shaped PNG with ink on it; without the
    flag, no preview folder."""
    round_dir = briefs / "en" / "2024-07"
    pdfs = sorted((round_dir / "briefs").rglob("*.pdf"))
    expected = sorted(preview_path(p.relative_to(round_dir).as_posix()) for p in pdfs)
    made = sorted(p.relative_to(round_dir).as_posix() for p in (round_dir / "preview").glob("*.png"))
    assert made == expected
    assert {"preview/seram-bagian-timur_kabupaten.en.png",
            "preview/seram-bagian-timur_teluk-waru.en.png"} <= set(expected)
    for png in (round_dir / "preview").glob("*.png"):
        with Image.open(png) as image:
            width, height = image.size
            assert abs(height / width - 297 / 210) < 0.01 and width > 500
            darkest, lightest = image.convert("L").getextrema()
            assert darkest < 60 and lightest > 240  # text on paper, not a blank or black page
    assert not (briefs / "id" / "2024-07" / "preview").exists()


def test_kecamatan_brief_stays_small(briefs: Path) -> None:
    """Under 500 KB even with a 5,000-character paragraph, charts and every glyph."""
    for lang in ("id", "en"):
        assert _brief(briefs, lang).stat().st_size < 500_000


RENDER_ONE = """
import sys
from benchmarks.render import bundled_jobs
from flows.rendering import BriefRenderer
from transforms.present.briefs import brief_view
job = bundled_jobs("2024-07", "id")[0]
sys.stdout.buffer.write(BriefRenderer().render(job.template, brief_view(job.inputs))[0])
"""


def test_fonts_come_with_the_project_not_the_machine(tmp_path: Path) -> None:
    """A machine with no font at all renders the same bytes as this one: the typeface is the
    one installed by pip (matplotlib's DejaVu Sans), served by the renderer."""
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    runs = {}
    for machine, extra in (("usual", {}), ("no fonts", {"FONTCONFIG_FILE": str(tmp_path / "fonts.conf")})):
        env = {**os.environ, **extra, "PYTHONPATH": str(PROJECT)}
        runs[machine] = subprocess.run([sys.executable, "-c", RENDER_ONE], capture_output=True,
                                       env=env, cwd=PROJECT, check=True, timeout=300).stdout
    assert runs["usual"].startswith(b"%PDF") and runs["usual"] == runs["no fonts"]
