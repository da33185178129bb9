"""Small server-side SVG chart builders: pure functions from figures to escaped markup."""

from rejection.web.charts.bars import paired_bars, stacked_bars
from rejection.web.charts.calendar import calendar_heatmap, streak_strip
from rejection.web.charts.lines import Series, column_chart, line_chart

__all__ = [
    "Series",
    "calendar_heatmap",
    "column_chart",
    "line_chart",
    "paired_bars",
    "stacked_bars",
    "streak_strip",
]
