"""The feed of friends' shared asks, and Discover (public asks): signed-in pages only.

Discover is for signed-in people too: this is a private-by-default practice, and a public
ask is shared with the people here, not with search engines and passers-by (docs/community.md).
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse

from rejection.accounts.days import cached_until_change
from rejection.community.feed import discover_page, feed_page
from rejection.community.first_page import first_page_digest
from rejection.core.htmx import render_page_or_partial, wants_partial
from rejection.web.access import MemberRequest, member
from rejection.web.cached_html import (
    cached_page_response,
    frame_parts,
    has_messages,
    page_for_cache,
)
from rejection.web.community import page_path

PAGE_SIZE = 20
# The API's cursor shape (api.schemas.common.CURSOR_PATTERN); anything else starts at the top.
CURSOR = re.compile(r"(?:[0-9a-f]{16}){1,4}")


def _cursor(request: MemberRequest) -> str | None:
    cursor = request.GET.get("cursor", "")
    return cursor if CURSOR.fullmatch(cursor) else None


def _context(request: MemberRequest, which: str, reader: Any) -> dict[str, Any]:
    cursor = _cursor(request)
    cards, next_cursor = reader(request.user, PAGE_SIZE, cursor)
    return {
        "cards": cards,
        "next_cursor": next_cursor,
        "first_page": cursor is None,
        "which": which,
        "friends_url": page_path("friends", "/friends/"),
    }


def _render(request: MemberRequest, which: str, reader: Any) -> HttpResponse:
    context = _context(request, which, reader)
    return render_page_or_partial(request, f"web/{which}.html", "web/_feed_cards.html", context)


@member
def feed(request: MemberRequest) -> HttpResponse:
    if not request.GET and not wants_partial(request) and not has_messages(request):
        # The page as it opens is kept under the digest of everything its cards show
        # (community.first_page), so any change to them is a new key; the frame's parts
        # and the person's own version and day complete it.
        page = cached_until_change(
            request.user,
            "feed-page",
            lambda: page_for_cache(request, "web/feed.html", _context(request, "feed", feed_page)),
            first_page_digest(request.user, PAGE_SIZE),
            *frame_parts(request),
        )
        return cached_page_response(request, page)
    return _render(request, "feed", feed_page)


@member
def discover(request: MemberRequest) -> HttpResponse:
    return _render(request, "discover", discover_page)
