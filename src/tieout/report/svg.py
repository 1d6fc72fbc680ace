"""Small charts drawn as inline SVG: stacked bars and lines, every label escaped.

The index page of a corpus shows what a reader would rather look at than read (findings
by year and code, a company's figures across quarters) with no chart library and no
request: the SVG is written here, as text, into the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape

PALETTE = (
    "#b42318", "#c4320a", "#bf8700", "#1a7f37", "#0969da", "#8250df", "#bf3989",
    "#57606a", "#0e7490", "#4d7c0f", "#9a3412", "#1d4ed8",
)  # fmt: skip


def _nice(top: float) -> float:
    """A round number at or above ``top`` for the axis."""
    if top <= 0:
        return 1.0
    step = 10.0 ** len(str(int(top))) / 10
    for factor in (1, 2, 2.5, 5, 10):
        if top <= step * factor:
            return step * factor
    return top


def stacked_bars(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    width: int = 640,
    height: int = 280,
) -> str:
    """Bars per category, stacked by series (``series[name][i]`` for ``categories[i]``)."""
    left, bottom, top_pad, legend_w = 44, 28, 26, 190
    plot_w, plot_h = width - left - legend_w - 10, height - bottom - top_pad
    totals = [sum(s[i] for s in series.values()) for i in range(len(categories))]
    top = _nice(max(totals, default=0))
    band = plot_w / max(len(categories), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="16" class="ctitle">{escape(title)}</text>',
    ]
    for k in range(5):
        value = top * k / 4
        y = top_pad + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" class="tick" text-anchor="end">{value:g}</text>'
        )
    for i, category in enumerate(categories):
        x = left + i * band + band * 0.15
        y = top_pad + plot_h
        for n, (name, values) in enumerate(series.items()):
            v = values[i]
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{band * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(category)}: '
                f"{escape(name)} {v}</title></rect>"
            )
        parts.append(
            f'<text x="{x + band * 0.35:.1f}" y="{top_pad + plot_h + 16}" class="tick" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    for n, name in enumerate(series):
        y = top_pad + 14 * n
        parts.append(
            f'<rect x="{width - legend_w}" y="{y}" width="10" height="10" '
            f'fill="{PALETTE[n % len(PALETTE)]}"/>'
            f'<text x="{width - legend_w + 14}" y="{y + 9}" class="tick">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def lines(
    title: str,
    points: Mapping[str, Sequence[tuple[str, Decimal]]],
    *,
    unit: str = "",
    width: int = 420,
    height: int = 200,
) -> str:
    """One line per series over the same ordered x labels (periods), values exact in
    the tooltip and scaled on the axis."""
    left, bottom, top_pad = 56, 30, 24
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    xs = sorted({x for series in points.values() for x, _ in series})
    values = [float(v) for series in points.values() for _, v in series]
    lo, hi = min([*values, 0.0]), max([*values, 0.0])
    span = (hi - lo) or 1.0
    step = plot_w / max(len(xs) - 1, 1)

    def y_of(v: float) -> float:
        return top_pad + plot_h - plot_h * (v - lo) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="14" class="ctitle">{escape(title)}</text>',
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y_of(0):.1f}" y2="{y_of(0):.1f}" class="grid"/>',
    ]
    for v in (lo, hi):
        parts.append(
            f'<text x="{left - 4}" y="{y_of(v) + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(_short(v))}{escape(unit)}</text>"
        )
    every = max(1, -(-len(xs) * 80 // plot_w))  # a label per 80 pixels at most
    for i, x in enumerate(xs):
        if i % every == 0:
            parts.append(
                f'<text x="{left + i * step:.1f}" y="{height - 10}" class="tick" '
                f'text-anchor="middle">{escape(x)}</text>'
            )
    for n, (name, series) in enumerate(points.items()):
        colour = PALETTE[(n + 4) % len(PALETTE)]
        pts = [(left + xs.index(x) * step, y_of(float(v)), x, v) for x, v in sorted(series)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in pts)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for px, py, label, exact in pts:
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {escape(label)}: {exact:,}</title></circle>"
            )
        parts.append(
            f'<text x="{left + 8 + 110 * n}" y="{top_pad + 2}" class="tick" fill="{colour}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(value: float) -> str:
    for size, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.1f}{word}"
    return f"{value:,.0f}"
