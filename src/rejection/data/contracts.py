"""The export document: what `GET /export` writes and `POST /import` reads, as one model.

Every field's rule comes from the app that owns it (an ask's from the journal, a
challenge's from the deck, the profile's from accounts), so an import accepts exactly
what logging, writing a challenge or changing the profile would. Fields the import does
not read (points, ids on the old server) are checked for their type and then ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from rejection.accounts.contracts import DisplayName, StreakModeName, TimeZoneName
from rejection.accounts.models import BIO_LIMIT
from rejection.challenges.contracts import LIMITS, CategorySlug, Difficulty, Tags
from rejection.community.models import COMMENT_LIMIT
from rejection.core.contracts import Contract, Day, Flag, Id, Moment, Text, Whole, one_of
from rejection.journal.contracts import AskFields, OutcomeName
from rejection.progress.contracts import MAX_CUSTOM_DAYS

FORMAT = "rejection-therapy-export"
VERSION = 1
Count = Annotated[int, Whole(0, 2**31 - 1)]
Name = Annotated[str, Text(300, raw=True)]


@dataclass(frozen=True)
class Fixed:
    """A field that holds one value only (JSON Schema's const), with what to say otherwise."""

    value: str | int
    message: str

    def check(self, value: Any) -> Any:
        if type(value) is not type(self.value) or value != self.value:
            raise PydanticCustomError("fixed", self.message)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        kind = "string" if isinstance(self.value, str) else "integer"
        return {"type": kind, "const": self.value, "enum": [self.value]}


class MalformedDocument(ValueError):
    """The upload is not JSON text at all."""


class ExportedProfile(Contract):
    username: Name
    display_name: DisplayName
    timezone: TimeZoneName
    streak_mode: StreakModeName
    email: Name = ""  # not imported: a new server's account keeps its own address
    # Written for the reader; an import recounts them from the asks.
    points: Count | None = None
    current_streak: Count | None = None
    best_streak: Count | None = None
    freezes_left: Count | None = None
    date_joined: Moment | None = None


class ExportedProgram(Contract):
    program: Annotated[str, Text(40, required=True)] = Field(
        description="A program's slug: classic-30, 100-days or custom."
    )
    program_name: Name | None = None
    length_days: Annotated[int, Whole(1, MAX_CUSTOM_DAYS)]
    start_date: Day = Field(description="Day 1, a local date.")
    started_at: Moment | None = None
    active: Flag = False


class CategoryRef(Contract):
    slug: CategorySlug
    name: Name | None = None


class ExportedChallenge(Contract):
    id: Id = Field(description="The key this document's asks use to point at it.")
    title: Annotated[str, Text(LIMITS["title"], required=True)]
    script: Annotated[str, Text(LIMITS["script"])] = ""
    where: Annotated[str, Text(LIMITS["where"])] = ""
    category: CategoryRef
    difficulty: Difficulty
    tags: Tags = Field(default_factory=list)
    why: Annotated[str, Text(LIMITS["why"])] = ""
    safety: Annotated[str, Text(LIMITS["safety"])] = ""
    answer_later: Flag = False
    slug: None = None  # a custom challenge has no deck slug
    is_custom: Literal[True] = True


class DeckRef(Contract):
    deck_slug: Annotated[str, Text(80, required=True)] = Field(
        description="A challenge of the shipped deck, by its slug."
    )


class CustomRef(Contract):
    custom: Id = Field(description="The `id` of one of this document's `custom_challenges`.")


class ExportedAsk(AskFields):
    """An ask as exported: what a person wrote, with its stable id and its local day."""

    uuid: UUID = Field(description="Stable id: importing an ask twice keeps one.")
    outcome: OutcomeName
    occurred_at: Moment  # type: ignore[assignment]
    local_date: Day = Field(description="The person's calendar day when it happened.")
    challenge: DeckRef | CustomRef | None = Field(
        None, description="The challenge, named so that another server can find it again."
    )
    title: Name | None = Field(None, description="Kept as the ask when its card is missing.")
    resolved_at: Moment | None = None
    created_at: Moment | None = None
    updated_at: Moment | None = None
    predicted_before: Flag = Field(
        False, description="The chance of a no was written before the answer was known."
    )
    # The ids and points on the server that wrote the file; recomputed on import.
    id: Id | None = None
    points: Count | None = None


class ExportedToken(Contract):
    """A token's label, never its secret; tokens are not imported."""

    id: Id
    name: Name
    prefix: Name
    created_at: Moment
    last_used_at: Moment | None = None


class ExportedComment(Contract):
    text: Annotated[str, Text(COMMENT_LIMIT, raw=True)]
    ask: UUID = Field(description="The uuid of the ask it is on (yours or someone else's).")
    reply: Flag = False
    created_at: Moment
    edited_at: Moment | None = None


class ExportedGroup(Contract):
    name: Annotated[str, Text(300, raw=True)]
    owner: Flag = Field(False, description="true for a group you run.")
    joined_at: Moment
    shows: list[Annotated[str, one_of(("days", "asks", "nos", "titles"))]] = Field(
        default_factory=list,
        description="What the weekly board shows of you: days, asks, nos, titles.",
    )


class ExportedCommunity(Contract):
    """The person's own community data; written for them to keep, never imported."""

    public_profile: Flag = False
    bio: Annotated[str, Text(BIO_LIMIT, raw=True)] = ""
    friends: list[Name] = Field(default_factory=list, description="Friends' usernames.")
    comments: list[ExportedComment] = Field(default_factory=list)
    groups: list[ExportedGroup] = Field(default_factory=list, description="Groups you are in.")


class ExportDocument(Contract):
    """Everything a person owns; importing it adds what is not there yet."""

    format: Annotated[str, Fixed(FORMAT, "This is not a Rejection Therapy export.")]
    version: Annotated[int, Fixed(VERSION, f"This server reads export version {VERSION}.")]
    exported_at: Moment | None = None
    profile: ExportedProfile
    enrollments: list[ExportedProgram] = Field(default_factory=list)
    custom_challenges: list[ExportedChallenge] = Field(default_factory=list)
    attempts: list[ExportedAsk] = Field(default_factory=list)
    rest_days: list[Day] = Field(default_factory=list)
    tokens: list[ExportedToken] = Field(default_factory=list)
    community: ExportedCommunity | None = None


def read_document(raw: bytes) -> object:
    """Parse an uploaded export as JSON, raising MalformedDocument when it is not JSON text."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise MalformedDocument("This file is not JSON text.") from error


def parse_export(raw: bytes) -> ExportDocument:
    """Read an uploaded export: MalformedDocument if it is not JSON, pydantic's error if invalid."""
    return ExportDocument.model_validate(read_document(raw))


class AccountDeletion(Contract):
    """Deleting the account, confirmed with its password."""

    password: Annotated[str, Text(1024, raw=True, min_length=1)] = Field(
        description="Your current password."
    )
