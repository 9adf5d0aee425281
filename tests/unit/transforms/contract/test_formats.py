"""Every accepted format is listed where users look: the README names each in its words."""

from __future__ import annotations

from tests.fixtures import PROJECT
from transforms.contract.formats import ACCEPTED_FORMATS

SEARCHED = ("Excel 97-2003 (.xls)", "LibreOffice (.ods)", "Kobo labels export", "ODK Central zip",
            "CSV UTF-8", "Unicode Text", "Kobo's CSV export", "XML values and")


def test_readme_and_contract_name_every_format_as_users_search_for_it() -> None:
    readme = " ".join((PROJECT / "README.md").read_text(encoding="utf-8").split())
    contract = (PROJECT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    for words in SEARCHED:
        assert words in readme, words
    for f in ACCEPTED_FORMATS:
        assert f"| {f.name} |" in contract, f.name
    for words in ("Excel 97-2003 (.xls)", "Kobo labels export", "ODK Central zip"):
        assert any(words in f.name for f in ACCEPTED_FORMATS), words
