"""The intake and the personal ladder."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import StrictBool

from rejection.api.schemas.common import Id, StrictIn, Text
from rejection.coach.areas import AREAS

AREA_KEYS = ", ".join(f"`{key}`" for key in AREAS)


class AreaOut(Schema):
    key: str
    label: str


class IntakeOut(Schema):
    ratings: dict[str, int] = Field(description="Area → 0-10, how uncomfortable it feels.")
    focus: list[str] = Field(description="Up to three areas to practise most.")
    goals: str = Field(description="What the user wants from the practice.")
    skipped: bool = Field(description="True when the user chose to skip the intake for now.")
    areas: list[AreaOut] = Field(description="Every area the intake asks about, in order.")


class IntakeIn(StrictIn):
    # Checked by the service, so that each problem is named `ratings.<area>`.
    ratings: dict[str, Any] = Field(
        description=f"Area → a whole number 0-10. Areas: {AREA_KEYS}; any left out are unrated.",
        json_schema_extra={
            "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 10}
        },
    )
    focus: list[Text] = Field(
        default_factory=list, max_length=9, description="Up to three area keys."
    )
    goals: Text = Field("", description="At most 1,000 characters.")
    skipped: StrictBool = False


class LadderChallengeOut(Schema):
    id: int
    title: str
    category: str = Field(description="The category's slug.")
    difficulty: int = Field(ge=1, le=10, description="The authored difficulty.")
    is_custom: bool


class LadderStepOut(Schema):
    position: int = Field(description="1 is the easiest end of the ladder.")
    challenge: LadderChallengeOut
    area: str
    expected_anxiety: float = Field(description="The nerves (0-10) the coach expects for you.")
    done: bool = Field(description="You have logged this challenge (an avoided ask doesn't count).")


class LadderOut(Schema):
    steps: list[LadderStepOut]


class LadderIn(StrictIn):
    steps: list[Id] = Field(
        max_length=100, description="1-15 distinct challenge ids, easiest first."
    )
