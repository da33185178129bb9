"""Sharing: the caption of an attempt and the sizes of its card."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

CardSize = Literal["story", "square"]


class CardParams(Schema):
    size: CardSize = Field("story", description="story is 1080x1920, square is 1080x1080.")


class CaptionParams(Schema):
    hashtags: str | None = Field(
        None,
        max_length=400,
        description="Your hashtags instead of the defaults, comma-separated, without #: "
        "1 to 10, each letters, digits and _ only, at most 30 characters.",
    )


class CaptionOut(Schema):
    caption: str = Field(description="Headline, the outcome in warm words, then the hashtags.")
    day: int | None = Field(description="Day N of the program the ask fell in, if any.")
    hashtags: list[str] = Field(description="The hashtags used, without #.")
