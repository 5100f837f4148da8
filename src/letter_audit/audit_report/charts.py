"""Small inline SVG charts, written by hand so the report needs no plotting library and no network.

Each function returns one ``<svg>`` element with a ``<title>`` for screen readers; values are drawn
as given (the summary has already computed them).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_COLOUR = "#005eb8"  # NHS blue
RATING_COLOURS = {"good": "#007f3b", "needs_improvement": "#ffb81c", "poor": "#d5281b"}
_FONT = 'font-family="Arial, sans-serif" font-size="12"'


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f}{unit}" if float(value).is_integer() or unit == "%" else f"{value:.1f}{unit}"


def hbar_chart(
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    max_value: float,
    unit: str = "",
    width: int = 640,
    label_width: int = 260,
    colours: Sequence[str] | None = None,
) -> str:
    """Horizontal bars, one per (label, value); None draws no bar and says "n/a"."""
    row = 22
    height = row * len(items) + 30
    plot = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" {_FONT}>{escape(short)}</text>'
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 15}" {_FONT} fill="#768692">n/a</text>')
            continue
        w = 0.0 if max_value <= 0 else plot * max(0.0, min(value, max_value)) / max_value
        colour = colours[i] if colours else BAR_COLOUR
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{colour}"/>'
        )
        parts.append(f'<text x="{label_width + w + 4:.1f}" y="{y + 15}" {_FONT}>{_fmt(value, unit)}</text>')
    axis_y = 10 + len(items) * row
    parts.append(
        f'<line x1="{label_width}" y1="8" x2="{label_width}" y2="{axis_y}" '
        'stroke="#425563" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def vbar_chart(
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    max_value: float | None = None,
    unit: str = "",
    height: int = 220,
    bar_width: int = 44,
) -> str:
    """Vertical bars with labels under them (score histogram, scores by month)."""
    top, bottom, left = 20, 40, 10
    gap = 8
    width = max(left * 2 + len(items) * (bar_width + gap), 200)
    peak = max_value if max_value is not None else max((v or 0 for _, v in items), default=0)
    plot = height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    base = height - bottom
    for i, (label, value) in enumerate(items):
        x = left + i * (bar_width + gap)
        centre = x + bar_width / 2
        if value is not None:
            h = 0.0 if peak <= 0 else plot * max(0.0, min(value, peak)) / peak
            parts.append(
                f'<rect x="{x}" y="{base - h:.1f}" width="{bar_width}" height="{h:.1f}" fill="{BAR_COLOUR}"/>'
            )
            parts.append(
                f'<text x="{centre}" y="{base - h - 4:.1f}" text-anchor="middle" {_FONT}>'
                f"{_fmt(value, unit)}</text>"
            )
        parts.append(
            f'<text x="{centre}" y="{base + 16}" text-anchor="middle" {_FONT}>{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#425563" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
