"""The Progress page's charts: each an SVG, a headline, a legend and a table alternative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from rejection.progress.insights import Insights
from rejection.web.charts import words
from rejection.web.charts.bars import paired_bars, stacked_bars
from rejection.web.charts.calendar import calendar_heatmap, streak_strip
from rejection.web.charts.lines import Series, column_chart, line_chart
from rejection.web.charts.svg import DASH, month_ticks
from rejection.web.copy import OUTCOME_TILES, percent

OUTCOME_KEYS = [
    (OUTCOME_TILES[o][0], o)
    for o in ("rejected", "no_response", "partial", "accepted", "pending", "avoided")
]
HEAT_LEGEND = [
    ("cell-0", "None"),
    ("cell-1", "1 ask"),
    ("cell-2", "2"),
    ("cell-3", "3"),
    ("cell-4", "4 or more"),
    ("rest", "Rest day"),
]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]

    def body_html(self) -> SafeString:
        """Return the rows as escaped HTML (built here: a template loop per cell is slow)."""
        parts = []
        for head, *cells in self.rows:
            parts.append(f'<tr><th scope="row">{escape(str(head))}</th>')
            parts.extend(f"<td>{escape(str(cell))}</td>" for cell in cells)
            parts.append("</tr>")
        return mark_safe("".join(parts))


@dataclass(frozen=True)
class Panel:
    key: str
    heading: str
    sentence: str = ""
    svg: SafeString | None = None  # None: nothing to draw yet, show `empty`
    legend: Sequence[tuple[str, str]] = ()  # (swatch class, words)
    note: str = ""
    table: Table | None = None
    empty: str = ""


def _pct(value: float | None) -> str:
    shown = percent(value)
    return DASH if shown is None else f"{shown}%"


def _one(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f}"


def _span(start: dt.date, end: dt.date) -> str:
    return f"from {words.day_words(start)} to {words.day_words(end)}"


def _cell(day: dt.date, insights: Insights) -> str:
    """A date for a table cell, kept on one line, with its year when the window spans two."""
    both = insights.start.year != insights.end.year
    return words.day_words(day, year=both).replace(" ", "\u00a0")


def first_day(insights: Insights) -> dt.date:
    """Return the day the charts over time start on: the window's start, or, for someone
    newer than the window, their first day (never weeks of nothing before it)."""
    first = words.first_active(insights)
    return insights.start if first is None else max(insights.start, first)


def active_start(insights: Insights) -> dt.date:
    """Return the Monday of the week the charts by week start on (see first_day)."""
    first = first_day(insights)
    return max(insights.start, first - dt.timedelta(days=first.weekday()))


def nerves_panel(insights: Insights) -> Panel:
    start = first_day(insights)
    days = [start + dt.timedelta(days=n) for n in range((insights.end - start).days + 1)]
    index = {day: n for n, day in enumerate(days)}
    points = [p for p in insights.series if p.date in index]
    series = [
        Series("Before, daily", "before", [(index[p.date], p.before) for p in points], "dots"),
        Series("After, daily", "after", [(index[p.date], p.after) for p in points], "dots"),
        Series("Before, 7 days", "before", [(index[p.date], p.rolling_before) for p in points]),
        Series("After, 7 days", "after", [(index[p.date], p.rolling_after) for p in points]),
    ]
    title = "Nerves before and after each ask, 0 to 10"
    desc = (
        f"Daily average nerves before and after asking, {_span(start, insights.end)}, "
        "with lines for the 7-day average. " + words.nerves_sentence(insights)
    )
    return Panel(
        key="nerves",
        heading="Nerves over time",
        sentence=words.nerves_sentence(insights),
        svg=mark_safe(line_chart("chart-nerves", title, desc, days, series)) if points else None,
        legend=[("before", "Before asking"), ("after", "After asking")],
        note="Each dot is one day's average; each line is the average of the 7 days up to it.",
        table=Table(
            "Nerves per day, 0 to 10 (daily averages and 7-day averages)",
            ["Day", "Before", "After", "7-day before", "7-day after"],
            [
                [
                    _cell(p.date, insights),
                    _one(p.before),
                    _one(p.after),
                    _one(p.rolling_before),
                    _one(p.rolling_after),
                ]
                for p in points
            ],
        ),
        empty="Rate your nerves before and after an ask when you log it, and this chart "
        "will show how they settle over time.",
    )


def expected_panel(insights: Insights) -> Panel:
    answered = [row for row in insights.by_category if row.completed]
    rows = [
        ("All your asks", percent(insights.overall_predicted), percent(insights.overall_actual))
    ]
    rows += [(row.name, percent(row.predicted), percent(row.actual)) for row in answered]
    title = "Expected chance of a no against what happened"
    desc = words.expected_sentence(insights.overall_predicted, insights.overall_actual) or (
        "Your guesses of a no compared with the answers you got, overall and by kind of ask."
    )
    table_rows = [
        [
            "All your asks",
            _pct(insights.overall_predicted),
            _pct(insights.overall_actual),
            insights.stats["completed"],
        ]
    ]
    table_rows += [[r.name, _pct(r.predicted), _pct(r.actual), r.completed] for r in answered]
    return Panel(
        key="expected",
        heading="Expected and real, by kind of ask",
        sentence=words.surprise_sentence(insights),
        svg=mark_safe(paired_bars("chart-expected", title, desc, rows)) if answered else None,
        legend=[("expected", "Expected a no"), ("got", "Got a no")],
        table=Table(
            "Expected and real chance of a no",
            ["Kind of ask", "Expected a no", "Got a no", "Answered asks"],
            table_rows,
        ),
    )


def weekly_panel(insights: Insights) -> Panel:
    start = active_start(insights)
    weeks = [week for week in insights.weekly if week.start >= start]
    ticks = month_ticks([week.start for week in weeks], max(len(weeks) // 6, 3))
    rates = [None if w.yes_rate is None else w.yes_rate * 100 for w in weeks]
    title = "Share of answered asks that got a yes, per week"
    desc = f"Yes rate per week, {_span(start, insights.end)}. " + words.weekly_sentence(insights)
    answered = any(rate is not None for rate in rates)
    return Panel(
        key="weekly",
        heading="Yes rate by week",
        sentence=words.weekly_sentence(insights),
        svg=mark_safe(column_chart("chart-weekly", title, desc, rates, ticks))
        if answered
        else None,
        note="Weeks without an answered ask show a short line on the base.",
        table=Table(
            "Asks and yes rate per week",
            ["Week from", "Asks", "Answered", "Yes rate"],
            [
                [_cell(w.start, insights), w.asks, w.completed, _pct(w.yes_rate)]
                for w in weeks
                if w.asks
            ],
        ),
        empty="Once your asks get answers, you'll see here how often people say yes.",
    )


def categories_panel(insights: Insights) -> Panel:
    rows = insights.by_category
    outcomes = [key for _, key in OUTCOME_KEYS]
    bars = [(row.name, [getattr(row, key) for key in outcomes]) for row in rows]
    title = "What happened, by kind of ask"
    desc = "Asks per kind of situation, split by outcome. " + words.categories_sentence(insights)
    chart = stacked_bars("chart-categories", title, desc, bars, [(w, k) for w, k in OUTCOME_KEYS])
    return Panel(
        key="categories",
        heading="Outcomes by kind of ask",
        sentence=words.categories_sentence(insights),
        svg=mark_safe(chart) if rows else None,
        legend=[(key, label) for label, key in OUTCOME_KEYS],
        table=Table(
            "Asks by kind and outcome",
            ["Kind of ask", *(label for label, _ in OUTCOME_KEYS), "All"],
            [[row.name, *(getattr(row, key) for key in outcomes), row.asks] for row in rows],
        ),
    )


def calendar_panel(insights: Insights) -> Panel:
    start = active_start(insights)
    days = [(day.date, day.asks, day.rest_day) for day in insights.heatmap if day.date >= start]
    title = "Asks per day"
    desc = (
        f"A calendar of your asks per day, {_span(start, insights.end)}, weeks as "
        "columns and "
        "Monday to Sunday as rows; rest days are marked with a dot. "
        + words.calendar_sentence(insights)
    )
    return Panel(
        key="calendar",
        heading="Your asking calendar",
        sentence=words.calendar_sentence(insights)
        or f"Nothing logged in {words.window_words(insights)} yet. Today is a fine day to start.",
        svg=mark_safe(calendar_heatmap("chart-calendar", title, desc, days)),
        legend=HEAT_LEGEND,
        table=Table(
            "Days with asks or rest",
            ["Day", "Asks", "Rest day"],
            [
                [_cell(d.date, insights), d.asks, "yes" if d.rest_day else ""]
                for d in insights.heatmap
                if d.asks or d.rest_day
            ],
        ),
    )


def streak_panel(insights: Insights) -> Panel:
    runs = [(r.start, r.end, r.length, r.rest_dates) for r in insights.streak_runs]
    start = active_start(insights)
    rule = "holds a no" if insights.streak_mode == "classic" else "holds an answered ask"
    title = "Streak runs"
    desc = (
        f"Runs of days in a row that kept your streak, {_span(start, insights.end)}; "
        "rest days are marked. " + words.streak_sentence(insights)
    )
    return Panel(
        key="streaks",
        heading="Streak history",
        sentence=words.streak_sentence(insights),
        svg=mark_safe(streak_strip("chart-streaks", title, desc, start, insights.end, runs))
        if runs
        else None,
        legend=[("run", "Days that count"), ("rest", "Rest day")],
        note=f"A day counts when it {rule}; a rest day keeps a run going without adding to it. "
        "The number above a run is its length in days.",
        table=Table(
            "Streak runs",
            ["From", "To", "Days that count", "Rest days"],
            [
                [_cell(r.start, insights), _cell(r.end, insights), r.length, r.rest_days]
                for r in insights.streak_runs
            ],
        ),
        empty=f"A run starts on any day that {rule}. Your first one will show up here.",
    )


def panels_for(insights: Insights) -> dict[str, Panel]:
    """Build every chart panel the Progress page shows, keyed by name."""
    builders = (
        nerves_panel,
        expected_panel,
        weekly_panel,
        categories_panel,
        calendar_panel,
        streak_panel,
    )
    panels = [build(insights) for build in builders]
    return {panel.key: panel for panel in panels}
