"""Sharing: the caption of an attempt and the sizes of its card."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from rejection.share.contracts import Hashtags

CardSize = Literal["story", "square"]
CardTheme = Literal["bold", "paper", "night"]


class CardParams(Schema):
    size: CardSize = Field("story", description="story is 1080x1920, square is 1080x1080.")
    theme: CardTheme = Field(
        "bold",
        description="bold: full bleed in the outcome's colour; paper: light, the outcome's "
        "colour for the day and the word; night: near black with the outcome's bright colour.",
    )


class CaptionParams(Schema):
    hashtags: Hashtags | None = Field(
        None,
        description="Your hashtags instead of the defaults, parted by spaces or commas, # "
        "optional: 1 to 10, each at most 30 letters, digits or _ (any script).",
    )


class CaptionOut(Schema):
    caption: str = Field(description="Headline, the outcome in warm words, then the hashtags.")
    day: int | None = Field(description="Day N of the program the ask fell in, if any.")
    hashtags: list[str] = Field(description="The hashtags used, without #.")
