"""Challenges from the deck and users' own."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import SerializerFunctionWrapHandler, model_serializer

from rejection.challenges.contracts import ChallengeChanges, NewChallenge

__all__ = ["CategoryOut", "ChallengeChanges", "ChallengeOut", "ChallengePage", "NewChallenge"]


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
    # Only on the caller's own custom challenges; absent for the deck and for others' shared ones.
    safety_status: Literal["clear", "flagged"] | None = Field(
        None, description="Yours only: the safety screen's answer."
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
    def resolve_share_status(obj: Any, context: Any) -> str | None:
        return obj.share_status if ChallengeOut._mine(obj, context) else None

    @model_serializer(mode="wrap")
    def _drop_others_moderation(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        for name in MODERATION_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        return data


MODERATION_FIELDS = ("safety_status", "safety_reasons", "share_status")


class ChallengePage(Schema):
    items: list[ChallengeOut]
    next_cursor: str | None
