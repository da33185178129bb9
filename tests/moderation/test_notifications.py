"""The bell, the notifications page and API, and delivery on the reminder channels."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rejection.community.models import Block, Notification, NotificationChannels
from rejection.community.notifications import notify
from rejection.reminders.contracts import NewPushSubscription
from rejection.reminders.services import add_subscription
from tests.budget import queries
from tests.moderation.conftest import get_json, post_json
from tests.reminder_parts import Browser, push_service, smtp_server

pytestmark = pytest.mark.django_db


def many(recipient: Any, actor: Any, n: int, text: str = "cheered your ask") -> list[int]:
    return [
        notify(recipient, "cheer", f"{actor.username} {text} {i}", "/feed/", actor=actor).pk
        for i in range(n)
    ]


def test_the_bell_shows_the_count_in_its_label(client: Any, cast: dict) -> None:
    asker = cast["asker"]
    client.force_login(asker)
    quiet = client.get(reverse("today")).content.decode()
    assert 'aria-label="Notifications"' in quiet and "bell__count" not in quiet
    many(asker, cast["friend"], 3)
    page = client.get(reverse("today")).content.decode()
    assert 'aria-label="Notifications, 3 unread"' in page
    assert '<span class="bell__count" aria-hidden="true">3</span>' in page
    assert f'href="{reverse("notifications")}"' in page
    client.logout()
    assert "bell" not in client.get(reverse("landing")).content.decode()


def test_the_bell_costs_no_query_of_its_own_whatever_the_count(client: Any, cast: dict) -> None:
    """The count rides on the signed-in user's one query, as a subquery on the partial index."""
    from django.db import connection

    asker = cast["asker"]
    client.force_login(asker)
    client.get(reverse("settings"))
    with queries() as none:
        client.get(reverse("settings"))
    many(asker, cast["friend"], 40)
    with queries() as forty:
        page = client.get(reverse("settings"))
    assert 'aria-label="Notifications, 40 unread"' in page.content.decode()
    assert len(forty) == len(none), forty.explain()
    [counting] = [sql for sql in forty.statements if "community_notification" in sql]
    assert counting.lstrip().startswith('SELECT "auth_user"."id"'), counting
    assert "COUNT(" in counting.upper() and '"read_at" IS NULL' in counting
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + counting)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        print(f"\nplan: {plan}")
        assert "SEARCH U0 USING INDEX notification_unread (recipient_id=?)" in plan
        assert "SCAN" not in plan


def test_the_page_lists_newest_first_and_marks_them_read(client: Any, cast: dict) -> None:
    asker = cast["asker"]
    ids = many(asker, cast["friend"], 25)
    client.force_login(asker)
    first = client.get(reverse("notifications"))
    html = first.content.decode()
    assert html.index("friend cheered your ask 24") < html.index("friend cheered your ask 5")
    assert "friend cheered your ask 4<" not in html  # 20 a page
    assert html.count(">New</span>") == 20
    assert not Notification.objects.filter(recipient=asker, read_at__isnull=True).exists()
    assert 'aria-label="Notifications"' in html  # the header counts after marking
    cursor = first.context["next_cursor"]
    older = client.get(reverse("notifications"), {"cursor": cursor}).content.decode()
    assert "friend cheered your ask 4<" in older and "friend cheered your ask 5<" not in older
    assert len(ids) == 25
    # A hand-made cursor is not an error.
    assert client.get(reverse("notifications"), {"cursor": "x.9"}).status_code == 200


def test_the_page_costs_the_same_for_few_and_many(client: Any, cast: dict) -> None:
    asker = cast["asker"]
    many(asker, cast["friend"], 2)
    client.force_login(asker)
    client.get(reverse("notifications"))
    with queries() as few:
        client.get(reverse("notifications"))
    many(asker, cast["second"], 30)
    with queries() as lots:
        client.get(reverse("notifications"))
    assert len(lots) == len(few) <= 10, lots.explain()


def test_mark_all_read_with_the_button(client: Any, cast: dict) -> None:
    many(cast["asker"], cast["friend"], 2)
    client.force_login(cast["asker"])
    assert client.post(reverse("notifications_read")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_nobody_sees_anyone_elses_notifications(client: Any, cast: dict) -> None:
    many(cast["asker"], cast["friend"], 2, "SECRET-BELL")
    client.force_login(cast["stranger"])
    assert "SECRET-BELL" not in client.get(reverse("notifications")).content.decode()
    answer = get_json(client, "/notifications", cast["stranger"])
    assert json.loads(answer.content) == {"items": [], "next_cursor": None, "unread": 0}
    # Marking someone else's ids read changes nothing.
    ids = list(Notification.objects.values_list("pk", flat=True))
    marked = post_json(client, "/notifications/read", {"ids": ids}, cast["stranger"])
    assert json.loads(marked.content) == {"marked": 0, "unread": 0}
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_the_api_pages_with_a_cursor_and_counts_unread(client: Any, cast: dict) -> None:
    asker = cast["asker"]
    ids = many(asker, cast["friend"], 5)
    first = json.loads(get_json(client, "/notifications", asker, limit=3).content)
    assert [item["id"] for item in first["items"]] == ids[::-1][:3]
    assert first["unread"] == 5
    item = first["items"][0]
    assert item["kind"] == "cheer" and item["actor"] == "friend" and item["read"] is False
    assert item["url"] == "/feed/" and item["created_at"]
    rest = json.loads(
        get_json(client, "/notifications", asker, limit=3, cursor=first["next_cursor"]).content
    )
    assert [item["id"] for item in rest["items"]] == ids[::-1][3:]
    assert rest["next_cursor"] is None
    marked = post_json(client, "/notifications/read", {"ids": ids[:2]}, asker)
    assert json.loads(marked.content) == {"marked": 2, "unread": 3}
    marked = post_json(client, "/notifications/read", {"all": True}, asker)
    assert json.loads(marked.content) == {"marked": 3, "unread": 0}


def test_the_api_refuses_bad_input_and_anonymous(client: Any, cast: dict) -> None:
    assert get_json(client, "/notifications").status_code == 401
    assert post_json(client, "/notifications/read", {"all": True}).status_code == 401
    for bad in ({"ids": [0]}, {"ids": list(range(1, 102))}, {"all": "yes"}, {"other": 1}):
        answer = post_json(client, "/notifications/read", bad, cast["asker"])
        assert answer.status_code == 422, bad
    assert get_json(client, "/notifications", cast["asker"], limit=0).status_code == 422
    assert get_json(client, "/notifications", cast["asker"], cursor="zz").status_code == 422


def test_the_api_list_costs_the_same_for_few_and_many(client: Any, cast: dict) -> None:
    from tests.conftest import bearer

    headers = bearer(cast["asker"])
    many(cast["asker"], cast["friend"], 2)
    client.get("/api/v1/notifications", headers=headers)
    with queries() as few:
        client.get("/api/v1/notifications", headers=headers)
    many(cast["asker"], cast["second"], 40)
    with queries() as lots:
        client.get("/api/v1/notifications", headers=headers)
    assert len(lots) == len(few) <= 10, lots.explain()


def test_a_blocked_actor_is_left_out_of_the_list(client: Any, cast: dict) -> None:
    asker, friend = cast["asker"], cast["friend"]
    many(asker, friend, 2, "BLOCKED-LATER")
    Block.objects.create(blocker=asker, blocked=friend)
    answer = json.loads(get_json(client, "/notifications", asker).content)
    assert answer["items"] == []
    client.force_login(asker)
    assert "BLOCKED-LATER" not in client.get(reverse("notifications")).content.decode()
    # And no new ones are made across the block.
    assert notify(asker, "cheer", "again", actor=friend) is None
    # Blocking can forget them, so the bell's count agrees with the list at once.
    from rejection.community.inbox import forget_between, unread_count

    Notification.objects.filter(recipient=asker).update(read_at=None)
    many(asker, cast["second"], 1)
    assert unread_count(asker) == 3
    assert forget_between(friend, asker) == 2
    assert unread_count(asker) == 1


def test_choosing_channels_on_the_page(client: Any, cast: dict) -> None:
    client.force_login(cast["asker"])
    page = client.get(reverse("notifications")).content.decode()
    assert "Also send them to me" in page
    client.post(reverse("notification_channels"), {"push": "on"})
    row = NotificationChannels.objects.get(user=cast["asker"])
    assert (row.push, row.email) == (True, False)
    client.post(reverse("notification_channels"), {"email": "on"})
    row.refresh_from_db()
    assert (row.push, row.email) == (False, True)


def test_choosing_channels_through_the_api(client: Any, cast: dict) -> None:
    from tests.conftest import bearer

    headers = bearer(cast["asker"])
    path = "/api/v1/notifications/channels"
    assert json.loads(client.get(path, headers=headers).content) == {"push": False, "email": False}
    answer = client.put(
        path, json.dumps({"push": True, "email": False}), "application/json", headers=headers
    )
    assert json.loads(answer.content) == {"push": True, "email": False}
    assert NotificationChannels.objects.get(user=cast["asker"]).push is True
    bad = client.put(
        path, json.dumps({"push": "yes", "email": False}), "application/json", headers=headers
    )
    assert bad.status_code == 422
    assert client.get(path).status_code == 401


def test_no_channel_chosen_sends_nothing(
    cast: dict, django_capture_on_commit_callbacks: Any
) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=cast["asker"], email="asker@example.com", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast["asker"], "cheer", "friend cheered", actor=cast["friend"])
    assert mail.outbox == []


def test_a_notification_by_email_arrives(cast: dict, settings: Any) -> None:
    from allauth.account.models import EmailAddress

    asker = cast["asker"]
    EmailAddress.objects.create(user=asker, email="asker@example.com", verified=True, primary=True)
    NotificationChannels.objects.create(user=asker, email=True)
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        notify(asker, "comment", "friend commented on your ask", "/asks/1/", actor=cast["friend"])
    [received] = inbox.messages
    assert received["To"] == "asker@example.com"
    assert received["Subject"] == "friend commented on your ask"
    body = received.get_body(("plain",)).get_content()
    assert "http://127.0.0.1:8000/asks/1/" in body and "/notifications/" in body


def test_a_notification_by_push_arrives_encrypted(cast: dict, settings: Any) -> None:
    asker = cast["asker"]
    browser = Browser()
    NotificationChannels.objects.create(user=asker, push=True)
    with push_service() as service:
        settings.PUSH_ENDPOINT_ALLOW = [f"127.0.0.1:{service.port}"]
        endpoint = f"http://127.0.0.1:{service.port}/push/n"
        add_subscription(asker, NewPushSubscription(endpoint=endpoint, keys=browser.keys()))
        made = notify(asker, "cheer", "friend cheered: Brave", "/asks/7/", actor=cast["friend"])
    assert made is not None
    [(headers, body)] = service.received
    assert headers["content-encoding"] == "aes128gcm"
    assert browser.decrypt(body) == {
        "kind": "notification",
        "title": "Rejection Therapy",
        "body": "friend cheered: Brave",
        "url": "/asks/7/",
    }


def test_delivery_waits_for_the_commit_when_a_queue_runs(
    cast: dict, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """With a real queue, notify() only schedules the job, after the write commits."""
    from huey.contrib.djhuey import HUEY

    NotificationChannels.objects.create(user=cast["asker"], push=True)
    HUEY.immediate = False
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            notify(cast["asker"], "cheer", "queued", actor=cast["friend"])
        assert len(callbacks) == 1  # the enqueue, not the sending
    finally:
        HUEY.immediate = True


def test_read_time_is_kept(cast: dict) -> None:
    from rejection.community.inbox import mark_read

    many(cast["asker"], cast["friend"], 1)
    before = timezone.now()
    assert mark_read(cast["asker"]) == 1
    assert Notification.objects.get().read_at >= before


def test_the_count_is_an_index_search_not_a_scan(cast: dict) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rejection.community.inbox import unread_count

    many(cast["asker"], cast["friend"], 5)
    with CaptureQueriesContext(connection) as captured:
        unread_count(cast["asker"])
    [sql] = [query["sql"] for query in captured.captured_queries]
    if connection.vendor != "sqlite":
        pytest.skip("the plan is checked on SQLite; PostgreSQL's depends on its statistics")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    print(f"\nplan: {plan}")
    assert "SEARCH community_notification USING" in plan and "notification_" in plan
    assert "SCAN community_notification" not in plan
