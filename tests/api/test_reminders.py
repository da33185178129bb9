"""The reminders API: settings, push subscriptions, the calendar feed and its rotation."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
import recurring_ical_events
import time_machine

from rejection.reminders.models import PushSubscription, ReminderSettings
from tests.api.conftest import assert_error
from tests.conftest import bearer, make_user, read_json
from tests.reminder_parts import Browser
from tests.writes import log_ask

pytestmark = pytest.mark.django_db
EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ON = {
    "enabled": True,
    "time": "08:30",
    "days": ["mon", "wed", "fri"],
    "push": True,
    "email": False,
    "streak_nudge": True,
}


@pytest.fixture
def person(db: Any) -> Any:
    return make_user("sam", "America/New_York")


@pytest.fixture
def auth(person: Any) -> dict[str, str]:
    return bearer(person)


def test_reminders_are_off_until_turned_on(api: Any, auth: dict) -> None:
    body = read_json(api.get("/reminders", headers=auth))
    assert body["enabled"] is False and body["next_at"] is None
    assert body["time"] == "09:00" and body["days"] == EVERY_DAY
    assert body["suggested_time"] is None and "Log a few asks" in body["suggested_how"]


def test_put_turns_them_on_with_the_next_instant(api: Any, auth: dict) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        response = api.call("PUT", "/reminders", ON, headers=auth)
    assert response.status_code == 200, response.content
    body = read_json(response)
    assert {key: body[key] for key in ON} == ON
    # Tuesday noon UTC: the next is Wednesday 08:30 in New York (EDT since 8 March).
    assert body["next_at"] == "2026-03-11T12:30:00Z"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"time": "24:00"}, "time"),
        ({"time": "8:30"}, "time"),
        ({"days": ["mon", "mon"]}, "days"),
        ({"days": ["monday"]}, "days"),
        ({"enabled": "yes"}, "enabled"),
        ({"extra": 1}, "extra"),
    ],
)
def test_put_refuses_what_the_contract_forbids(
    api: Any, auth: dict, change: dict, field: str
) -> None:
    response = api.call("PUT", "/reminders", ON | change, headers=auth)
    assert_error(response, 422, "invalid", field)


def test_email_with_no_address_is_a_conflict(api: Any, db: Any) -> None:
    user = make_user("noaddress")
    user.email = ""
    user.save()
    response = api.call("PUT", "/reminders", ON | {"email": True}, headers=bearer(user))
    assert_error(response, 409, "no_email", "email")


def test_the_suggested_time_is_learned_from_local_times_of_asks(
    api: Any, person: Any, auth: dict, small_deck: Any
) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 20, 23, tzinfo=dt.UTC), tick=False):
        for day, hour, minute in [(16, 12, 20), (17, 12, 40), (18, 18, 0), (19, 7, 55)]:
            moment = dt.datetime(2026, 3, day, hour, minute)  # New York wall times
            log_ask(person, {"ask": "Ask", "outcome": "rejected", "occurred_at": moment})
        body = read_json(api.get("/reminders", headers=auth))
    # The middle of 07:55, 12:20, 12:40, 18:00 (the lower one) is 12:20, to 15 minutes 12:15.
    assert body["suggested_time"] == "12:15"
    assert "last 4 asks" in body["suggested_how"]


def test_push_key_and_subscriptions(api: Any, person: Any, auth: dict) -> None:
    key = read_json(api.get("/push/key", headers=auth))["public_key"]
    assert len(key) == 87  # base64url of the 65-byte uncompressed P-256 point
    subscription = {
        "endpoint": "https://push.example.com/send/abc",
        "expirationTime": None,
        "keys": Browser().keys(),
    }
    created = api.post("/push/subscriptions", subscription, headers=auth)
    assert created.status_code == 201
    first = read_json(created)["id"]
    again = api.post("/push/subscriptions", subscription, headers=auth)
    assert read_json(again)["id"] == first  # the same endpoint again: updated, not doubled
    assert api.delete(f"/push/subscriptions/{first}", headers=auth).status_code == 204
    assert not PushSubscription.objects.filter(user=person).exists()
    assert_error(api.delete(f"/push/subscriptions/{first}", headers=auth), 404, "not_found")


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/x",  # not https
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://[::1]/x",
        "https://localhost/x",
        "https://printer.local/x",
        "https://intranet/x",
        "https://user:pw@push.example.com/x",
        "https://169.254.169.254/latest/meta-data",
    ],
)
def test_only_https_endpoints_on_public_hosts(api: Any, auth: dict, endpoint: str) -> None:
    body = {"endpoint": endpoint, "keys": Browser().keys()}
    assert_error(api.post("/push/subscriptions", body, headers=auth), 422, "endpoint_refused")


def test_push_endpoint_allow_names_a_local_push_service(
    api: Any, auth: dict, settings: Any
) -> None:
    settings.PUSH_ENDPOINT_ALLOW = ["127.0.0.1:9999"]
    body = {"endpoint": "http://127.0.0.1:9999/push", "keys": Browser().keys()}
    assert api.post("/push/subscriptions", body, headers=auth).status_code == 201
    body["endpoint"] = "http://127.0.0.1:9998/push"  # another port is still refused
    assert_error(api.post("/push/subscriptions", body, headers=auth), 422, "endpoint_refused")


def test_the_calendar_feed_follows_local_time_across_a_change_of_clocks(
    api: Any, client: Any, person: Any, auth: dict, small_deck: Any
) -> None:
    """A second library reads the feed: 08:30 in New York before and after 8 March."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        api.call("PUT", "/reminders", ON | {"days": EVERY_DAY}, headers=auth)
        url = read_json(api.get("/calendar", headers=auth))["url"]
        client.logout()
        response = client.get(urlsplit(url).path)  # no session, no token: the secret is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = recurring_ical_events.of(calendar).between(
        dt.datetime(2026, 3, 1, tzinfo=dt.UTC), dt.datetime(2026, 3, 31, tzinfo=dt.UTC)
    )
    starts = sorted(event["DTSTART"].dt for event in events)
    assert len(starts) == 14
    assert {start.astimezone(dt.UTC).strftime("%H:%M") for start in starts[:6]} == {"13:30"}
    assert {start.astimezone(dt.UTC).strftime("%H:%M") for start in starts[6:]} == {"12:30"}
    assert all(start.strftime("%H:%M") == "08:30" for start in starts)  # always 08:30 local
    assert all(str(start.tzinfo) == "America/New_York" for start in starts)


def test_the_calendar_names_the_days_challenge_and_rotates(
    api: Any, client: Any, person: Any, auth: dict, small_deck: Any
) -> None:
    from rejection.practice.today import pick_today

    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        api.call("PUT", "/reminders", ON | {"days": EVERY_DAY}, headers=auth)
        title = pick_today(person, dt.date(2026, 3, 2)).challenge.title
        old = urlsplit(read_json(api.get("/calendar", headers=auth))["url"]).path
        calendar = icalendar.Calendar.from_ical(client.get(old).content)
        summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
        assert summaries[0] == title and summaries[1] == "Today's ask"
        new = read_json(api.post("/calendar/rotate", headers=auth))["url"]
    assert urlsplit(new).path != old
    assert client.get(old).status_code == 404
    assert client.get(urlsplit(new).path).status_code == 200
    assert client.get("/calendar/not-a-secret.ics").status_code == 404


def test_a_change_of_profile_zone_reschedules(api: Any, person: Any, auth: dict) -> None:
    with time_machine.travel(dt.datetime(2026, 6, 1, 0, tzinfo=dt.UTC), tick=False):
        api.call("PUT", "/reminders", ON | {"days": EVERY_DAY}, headers=auth)
        assert api.patch("/me", {"timezone": "Asia/Tokyo"}, headers=auth).status_code == 200
        body = read_json(api.get("/reminders", headers=auth))
    assert body["next_at"] == "2026-06-01T23:30:00Z"  # 08:30 in Tokyo on 2 June
    assert ReminderSettings.objects.get(user=person).zone == "Asia/Tokyo"


@pytest.mark.parametrize(
    "endpoint",
    ["https://push.example.com/x\n", "https://[::1/x", "https://exämple.com/x", "https://a b/x"],
)
def test_odd_endpoints_are_refused_not_a_server_error(api: Any, auth: dict, endpoint: str) -> None:
    body = {"endpoint": endpoint, "keys": Browser().keys()}
    assert api.post("/push/subscriptions", body, headers=auth).status_code == 422


def test_keys_with_a_line_break_are_refused(api: Any, auth: dict) -> None:
    keys = Browser().keys()
    body = {"endpoint": "https://push.example.com/x", "keys": keys | {"auth": keys["auth"] + "\n"}}
    assert_error(api.post("/push/subscriptions", body, headers=auth), 422, "invalid", "keys.auth")
