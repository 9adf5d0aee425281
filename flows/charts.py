"""Drawing the briefs' charts: matplotlib → SVG bytes, the same bytes for the same data.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); stalled
activities and women are also hatched, so the charts read in black and white print.
Text stays text in the SVG (not paths), set in DejaVu Sans like the brief.
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure

from transforms.charts import ChartSpec

matplotlib.rcParams.update({
    "svg.fonttype": "none",  # real text: selectable, searchable, smaller
    "svg.hashsalt": "bangkit",  # stable element ids → byte-identical SVGs
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.titlesize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
})

STYLE: dict[str, dict[str, object]] = {
    "belum_mulai": {"color": "#D9D9D9"},
    "berjalan": {"color": "#56B4E9"},
    "selesai": {"color": "#0072B2"},
    "tidak_berjalan": {"color": "#D55E00", "hatch": "///"},
    "male": {"color": "#0072B2"},
    "female": {"color": "#E69F00", "hatch": "\\\\\\"},
    "planned": {"color": "#D9D9D9"},
    "realized": {"color": "#009E73"},
}
WIDTH_IN = 3.4  # two charts side by side on A4 portrait
MM = 1 / 25.4


def _height(spec: ChartSpec) -> float:
    if spec.horizontal:
        return max(1.6, 0.9 + 0.22 * len(spec.categories) * (1 if spec.stacked else 1.5))
    return 2.2


def _bars(axes, spec: ChartSpec) -> None:
    positions = list(range(len(spec.categories)))
    count = len(spec.series)
    width = 0.7 if spec.stacked else 0.8 / count
    base = [0.0] * len(positions)
    for index, series in enumerate(spec.series):
        style = {"edgecolor": "#222222", "linewidth": 0.4, **STYLE.get(series.key, {})}
        offset = 0 if spec.stacked else (index - (count - 1) / 2) * width
        where = [p + offset for p in positions]
        if spec.horizontal:
            axes.barh(where, series.values, height=width, left=base if spec.stacked else None,
                      label=series.name, **style)
        else:
            axes.bar(where, series.values, width=width, bottom=base if spec.stacked else None,
                     label=series.name, **style)
        if spec.stacked:
            base = [b + v for b, v in zip(base, series.values, strict=True)]


def draw(spec: ChartSpec) -> bytes:
    """One chart as SVG bytes."""
    figure = Figure(figsize=(WIDTH_IN, _height(spec)))
    axes = figure.add_subplot()
    _bars(axes, spec)
    axes.set_title(spec.title, loc="left", fontweight="bold", pad=16)
    positions = list(range(len(spec.categories)))
    if spec.horizontal:
        axes.set_yticks(positions, spec.categories)
        axes.invert_yaxis()  # first village on top, as in the tables
        axes.set_xlabel(spec.unit)
        axes.xaxis.get_major_locator().set_params(integer=spec.value_format != "millions")
    else:
        axes.set_xticks(positions, spec.categories)
        axes.set_ylabel(spec.unit)
        axes.yaxis.get_major_locator().set_params(integer=True)
    # the legend sits between title and plot, where it cannot collide with tick labels
    axes.legend(fontsize=6, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0),
                ncol=len(spec.series), borderaxespad=0.2, handlelength=1.2, columnspacing=1.0)
    figure.tight_layout(pad=0.3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                   bbox_inches="tight", pad_inches=0.03)
    # The same font file under the family name the brief's stylesheet serves it by.
    return buffer.getvalue().replace(b"font-family: 'DejaVu Sans'", b"font-family: 'BangKIT Sans'")
