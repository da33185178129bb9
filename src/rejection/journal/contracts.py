"""What logging and editing an ask accept: one model each, for the pages, API, import and CLI."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from rejection.core.contracts import (
    CONTENT_PATTERN,
    Contract,
    Flag,
    Id,
    Moment,
    Text,
    Whole,
    one_of,
    strip,
)
from rejection.journal.models import ASK_LIMIT, TEXT_LIMIT, Outcome, Visibility

MAX_TAGS = 10
TAG_LIMIT = 40

OutcomeName = Annotated[str, one_of(Outcome.values)]
VisibilityName = Annotated[str, one_of(Visibility.values)]
Anxiety = Annotated[int, Whole(0, 10)]  # 0 is calm, 10 the most nervous you get
Percent = Annotated[int, Whole(0, 100)]
AskText = Annotated[str, Text(ASK_LIMIT)]
Notes = Annotated[str, Text(TEXT_LIMIT)]
Tag = Annotated[str, Text(TAG_LIMIT)]


def _tidy_tags(tags: list[str]) -> list[str]:
    """Drop a leading #, lower-case, and keep each tag once, in order."""
    tidy: list[str] = []
    for tag in tags:
        tag = strip(tag.lstrip("#")).lower()
        if tag and tag not in tidy:
            tidy.append(tag)
    return tidy


Tags = Annotated[
    list[Tag],
    Field(max_length=MAX_TAGS, description=f"Up to {MAX_TAGS} words, e.g. coffee, strangers."),
    AfterValidator(_tidy_tags),
]


class AskFields(Contract):
    """The fields of an ask that a person writes."""

    challenge_id: Id | None = Field(None, description="A challenge you can see, or null.")
    ask: AskText | None = Field(
        None, description="What you asked for; required without a challenge."
    )
    occurred_at: Moment | None = Field(None, description="When it happened; defaults to now.")
    anxiety_before: Anxiety | None = None
    anxiety_after: Anxiety | None = None
    predicted_rejection: Percent | None = None
    feared_outcome: Notes | None = None
    what_happened: Notes | None = None
    learned: Notes | None = None
    tags: Tags | None = None
    visibility: VisibilityName = Field(
        Visibility.PRIVATE.value,
        description="Who can see it: private (only you, the default), friends, or public "
        "(needs a public profile; 422 names `visibility` otherwise). The notes and nerves "
        "go with a shared ask only when their share_ tick is true.",
    )
    starred: Flag = Field(False, description="Mark it the highlight of its week.")
    share_feared: Flag = Field(
        False, description="Show what you feared to those who may see this ask."
    )
    share_happened: Flag = Field(
        False, description="Show what happened to those who may see this ask."
    )
    share_learned: Flag = Field(
        False, description="Show what you learned to those who may see this ask."
    )
    share_anxiety: Flag = Field(
        False, description="Show your nerves before and after to those who may see this ask."
    )


# The schema's way of saying "a challenge, or the words": an ask needs one or the other.
NAMES_A_CHALLENGE = {
    "required": ["challenge_id"],
    "properties": {"challenge_id": {"type": "integer"}},
}
SAYS_WHAT = {
    "required": ["ask"],
    "properties": {"ask": {"type": "string", "pattern": CONTENT_PATTERN}},
}


def _says_what(data: Any) -> None:
    """Refuse an ask that names neither a challenge nor what was asked, under `ask`."""
    if data.challenge_id is None and not data.ask:
        detail = InitErrorDetails(
            type=PydanticCustomError("missing_ask", "Say what you asked for, or pick a challenge."),
            loc=("ask",),
            input=data.ask,
        )
        raise ValidationError.from_exception_data(type(data).__name__, [detail])


class NewAsk(AskFields):
    """Logging an ask: how it went, and what was asked (a challenge or the words).

    `in_progress` starts an ask ("I'm about to ask"): nerves now and the chance of a no
    are recorded before the answer is known; finishing it later sets its outcome.
    """

    model_config = {
        "json_schema_extra": {
            "anyOf": [
                {"required": ["challenge_id"], "properties": {"challenge_id": {"type": "integer"}}},
                {
                    "required": ["ask"],
                    "properties": {"ask": {"type": "string", "pattern": CONTENT_PATTERN}},
                },
            ]
        }
    }

    outcome: OutcomeName = Field(
        description="How it went. `in_progress` starts an ask before it is made (nerves "
        "now, chance of a no); finish it with PATCH and its outcome."
    )

    @model_validator(mode="after")
    def _names_the_ask(self) -> NewAsk:
        _says_what(self)
        return self


class AskChanges(AskFields):
    """Editing an ask: only the fields sent change; recording a pending ask's answer resolves it."""

    # Absent means unchanged; these cannot be cleared, so null is refused.
    outcome: OutcomeName = None  # type: ignore[assignment]
    visibility: VisibilityName = None  # type: ignore[assignment]
    starred: Flag = None  # type: ignore[assignment]
    share_feared: Flag = None  # type: ignore[assignment]
    share_happened: Flag = None  # type: ignore[assignment]
    share_learned: Flag = None  # type: ignore[assignment]
    share_anxiety: Flag = None  # type: ignore[assignment]
