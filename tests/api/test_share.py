"""GET /attempts/{id}/card.png and /attempts/{id}/caption: owner, others, anonymous."""

from __future__ import annotations

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.api.conftest import API, assert_error
from tests.conftest import bearer, make_user, read_json
from tests.writes import log_ask, start

pytestmark = pytest.mark.django_db


def log(user, visibility="private", **extra):
    values = {"ask": "Ask a builder to try on his hard hat", "outcome": "rejected", **extra}
    return log_ask(user, {**values, "visibility": visibility}).attempt


def card_size(response) -> tuple[int, int]:
    return Image.open(io.BytesIO(response.content)).size


def test_owner_gets_both_card_sizes(api, owner):
    attempt = log(owner)
    headers = bearer(owner)
    story = api.get(f"/attempts/{attempt.pk}/card.png", headers)
    assert story.status_code == 200
    assert story["Content-Type"] == "image/png"
    assert story["Cache-Control"] == "private, max-age=300"
    assert card_size(story) == (1080, 1920)
    square = api.get(f"/attempts/{attempt.pk}/card.png?size=square", headers)
    assert card_size(square) == (1080, 1080)


def test_a_bad_size_is_a_422_naming_size(api, owner):
    attempt = log(owner)
    response = api.get(f"/attempts/{attempt.pk}/card.png?size=poster", bearer(owner))
    assert_error(response, 422, "invalid", "size")


@pytest.mark.parametrize("visibility", ["private", "friends"])
def test_a_private_attempt_is_absent_for_anyone_else(api, owner, friend, visibility):
    # "friends" acts like private until there is a friend graph.
    attempt = log(owner, visibility)
    for path in (f"/attempts/{attempt.pk}/card.png", f"/attempts/{attempt.pk}/caption"):
        assert_error(api.get(path, bearer(friend)), 404, "not_found")
        # Without a token, a private attempt looks exactly like an absent one: send a token.
        anonymous = assert_error(api.get(path), 401, "unauthorized")
        absent = api.get(path.replace(str(attempt.pk), str(attempt.pk + 100)))
        assert anonymous == assert_error(absent, 401, "unauthorized")
        assert api.get(path, bearer(owner)).status_code == 200


def test_a_public_attempt_is_open_to_everyone(api, owner, friend):
    attempt = log(owner, "public")
    for headers in (bearer(friend), None, bearer(owner)):
        response = api.get(f"/attempts/{attempt.pk}/card.png?size=square", headers)
        assert response.status_code == 200 and card_size(response) == (1080, 1080)
        caption = api.get(f"/attempts/{attempt.pk}/caption", headers)
        assert caption.status_code == 200


def test_a_bad_token_is_refused_even_for_a_public_attempt(api, owner):
    attempt = log(owner, "public")
    response = api.get(f"/attempts/{attempt.pk}/card.png", {"Authorization": "Bearer rt_nope"})
    assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"]


def test_a_missing_attempt_is_a_404(api, owner):
    assert_error(api.get("/attempts/999999/card.png", bearer(owner)), 404, "not_found")
    assert_error(api.get("/attempts/999999/caption"), 401, "unauthorized")
    assert_error(api.get(f"/attempts/{2**63}/caption"), 422, "invalid")


def test_caption_with_default_and_chosen_hashtags(api, owner):
    attempt = log(owner)
    body = read_json(api.get(f"/attempts/{attempt.pk}/caption", bearer(owner)))
    assert body == {
        "caption": "Rejection Therapy: asking a builder to try on his hard hat\n\n"
        "They said no, and that's the win.\n\n"
        "#rejectiontherapy #comfortzone #rejectionchallenge #gotano",
        "day": None,
        "hashtags": ["rejectiontherapy", "comfortzone", "rejectionchallenge", "gotano"],
    }
    chosen = api.get(f"/attempts/{attempt.pk}/caption?hashtags=day7,%23hardhat", bearer(owner))
    body = read_json(chosen)
    assert body["hashtags"] == ["day7", "hardhat"]
    assert body["caption"].endswith("#day7 #hardhat")


@pytest.mark.parametrize("raw", ["", "no-dashes", ",".join(["t"] * 11), "x" * 31])
def test_bad_hashtags_are_a_422_naming_hashtags(api, owner, raw):
    attempt = log(owner)
    response = api.get(f"/attempts/{attempt.pk}/caption", bearer(owner), data={"hashtags": raw})
    assert_error(response, 422, "invalid", "hashtags")


def test_caption_counts_the_program_day(api, owner, small_deck):
    from rejection.accounts.days import user_today

    start(owner, "classic-30", user_today(owner))
    attempt = log(owner, "public")
    body = read_json(api.get(f"/attempts/{attempt.pk}/caption"))
    assert body["day"] == 1
    assert body["caption"].startswith("Rejection Therapy day 01: asking a builder")


def _queries(api, path, headers):
    api.get(path, headers)  # warm up: a token notes when it was first used
    with CaptureQueriesContext(connection) as queries:
        assert api.get(path, headers).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["card.png?size=square", "caption"])
def test_flat_query_count(api, owner, small_deck, path):

    headers = bearer(owner)
    attempt = log(owner, "public")
    start(owner, "classic-30", attempt.local_date)
    few = _queries(api, f"/attempts/{attempt.pk}/{path}", headers)
    anonymous_few = _queries(api, f"/attempts/{attempt.pk}/{path}", None)
    for number in range(30):
        log(owner, ask=f"Ask number {number}", outcome=["rejected", "accepted"][number % 2])
        start(owner, "100-days", attempt.local_date)
    assert _queries(api, f"/attempts/{attempt.pk}/{path}", headers) == few
    assert _queries(api, f"/attempts/{attempt.pk}/{path}", None) == anonymous_few


def test_throttle_counts_anonymous_callers_by_address(api, owner, settings):
    settings.API_THROTTLE_RATES = {"api": "2/m"}
    attempt = log(owner, "public")
    path = f"/attempts/{attempt.pk}/caption"
    assert api.get(path, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert api.get(path, REMOTE_ADDR="10.0.0.1").status_code == 200
    limited = api.get(path, REMOTE_ADDR="10.0.0.1")
    assert_error(limited, 429, "rate_limited")
    assert api.get(path, REMOTE_ADDR="10.0.0.2").status_code == 200
    # A token has its own window.
    assert api.get(path, bearer(make_user("reader")), REMOTE_ADDR="10.0.0.1").status_code == 200


def test_openapi_describes_the_png_and_the_optional_token(client):
    doc = json.loads(client.get(API + "/openapi.json").content)
    card = doc["paths"][API + "/attempts/{attempt_id}/card.png"]["get"]
    assert "image/png" in card["responses"]["200"]["content"]
    assert {"401", "404", "422", "429"} <= set(card["responses"])
    assert "image/png" not in json.dumps(card["responses"]["404"])
    assert {} in card["security"] and {"BearerAuth": []} in card["security"]
    params = {param["name"]: param for param in card["parameters"]}
    assert params["size"]["schema"]["enum"] == ["story", "square"]
    caption = doc["paths"][API + "/attempts/{attempt_id}/caption"]["get"]
    schema = caption["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/CaptionOut")
    assert {} in caption["security"]


def test_card_themes_and_a_bad_theme_is_a_422_naming_theme(api, owner):
    attempt = log(owner)
    for theme in ("bold", "paper", "night"):
        response = api.get(f"/attempts/{attempt.pk}/card.png?theme={theme}", bearer(owner))
        assert response.status_code == 200 and card_size(response) == (1080, 1920)
    response = api.get(f"/attempts/{attempt.pk}/card.png?theme=neon", bearer(owner))
    assert_error(response, 422, "invalid", "theme")
