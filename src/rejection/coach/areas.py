"""The kinds of situation the intake asks about, and which deck categories belong to each."""

from __future__ import annotations

from rejection.challenges.deck import shipped_categories

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

# Each deck category belongs to one area; the deck file says which (its one source).
CATEGORY_AREAS: dict[str, str] = {item.slug: item.area for item in shipped_categories()}
DEFAULT_AREA = "strangers"


def area_of(category_slug: str) -> str:
    """Return the intake area a deck category belongs to."""
    return CATEGORY_AREAS.get(category_slug, DEFAULT_AREA)
