"""Drawing the charts: byte-stable SVG, the brief's own font family, long names that still fit."""

from __future__ import annotations

import re

from flows.charts import LABEL_CHARS, draw
from transforms.present.charts import ChartSpec, Series

LONG = "Desa Kampung Baru Sangat Panjang Namanya Lebih Dari Tujuh Puluh Huruf Ya"


def spec(*places: str) -> ChartSpec:
    return ChartSpec("status_by_place", "Status", "jumlah kegiatan", places,
                     (Series("berjalan", "Berjalan", tuple(1.0 for _ in places)),
                      Series("tidak_berjalan", "Tidak berjalan", tuple(2.0 for _ in places))),
                     stacked=True, horizontal=True)


def test_same_data_same_bytes_in_the_served_font() -> None:
    first, second = draw(spec("Madak", "Waru")), draw(spec("Madak", "Waru"))
    assert first == second
    assert b"font-family: 'BangKIT Sans'" in first and b"DejaVu" not in first


def test_a_very_long_place_name_is_shortened_and_the_plot_keeps_its_width() -> None:
    svg = draw(spec(LONG, "Waru")).decode()
    assert LONG not in svg and LONG[:LABEL_CHARS - 1].rstrip() + "…" in svg
    width = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
    assert width < 3.6 * 72  # not widened past its column
