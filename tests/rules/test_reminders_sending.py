"""The minute's pass: who gets a reminder, on which channel, and exactly once.

Mail goes through a real SMTP server (aiosmtpd) and push through a local push service
whose body the test decrypts with the browser's key, as a browser would.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail as outbox

from rejection.reminders import push
from rejection.reminders.contracts import NewPushSubscription, ReminderChanges
from rejection.reminders.models import PushSubscription, ReminderSettings
from rejection.reminders.sending import REMINDER, Pass, due, handle, run
from rejection.reminders.services import add_subscription, change_reminders
from tests.conftest import make_user
from tests.reminder_parts import Browser, push_service, smtp_server
from tests.writes import log_ask, start

UTC = dt.UTC
# Tuesday 10 March 2026; the reminders below are at 09:00 in New York (13:00 UTC).
MORNING = dt.datetime(2026, 3, 10, 12, tzinfo=UTC)
DUE = dt.datetime(2026, 3, 10, 13, tzinfo=UTC)
EVENING = dt.datetime(2026, 3, 11, 0, 1, tzinfo=UTC)  # 20:01 in New York


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def remind(user: Any, **changes: Any) -> ReminderSettings:
    values = {
        "enabled": True,
        "time": "09:00",
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "push": False,
        "email": False,
        "streak_nudge": False,
    } | changes
    return change_reminders(user, ReminderChanges(**values))


def confirm_email(user: Any) -> None:
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)


def at(clock: Any, moment: dt.datetime) -> Pass:
    clock.move_to(moment)
    return run(moment)


@pytest.fixture
def person(small_deck: Any, clock: Any) -> Any:
    return make_user("asker", "America/New_York")


def test_the_email_arrives_with_both_parts_and_one_click_unsubscribe(
    person: Any, clock: Any, settings: Any, client: Any
) -> None:
    confirm_email(person)
    remind(person, email=True)
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        assert at(clock, DUE).sent == [(person.pk, REMINDER, dt.date(2026, 3, 10))]
    [received] = inbox.messages
    print("\nReceived e-mail headers:")
    for name, value in received.items():
        print(f"  {name}: {value}")
    assert received["To"] == "asker@example.com"
    assert received["Subject"] == "Today's ask is ready when you are"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = received["List-Unsubscribe"].strip().strip("<>")
    assert link.startswith("http://127.0.0.1:8000/reminders/unsubscribe/")
    assert received.get_content_type() == "multipart/alternative"
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    from rejection.progress.models import DailyPick

    title = DailyPick.objects.get(user=person, local_date=dt.date(2026, 3, 10)).challenge.title
    assert f"Today's challenge: {title}" in text
    assert title in html and link.replace("&", "&amp;") in html
    print(f"  text part: {text.splitlines()[0]!r} ... challenge {title!r}")

    # RFC 8058: the mail client POSTs the link, with no cookie and no CSRF token.
    client.logout()
    answer = client.post(urlsplit(link).path, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert ReminderSettings.objects.get(user=person).email is False
    # A forged link is a 404 and changes nothing.
    assert client.post(urlsplit(link).path[:-3] + "xx/").status_code == 404


def test_no_mail_to_an_address_not_confirmed(
    person: Any, clock: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Turning e-mail on sends allauth's confirmation (once saved); reminders wait for it."""
    with django_capture_on_commit_callbacks(execute=True):
        remind(person, email=True)
    [confirmation] = outbox.outbox
    assert confirmation.to == ["asker@example.com"]
    assert "confirm" in (confirmation.subject + confirmation.body).lower()
    outbox.outbox.clear()
    assert at(clock, DUE).sent  # the reminder's turn is used...
    assert outbox.outbox == []  # ...but nothing goes to an unconfirmed address


def test_the_push_arrives_encrypted_for_the_browser(person: Any, clock: Any, settings: Any) -> None:
    browser = Browser()
    with push_service() as service:
        settings.PUSH_ENDPOINT_ALLOW = [f"127.0.0.1:{service.port}"]
        endpoint = f"http://127.0.0.1:{service.port}/push/abc"
        add_subscription(person, NewPushSubscription(endpoint=endpoint, keys=browser.keys()))
        remind(person, push=True)
        assert at(clock, DUE).sent
    [(headers, body)] = service.received
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["ttl"] == "21600"
    token, key = headers["authorization"].removeprefix("vapid t=").split(",k=")
    assert key == push.public_key()
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert claims["aud"] == f"http://127.0.0.1:{service.port}"
    assert claims["sub"] == "mailto:noreply@localhost"
    payload = browser.decrypt(body)
    print(f"\nDecrypted push payload: {payload}")
    assert payload["kind"] == "reminder"
    assert payload["title"] == "Today's ask is ready when you are"
    assert payload["url"] == "/today/"
    assert payload["body"]  # today's challenge


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_forgot_is_deleted(
    person: Any, clock: Any, settings: Any, status: int
) -> None:
    with push_service(status) as service:
        settings.PUSH_ENDPOINT_ALLOW = [f"127.0.0.1:{service.port}"]
        endpoint = f"http://127.0.0.1:{service.port}/gone"
        add_subscription(person, NewPushSubscription(endpoint=endpoint, keys=Browser().keys()))
        remind(person, push=True)
        at(clock, DUE)
        assert len(service.received) == 1
    assert not PushSubscription.objects.filter(user=person).exists()


def test_a_server_error_keeps_the_subscription(person: Any, clock: Any, settings: Any) -> None:
    with push_service(500) as service:
        settings.PUSH_ENDPOINT_ALLOW = [f"127.0.0.1:{service.port}"]
        endpoint = f"http://127.0.0.1:{service.port}/busy"
        add_subscription(person, NewPushSubscription(endpoint=endpoint, keys=Browser().keys()))
        remind(person, push=True)
        at(clock, DUE)
    assert PushSubscription.objects.filter(user=person).exists()


def skipped(report: Pass, kind: str = REMINDER) -> list[str]:
    return [why for _, done, why in report.skipped if done == kind]


def test_none_on_a_day_already_asked(person: Any, clock: Any) -> None:
    remind(person)
    log_ask(person, {"ask": "A discount", "outcome": "rejected", "occurred_at": MORNING})
    assert skipped(at(clock, DUE)) == ["asked"]
    # Tomorrow is another day.
    row = ReminderSettings.objects.get(user=person)
    assert row.next_at == DUE + dt.timedelta(days=1)


def test_none_on_a_rest_day(person: Any, clock: Any) -> None:
    from rejection.progress.services import take_rest_day

    remind(person)
    take_rest_day(person, dt.date(2026, 3, 10))
    assert skipped(at(clock, DUE)) == ["resting"]


def test_none_when_the_program_has_ended(person: Any, clock: Any) -> None:
    start(person, "custom", dt.date(2026, 3, 1), length_days=7)
    remind(person)
    assert skipped(at(clock, DUE)) == ["program_ended"]


def test_a_reminder_a_little_late_is_sent_once(person: Any, clock: Any) -> None:
    remind(person)
    report = at(clock, DUE + dt.timedelta(hours=1, minutes=59))
    assert len(report.sent) == 1
    assert at(clock, DUE + dt.timedelta(hours=1, minutes=59, seconds=30)).sent == []
    assert ReminderSettings.objects.get(user=person).next_at == DUE + dt.timedelta(days=1)


def test_a_reminder_more_than_two_hours_late_is_skipped(person: Any, clock: Any) -> None:
    remind(person)
    assert skipped(at(clock, DUE + dt.timedelta(hours=2, minutes=1))) == ["late"]
    assert ReminderSettings.objects.get(user=person).next_at == DUE + dt.timedelta(days=1)


def test_reminders_are_off_until_turned_on(person: Any, clock: Any) -> None:
    from rejection.reminders.services import settings_for

    assert settings_for(person).enabled is False
    assert settings_for(person).next_at is None
    assert at(clock, DUE) == Pass()


def test_the_evening_nudge_only_when_a_streak_is_at_risk(person: Any, clock: Any) -> None:
    remind(person, streak_nudge=True)
    # No streak yet: nothing is at risk.
    assert skipped(at(clock, EVENING), "nudge") == ["no_streak"]
    log_ask(person, {"ask": "A free coffee", "outcome": "rejected", "occurred_at": MORNING})
    # Tomorrow evening the streak from today is alive and tomorrow has no ask yet.
    tomorrow_evening = EVENING + dt.timedelta(days=1)
    report = at(clock, tomorrow_evening)
    assert report.sent == [(person.pk, "nudge", dt.date(2026, 3, 11))]
    # A day that already has its ask gets no nudge.
    next_morning = MORNING + dt.timedelta(days=2)
    clock.move_to(next_morning)
    log_ask(person, {"ask": "Upgrade", "outcome": "rejected", "occurred_at": next_morning})
    assert skipped(at(clock, tomorrow_evening + dt.timedelta(days=1)), "nudge") == ["asked"]
    assert at(clock, tomorrow_evening + dt.timedelta(minutes=1)).sent == []


def test_two_consumers_never_send_the_same_reminder(small_deck: Any, clock: Any) -> None:
    """Both consumers read the same due rows; each row is sent by exactly one of them."""
    people = [make_user(f"p{number}", "America/New_York") for number in range(4)]
    for user in people:
        remind(user)
    clock.move_to(DUE)
    first, second = Pass(), Pass()
    rows_a, rows_b = due(DUE), due(DUE)
    assert len(rows_a) == len(rows_b) == 4
    for row_a, row_b in zip(rows_a, rows_b, strict=True):
        # Alternate who claims first, as two racing consumers would.
        if row_a.user_id % 2:
            handle(row_a, REMINDER, DUE, first)
            handle(row_b, REMINDER, DUE, second)
        else:
            handle(row_b, REMINDER, DUE, second)
            handle(row_a, REMINDER, DUE, first)
    sent = [user for user, _, _ in first.sent + second.sent]
    assert sorted(sent) == sorted(user.pk for user in people)
    assert first.lost + second.lost == 4
    assert first.sent and second.sent


REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.mark.django_db(transaction=True)
def test_two_consumers_on_redis_send_each_reminder_exactly_once(small_deck: Any) -> None:
    """Two huey consumers take the minute's job from Redis at once; no reminder goes twice."""
    import threading

    import redis
    from django.db import connection
    from huey import RedisHuey

    if connection.vendor != "postgresql":
        pytest.skip("threads writing at once need PostgreSQL (SQLite's in-memory test database)")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    queue = RedisHuey("rt-reminders-test", url=REDIS_URL, results=False)
    queue.flush()
    reports: list[Pass] = []

    @queue.task()
    def minute_pass(moment: str) -> None:
        reports.append(run(dt.datetime.fromisoformat(moment)))

    with time_machine.travel(MORNING, tick=False) as clock:
        people = [make_user(f"racer{number}", "America/New_York") for number in range(30)]
        for user in people:
            remind(user)
        clock.move_to(DUE)
        minute_pass(DUE.isoformat())
        minute_pass(DUE.isoformat())  # the same minute's job, delivered to both consumers
        start_line = threading.Barrier(2)

        def consumer() -> None:
            try:
                task = queue.dequeue()
                start_line.wait()
                queue.execute(task)
            finally:
                connection.close()

        threads = [threading.Thread(target=consumer) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    queue.flush()
    assert len(reports) == 2
    sent = [user for report in reports for user, _, _ in report.sent]
    assert sorted(sent) == sorted(user.pk for user in people)  # each one, once
    print(f"\nconsumer A sent {len(reports[0].sent)}, consumer B sent {len(reports[1].sent)}")


# Statements per reminder sent (no channel): claim, the day's tally, the programme,
# today's card (read or chosen and kept) and the channels' rows; flat whatever the history.
PER_REMINDER = 12


def test_the_minute_costs_a_fixed_number_of_queries_per_reminder(
    small_deck: Any, clock: Any
) -> None:
    from tests.budget import queries

    people = [make_user(f"budget{number}", "America/New_York") for number in range(5)]
    for user in people:
        confirm_email(user)
        remind(user, push=True, email=True)
    clock.move_to(DUE)
    with queries() as counted:
        report = run(DUE)
    assert len(report.sent) == 5
    print(f"\nthe minute's pass, 5 reminders: {len(counted)} queries")
    assert len(counted) <= 2 + PER_REMINDER * 5, counted.explain()
    clock.move_to(DUE + dt.timedelta(minutes=1))
    with queries() as idle:
        run(DUE + dt.timedelta(minutes=1))
    assert len(idle) == 2  # nothing due: one indexed read per kind


def test_the_periodic_task_claims_and_sends(person: Any, clock: Any) -> None:
    """The huey task, called as the consumer calls it (jobs run inline in the tests)."""
    from rejection.reminders.tasks import send_due_reminders

    confirm_email(person)
    remind(person, email=True)
    outbox.outbox.clear()
    clock.move_to(DUE)
    assert send_due_reminders.call_local() == 1
    [sent] = outbox.outbox
    assert sent.to == ["asker@example.com"]
    assert send_due_reminders.call_local() == 0  # claimed: never again this minute
