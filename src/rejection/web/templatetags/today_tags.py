"""Helpers for Today, the log form and the celebration: local times and milestone icons."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from rejection.core.time import zone
from rejection.progress.milestones import icon_of
from rejection.web.copy import CELEBRATION, prediction_line

register = template.Library()


@register.filter
def in_zone(moment: dt.datetime | None, name: str) -> dt.datetime | None:
    """Show an instant in the person's own time zone ("logged at 14:05" where they are)."""
    return None if moment is None else moment.astimezone(zone(name))


@register.filter
def milestone_icon(code: str) -> str:
    """Return the icon name a milestone code is drawn with."""
    return icon_of(code)


@register.inclusion_tag("web/_milestone_icon.html")
def icon(name: str, size: int = 32) -> dict[str, Any]:
    """Draw one of the milestone icons (an inline SVG, hidden from screen readers)."""
    return {"name": name, "size": size}


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
