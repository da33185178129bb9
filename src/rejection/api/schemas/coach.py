"""The intake and the personal ladder."""

from __future__ import annotations

from ninja import Field, Schema

from rejection.coach.contracts import IntakeAnswers, LadderOrder

__all__ = ["AreaOut", "IntakeAnswers", "IntakeOut", "LadderOrder", "LadderOut", "LadderStepOut"]


class AreaOut(Schema):
    key: str
    label: str


class IntakeOut(Schema):
    ratings: dict[str, int] = Field(description="Area → 0-10, how uncomfortable it feels.")
    focus: list[str] = Field(description="Up to three areas to practise most.")
    goals: str = Field(description="What the user wants from the practice.")
    skipped: bool = Field(description="True when the user chose to skip the intake for now.")
    areas: list[AreaOut] = Field(description="Every area the intake asks about, in order.")


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
