"""Charts laid out on the calendar: a heatmap of asks per day and a strip of streak runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rejection.web.charts.svg import (
    MONTHS,
    SMALL,
    WIDTH,
    clamp,
    esc,
    finite,
    month_ticks,
    num,
    rect,
    svg,
    text,
)

HEAT_LEVELS = 4  # 0 asks, then 1, 2, 3 and 4 or more
DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "")


def heat_level(asks: object) -> int:
    """Return the shade of a day: 0 for none, up to HEAT_LEVELS for that many asks or more."""
    value = finite(asks) or 0
    return int(clamp(value, 0, HEAT_LEVELS)) if value >= 1 else 0


def calendar_heatmap(
    chart_id: str, title: str, desc: str, days: Sequence[tuple[dt.date, int, bool]]
) -> str:
    """Draw one square per day, weeks as columns and Monday to Sunday as rows."""
    ordered = sorted(days, key=lambda day: day[0])
    if not ordered:
        return svg(chart_id, title, desc, 10, [])
    first_monday = ordered[0][0] - dt.timedelta(days=ordered[0][0].weekday())
    weeks = (ordered[-1][0] - first_monday).days // 7 + 1
    left, top = 32, 18
    pitch = min((WIDTH - left - 2) / weeks, 22)
    cell = max(pitch - 2 if pitch > 6 else pitch * 0.8, 0.5)
    parts: list[str] = []
    if pitch >= 9:
        for row, name in enumerate(DAY_NAMES):
            if name:
                parts.append(
                    text(
                        left - 6,
                        top + row * pitch + cell / 2 + 4,
                        name,
                        "chart__tick",
                        "end",
                        SMALL,
                    )
                )
    last_label = -99.0
    for day, asks, rest in ordered:
        column = (day - first_monday).days // 7
        x = left + column * pitch
        y = top + day.weekday() * pitch
        level = heat_level(asks)
        parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(cell)}" height="{num(cell)}" '
            f'rx="{num(min(cell / 5, 2))}" class="cell cell--{level}">'
            f"<title>{esc(day.isoformat())}: {esc(asks)} ask{'' if asks == 1 else 's'}"
            f"{', rest day' if rest else ''}</title></rect>"
        )
        if rest:
            centre = cell / 2
            parts.append(
                f'<circle cx="{num(x + centre)}" cy="{num(y + centre)}" '
                f'r="{num(max(cell * 0.28, 0.3))}" class="cell__rest"/>'
            )
        # A month's name goes over the column holding its 1st (or the first column,
        # unless only that month's tail is shown), never crowding the previous name.
        first = day == ordered[0][0]
        if (day.day == 1 or (first and day.day <= 21)) and x - last_label >= 30:
            parts.append(text(x, top - 6, MONTHS[day.month - 1], "chart__tick", size=SMALL))
            last_label = x
    return svg(chart_id, title, desc, top + 7 * pitch + 2, parts, "chart--heatmap")


def streak_strip(
    chart_id: str,
    title: str,
    desc: str,
    start: dt.date,
    end: dt.date,
    runs: Sequence[tuple[dt.date, dt.date, int, Sequence[dt.date]]],
) -> str:
    """Draw the window as a strip, each streak run as a bar with its rest days marked."""
    if end < start:
        start, end = end, start
    total = (end - start).days + 1
    left, right = 4, 4
    day_w = (WIDTH - left - right) / total

    def x_of(day: dt.date) -> float:
        return left + clamp((day - start).days, 0, total) * day_w

    parts = [rect(left, 22, WIDTH - left - right, 20, "strip__track", 4)]
    label_end = -99.0
    longest = max((run[2] for run in runs), default=0)
    for run_start, run_end, length, rest_dates in sorted(runs, key=lambda run: run[0]):
        lo, hi = sorted((run_start, run_end))
        if hi < start or lo > end:
            continue
        x = x_of(max(lo, start))
        width = max(x_of(min(hi, end)) + day_w - x, 1.5)
        parts.append(rect(x, 22, width, 20, "run", min(3, width / 2)))
        for rest in rest_dates:
            if start <= rest <= end:
                parts.append(rect(x_of(rest), 22, max(day_w, 1.5), 20, "run__rest"))
        centre = x + width / 2
        words = f"{length}"
        if (width >= 10 or length == longest) and centre - 8 > label_end:
            parts.append(text(centre, 16, words, "chart__value", "middle", SMALL))
            label_end = centre + 4 * len(words) + 4
    days = [start + dt.timedelta(days=n) for n in range(total)] if total <= 800 else [start]
    for index, month in month_ticks(days, max(int(32 / day_w) + 1, 1)):
        parts.append(text(left + index * day_w, 58, month, "chart__tick", size=SMALL))
    return svg(chart_id, title, desc, 64, parts, "chart--strip")
