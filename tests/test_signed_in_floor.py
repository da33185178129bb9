"""The signed-in floor (docs/performance.md, "Round two"): what every request costs, kept small.

Reads write nothing (no session save, no rate-limit write, no token touch within a minute);
the session and the user with their profile are two fixed statements that load exactly what
the ORM would; the API's per-token limit still holds while it writes at most once a second;
the Content-Security-Policy header is django-csp's own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from csp.middleware import CSPMiddleware as StockCSPMiddleware
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from rejection.accounts.loading import token_with_user, user_with_profile
from rejection.accounts.services import _digest, create_token
from rejection.api.auth import TokenThrottle
from rejection.core.csp import CSPMiddleware
from tests.conftest import bearer

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
API = "/api/v1"


def writes_in(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]


@pytest.fixture
def signed_in(client: Any, owner: Any, small_deck: Any) -> Any:
    client.force_login(owner)
    client.get("/today/")  # the first view may set things up (a card for the day)
    return client


@pytest.mark.parametrize(
    "path", ["/today/", "/log/", "/journal/", "/progress/", "/progress/week/", "/settings/"]
)
def test_a_signed_in_page_read_writes_nothing(signed_in: Any, path: str) -> None:
    signed_in.get(path)  # warm: anything a first visit makes
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(path)
    assert response.status_code == 200
    assert writes_in(queries) == []
    assert "sessionid" not in response.cookies  # the session was not saved


@pytest.mark.parametrize("path", ["/me", "/today", "/stats", "/insights", "/attempts"])
def test_an_api_read_writes_nothing_after_the_first_in_a_minute(
    client: Any, owner: Any, small_deck: Any, path: str, production_sync: None
) -> None:
    headers = bearer(owner)
    client.get(API + path, headers=headers)  # touches last_used_at, counts the window
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API + path, headers=headers)
    assert response.status_code == 200
    assert writes_in(queries) == []


def test_the_floor_is_two_queries(client: Any, owner: Any) -> None:
    client.force_login(owner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/settings/")
    assert response.status_code == 200
    assert "django_session" in queries.captured_queries[0]["sql"]
    assert "accounts_profile" in queries.captured_queries[1]["sql"]  # the user with profile


def test_the_user_is_loaded_as_the_orm_loads_it(owner: Any) -> None:
    orm = get_user_model().objects.select_related("profile").get(pk=owner.pk)
    with CaptureQueriesContext(connection) as queries:
        user = user_with_profile(owner.pk)
        profile = user.profile
        assert profile.user is user
    assert len(queries) == 1
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(orm, field.attname), field.name
    for field in type(profile)._meta.concrete_fields:
        assert getattr(profile, field.attname) == getattr(orm.profile, field.attname), field.name
    assert not user._state.adding and user._state.db == "default"


def test_no_user_and_bad_keys_load_nobody(db: Any) -> None:
    assert user_with_profile(10_000) is None
    assert user_with_profile("not a number") is None


def test_a_user_without_a_profile_still_loads(db: Any) -> None:
    user = get_user_model().objects.create_user(username="bare", password="x" * 12)
    type(user).profile.related.related_model.objects.filter(user=user).delete()
    loaded = user_with_profile(user.pk)
    assert loaded.username == "bare"
    assert "profile" not in loaded._state.fields_cache  # asked for, it is looked up


def test_a_token_loads_with_its_user_and_profile(owner: Any) -> None:
    token, raw = create_token(owner, "phone")
    with CaptureQueriesContext(connection) as queries:
        found = token_with_user(_digest(raw))
        assert found is not None
        loaded, user = found
        assert (loaded.pk, loaded.name, loaded.user_id) == (token.pk, "phone", owner.pk)
        assert loaded.created_at == token.created_at and loaded.last_used_at is None
        assert loaded.user is user and user.profile.timezone == "Europe/London"
    assert len(queries) == 1
    assert token_with_user(_digest(raw + "x")) is None


def test_an_inactive_user_s_token_is_refused(api_client: Any, owner: Any) -> None:
    headers = bearer(owner)
    get_user_model().objects.filter(pk=owner.pk).update(is_active=False)
    assert api_client.get(API + "/me", headers=headers).status_code == 401


@pytest.fixture
def api_client(client: Any) -> Any:
    return client


def test_a_logged_out_session_is_gone(client: Any, owner: Any) -> None:
    client.force_login(owner)
    assert client.get("/settings/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/settings/").status_code == 302


def test_a_session_holding_a_dict_is_not_shared_between_requests(owner: Any) -> None:
    from rejection.accounts.sessions import SessionStore

    store = SessionStore()
    store["kept"] = {"attempt": 1}
    store["name"] = "x"
    store.save()
    first = SessionStore(store.session_key)
    first["kept"]["attempt"] = 2  # changed in place, never saved
    again = SessionStore(store.session_key)
    assert again["kept"] == {"attempt": 1} and again["name"] == "x"
    plain = SessionStore()
    plain["name"] = "y"
    plain.save()
    one, two = SessionStore(plain.session_key), SessionStore(plain.session_key)
    one["name"] = "z"
    assert two["name"] == "y"


def test_an_expired_session_loads_empty(client: Any, owner: Any) -> None:
    client.force_login(owner)
    with time_machine.travel("2100-01-01", tick=False):
        assert client.get("/settings/").status_code == 302


# --- the per-token limit -----------------------------------------------------------------


@pytest.fixture
def production_sync(settings: Any) -> Any:
    """The production interval: the tests' settings sync on every request."""
    settings.API_THROTTLE_SYNC_SECONDS = 1.0
    TokenThrottle._tallies.clear()
    with time_machine.travel("2026-03-10 12:00:05", tick=False):
        yield


@pytest.fixture
def fresh_tallies(settings: Any) -> Any:
    settings.API_THROTTLE_SYNC_SECONDS = 1.0
    TokenThrottle._tallies.clear()
    yield TokenThrottle._tallies
    TokenThrottle._tallies.clear()


def test_the_limit_holds_and_a_refused_caller_writes_nothing(
    client: Any, owner: Any, settings: Any, fresh_tallies: Any
) -> None:
    settings.API_THROTTLE_RATES = {"api": "5/m"}
    headers = bearer(owner)
    with time_machine.travel("2026-03-10 12:00:05", tick=False):
        statuses = [client.get(API + "/me", headers=headers).status_code for _ in range(5)]
        assert statuses == [200] * 5
        refused = client.get(API + "/me", headers=headers)
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 55
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API + "/me", headers=headers).status_code == 429
        assert writes_in(queries) == []
    with time_machine.travel("2026-03-10 12:01:00", tick=False):  # the next window
        assert client.get(API + "/me", headers=headers).status_code == 200


def test_another_process_s_count_is_seen(
    client: Any, owner: Any, settings: Any, fresh_tallies: Any
) -> None:
    settings.API_THROTTLE_RATES = {"api": "4/m"}
    headers = bearer(owner)
    with time_machine.travel("2026-03-10 12:00:05", tick=False) as clock:
        for _ in range(3):
            assert client.get(API + "/me", headers=headers).status_code == 200
        clock.shift(2)  # past the second: this process adds what it counted
        assert client.get(API + "/me", headers=headers).status_code == 200
        fresh_tallies.clear()  # another process: knows nothing but the shared counter
        assert client.get(API + "/me", headers=headers).status_code == 429


def test_each_token_has_its_own_limit(
    client: Any, owner: Any, settings: Any, fresh_tallies: Any
) -> None:
    settings.API_THROTTLE_RATES = {"api": "2/m"}
    first, second = bearer(owner), bearer(owner)
    with time_machine.travel("2026-03-10 12:00:05", tick=False):
        for _ in range(2):
            client.get(API + "/me", headers=first)
        assert client.get(API + "/me", headers=first).status_code == 429
        assert client.get(API + "/me", headers=second).status_code == 200


# --- the Content-Security-Policy header --------------------------------------------------


def test_the_policy_header_is_django_csp_s_own(rf: RequestFactory, settings: Any) -> None:
    def answer(request: Any) -> HttpResponse:
        return HttpResponse("hi")

    ours, stock = CSPMiddleware(answer), StockCSPMiddleware(answer)
    for _ in range(2):  # built, then reused
        assert (
            ours(rf.get("/")).headers["Content-Security-Policy"]
            == (stock(rf.get("/")).headers["Content-Security-Policy"])
        )
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert ours(rf.get("/")).headers["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    header = "Content-Security-Policy-Report-Only"
    assert ours(rf.get("/")).headers[header] == stock(rf.get("/")).headers[header]
    assert "img-src 'self'" in ours(rf.get("/")).headers[header]


def test_a_view_s_own_policy_and_a_nonce_are_django_csp_s_work(
    rf: RequestFactory, settings: Any
) -> None:
    from csp.constants import NONCE, SELF

    def changed(request: Any) -> HttpResponse:
        response = HttpResponse("hi")
        response._csp_update = {"img-src": ["https://example.com"]}  # type: ignore[attr-defined]
        return response

    def with_nonce(request: Any) -> HttpResponse:
        str(request.csp_nonce)
        return HttpResponse("hi")

    header = CSPMiddleware(changed)(rf.get("/")).headers["Content-Security-Policy"]
    assert "https://example.com" in header
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    request = rf.get("/")
    header = CSPMiddleware(with_nonce)(request).headers["Content-Security-Policy"]
    assert f"'nonce-{request._csp_nonce}'" in header


def test_a_nonce_asked_for_after_the_header_is_an_error(rf: RequestFactory) -> None:
    from csp.exceptions import CSPNonceError

    request = rf.get("/")
    CSPMiddleware(lambda r: HttpResponse("hi"))(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_on_a_shared_cache_server_the_window_is_ninja_s_own(
    client: Any, owner: Any, settings: Any, fresh_tallies: Any
) -> None:
    # Redis (here the memory cache stands in): every request counted in the shared cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.API_THROTTLE_RATES = {"api": "2/m"}
    headers = bearer(owner)
    for _ in range(2):
        assert client.get(API + "/me", headers=headers).status_code == 200
    refused = client.get(API + "/me", headers=headers)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert fresh_tallies == {}  # nothing counted in the process


def test_the_bell_s_count_rides_on_the_user_s_one_statement(owner: Any, friend: Any) -> None:
    from django.utils import timezone

    from rejection.accounts.backends import USER_ANNOTATIONS
    from rejection.community.models import Notification, NotificationKind

    kind = NotificationKind.values[0]
    for n in range(3):
        Notification.objects.create(recipient=owner, actor=friend, kind=kind, text=f"n{n}")
    Notification.objects.filter(text="n0").update(read_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        user = user_with_profile(owner.pk, USER_ANNOTATIONS)
    assert len(queries) == 1
    assert user.unread_notifications == 2
    assert user_with_profile(friend.pk, USER_ANNOTATIONS).unread_notifications == 0
