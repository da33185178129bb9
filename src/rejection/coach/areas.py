"""The kinds of situation the intake asks about, and which deck categories belong to each."""

from __future__ import annotations

AREAS: dict[str, str] = {
    "strangers": "Strangers",
    "service": "Service staff",
    "work": "Authority and work",
    "money": "Money and negotiation",
    "public": "Public attention",
    "silly": "Looking silly",
    "help": "Asking for help",
    "known": "People you know",
    "online": "Online",
}

CATEGORY_AREAS: dict[str, str] = {
    "strangers": "strangers",
    "community": "strangers",
    "service-staff": "service",
    "food-drink": "service",
    "travel-transport": "service",
    "work-career": "work",
    "money-negotiation": "money",
    "public-attention": "public",
    "looking-silly": "silly",
    "asking-help": "help",
    "people-you-know": "known",
    "online-messages": "online",
}
DEFAULT_AREA = "strangers"


def area_of(category_slug: str) -> str:
    """Return the intake area a deck category belongs to."""
    return CATEGORY_AREAS.get(category_slug, DEFAULT_AREA)
