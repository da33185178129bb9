"""Challenges from the deck and users' own."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt

from rejection.api.schemas.common import StrictIn, Text

Tag = Annotated[Text, Field(max_length=40)]


class CategoryOut(Schema):
    slug: str
    name: str


class ChallengeOut(Schema):
    id: int
    slug: str | None
    title: str
    script: str = Field(description="What to say.")
    where: str
    category: CategoryOut
    difficulty: int = Field(ge=1, le=10)
    tags: list[str]
    why: str = Field(description="Why it helps.")
    safety: str = Field(description="Safety and consent.")
    answer_later: bool = Field(description="The answer arrives later (an e-mail or a message).")
    is_custom: bool


class ChallengePage(Schema):
    items: list[ChallengeOut]
    next_cursor: str | None


class ChallengeIn(StrictIn):
    title: Text = Field(min_length=1, max_length=120)
    script: Text = Field("", max_length=1000)
    where: Text = Field("", max_length=300)
    category: Text = Field(max_length=40, description="A category slug from the deck.")
    difficulty: StrictInt = Field(ge=1, le=10)
    tags: list[Tag] = Field(default_factory=list, max_length=10)
    why: Text = Field("", max_length=1000)
    safety: Text = Field("", max_length=1000)
    answer_later: StrictBool = False
