"""Where outputs go: the folders and file names of a round's outputs, and the slugs they are made of."""

from __future__ import annotations

import re
import unicodedata


def slug(name: str) -> str:
    """`Pulau Gorom` → `pulau-gorom`: lower-case ASCII with `-`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tanpa-nama"
