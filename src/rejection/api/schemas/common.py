"""Shared types: the error body, NUL-free strict text, ids and list pages."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StrictInt, StrictStr

# The largest primary key both SQLite and PostgreSQL can hold; bigger is a 422, not a crash.
MAX_ID = 2**63 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("This text holds a NUL character, which cannot be saved.")
    return value


# A JSON string (never a number or a list) without NUL characters, which PostgreSQL refuses.
Text = Annotated[StrictStr, AfterValidator(_no_nul)]
# A JSON integer usable as a primary key.
Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]


class StrictIn(Schema):
    """Base for request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Schema):
    code: str = Field(description="Machine-readable, e.g. invalid, not_found, rate_limited.")
    message: str = Field(description="Human-readable explanation.")
    fields: dict[str, list[str]] = Field(
        description="Messages per request field; empty when no field is to blame."
    )


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorDetail


class PageParams(Schema):
    limit: int = Field(20, ge=1, le=100, description="How many items, 1 to 100.")
    cursor: str | None = Field(
        None, max_length=512, description="The next_cursor of the previous page."
    )
