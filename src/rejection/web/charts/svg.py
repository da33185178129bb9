"""The pieces every chart is built from: safe text, numbers, the <svg> root and axes.

Everything a caller passes in (titles, labels) is cleaned of characters XML cannot
hold and escaped here, so a builder's output is always well-formed markup.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

WIDTH = 360  # viewBox units; about a 390-px phone's card, so 13 units read as ~12 px
FONT = 13
SMALL = 12
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "\u2013"  # shown for a figure there is nothing yet to work out from
# Characters XML 1.0 forbids even when escaped (controls, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object, limit: int | None = None) -> str:
    """Return text without characters XML cannot hold, shortened to `limit` with an ellipsis."""
    value = _NOT_XML.sub("", str(text))
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + "…"
    return value


def esc(text: object, limit: int | None = None) -> str:
    """Escape text for an XML text node or a double- or single-quoted attribute."""
    return (
        clean(text, limit)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def ident(text: object) -> str:
    """Turn text into a safe id fragment (letters, digits and dashes)."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", str(text)).strip("-") or "chart"


def finite(value: object) -> float | None:
    """Return value as a float, or None when it is missing or not a finite number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def num(value: float) -> str:
    """Format a coordinate compactly: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text(
    x: float,
    y: float,
    words: object,
    css: str = "",
    anchor: str = "start",
    size: int = SMALL,
    limit: int | None = None,
) -> str:
    klass = f' class="{esc(css)}"' if css else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" text-anchor="{anchor}"{klass}>'
        f"{esc(words, limit)}</text>"
    )


def rect(x: float, y: float, width: float, height: float, css: str, rx: float = 0) -> str:
    corner = f' rx="{num(rx)}"' if rx else ""
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(width, 0))}" '
        f'height="{num(max(height, 0))}"{corner} class="{esc(css)}"/>'
    )


def line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" class="{esc(css)}"/>'


def svg(
    chart_id: str, title: object, desc: object, height: float, body: Iterable[str], css: str = ""
) -> str:
    """Wrap chart markup in an accessible, viewBox-scaled <svg> with a title and description."""
    key = ident(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {esc(css)}" role="img" '
        f'viewBox="0 0 {WIDTH} {num(max(height, 1))}" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{key}-title {key}-desc" focusable="false">'
        f'<title id="{key}-title">{esc(title)}</title><desc id="{key}-desc">{esc(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def month_ticks(days: Sequence[dt.date], min_gap: int) -> list[tuple[int, str]]:
    """Return (index, "Mar") where each new month begins, dropping labels closer than min_gap."""
    ticks: list[tuple[int, str]] = []
    previous: tuple[int, int] | None = None
    for index, day in enumerate(days):
        month = (day.year, day.month)
        if month == previous:
            continue
        previous = month
        if index == 0 and day.day > 21:
            continue  # a month seen only at its tail would crowd the next label
        if ticks and index - ticks[-1][0] < min_gap:
            continue
        ticks.append((index, MONTHS[day.month - 1]))
    return ticks
