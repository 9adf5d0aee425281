"""The round's validation page reads on an offline laptop: headless Chromium with every network
request sent to a closed port still shows each table's expectations, and the file names no web
address to load. (GX's own Data Docs drew their styles and scripts from CDNs and showed, offline,
little more than two "Clear Filters" buttons.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Rendered
from transforms.contract.labels import label
from transforms.contract.tables import TABLES
from transforms.validate.quarantine import column_rules

BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(n)), None)
OFFLINE = ("--headless", "--disable-gpu", "--no-sandbox", "--proxy-server=127.0.0.1:9",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--no-first-run", "--disable-extensions")


def _dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM after Chromium loaded it, with no network at all."""
    done = subprocess.run([BROWSER, *OFFLINE, f"--user-data-dir={profile}", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_validation_page_names_no_web_address(rendered: Rendered) -> None:
    html = (rendered.round_dir / "validation" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert not re.search(r"<(?:script|link)\b", html)  # its style is inline, it has no script


@pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine (scripts/install-system-"
                                            "packages.sh does not install a browser)")
def test_validation_page_renders_offline_in_chromium(rendered: Rendered, tmp_path: Path) -> None:
    dom = _dump_dom(rendered.round_dir / "validation" / "index.html", tmp_path / "profile")
    assert label("vdocs_summary", "id") in dom and label("vdocs_summary", "en") in dom
    tables = re.findall(r'<table class="expectations" data-table="(\w+)">', dom)
    checked = [name for name, t in TABLES.items() if name != "recommendations"]
    assert tables == [TABLES[name].name_id for name in checked]  # the round has no rekomendasi
    rules = re.findall(r'data-rule="([\w.]+)"', dom)
    assert sorted(rules) == sorted(r.rule_id for r in column_rules() if r.table in checked)
    assert dom.count("<tr") == len(rules) + len(tables) * 2 + 1  # no other rows: nothing added
