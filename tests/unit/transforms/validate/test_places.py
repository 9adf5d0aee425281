"""Place resolution of a table's rows (transforms/validate/places.py)."""

from __future__ import annotations

import pandas as pd

from tests.fixtures import LOC_COLUMNS
from transforms.contract.reference import build_gazetteer


def test_name_of_another_kecamatan_is_not_fuzzy_matched_here() -> None:
    from transforms.validate.places import _resolve_combo

    rows = [("Sumba Barat Daya", "", "", "SBD", "", ""),
            ("Sumba Barat Daya", "Kodi", "Homba Rande", "", "", "2024-07"),
            ("Sumba Barat Daya", "Wewewa Tengah", "Omba Rade", "", "", "2024-07")]
    gazetteer = build_gazetteer(pd.DataFrame(rows, columns=LOC_COLUMNS))
    names, findings = _resolve_combo(("SBD", "Kodi", "Omba Rade"), gazetteer)
    assert names[2] is None
    assert findings[-1][1].candidates[0] == "Omba Rade (Kec. Wewewa Tengah)"
    names, _ = _resolve_combo(("SBD", "Kodi", "Homba Rnde"), gazetteer)
    assert names[2] == "Homba Rande"

