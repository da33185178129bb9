"""Charts with a y axis: a line chart over days and a column chart over weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rejection.web.charts.svg import (
    SMALL,
    WIDTH,
    clamp,
    esc,
    finite,
    line,
    month_ticks,
    num,
    rect,
    svg,
    text,
)

LEFT, RIGHT, TOP, BOTTOM = 30, 10, 10, 24


@dataclass(frozen=True)
class Series:
    """One series: (x index, value) points drawn as a line (`line`) or as dots (`dots`)."""

    label: str
    css: str
    points: Sequence[tuple[int, float | None]]
    kind: str = "line"


def _frame(plot_h: float, y_max: float, ticks: Sequence[float], suffix: str) -> list[str]:
    parts = []
    for tick in ticks:
        y = TOP + plot_h - clamp(tick / y_max, 0, 1) * plot_h
        parts.append(line(LEFT, y, WIDTH - RIGHT, y, "chart__grid"))
        parts.append(text(LEFT - 5, y + 4, f"{num(tick)}{suffix}", "chart__tick", "end", SMALL))
    return parts


def _x_labels(ticks: Sequence[tuple[int, str]], x_of: object, bottom: float) -> list[str]:
    return [
        text(x_of(index), bottom + 17, label, "chart__tick", "middle", SMALL)  # type: ignore[operator]
        for index, label in ticks
    ]


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    days: Sequence[dt.date],
    series: Sequence[Series],
    y_max: float = 10,
    y_ticks: Sequence[float] = (0, 5, 10),
    height: int = 200,
) -> str:
    """Draw series over consecutive days (x index into `days`) on a 0-y_max scale."""
    y_max = finite(y_max) or 1.0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    count = max(len(days), 1)

    def x_of(index: float) -> float:
        if count == 1:
            return LEFT + plot_w / 2
        return LEFT + clamp(index / (count - 1), 0, 1) * plot_w

    def y_of(value: float) -> float:
        return TOP + plot_h - clamp(value / y_max, 0, 1) * plot_h

    parts = _frame(plot_h, y_max, y_ticks, "")
    parts.append(line(LEFT, TOP + plot_h, WIDTH - RIGHT, TOP + plot_h, "chart__axis"))
    gap = max(int(count * 34 / plot_w) + 1, 1)  # about 34 units between month names
    parts += _x_labels(month_ticks(days, gap), x_of, TOP + plot_h)
    for one in series:
        css = esc(f"series series--{one.css}")
        points = [(x_of(x), y_of(v)) for x, v in _valid(one.points)]
        if one.kind == "dots":
            parts += [
                f'<circle cx="{num(x)}" cy="{num(y)}" r="2.5" class="{css} series__dot"/>'
                for x, y in points
            ]
        elif len(points) == 1:
            x, y = points[0]
            parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="3.5" class="{css} series__dot"/>')
        elif points:
            path = " ".join(
                f"{'M' if n == 0 else 'L'}{num(x)} {num(y)}" for n, (x, y) in enumerate(points)
            )
            parts.append(f'<path d="{path}" class="{css} series__line"/>')
    return svg(chart_id, title, desc, height, parts, "chart--line")


def _valid(points: Sequence[tuple[int, float | None]]) -> list[tuple[float, float]]:
    valid = []
    for x, value in points:
        fx, fv = finite(x), finite(value)
        if fx is not None and fv is not None:
            valid.append((fx, fv))
    return sorted(valid)


def column_chart(
    chart_id: str,
    title: str,
    desc: str,
    columns: Sequence[float | None],
    ticks: Sequence[tuple[int, str]] = (),
    y_max: float = 100,
    y_ticks: Sequence[float] = (0, 50, 100),
    suffix: str = "%",
    height: int = 180,
) -> str:
    """Draw one column per value (None: no column, a faint mark on the base line)."""
    y_max = finite(y_max) or 1.0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    count = max(len(columns), 1)
    slot = plot_w / count
    bar = max(slot * 0.7, 0.5)

    def x_of(index: float) -> float:
        return LEFT + slot * (index + 0.5)

    parts = _frame(plot_h, y_max, y_ticks, suffix)
    base = TOP + plot_h
    for index, raw in enumerate(columns):
        value = finite(raw)
        left = x_of(index) - bar / 2
        if value is None:
            parts.append(rect(left, base - 1.5, bar, 1.5, "column column--empty"))
            continue
        top = clamp(value / y_max, 0, 1) * plot_h
        parts.append(rect(left, base - top, bar, max(top, 1.5), "column", min(bar / 4, 2)))
    parts.append(line(LEFT, base, WIDTH - RIGHT, base, "chart__axis"))
    parts += _x_labels(ticks, x_of, base)
    return svg(chart_id, title, desc, height, parts, "chart--columns")
