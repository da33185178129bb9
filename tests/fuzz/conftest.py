"""The fuzzer's cast: a real user with a token, a small deck and a few asks of their own."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import bearer, make_user
from tests.writes import log_ask

# Examples sent per operation ("GET /api/v1/me" -> count), printed at the end of the run.
EXAMPLES: Counter[str] = Counter()
SECONDS: Counter[str] = Counter()  # time spent answering them
STATUSES: Counter[int] = Counter()  # status code -> examples answered with it
# Any rate a fuzzer could reach in a run; the throttles stay on, just out of the way.
LOOSE_RATES = {
    "signup": "100000/m",
    "token": "100000/m",
    "token_account": "100000/m",
    "api": "100000/m",
}


@dataclass
class Cast:
    headers: dict[str, str]
    ids: dict[str, list[Any]]  # path parameter name -> ids of real rows the caller may touch


@pytest.fixture
def _keep_connection(db: Any) -> Any:
    """Keep the test's transaction open across requests, as Django's test client does.

    The WSGI handler closes "old" connections at each request's start and end; on PostgreSQL
    that would close the connection holding the test's transaction.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_cast(_keep_connection: Any, settings: Any, small_deck: Any) -> Cast:
    from django.core.cache import cache

    from rejection.challenges.models import Challenge
    from rejection.progress.models import Program
    from rejection.reminders.models import PushSubscription

    settings.API_THROTTLE_RATES = LOOSE_RATES
    settings.COMMUNITY_RATES = {"comment": (100_000, 600), "cheer": (100_000, 600)}
    cache.clear()
    user = make_user("fuzzer", "Europe/London")
    headers = bearer(user)
    challenges = list(Challenge.objects.order_by("pk")[:3])
    attempts = [
        log_ask(user, {"challenge_id": c.pk, "outcome": outcome, "anxiety_before": 5}).body["id"]
        for c, outcome in zip(challenges, ("rejected", "accepted", "pending"), strict=True)
    ]
    # A friend's shared ask with a comment each way, so cheers and comments go past the 404.
    from rejection.community.models import Comment
    from tests.community.world import befriend, shared_ask

    pal = make_user("fuzzpal", "UTC")
    befriend(user, pal)
    theirs = shared_ask(pal)
    comments = [
        Comment.objects.create(attempt=theirs, author=user, body="Well asked").pk,
        Comment.objects.create(attempt=theirs, author=pal, body="Thank you").pk,
    ]
    ids = {
        "attempt_id": [*attempts, theirs.pk],
        "comment_id": comments,
        "challenge_id": [c.pk for c in challenges],
        "slug": list(Program.objects.values_list("slug", flat=True)[:2]),
        "token_id": [],
        "subscription_id": [
            PushSubscription.objects.create(
                user=user, endpoint=f"https://push.example.com/{n}", p256dh="k", auth="a"
            ).pk
            for n in range(2)
        ],
    }
    from rejection.accounts.days import user_today
    from rejection.groups.contracts import JoinGroup, NewGroup
    from rejection.groups.services import create_group, join_group

    member = make_user("fuzz_member", "UTC")
    groups = [create_group(user, NewGroup(name=f"Fuzz {n}"), user_today(user)) for n in range(2)]
    for group in groups:
        join_group(member, JoinGroup(code=group.code), user_today(member))
    ids["group_id"] = [group.pk for group in groups]
    ids["username"] = ["fuzz_member", "fuzzer"]
    return Cast(headers=headers, ids=ids)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not EXAMPLES:
        return
    total = sum(EXAMPLES.values())
    terminalreporter.write_sep("-", "schemathesis")
    for label, count in sorted(EXAMPLES.items()):
        terminalreporter.write_line(f"{count:5d}  {SECONDS[label]:5.1f}s  {label}")
    seconds = sum(SECONDS.values())
    terminalreporter.write_line(
        f"{total:5d}  {seconds:5.1f}s  examples across {len(EXAMPLES)} operations"
    )
    terminalreporter.write_line(
        "statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(STATUSES.items()))
    )
