"""Why a well-formed request was refused, raised by services and mapped by each face.

Input that breaks a contract never reaches a service (the faces answer 422 naming the
field). These are for what a contract cannot know: the state of the data and the clock.
Each carries the field to blame when there is one, so a form can show it in place.
"""

from __future__ import annotations


class Refused(Exception):
    """A request that is well formed but cannot be done; the API answers `status`."""

    status = 409

    def __init__(
        self, code: str, message: str, field: str | None = None, reasons: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.reasons = reasons or [message]  # what to say under the field

    @property
    def fields(self) -> dict[str, list[str]]:
        return {self.field: list(self.reasons)} if self.field else {}


class Conflict(Refused):
    """Valid, but not now: no rerolls left, a time still to come, already on the ladder."""

    status = 409


class NotFound(Refused):
    """It names something that is not there, or not yours to see (never say which)."""

    status = 404

    def __init__(self, message: str, field: str | None = None, code: str = "not_found") -> None:
        super().__init__(code, message, field)


class Forbidden(Refused):
    """The person asking may not do this, e.g. the password to confirm it is wrong."""

    status = 403


class Unacceptable(Refused):
    """The text itself cannot be accepted (the safety screen refused it): 422, naming the field,
    with the warm reason and the category that fired (the API error body carries `category`)."""

    status = 422

    def __init__(self, field: str, message: str, category: str = "") -> None:
        super().__init__("unsafe_text", message, field)
        self.category = category
