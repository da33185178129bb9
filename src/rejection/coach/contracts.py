"""What the intake and the ladder accept, for the pages and the API."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from rejection.coach.areas import AREAS
from rejection.core.contracts import Contract, Flag, Id, Text, Whole, one_of

MAX_FOCUS = 3
MAX_STEPS = 15
GOALS_LIMIT = 1000

AreaKey = Annotated[str, one_of(AREAS)]
Rating = Annotated[int, Whole(0, 10)]


def _each_once(items: list[Any]) -> list[Any]:
    if len(set(items)) != len(items):
        raise PydanticCustomError("unique", "Give each one once.")
    return items


# Lists of distinct items, as JSON Schema's uniqueItems says.
Focus = Annotated[
    list[AreaKey],
    Field(
        max_length=MAX_FOCUS,
        description="Up to three areas to practise most.",
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_each_once),
]
Steps = Annotated[
    list[Id],
    Field(
        min_length=1,
        max_length=MAX_STEPS,
        description="1-15 challenge ids, easiest first.",
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_each_once),
]


class IntakeAnswers(Contract):
    """How uncomfortable each kind of ask feels (0-10), what to focus on, and what you want."""

    ratings: dict[AreaKey, Rating] = Field(
        description="Area -> a whole number 0-10; any left out are unrated."
    )
    focus: Focus = Field(default_factory=list)
    goals: Annotated[str, Text(GOALS_LIMIT)] = Field("", description="What you want from this.")
    skipped: Flag = Field(False, description="Not now: earlier answers are kept.")


class LadderOrder(Contract):
    """The ladder's steps, easiest first: challenges you can use, each once."""

    steps: Steps
