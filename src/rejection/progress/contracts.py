"""What starting a program and naming a week accept, for the pages and the API."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from rejection.core.contracts import EARLIEST_YEAR, Contract, Text, Whole

MAX_CUSTOM_DAYS = 365
# An ISO week, e.g. 2026-W11, from EARLIEST_YEAR on. Whether that year has a week 53, and
# whether the week has begun, only the calendar knows: such weeks are not found (404).
WEEK_PATTERN = r"^[2-9][0-9]{3}-W(?:0[1-9]|[1-4][0-9]|5[0-3])$"
assert EARLIEST_YEAR == 2000, "WEEK_PATTERN spells the earliest year as [2-9]"

IsoWeek = Annotated[
    str,
    Text(
        8,
        raw=True,
        pattern=WEEK_PATTERN,
        mismatch=f"Give a week as YYYY-Www from {EARLIEST_YEAR} on, e.g. 2026-W11.",
    ),
    Field(description="An ISO week, e.g. 2026-W11."),
]


class ProgramStart(Contract):
    """Starting a program: how many days, for the custom one."""

    length_days: Annotated[int, Whole(1, MAX_CUSTOM_DAYS)] | None = Field(
        None, description=f"Required for the custom program: 1 to {MAX_CUSTOM_DAYS} days."
    )
