"""What writing your own challenge accepts, for the deck page, the API and import."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from rejection.challenges.deck import shipped_categories
from rejection.core.contracts import Contract, Flag, Text, Whole, one_of, strip

LIMITS = {"title": 120, "script": 1000, "where": 300, "why": 1000, "safety": 1000}
MAX_TAGS = 10
TAG_LIMIT = 40

EASIEST, HARDEST = 1, 10
CategorySlug = Annotated[str, one_of(item.slug for item in shipped_categories())]
Difficulty = Annotated[int, Whole(EASIEST, HARDEST)]
# The same range in a query string, where every value arrives as text.
DifficultyParam = Annotated[int, Field(ge=EASIEST, le=HARDEST)]


def _tidy_tags(tags: list[str]) -> list[str]:
    tidy: list[str] = []
    for tag in tags:
        tag = strip(tag.lstrip("#")).lower()
        if tag and tag not in tidy:
            tidy.append(tag)
    return tidy


Tags = Annotated[
    list[Annotated[str, Text(TAG_LIMIT)]],
    Field(max_length=MAX_TAGS),
    AfterValidator(_tidy_tags),
]


class NewChallenge(Contract):
    """A challenge of your own: private to you, screened for safety, shareable after review."""

    title: Annotated[str, Text(LIMITS["title"], required=True)] = Field(
        description="A few words, e.g. Ask for a free refill."
    )
    script: Annotated[str, Text(LIMITS["script"])] = Field("", description="What to say.")
    where: Annotated[str, Text(LIMITS["where"])] = ""
    category: CategorySlug = Field(description="One of the deck's categories, by slug.")
    difficulty: Difficulty = Field(description="1 is a gentle start, 10 the scariest.")
    tags: Tags = Field(default_factory=list)
    why: Annotated[str, Text(LIMITS["why"])] = Field("", description="Why it helps.")
    safety: Annotated[str, Text(LIMITS["safety"])] = Field(
        "", description="Safety and consent: ask, never pressure; accept the first no."
    )
    answer_later: Flag = Field(False, description="The answer may come later (e-mail, message).")


class ChallengeChanges(Contract):
    """Editing your own challenge: only the fields sent change, and it is screened again."""

    # Absent means unchanged; none of them can be null.
    title: Annotated[str, Text(LIMITS["title"], required=True)] = None  # type: ignore[assignment]
    script: Annotated[str, Text(LIMITS["script"])] = None  # type: ignore[assignment]
    where: Annotated[str, Text(LIMITS["where"])] = None  # type: ignore[assignment]
    category: CategorySlug = Field(None, description="One of the deck's categories, by slug.")  # type: ignore[assignment]
    difficulty: Difficulty = Field(None, description="1 is a gentle start, 10 the scariest.")  # type: ignore[assignment]
    tags: Tags = None  # type: ignore[assignment]
    why: Annotated[str, Text(LIMITS["why"])] = None  # type: ignore[assignment]
    safety: Annotated[str, Text(LIMITS["safety"])] = None  # type: ignore[assignment]
    answer_later: Flag = None  # type: ignore[assignment]
