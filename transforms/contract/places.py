"""The place hierarchy of the programme, outermost first."""

from __future__ import annotations

# The place hierarchy, outermost first: every grouping of the pipeline is a prefix of it.
PLACE_LEVELS: tuple[str, ...] = ("kabupaten", "kecamatan", "desa")
KABUPATEN_KEY: list[str] = list(PLACE_LEVELS[:1])
KECAMATAN_KEY: list[str] = list(PLACE_LEVELS[:2])
VILLAGE_KEY: list[str] = list(PLACE_LEVELS)
