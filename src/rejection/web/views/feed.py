"""The feed of friends' shared asks, and Discover (public asks): signed-in pages only.

Discover is for signed-in people too: this is a private-by-default practice, and a public
ask is shared with the people here, not with search engines and passers-by (docs/community.md).
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse

from rejection.community.feed import discover_page, feed_page
from rejection.core.htmx import render_page_or_partial
from rejection.web.access import MemberRequest, member
from rejection.web.community import page_path

PAGE_SIZE = 20
# The API's cursor shape (api.schemas.common.CURSOR_PATTERN); anything else starts at the top.
CURSOR = re.compile(r"(?:[0-9a-f]{16}){1,4}")


def _cursor(request: MemberRequest) -> str | None:
    cursor = request.GET.get("cursor", "")
    return cursor if CURSOR.fullmatch(cursor) else None


def _render(request: MemberRequest, which: str, reader: Any) -> HttpResponse:
    cursor = _cursor(request)
    cards, next_cursor = reader(request.user, PAGE_SIZE, cursor)
    context = {
        "cards": cards,
        "next_cursor": next_cursor,
        "first_page": cursor is None,
        "which": which,
        "friends_url": page_path("friends", "/friends/"),
    }
    return render_page_or_partial(request, f"web/{which}.html", "web/_feed_cards.html", context)


@member
def feed(request: MemberRequest) -> HttpResponse:
    return _render(request, "feed", feed_page)


@member
def discover(request: MemberRequest) -> HttpResponse:
    return _render(request, "discover", discover_page)
