"""Export: everything the user owns as JSON, attempts as safe CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine

from rejection.data.services import COLUMNS, csv_cell
from rejection.journal.models import Attempt
from rejection.journal.services import attempt_as_dict
from rejection.progress.services import take_rest_day
from tests.api.conftest import assert_error
from tests.conftest import bearer
from tests.writes import log_ask, start, write_challenge

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


@pytest.fixture
def history(owner, friend, small_deck):
    with time_machine.travel(NOON, tick=False):
        start(owner, "classic-30", dt.date(2026, 3, 10))
        take_rest_day(owner, dt.date(2026, 3, 10))
        write_challenge(owner, {"title": "Mine", "category": "strangers", "difficulty": 3})
        write_challenge(friend, {"title": "Theirs", "category": "strangers", "difficulty": 3})
        log_ask(owner, {"ask": '=HYPERLINK("http://evil")', "outcome": "rejected", "tags": ["+x"]})
        log_ask(owner, {"ask": 'Plain, with "quotes"\nand a newline', "outcome": "accepted"})
        log_ask(
            owner,
            {"ask": "x", "outcome": "avoided", "learned": "@SUM(A1)", "what_happened": "-2+3"},
        )
        log_ask(friend, {"ask": "friend's secret", "outcome": "rejected"})


def test_json_export_holds_everything_mine_and_nothing_else(api, owner, headers, history):
    response = api.get("/export", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["profile"]["username"] == "owner"
    assert body["profile"]["email"] == "owner@example.com"
    assert [item["program"] for item in body["enrollments"]] == ["classic-30"]
    assert [item["title"] for item in body["custom_challenges"]] == ["Mine"]
    assert len(body["attempts"]) == 3
    assert set(body["attempts"][0]) == {*COLUMNS, "challenge"}
    assert body["rest_days"] == ["2026-03-10"]
    assert [token["name"] for token in body["tokens"]] == ["tests"]
    text = response.content.decode()
    assert "friend's secret" not in text and "Theirs" not in text
    assert "digest" not in text


def test_csv_export_is_rfc4180_and_neutralises_formulas(api, owner, headers, history):
    response = api.get("/export?format=csv", headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode()
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 3
    by_outcome = {row["outcome"]: row for row in rows}
    assert by_outcome["rejected"]["ask"] == '\'=HYPERLINK("http://evil")'
    assert by_outcome["rejected"]["tags"] == "'+x"
    assert by_outcome["accepted"]["ask"] == 'Plain, with "quotes"\nand a newline'
    assert by_outcome["avoided"]["learned"] == "'@SUM(A1)"
    assert by_outcome["avoided"]["what_happened"] == "'-2+3"
    assert "friend's secret" not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("fine", "fine"), ("a=b", "a=b"), (None, ""), (-3, -3),
        (["=a", "b"], "'=a, b"),
    ],
)  # fmt: skip
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_csv_columns_match_the_attempt_shape(owner, small_deck):
    attempt = log_ask(owner, {"ask": "x", "outcome": "rejected"}).attempt
    assert list(attempt_as_dict(attempt)) == COLUMNS


def test_empty_csv_has_a_header(api, headers):
    rows = list(
        csv.reader(io.StringIO(api.get("/export?format=csv", headers=headers).content.decode()))
    )
    assert rows == [COLUMNS]


def test_export_needs_a_token_and_a_known_format(api, headers):
    assert_error(api.get("/export"), 401, "unauthorized")
    assert_error(api.get("/export?format=csv"), 401, "unauthorized")
    assert_error(api.get("/export?format=xlsx", headers=headers), 422, "invalid", "format")


def test_friend_export_does_not_hold_mine(api, friend, history):
    body = json.loads(api.get("/export", headers=bearer(friend)).content)
    assert [item["ask"] for item in body["attempts"]] == ["friend's secret"]
    assert body["enrollments"] == [] and body["rest_days"] == []


def test_export_matches_its_documented_schema_and_keeps_microseconds(api, owner, headers, history):
    from rejection.data.contracts import ExportDocument

    body = api.get("/export", headers=headers).json()
    ExportDocument.model_validate(body)  # the import reads exactly what the export writes
    moments = {Attempt.objects.get(uuid=item["uuid"]).occurred_at for item in body["attempts"]}
    assert {dt.datetime.fromisoformat(item["occurred_at"]) for item in body["attempts"]} == moments
