"""What the face review and the consent checklist accept, for the pages and the API."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator

from rejection.core.contracts import Contract, Flag, Whole

MAX_FACES = 200  # more faces than any photo or 90-second video shows in practice
FaceIndex = Annotated[int, Whole(0, MAX_FACES - 1)]


class KeptFaces(Contract):
    """The faces to keep unblurred, by their index in the media's `faces` list."""

    keep: list[FaceIndex] = Field(
        default_factory=list,
        max_length=MAX_FACES,
        description="Indexes of the faces to leave unblurred (yours, or someone who said yes); "
        "every other face is blurred.",
    )


MUST_BE_TICKED: dict[str, Any] = {"enum": [True]}
CHECKLIST_MESSAGE = "Tick this to confirm it; until then only you can see this photo or video."


class ConsentChecklist(Contract):
    """The owner's word before anyone else sees the media or the clip is downloaded."""

    everyone_agreed_or_blurred: Flag = Field(
        description="Everyone who can be recognised agreed to be shown, or is blurred.",
        json_schema_extra=MUST_BE_TICKED,
    )
    no_child_identifiable: Flag = Field(
        description="No child can be recognised.", json_schema_extra=MUST_BE_TICKED
    )
    not_private_place: Flag = Field(
        description="It was not filmed in a private place such as a toilet or changing room.",
        json_schema_extra=MUST_BE_TICKED,
    )

    @field_validator("everyone_agreed_or_blurred", "no_child_identifiable", "not_private_place")
    @classmethod
    def _ticked(cls, value: bool) -> bool:
        if not value:
            raise ValueError(CHECKLIST_MESSAGE)
        return value
