"""Drawing the briefs' charts: matplotlib → SVG bytes, the same bytes for the same data.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); stalled
activities and women are also hatched, so the charts read in black and white print.
Text stays text in the SVG (not paths), set in DejaVu Sans like the brief.
"""

from __future__ import annotations

import io
from dataclasses import replace

import matplotlib
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from transforms.present.charts import ChartSpec

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
    for index, series_spec in enumerate(spec.series):
        # Not reported (None) draws no bar; the table under the chart says "tidak dilaporkan".
        series = replace(series_spec, values=tuple(0.0 if v is None else v for v in series_spec.values))
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


def _text_width_in(texts: tuple[str, ...], size: float) -> float:
    """Width of the widest text in inches, measured with the chart's own font (no drawing)."""
    font = FontProperties(family="DejaVu Sans", size=size)
    renderer = RendererSVG(1, 1, io.StringIO())
    return max((renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in texts),
               default=0.0) / 72


def _place_axes(figure: Figure, spec: ChartSpec) -> None:
    """Margins from the measured labels, so the figure needs no tight-layout passes (each one
    draws the whole chart again: two thirds of the drawing time)."""
    width, height = figure.get_size_inches()
    tick_labels = _labels(spec) if spec.horizontal else (f"{_max_total(spec):,.0f}",)
    left = _text_width_in(tick_labels, 7) + 0.16 + (0 if spec.horizontal else 0.2)  # + unit label
    left = min(left, 0.45 * width)  # the plot keeps at least half the width
    bottom = 0.42 if spec.horizontal else 0.3  # tick labels (+ unit label below horizontal bars)
    top = 0.28  # the legend
    figure.subplots_adjust(left=left / width, right=1 - 0.12 / width,
                           bottom=bottom / height, top=1 - top / height)


LABEL_CHARS = 24  # longer place names are shortened on the chart; the table under it has them whole


def _labels(spec: ChartSpec) -> tuple[str, ...]:
    return tuple(c if len(c) <= LABEL_CHARS else c[:LABEL_CHARS - 1].rstrip() + "…"
                 for c in spec.categories)


def _max_total(spec: ChartSpec) -> float:
    if spec.stacked:
        return max((sum(v) for v in zip(*(s.values for s in spec.series), strict=True)), default=0)
    return max((v for s in spec.series for v in s.values if v is not None), default=0)


def draw(spec: ChartSpec) -> bytes:
    """One chart as SVG bytes."""
    figure = Figure(figsize=(WIDTH_IN, _height(spec)))
    _place_axes(figure, spec)
    axes = figure.add_subplot()
    _bars(axes, spec)
    positions = list(range(len(spec.categories)))
    if spec.horizontal:
        axes.set_yticks(positions, _labels(spec))
        axes.invert_yaxis()  # first village on top, as in the tables
        axes.set_xlabel(spec.unit)
        axes.xaxis.get_major_locator().set_params(integer=spec.value_format != "millions")
    else:
        axes.set_xticks(positions, _labels(spec))
        axes.set_ylabel(spec.unit)
        axes.yaxis.get_major_locator().set_params(integer=True)
    # The title is the brief's own text above the image (it wraps, and is never cut off); the
    # legend runs along the top from the figure's left edge, clear of the tick labels.
    handles, names = axes.get_legend_handles_labels()
    figure.legend(handles, names, fontsize=6, frameon=False, loc="upper left",
                  bbox_to_anchor=(0.0, 1.0), ncol=len(spec.series), borderaxespad=0.1,
                  handlelength=1.2, columnspacing=1.0)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    # The same font file under the family name the brief's stylesheet serves it by.
    return buffer.getvalue().replace(b"font-family: 'DejaVu Sans'", b"font-family: 'BangKIT Sans'")
