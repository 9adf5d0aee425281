"""What a run tells the Prefect UI about a round: a short markdown summary (the key figures per
kabupaten, what was set aside, what was re-rendered) and the kecamatan table."""

from __future__ import annotations

import re

import pandas as pd

from transforms.contract.labels import label
from transforms.present.brief_sections import key_figures

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def _md(text: object) -> str:
    """Plain text inside markdown: no markup, no HTML."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def round_summary_markdown(round_label: str, by_kabupaten: pd.DataFrame, quarantined_rows: int,
                           warnings: int, rendered: list[str], total_briefs: int, lang: str) -> str:
    lines = [f"# {_md(round_label)}"]
    for summary in by_kabupaten.to_dict("records"):
        lines += ["", f"## {label('kabupaten', lang)} {_md(summary['kabupaten'])}", ""]
        lines += [f"- **{_md(f['label'])}**: {_md(f['value'])}"
                  + (f" ({_md(f['detail'])})" if f["detail"] else "")
                  for f in key_figures(summary, lang)]
    lines += ["", label("artifact_quality", lang, quarantined=quarantined_rows, warnings=warnings),
              "", label("artifact_briefs", lang, rendered=len(rendered), total=total_briefs)]
    lines += [f"- `{_md(path)}`" for path in rendered]
    return "\n".join(lines) + "\n"


def artifact_key(round_id: str, what: str) -> str:
    """Prefect artifact keys: lower-case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9-]+", "-", f"bangkit-{round_id}-{what}".lower())
