"""Errors every service may raise, mapped by each face (the API answers 409)."""


class Conflict(Exception):
    """The request is valid but cannot be done now."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
