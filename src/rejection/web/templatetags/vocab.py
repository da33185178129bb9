"""One vocabulary: the intake's area a deck category belongs to, wherever a category shows."""

from __future__ import annotations

from django import template

from rejection.coach.areas import AREAS, CATEGORY_AREAS

register = template.Library()


@register.filter
def area_name(category_slug: str | None) -> str:
    """{{ challenge.category.slug|area_name }}: "Service staff" for "food-drink"."""
    area = CATEGORY_AREAS.get(category_slug or "")
    return AREAS.get(area, "") if area else ""
