"""Not reported is not zero (contract §4): a kegiatan file without budget and beneficiary columns
for one kecamatan runs through the real flow; its summary cells are empty and its brief says
"tidak dilaporkan", never Rp0 or L 0."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.e2e.conftest import ROUND, Bangkit
from tests.fixtures import ACTIVITY_HEADERS, sbt_activities, write_csv
from tests.pdftext import flat, pdf_text

UNREAD = ("anggaran_rencana", "anggaran_realisasi", "penerima_laki_laki", "penerima_perempuan")


def test_a_kecamatan_without_budget_columns_is_not_reported_not_zero(
        bangkit: Bangkit, raw_dir: Path, reference_dir: Path, tmp_path: Path) -> None:
    folder = raw_dir / ROUND
    rows = sbt_activities()
    others = [r for r in rows if r[1] != "Pulau Gorom"]
    write_csv(folder / "sbt_kegiatan.csv", ACTIVITY_HEADERS, others)
    keep = [i for i, h in enumerate(ACTIVITY_HEADERS) if h not in UNREAD]
    write_csv(folder / "pulau_gorom_kegiatan.csv", [ACTIVITY_HEADERS[i] for i in keep],
              [[r[i] for i in keep] for r in rows if r[1] == "Pulau Gorom"])
    out = tmp_path / "out"
    result = bangkit.run(raw_dir, out, reference_dir)
    assert result.exit_code == 0, result.output

    summary = pd.read_csv(out / ROUND / "summary_kecamatan.csv", dtype=str, keep_default_na=False)
    pg = summary.set_index("kecamatan").loc["Pulau Gorom"]
    assert pg["activities_total"] == "1"
    for column in ("budget_planned", "budget_realized", "budget_realization_pct",
                   "beneficiaries_male", "beneficiaries_female"):
        assert pg[column] == "", column
    assert pg["mean_progress_pct"] == "40.0"  # progress was read
    assert summary.set_index("kecamatan").loc["Teluk Waru", "budget_planned"] == "35000000"

    brief = flat(pdf_text(out / ROUND / "briefs" / "seram-bagian-timur" / "pulau-gorom.pdf"))
    assert "tidak dilaporkan" in brief
    assert "Rp0" not in brief and "L 0 ·" not in brief and "P 0 ·" not in brief
    district = flat(pdf_text(out / ROUND / "briefs" / "seram-bagian-timur" / "kabupaten.pdf"))
    assert "tidak dilaporkan" in district and "Rp0" not in district
