"""Challenges from the deck and users' own."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import SerializerFunctionWrapHandler, model_serializer

from rejection.challenges.contracts import ChallengeChanges, NewChallenge

__all__ = [
    "CategoryOut",
    "ChallengeChanges",
    "ChallengeOut",
    "ChallengePage",
    "NewChallenge",
    "ScreenOut",
]


class CategoryOut(Schema):
    slug: str
    name: str


class ScreenOut(Schema):
    flagged: bool = Field(description="True when a rule fired or the classifier held it.")
    held: bool = Field(description="True when held for a moderator (you can still use it).")
    category: str = Field(
        max_length=20, description="The safety category crossed, empty when not flagged."
    )
    reason: str = Field(max_length=400, description="Why, in plain words; empty when not flagged.")


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
    # Only on the caller's own custom challenges; absent for the deck and for others' shared ones.
    safety_status: Literal["clear", "flagged", "held"] | None = Field(
        None,
        description="Yours only: the safety screen's answer (held: a moderator will look "
        "before it is shared or suggested; you can still use it).",
    )
    screen: ScreenOut | None = Field(
        None, description="Yours only: the safety screen's verdict, with its category and reason."
    )
    safety_reasons: list[str] | None = Field(
        None, description="Yours only: why the screen flagged it, in plain words."
    )
    share_status: Literal["private", "pending", "approved", "rejected"] | None = Field(
        None, description="Yours only: private, pending review, approved (shared) or rejected."
    )

    @staticmethod
    def _mine(obj: Any, context: Any) -> bool:
        request = (context or {}).get("request")
        user = getattr(request, "auth", None)
        return obj.author_id is not None and obj.author_id == getattr(user, "pk", None)

    @staticmethod
    def resolve_safety_status(obj: Any, context: Any) -> str | None:
        return obj.safety_status if ChallengeOut._mine(obj, context) else None

    @staticmethod
    def resolve_safety_reasons(obj: Any, context: Any) -> list[str] | None:
        return list(obj.safety_reasons) if ChallengeOut._mine(obj, context) else None

    @staticmethod
    def resolve_screen(obj: Any, context: Any) -> dict[str, Any] | None:
        if not ChallengeOut._mine(obj, context):
            return None
        flagged = obj.safety_status != "clear"
        return {
            "flagged": flagged,
            "held": obj.safety_status == "held",
            "category": obj.safety_category if flagged else "",
            "reason": obj.safety_reason if flagged else "",
        }

    @staticmethod
    def resolve_share_status(obj: Any, context: Any) -> str | None:
        return obj.share_status if ChallengeOut._mine(obj, context) else None

    @model_serializer(mode="wrap")
    def _drop_others_moderation(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        for name in MODERATION_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        return data


MODERATION_FIELDS = (
    "safety_status",
    "safety_reasons",
    "screen",
    "share_status",
)


class ChallengePage(Schema):
    items: list[ChallengeOut]
    next_cursor: str | None
