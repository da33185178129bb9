"""Load the shipped deck (data/deck.json) into the database, idempotently."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from rejection.challenges.models import Category, Challenge
from rejection.challenges.signals import one_deck_change

DECK_PATH = Path(__file__).resolve().parent / "data" / "deck.json"
REQUIRED = ("slug", "title", "script", "where", "category", "difficulty", "why", "safety")


class DeckError(ValueError):
    """The deck file is malformed; the message names the entry and field."""


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int
    categories: int


@dataclass(frozen=True)
class CategoryInfo:
    slug: str
    name: str
    area: str  # the intake area it belongs to (coach.areas)


@lru_cache(maxsize=1)
def shipped_categories() -> tuple[CategoryInfo, ...]:
    """The deck's categories, in order: the one list every face and contract reads."""
    return tuple(
        CategoryInfo(item["slug"], item["name"], item["area"]) for item in read_deck()["categories"]
    )


def read_deck(path: Path = DECK_PATH) -> dict[str, Any]:
    """Read and check the deck file, raising DeckError on the first problem."""
    try:
        deck = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DeckError(f"{path}: {error}") from error
    slugs = {category["slug"] for category in deck.get("categories", [])}
    for category in deck.get("categories", []):
        if not category.get("area"):
            raise DeckError(f"category {category.get('slug')}: area is missing")
    seen: set[str] = set()
    for index, entry in enumerate(deck.get("challenges", [])):
        label = entry.get("slug") or f"entry {index}"
        for field in REQUIRED:
            if entry.get(field) in (None, ""):
                raise DeckError(f"{label}: {field} is missing")
        if entry["category"] not in slugs:
            raise DeckError(f"{label}: unknown category {entry['category']!r}")
        if not isinstance(entry["difficulty"], int) or not 1 <= entry["difficulty"] <= 10:
            raise DeckError(f"{label}: difficulty must be 1 to 10")
        if entry["slug"] in seen:
            raise DeckError(f"{label}: slug used twice")
        seen.add(entry["slug"])
    return deck


def load_deck(path: Path = DECK_PATH) -> LoadReport:
    """Create or update every category and challenge; re-running never duplicates."""
    deck = read_deck(path)
    created = updated = unchanged = 0
    with transaction.atomic(), one_deck_change():
        categories: dict[str, Category] = {}
        for position, item in enumerate(deck["categories"]):
            category, _ = Category.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "description": item.get("description", ""),
                    "position": position,
                },
            )
            categories[category.slug] = category
        existing = {c.slug: c for c in Challenge.objects.deck()}
        fields = ("title", "script", "where", "difficulty", "why", "safety")
        for entry in deck["challenges"]:
            values = {name: entry[name] for name in fields}
            values["category"] = categories[entry["category"]]
            values["tags"] = list(entry.get("tags", []))
            values["answer_later"] = bool(entry.get("answer_later", False))
            challenge = existing.get(entry["slug"])
            if challenge is None:
                Challenge.objects.create(slug=entry["slug"], **values)
                created += 1
                continue
            changed = [name for name, value in values.items() if getattr(challenge, name) != value]
            if changed:
                for name in changed:
                    setattr(challenge, name, values[name])
                challenge.save(update_fields=changed)
                updated += 1
            else:
                unchanged += 1
    return LoadReport(created, updated, unchanged, len(categories))
