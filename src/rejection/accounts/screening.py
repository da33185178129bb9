"""The check for words a person types at sign-up that others will read (the username and the
display name). Accounts sits below the safety screen and the community, so the community
registers its check here when the app starts (CommunityConfig.ready), by name."""

from __future__ import annotations

from collections.abc import Callable

# Each takes (field, text) and raises core.errors.Unacceptable (422, naming the field).
PUBLIC_TEXT_CHECKS: list[Callable[[str, str], None]] = []


def check_public_text(field: str, text: str) -> None:
    if text:
        for check in PUBLIC_TEXT_CHECKS:
            check(field, text)
