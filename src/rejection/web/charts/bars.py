"""Horizontal bar charts, one labelled row per item, so long names fit a phone."""

from __future__ import annotations

from collections.abc import Sequence

from rejection.web.charts.svg import DASH, FONT, SMALL, WIDTH, clamp, finite, num, rect, svg, text

LABEL_CHARS = 44  # about as many as fit across a phone at FONT size


def paired_bars(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, float | None, float | None]],
    keys: tuple[tuple[str, str], tuple[str, str]] = (("expected", "expected"), ("got", "got")),
    top: float = 100,
    suffix: str = "%",
) -> str:
    """Draw two bars per row (label, first, second) on a 0-top scale; None shows a dash."""
    top = finite(top) or 1.0
    bar_w = WIDTH - 100
    parts: list[str] = []
    y = 0.0
    for label, *values in rows:
        parts.append(text(0, y + 14, label, "chart__label", size=FONT, limit=LABEL_CHARS))
        for offset, raw, (word, css) in zip((20, 35), values, keys, strict=True):
            value = finite(raw)
            parts.append(rect(0, y + offset, bar_w, 11, "bar__track", 3))
            shown = DASH
            if value is not None:
                width = clamp(value / top, 0, 1) * bar_w
                parts.append(rect(0, y + offset, max(width, 2), 11, f"bar bar--{css}", 3))
                shown = f"{num(round(value))}{suffix}"
            parts.append(text(WIDTH, y + offset + 10, f"{word} {shown}", "chart__value", "end"))
        y += 56
    return svg(chart_id, title, desc, max(y, 10), parts, "chart--bars")


def stacked_bars(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    keys: Sequence[tuple[str, str]],
) -> str:
    """Draw one bar per row split into segments (in `keys` order), scaled to the largest row."""
    totals = [sum(max(finite(v) or 0, 0) for v in values) for _, values in rows]
    largest = max(totals, default=0) or 1
    bar_w = WIDTH - 40
    parts: list[str] = []
    y = 0.0
    for (label, values), total in zip(rows, totals, strict=True):
        parts.append(text(0, y + 14, label, "chart__label", size=FONT, limit=LABEL_CHARS))
        parts.append(rect(0, y + 20, bar_w, 16, "bar__track", 3))
        x = 0.0
        for raw, (_, css) in zip(values, keys, strict=False):
            width = max(finite(raw) or 0, 0) / largest * bar_w
            if width > 0:
                parts.append(rect(x, y + 20, width, 16, f"bar segment segment--{css}"))
                x += width
        parts.append(text(WIDTH, y + 33, num(total), "chart__value", "end", SMALL))
        y += 48
    return svg(chart_id, title, desc, max(y, 10), parts, "chart--bars")
