"""Custom challenges: a user's own asks, private to them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from rejection.challenges.models import Category, Challenge

LIMITS = {"title": 120, "script": 1000, "where": 300, "why": 1000, "safety": 1000}


def create_custom_challenge(user: Any, data: dict[str, Any]) -> Challenge:
    """Save a private challenge the user wrote; every field is checked and named on error."""
    errors: dict[str, list[str]] = {}
    allowed = {
        "title",
        "script",
        "where",
        "category",
        "difficulty",
        "tags",
        "why",
        "safety",
        "answer_later",
    }
    for name in sorted(set(data) - allowed):
        errors[name] = ["Unknown field."]
    values: dict[str, Any] = {}
    for name, limit in LIMITS.items():
        text = data.get(name) or ""
        if not isinstance(text, str):
            errors[name] = ["Write this as text."]
        elif len(text.strip()) > limit:
            errors[name] = [f"Keep this to {limit:,} characters."]
        elif "\x00" in text:
            errors[name] = ["This text holds a NUL character, which cannot be saved."]
        else:
            values[name] = text.strip()
    if not values.get("title") and "title" not in errors:
        errors["title"] = ["Give your challenge a short title."]
    category = Category.objects.filter(slug=data.get("category") or "").first()
    if category is None:
        errors["category"] = ["Choose one of the deck's categories."]
    difficulty = data.get("difficulty")
    if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 1 <= difficulty <= 10:
        errors["difficulty"] = ["Choose a whole number from 1 to 10."]
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [tag for tag in tags.split(",")]
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        errors["tags"] = ["Give tags as a list of words."]
        tags = []
    tags = [tag.strip().lstrip("#").lower() for tag in tags if tag.strip()][:10]
    if any(len(tag) > 40 for tag in tags):
        errors["tags"] = ["Keep each tag to 40 characters."]
    if errors or category is None or not isinstance(difficulty, int):
        raise ValidationError(errors)
    return Challenge.objects.create(
        author=user,
        category=category,
        difficulty=difficulty,
        tags=tags,
        answer_later=bool(data.get("answer_later", False)),
        **values,
    )
