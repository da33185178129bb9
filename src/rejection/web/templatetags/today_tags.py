"""Helpers for Today, the log form and the celebration: local times and milestone icons."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from rejection.core.time import zone
from rejection.progress.milestones import icon_of
from rejection.web.copy import CELEBRATION, prediction_line
from rejection.web.templatetags import ui

register = template.Library()


@register.filter
def in_zone(moment: dt.datetime | None, name: str) -> dt.datetime | None:
    """Show an instant in the person's own time zone ("logged at 14:05" where they are)."""
    return None if moment is None else moment.astimezone(zone(name))


@register.filter
def milestone_icon(code: str) -> str:
    """Return the icon name a milestone code is drawn with."""
    return icon_of(code)


# Part A's milestone icon names (progress.milestones.icon_of), drawn with the design
# system's Lucide set.
LUCIDE = {
    "no": "medal",
    "yes": "circle-check",
    "streak": "flame",
    "bold": "mountain",
    "buster": "target",
    "star": "star",
}


@register.simple_tag
def icon(name: str, *args: Any, label: str = "", size: int = 20, css: str = "") -> SafeString:
    """The design system's `{% icon %}` where this library is loaded, also drawing a
    milestone's icon by its kind ("no", "streak"...). Takes the builtin's form
    (`{% icon "x" label="..." size=28 %}`) or the older `{% icon kind 32 %}` (a size second)."""
    for value in args:
        if isinstance(value, int):
            size = value
        else:
            label = str(value)
    if name in LUCIDE:
        css = f"micon micon--{name} {css}".strip()
        drawn = ui.icon(LUCIDE[name], label=label, size=size)
        return mark_safe(re.sub(r'class="[^"]*"', f'class="{css}"', drawn, count=1))
    return ui.icon(name, label=label, size=size, css=css)


@register.simple_tag
def celebration_headline(kind: str) -> str:
    return CELEBRATION.get(kind, CELEBRATION["yes"])[0]


@register.simple_tag
def celebration_line(kind: str) -> str:
    return CELEBRATION.get(kind, CELEBRATION["yes"])[1]


@register.simple_tag
def prediction(party: Any) -> str:
    """The chance of a no someone expected, set against what happened."""
    return prediction_line(party.prediction, party.kind, party.attempt.predicted_before)


# One icon per outcome, beside its word and colour (--o-<outcome>) on Today and the log.
OUTCOME_ICONS = {
    "rejected": "hand",
    "no_response": "circle-dashed",
    "partial": "circle-slash-2",
    "accepted": "thumbs-up",
    "pending": "hourglass",
    "avoided": "pause",
    "in_progress": "timer",
}


@register.filter
def outcome_icon(outcome: str) -> str:
    """Return the Lucide icon an outcome is shown with."""
    return OUTCOME_ICONS.get(str(outcome), "circle-help")
