"""What the friends, blocks and mutes use cases accept: a username, by the accounts' rule."""

from __future__ import annotations

from pydantic import Field

from rejection.accounts.contracts import Username
from rejection.core.contracts import Contract


class PersonIn(Contract):
    """Someone named by their username (any case)."""

    username: Username = Field(description="Their username, as they signed up with it.")
