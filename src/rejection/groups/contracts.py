"""What making, joining and setting up a group accept, for the pages, the API and the CLI."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from rejection.core.contracts import Contract, Flag, Text, Whole, one_of
from rejection.groups.models import CODE_LENGTH, CODE_PATTERN, DESCRIPTION_LIMIT, NAME_LIMIT
from rejection.progress.catalog import PROGRAMS
from rejection.progress.contracts import MAX_CUSTOM_DAYS

PROGRAM_SLUGS = tuple(slug for slug, *_ in PROGRAMS)

InviteCode = Annotated[
    str,
    Text(
        CODE_LENGTH,
        raw=True,
        min_length=CODE_LENGTH,
        pattern=CODE_PATTERN,
        mismatch=f"An invite code is {CODE_LENGTH} letters and digits, e.g. 7KQ2MX9PRT.",
    ),
    Field(description="The group's invite code (letters in either case)."),
]


class NewGroup(Contract):
    """Making a group: its name, what it is for, and the program its members run together."""

    name: Annotated[str, Text(NAME_LIMIT, required=True)]
    description: Annotated[str, Text(DESCRIPTION_LIMIT)] = ""
    program: Annotated[str, one_of(PROGRAM_SLUGS)] = Field(
        "classic-30", description="Which program the group runs; `custom` needs `length_days`."
    )
    length_days: Annotated[int, Whole(1, MAX_CUSTOM_DAYS)] | None = Field(
        None, description=f"Required for the custom program: 1 to {MAX_CUSTOM_DAYS} days."
    )
    follow: Flag = Field(
        True,
        description="Start the group's program on the owner's own Today (ending the one "
        "running there).",
    )


class JoinGroup(Contract):
    """Joining with an invite code."""

    code: InviteCode
    follow: Flag = Field(
        True,
        description="Start the group's program on my Today, on the group's Day N (ending the "
        "one running there).",
    )


class BoardChoices(Contract):
    """What the weekly board shows of me in one group; only the fields sent change."""

    show_days: Flag | None = Field(None, description="Days I practised this week.")
    show_asks: Flag | None = Field(None, description="How many asks I made this week.")
    show_nos: Flag | None = Field(None, description="How many nos I heard this week.")
    show_titles: Flag | None = Field(None, description="The words of this week's asks.")
