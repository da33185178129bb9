"""Shared API shapes: the error body and list pages. Field rules live in the apps' contracts."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema

from rejection.core.contracts import MAX_ID, Text

__all__ = ["CURSOR_PATTERN", "MAX_ID", "ErrorOut", "PageParams"]

# A cursor is 16 hexadecimal digits for each column of a list's order (see core.pagination):
# any string of this shape is a place in the list, so none is refused once it fits.
CURSOR_PATTERN = r"^(?:[0-9a-f]{16}){1,4}$"
CURSOR_MISMATCH = "This cursor is not one this API gave out; start again."
Cursor = Annotated[str, Text(64, raw=True, pattern=CURSOR_PATTERN, mismatch=CURSOR_MISMATCH)]


class ErrorDetail(Schema):
    code: str = Field(description="Machine-readable, e.g. invalid, not_found, rate_limited.")
    message: str = Field(description="Human-readable explanation.")
    fields: dict[str, list[str]] = Field(
        description="Messages per request field; empty when no field is to blame."
    )
    category: str | None = Field(
        None,
        description="Only when the safety screen refused a text (code `unsafe_text`): the "
        "category it crossed, e.g. hate, deception, personal_data.",
    )


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorDetail


class PageParams(Schema):
    limit: int = Field(20, ge=1, le=100, description="How many items, 1 to 100.")
    cursor: (
        Annotated[str, Text(64, raw=True, pattern=CURSOR_PATTERN, mismatch=CURSOR_MISMATCH)] | None
    ) = Field(None, description="The next_cursor of the previous page.")
