"""The access matrix: every route, who may see it, and what it answers each of them.

The routes are read from the URL configuration (pages, allauth, admin) and from the API's
OpenAPI document, so a new view that is not in the tables below fails
tests/test_access_matrix.py until someone decides who may see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ACTORS = ("anonymous", "owner", "other", "staff")

# Strings that exist only in the owner's private data; no one else may ever see them.
MARKERS = {
    "ask": "SECRET-OWNER-ASK-7f3a",
    "feared_outcome": "SECRET-OWNER-FEAR-7f3a",
    "what_happened": "SECRET-OWNER-HAPPENED-7f3a",
    "learned": "SECRET-OWNER-NOTE-7f3a",
    "tag": "secretownertag7f3a",
    "challenge": "SECRET-OWNER-CHALLENGE-7f3a",
    "goals": "SECRET-OWNER-GOAL-7f3a",
    "comment": "SECRET-OWNER-COMMENT-7f3a",
}


def _statuses(anonymous: Any, owner: Any, other: Any, staff: Any) -> dict[str, set[int]]:
    def as_set(value: Any) -> set[int]:
        return set(value) if isinstance(value, tuple | set) else {value}

    return dict(zip(ACTORS, map(as_set, (anonymous, owner, other, staff)), strict=True))


# Page shapes: who gets what on GET.
PUBLIC = _statuses(200, 200, 200, 200)
MEMBER = _statuses(302, 200, 200, 200)  # anonymous is sent to log in
OWNED = _statuses(302, 200, 404, 404)  # the owner's object: 404 for everyone else
POST_ONLY = _statuses(302, 405, 405, 405)  # a button's target; GET is refused
GUEST = _statuses(200, 302, 302, 302)  # allauth pages for the signed out
ACCOUNT = _statuses(302, 200, 200, 200)  # allauth pages for the signed in

# Pages and allauth, keyed by URL name: (statuses for GET, the object it is about).
PAGES: dict[str, tuple[dict[str, set[int]], str | None]] = {
    "landing": (PUBLIC, None),
    "service_worker": (PUBLIC, None),  # /sw.js, the same script for everyone
    "offline": (PUBLIC, None),  # what the service worker shows with no connection
    "today": (MEMBER, None),
    "today_reroll": (POST_ONLY, None),
    "today_rest": (POST_ONLY, None),
    "today_intro": (POST_ONLY, None),  # remembers (a cookie) that Today was explained
    "programs": (MEMBER, None),
    "log_attempt": (MEMBER, None),
    "journal": (MEMBER, None),
    "attempt_detail": (OWNED, "attempt"),
    "attempt_edit": (OWNED, "attempt"),
    "attempt_resolve": (POST_ONLY, "pending"),
    "attempt_finish": (POST_ONLY, "attempt"),  # "How did it go?" for an ask in progress
    "attempt_celebrate": (OWNED, "attempt"),
    "attempt_delete": (OWNED, "attempt"),
    "attempt_star": (POST_ONLY, "attempt"),
    "attempt_share": (OWNED, "attempt"),
    "attempt_card": (_statuses(404, 200, 404, 404), "attempt"),
    "deck": (PUBLIC, None),
    "challenge_new": (MEMBER, None),
    "challenge_detail": (_statuses(404, 200, 404, 404), "challenge"),
    "challenge_edit": (OWNED, "challenge"),
    "challenge_delete": (OWNED, "challenge"),
    "progress": (MEMBER, None),
    "week_summary": (MEMBER, None),
    "milestones": (MEMBER, None),
    "week_summary_for": (MEMBER, "week"),
    "settings": (MEMBER, None),
    "token_create": (POST_ONLY, None),
    "theme": (POST_ONLY, None),
    "token_revoke": (OWNED, "token"),
    "reminders": (MEMBER, None),
    "reminders_push": (POST_ONLY, None),
    "reminders_calendar_rotate": (POST_ONLY, None),
    "settings_zone": (POST_ONLY, None),
    "data": (MEMBER, None),
    "data_export_json": (MEMBER, None),
    "data_export_csv": (MEMBER, None),
    "delete_account": (MEMBER, None),
    "intake": (MEMBER, None),
    "ladder": (MEMBER, None),
    "ladder_add": (POST_ONLY, None),
    "ladder_rebuild": (POST_ONLY, None),
    "ladder_move": (POST_ONLY, "position"),
    "ladder_swap": (POST_ONLY, "position"),
    # the community: the feed and Discover are for signed-in people; an ask's page and its
    # comments answer only those it is shared with (the owner's private ask here: 404)
    "feed": (MEMBER, None),
    "discover": (MEMBER, None),
    "shared_ask": (OWNED, "attempt"),
    "ask_cheer": (POST_ONLY, "attempt"),
    "ask_comment": (POST_ONLY, "attempt"),
    "comment_edit": (OWNED, "comment"),
    "comment_delete": (OWNED, "comment"),
    # Friends, blocks and people's pages (tests/web/test_friends_pages.py for friends, blocked)
    "friends": (MEMBER, None),
    "friend_request": (POST_ONLY, None),
    "friend_accept": (POST_ONLY, "attempt"),  # any id: a request to someone else is a 404
    "friend_decline": (POST_ONLY, "attempt"),
    "friend_invite_reset": (POST_ONLY, None),
    "settings_public_profile": (POST_ONLY, None),
    # The owner has no public profile and no friends here: a 404 for all but themself.
    "person": (_statuses(404, 200, 404, 404), "person"),
    "person_unfriend": (POST_ONLY, "person"),
    "person_block": (POST_ONLY, "person"),
    "person_unblock": (POST_ONLY, "person"),
    "person_mute": (POST_ONLY, "person"),
    "person_unmute": (POST_ONLY, "person"),
    # Groups: "group" is a group the owner runs, with no one else in it.
    "groups": (MEMBER, None),
    "group_new": (MEMBER, None),
    "group_join_code": (MEMBER, None),
    # The invite link: the code is the key. Its holders see what they would join; the owner,
    # already in, is sent to the group.
    "group_join": (_statuses(302, 302, 200, 200), "group_code"),
    "group_detail": (OWNED, "group"),
    "group_choices": (POST_ONLY, "group"),
    "group_leave": (OWNED, "group"),
    "group_close": (OWNED, "group"),
    "group_code": (POST_ONLY, "group"),
    "group_remove": (POST_ONLY, "group_member"),
    # Reports and notifications (community): reporting the owner's private ask is a 404 for
    # everyone else, as if it did not exist.
    "notifications": (MEMBER, None),
    "notifications_read": (POST_ONLY, None),
    "notification_channels": (POST_ONLY, None),
    "report": (OWNED, "attempt"),
    # allauth
    "account_login": (GUEST, None),
    "account_signup": (GUEST, None),
    "account_logout": (_statuses(302, 200, 200, 200), None),
    "account_inactive": (PUBLIC, None),
    "account_reauthenticate": (ACCOUNT, None),
    # Re-authenticating by a mailed code (allauth 65.22): off here, so every actor is sent on.
    "account_request_reauthentication_code": (_statuses(302, 302, 302, 302), None),
    "account_confirm_reauthentication_code": (_statuses(302, 302, 302, 302), None),
    "account_email": (ACCOUNT, None),
    "account_email_verification_sent": (PUBLIC, None),
    "account_change_password": (ACCOUNT, None),
    "account_set_password": (_statuses(302, 302, 302, 302), None),
    "account_reset_password": (PUBLIC, None),
    "account_reset_password_done": (PUBLIC, None),
    "account_reset_password_from_key_done": (PUBLIC, None),
    "account_confirm_login_code": (_statuses(302, 302, 302, 302), None),
    # admin: a few representative pages; the model pages are Django's own (see SKIP)
    "admin:index": (_statuses(302, 302, 302, 200), None),
    "admin:login": (_statuses(200, 200, 200, 302), None),
    "admin:accounts_profile_changelist": (_statuses(302, 302, 302, 200), None),
}

# Routes not requested, each with the reason.
SKIP = {
    # Keyed by a signed token or a secret, not by a session: tests/rules/test_reminders_*.py
    # check that a wrong key is a 404 and the right one works for anyone holding it.
    "reminders_unsubscribe",
    "reminders_calendar",
    # Keyed by a person's invite token: tests/web/test_friends_pages.py checks a wrong or
    # reset token is a 404, a blocked person's too, and anonymous goes through sign-up.
    "friend_invite",
    # Need a one-time key from an email; a wrong key is covered by allauth's own tests.
    "account_confirm_email",
    "account_reset_password_from_key",
    # Django admin internals and per-model pages: staff-only by Django's own checks.
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:autocomplete",
    "admin:jsi18n",
    "admin:app_list",
    "admin:view_on_site",
    "admin:",
}
ADMIN_MODEL_SUFFIXES = ("_changelist", "_add", "_change", "_delete", "_history")


# The API, keyed by (method, OpenAPI path): (statuses, the object it is about).
API_GET = {
    "/api/v1/me": None,
    "/api/v1/programs": None,
    "/api/v1/today": None,
    "/api/v1/challenges": None,
    "/api/v1/challenges/{challenge_id}": "challenge",
    "/api/v1/attempts": None,
    "/api/v1/attempts/{attempt_id}": "attempt",
    "/api/v1/attempts/{attempt_id}/card.png": "attempt",
    "/api/v1/attempts/{attempt_id}/caption": "attempt",
    "/api/v1/stats": None,
    "/api/v1/outcomes": None,
    "/api/v1/export": None,
    "/api/v1/tokens": None,
    "/api/v1/insights": None,
    "/api/v1/badges": None,
    "/api/v1/summary": None,
    "/api/v1/intake": None,
    "/api/v1/ladder": None,
    "/api/v1/reminders": None,
    "/api/v1/push/key": None,
    "/api/v1/calendar": None,
    "/api/v1/feed": None,
    "/api/v1/discover": None,
    "/api/v1/attempts/{attempt_id}/comments": "attempt",
    "/api/v1/friends": None,
    "/api/v1/friends/requests": None,
    "/api/v1/friends/invite": None,
    "/api/v1/blocks": None,
    "/api/v1/mutes": None,
    # The owner's profile: private, no friends, so a 404 for everyone else.
    "/api/v1/people/{username}": "person",
    "/api/v1/groups": None,
    "/api/v1/groups/{group_id}": "group",
    "/api/v1/groups/{group_id}/board": "group",
    "/api/v1/notifications": None,
    "/api/v1/notifications/channels": None,
}
API_OWNED_GET = _statuses(401, 200, 404, 404)
API_MEMBER_GET = _statuses(401, 200, 200, 200)

# Writes on the owner's own objects: everyone else gets 404 and nothing changes.
API_OWNED_WRITES = {
    ("PATCH", "/api/v1/attempts/{attempt_id}"): "attempt",
    ("DELETE", "/api/v1/attempts/{attempt_id}"): "attempt",
    ("DELETE", "/api/v1/tokens/{token_id}"): "token",
    ("DELETE", "/api/v1/push/subscriptions/{subscription_id}"): "subscription",
    ("POST", "/api/v1/challenges/{challenge_id}/share"): "challenge",
    ("PATCH", "/api/v1/challenges/{challenge_id}"): "challenge",
    ("DELETE", "/api/v1/challenges/{challenge_id}"): "challenge",
    # A group is the owner's to run; to anyone outside it, it does not exist.
    ("PATCH", "/api/v1/groups/{group_id}/choices"): "group",
    ("POST", "/api/v1/groups/{group_id}/leave"): "group",
    ("POST", "/api/v1/groups/{group_id}/code"): "group",
    ("POST", "/api/v1/groups/{group_id}/close"): "group",
    ("DELETE", "/api/v1/groups/{group_id}/members/{username}"): "group_member",
    ("POST", "/api/v1/attempts/{attempt_id}/cheers"): "attempt",
    ("DELETE", "/api/v1/attempts/{attempt_id}/cheers"): "attempt",
    ("POST", "/api/v1/attempts/{attempt_id}/comments"): "attempt",
    ("PATCH", "/api/v1/comments/{comment_id}"): "comment",
    ("DELETE", "/api/v1/comments/{comment_id}"): "comment",
}
# Writes that act on the caller's own account only (no id of anyone else's in the path):
# the matrix checks that anonymous gets 401; their behaviour has its own tests.
API_SELF_WRITES = {
    ("PATCH", "/api/v1/me"),
    ("DELETE", "/api/v1/me"),
    ("POST", "/api/v1/programs/{slug}/start"),
    ("POST", "/api/v1/today/reroll"),
    ("POST", "/api/v1/today/rest"),
    ("POST", "/api/v1/challenges"),
    ("POST", "/api/v1/attempts"),
    ("POST", "/api/v1/tokens"),
    ("POST", "/api/v1/import"),
    ("PUT", "/api/v1/intake"),
    ("PUT", "/api/v1/ladder"),
    ("PUT", "/api/v1/reminders"),
    ("POST", "/api/v1/push/subscriptions"),
    ("POST", "/api/v1/calendar/rotate"),
    # Friends, blocks and mutes act on the caller's own side of a relation; who may reach
    # whom is tested for friend, stranger, blocked and anonymous in tests/api/test_friends.py.
    ("POST", "/api/v1/friends/requests"),
    ("POST", "/api/v1/friends/requests/{request_id}/accept"),
    ("POST", "/api/v1/friends/requests/{request_id}/decline"),
    ("DELETE", "/api/v1/friends/{username}"),
    ("POST", "/api/v1/friends/invite/reset"),
    ("POST", "/api/v1/blocks"),
    ("DELETE", "/api/v1/blocks/{username}"),
    ("POST", "/api/v1/mutes"),
    ("DELETE", "/api/v1/mutes/{username}"),
    ("POST", "/api/v1/groups"),
    ("POST", "/api/v1/groups/join"),
    # Reports and marking notifications read act as the caller; tests/community covers them.
    ("POST", "/api/v1/reports"),
    ("POST", "/api/v1/notifications/read"),
    ("PUT", "/api/v1/notifications/channels"),
}
# Open to anyone by design: signing up and logging in.
API_OPEN = {("POST", "/api/v1/auth/signup"), ("POST", "/api/v1/auth/token")}
# Routes outside the OpenAPI document, by URL name.
API_EXTRA = {"api-v1:openapi-json": PUBLIC, "api-v1:api-root": None, "api-v1:api-unknown": None}


def walk(resolver: URLResolver | None = None, prefix: str = "", ns: str = "") -> Iterator:
    """Yield (route, name) for every URL pattern, descending into includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ns + (f"{entry.namespace}:" if entry.namespace else "")
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), ns + (entry.name or "")


def api_operations() -> set[tuple[str, str]]:
    """Every (METHOD, path) in the API's OpenAPI document."""
    from rejection.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def uncovered() -> list[str]:
    """Routes that no table above accounts for; must be empty."""
    missing = []
    api_paths = {path for _, path in api_operations()}
    for route, name in walk():
        if name.startswith("api-v1:"):
            path = "/" + route.replace("<", "{").replace(">", "}")
            if name not in API_EXTRA and path not in api_paths:
                missing.append(f"{route} ({name}) is not in the OpenAPI document")
            continue
        admin_model = name.startswith("admin:") and name.endswith(ADMIN_MODEL_SUFFIXES)
        if name not in PAGES and name not in SKIP and not admin_model:
            missing.append(f"{route} ({name or 'unnamed'})")
    known = {("GET", path) for path in API_GET} | set(API_OWNED_WRITES)
    known |= API_SELF_WRITES | API_OPEN
    missing += [f"{method} {path}" for method, path in sorted(api_operations() - known)]
    return missing
