"""Small template helpers: which tab is current, fixed links, bar widths and outcome words."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from rejection.web.copy import OUTCOME_TILES

register = template.Library()

# Fixed links by (URL conf, script prefix, name); see `link`.
_links: dict[tuple[str, str, str], str] = {}

SECTIONS = {
    "feed": "people",
    "discover": "people",
    "shared_ask": "people",
    "ask_cheer": "people",
    "ask_comment": "people",
    "comment_edit": "people",
    "comment_delete": "people",
    "today": "today",
    "programs": "today",
    "log_attempt": "log",
    "journal": "journal",
    "attempt_detail": "journal",
    "attempt_edit": "journal",
    "attempt_delete": "journal",
    "deck": "deck",
    "challenge_detail": "deck",
    "challenge_new": "deck",
    "challenge_edit": "deck",
    "challenge_delete": "deck",
    "attempt_star": "journal",
    "attempt_share": "journal",
    "progress": "progress",
    "milestones": "progress",
    "attempt_celebrate": "today",
    "week_summary": "progress",
    "week_summary_for": "progress",
    # Groups, friends and people's pages sit under the People tab, beside the feed.
    **dict.fromkeys(
        [
            "groups",
            "group_new",
            "group_join_code",
            "group_join",
            "group_detail",
            "group_leave",
            "group_close",
            "friends",
            "person",
            "friend_invite",
        ],
        "people",
    ),
    "settings": "settings",
    "notifications": "notifications",
    "data": "settings",
    "delete_account": "settings",
    "token_create": "settings",
    "token_revoke": "settings",
    "theme": "settings",
    "account_login": "login",
    "intake": "today",
    "ladder": "today",
    "ladder_add": "today",
    "ladder_rebuild": "today",
    "ladder_move": "today",
    "ladder_swap": "today",
}


@register.simple_tag(takes_context=True)
def section(context: Any) -> str:
    """Return the tab the current page belongs to, for aria-current."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return SECTIONS.get(getattr(match, "url_name", "") or "", "")


@register.simple_tag
def link(name: str) -> str:
    """Return `{% url name %}` for a URL without arguments, reversed once per process.

    The page frame links a dozen tabs on every page; reversing each costs more than the
    rest of the frame. The answer only depends on the URL conf and the script prefix.
    """
    key = (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix(), name)
    found = _links.get(key)
    if found is None:
        found = _links[key] = reverse(name)
    return found


@register.filter
def bar(value: Any) -> int:
    """Round a 0-100 figure to the nearest 5, the steps the CSS bar classes come in."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return int(min(max(round(number / 5) * 5, 0), 100))


@register.filter
def scale_bar(value: Any) -> int:
    """Turn a 0-10 anxiety figure into a bar step."""
    try:
        return bar(float(value) * 10)
    except (TypeError, ValueError):
        return 0


@register.filter
def outcome_label(value: str) -> str:
    return OUTCOME_TILES.get(value, (value, ""))[0]


@register.filter
def outcome_hint(value: str) -> str:
    return OUTCOME_TILES.get(value, ("", ""))[1]
