"""Awkward text through the API: kept exactly or refused with a 422 naming it; never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache

from tests.conftest import bearer

API = "/api/v1"

KEPT = [
    "'; DROP TABLE journal_attempt; --",
    "Robert'); DELETE FROM auth_user WHERE ('1'='1",
    '" OR 1=1 -- \\ % _ \\x27',
    "\u202eesrever\u202c and \u200fRTL\u200e marks, "
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji 😬🙏🏽👩‍👩‍👧 and a flag 🇳🇴",
    "zero\u200bwidth, combining e\u0301, astral \U0001d518\U0001d52b\U0001d526",
    "<script>alert(1)</script> {{7*7}} ${7*7} &amp; &lt;",
    "line one\nline two\ttabbed",
]


@pytest.fixture
def call(client: Any, owner: Any) -> Any:
    cache.clear()
    headers = bearer(owner)

    def send(method: str, path: str, body: Any) -> Any:
        if method == "get":
            response = client.get(API + path, headers=headers)
        else:
            response = getattr(client, method)(
                API + path, data=json.dumps(body), content_type="application/json", headers=headers
            )
        assert response.status_code < 500, response.content
        return response

    return send


def error_fields(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.content
    return response.json()["error"]["fields"]


@pytest.mark.parametrize("text", KEPT)
def test_attempt_text_comes_back_exactly_as_sent(call: Any, text: str) -> None:
    body = {
        "ask": text[:300],
        "outcome": "rejected",
        "feared_outcome": text,
        "what_happened": text,
        "learned": text,
    }
    created = call("post", "/attempts", body)
    assert created.status_code == 201, created.content
    again = call("get", f"/attempts/{created.json()['id']}", None).json()
    for name in ("feared_outcome", "what_happened", "learned"):
        assert again[name] == text.strip()
    assert again["ask"] == text[:300].strip()


@pytest.mark.parametrize("text", KEPT)
def test_display_name_and_custom_challenge_keep_the_text(
    call: Any, small_deck: Any, text: str
) -> None:
    name = text[:80]
    assert call("patch", "/me", {"display_name": name}).json()["display_name"] == name.strip()
    body = {"title": text[:120], "script": text, "where": text, "why": text}
    created = call("post", "/challenges", {**body, "category": "strangers", "difficulty": 3})
    assert created.status_code == 201, created.content
    for field, value in body.items():
        assert created.json()[field] == value.strip()


def test_tags_keep_unicode_and_sql_like_words(call: Any) -> None:
    tags = ["😬", "שלום", "drop-table;--", "é"]
    body = {"ask": "A tag test", "outcome": "accepted", "tags": tags}
    created = call("post", "/attempts", body)
    assert created.status_code == 201, created.content
    assert call("get", f"/attempts/{created.json()['id']}", None).json()["tags"] == tags


@pytest.mark.parametrize("field", ["ask", "feared_outcome", "what_happened", "learned"])
def test_a_nul_byte_is_refused_naming_the_field(call: Any, field: str) -> None:
    body = {"ask": "Ask for a discount", "outcome": "rejected", field: "before\x00after"}
    assert field in error_fields(call("post", "/attempts", body))


def test_a_nul_byte_in_a_tag_is_refused_or_dropped_never_a_500(call: Any) -> None:
    body = {"ask": "Ask for a discount", "outcome": "rejected", "tags": ["ok", "bad\x00tag"]}
    response = call("post", "/attempts", body)
    if response.status_code == 422:
        assert "tags" in error_fields(response)
    else:
        assert response.status_code == 201
        assert all("\x00" not in tag for tag in response.json()["tags"])


def test_a_nul_byte_in_the_profile_and_a_custom_challenge_is_refused(
    call: Any, small_deck: Any
) -> None:
    assert "display_name" in error_fields(call("patch", "/me", {"display_name": "Al\x00ex"}))
    for field in ("title", "script", "where", "why"):
        body = {"title": "Ask a stranger", "category": "strangers", "difficulty": 2}
        body[field] = "x\x00y"
        assert field in error_fields(call("post", "/challenges", body))


@pytest.mark.parametrize("field", ["feared_outcome", "what_happened", "learned"])
def test_ten_thousand_characters_in_a_five_thousand_field_is_refused(call: Any, field: str) -> None:
    body = {"ask": "Ask for a discount", "outcome": "rejected", field: "ä" * 10_000}
    fields = error_fields(call("post", "/attempts", body))
    assert "5,000" in " ".join(fields[field]).replace("5000", "5,000")


def test_ten_thousand_characters_elsewhere_are_refused_naming_the_field(
    call: Any, small_deck: Any
) -> None:
    long = "😬" * 10_000
    assert "ask" in error_fields(call("post", "/attempts", {"ask": long, "outcome": "accepted"}))
    assert "display_name" in error_fields(call("patch", "/me", {"display_name": long}))
    body = {"title": long, "script": long, "category": "strangers", "difficulty": 2}
    assert {"title", "script"} <= set(error_fields(call("post", "/challenges", body)))
    tags = {"ask": "Tags", "outcome": "accepted", "tags": [long]}
    assert "tags" in error_fields(call("post", "/attempts", tags))


def test_exactly_five_thousand_characters_are_kept(call: Any) -> None:
    text = "🙂" * 5_000
    body = {"ask": "Long story", "outcome": "accepted", "what_happened": text}
    created = call("post", "/attempts", body)
    assert created.status_code == 201, created.content
    assert call("get", f"/attempts/{created.json()['id']}", None).json()["what_happened"] == text
