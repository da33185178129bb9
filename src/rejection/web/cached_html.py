"""Whole pages cached with their forms, without anyone's CSRF token in them.

A page is rendered with CSRF_PLACEHOLDER as its `csrf_token`, so the stored HTML holds no
secret, and each response gets the request's own masked token in its place, as
`{% csrf_token %}` would have written it (a fresh mask for every response, as Django does).
The key of a cached page must hold everything the page shows: the view's own inputs, and
the frame's (`frame_parts`). A page with a message to show once is never cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from rejection.accounts.services import profile_for
from rejection.community.inbox import unread_for
from rejection.web.access import MemberRequest
from rejection.web.templatetags.ui import theme_of

# Never produced by Django's tokens (letters and digits only) nor changed by escaping.
CSRF_PLACEHOLDER = "@@csrf-token-placeholder@@"


def frame_parts(request: MemberRequest) -> tuple[object, ...]:
    """What the frame (base.html) shows besides the user's id: the theme chosen on this
    device, the unread count and the profile's time zone (the travel prompt)."""
    return (theme_of(request), unread_for(request.user), profile_for(request.user).timezone)


def has_messages(request: HttpRequest) -> bool:
    """Whether a message waits to be shown (counted without marking it shown)."""
    return len(messages.get_messages(request)) > 0


def page_for_cache(request: HttpRequest, template_name: str, context: dict[str, Any]) -> str:
    """Render a page to keep: every CSRF token in it is the placeholder."""
    return render_to_string(
        template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, request=request
    )


def cached_page_response(
    request: HttpRequest, page: str, fills: Mapping[str, str] | None = None
) -> HttpResponse:
    """Answer with a kept page, this request's CSRF token in every form.

    `fills` puts the view's own per-response values in place of its placeholders (plain
    letters, digits and punctuation that HTML shows as they are).
    """
    page = page.replace(CSRF_PLACEHOLDER, get_token(request))
    for placeholder, value in (fills or {}).items():
        page = page.replace(placeholder, value)
    return HttpResponse(page)
