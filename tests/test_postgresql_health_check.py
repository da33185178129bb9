"""The PostgreSQL backend's health check (rejection.core.backends.postgresql) skips a
connection that answered within DB_HEALTH_CHECK_AFTER_IDLE seconds, and checks one idle for
longer, as Django checks every time; a failed check or an error still closes the connection.

Driven through the request signals' own calls on a wrapper whose connection and check are
stand-ins, so it runs the same without a PostgreSQL server (the SQLite suite too).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db.utils import ConnectionHandler

from rejection.core.backends.postgresql import base


class Clock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(base, "now", clock)
    return clock


@pytest.fixture
def wrapper(monkeypatch: pytest.MonkeyPatch, settings: Any, clock: Clock) -> Any:
    settings.HEALTH_CHECK_AFTER_IDLE = 5
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "rejection.core.backends.postgresql",
                "NAME": "never-connected",
                "CONN_MAX_AGE": 600,
                "CONN_HEALTH_CHECKS": True,
            }
        }
    )
    db = handler["default"]
    db.checks = []  # one entry per SELECT 1 sent

    def is_usable() -> bool:
        db.checks.append(clock())
        return db.alive

    def connect() -> None:  # what Django's connect() sets, and our stamp
        db.connection = object()
        db.health_check_enabled, db.health_check_done, db.errors_occurred = True, True, False
        db.close_at, db.answered_at = None, clock()

    db.alive = True
    monkeypatch.setattr(db, "is_usable", is_usable)
    monkeypatch.setattr(db, "_close", lambda: None)
    monkeypatch.setattr(db, "get_autocommit", lambda: True)
    db.connect = connect
    db.connect()
    return db


def request(db: Any, error: bool = False) -> None:
    """One request as Django runs it: the signal at its start, its first statement's check,
    its work, the signal at its end."""
    db.close_if_unusable_or_obsolete()
    if db.connection is None:
        db.connect()
    db.close_if_health_check_failed()
    if db.connection is None:
        db.connect()
    db.errors_occurred = error
    db.close_if_unusable_or_obsolete()


def test_a_connection_used_a_moment_ago_is_not_checked(wrapper, clock):
    for _ in range(5):
        clock.seconds += 1
        request(wrapper)
    assert wrapper.checks == []


def test_a_connection_idle_past_the_limit_is_checked_and_closed_when_dead(wrapper, clock):
    request(wrapper)
    clock.seconds += 6
    request(wrapper)
    assert wrapper.checks == [clock.seconds]  # checked once, after the idle spell
    first = wrapper.connection
    clock.seconds += 6
    wrapper.alive = False
    wrapper.close_if_unusable_or_obsolete()
    wrapper.close_if_health_check_failed()
    assert wrapper.connection is None and first is not None  # dead: closed, as Django does


def test_zero_checks_every_request_as_django_does(wrapper, clock, settings):
    settings.HEALTH_CHECK_AFTER_IDLE = 0
    request(wrapper)
    clock.seconds += 0.1
    request(wrapper)
    assert len(wrapper.checks) == 2


def test_an_error_is_checked_at_the_end_and_does_not_count_as_an_answer(wrapper, clock):
    request(wrapper)
    clock.seconds += 1
    request(wrapper, error=True)  # Django checks it at once (errors_occurred)
    assert len(wrapper.checks) == 1
    wrapper.alive = False
    clock.seconds += 1
    request(wrapper, error=True)
    assert len(wrapper.checks) == 2
    assert wrapper.connection is None  # dead at the request's end: closed, as Django does
    clock.seconds += 1
    request(wrapper)  # the next request connects afresh and needs no check
    assert wrapper.connection is not None and len(wrapper.checks) == 2


def test_a_request_that_never_used_the_connection_leaves_its_last_answer(wrapper, clock):
    request(wrapper)
    answered = wrapper.answered_at
    clock.seconds += 4
    wrapper.close_if_unusable_or_obsolete()  # a request with no statement: start...
    wrapper.close_if_unusable_or_obsolete()  # ...and end
    assert wrapper.answered_at == answered
    clock.seconds += 2  # 6 s after its last answer
    request(wrapper)
    assert wrapper.checks == [clock.seconds]
