"""The share page and the card images behind it: owner, another user, anonymous."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests.web.conftest import make_attempt
from tests.writes import start

pytestmark = pytest.mark.django_db


def share_url(attempt) -> str:
    return reverse("attempt_share", args=[attempt.pk])


def card_url(attempt, size="story") -> str:
    return reverse("attempt_card", args=[attempt.pk, size])


def test_owner_sees_caption_cards_and_download_links(owner_client, owner):
    attempt = make_attempt(owner, "rejected", ask="Ask a builder to try on his hard hat")
    response = owner_client.get(share_url(attempt))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert (
        "Rejection Therapy: asking a builder to try on his hard hat\n\n"
        "They said no, and that&#x27;s the win.\n\n"
        "#rejectiontherapy #comfortzone #rejectionchallenge #gotano</textarea>"
    ) in html
    assert 'id="caption" rows="7" readonly' in html
    assert 'data-copy-target="caption"' in html
    assert "Cards never show your name or your notes." in html
    for size in ("story", "square"):
        assert f'href="{card_url(attempt, size)}" download="rejection-therapy-{size}.png"' in html
        assert f'<img src="{card_url(attempt, size)}"' in html
    assert 'alt="Story card: Ask a builder to try on his hard hat. No. Streak: 1 day.' in html
    assert "js/share.js" in html and "css/share.css" in html
    assert "<script>" not in html and " style=" not in html and " onclick" not in html


def test_share_js_is_only_on_the_share_page(owner_client, owner):
    attempt = make_attempt(owner)
    detail = owner_client.get(attempt.get_absolute_url()).content.decode()
    assert "js/share.js" not in detail
    assert f'href="{share_url(attempt)}">Share</a>' in detail


def test_the_page_counts_the_program_day(owner_client, owner, small_deck):

    attempt = make_attempt(owner, "accepted", ask="Ask for a free coffee")
    start(owner, "classic-30", attempt.local_date)
    html = owner_client.get(share_url(attempt)).content.decode()
    assert "Rejection Therapy day 01: asking for a free coffee" in html
    assert 'download="rejection-therapy-day-01-story.png"' in html
    assert "#theysaidyes" in html


def test_edited_hashtags_change_the_caption_and_nothing_is_saved(owner_client, owner):
    attempt = make_attempt(owner)
    response = owner_client.get(share_url(attempt), {"hashtags": "#day7 #hardhat"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "#day7 #hardhat</textarea>" in html
    assert 'value="#day7 #hardhat"' in html
    attempt.refresh_from_db()
    assert "day7" not in attempt.tags


@pytest.mark.parametrize("raw", ["", "#no-dashes", " ".join(["#t"] * 11), "#" + "x" * 31])
def test_bad_hashtags_are_named_and_the_caption_keeps_the_defaults(owner_client, owner, raw):
    attempt = make_attempt(owner)
    response = owner_client.get(share_url(attempt), {"hashtags": raw})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_hashtags">Hashtags</a>:' in html
    assert 'aria-invalid="true"' in html
    assert "#gotano</textarea>" in html


def test_another_user_and_anonymous_cannot_open_the_share_page(client, owner, friend):
    for visibility in ("private", "public"):
        attempt = make_attempt(owner, visibility=visibility)
        client.force_login(friend)
        assert client.get(share_url(attempt)).status_code == 404
        client.logout()
        response = client.get(share_url(attempt))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("size", "dimensions"), [("story", (1080, 1920)), ("square", (1080, 1080))]
)
def test_owner_gets_the_card_images(owner_client, owner, size, dimensions):
    attempt = make_attempt(owner)
    response = owner_client.get(card_url(attempt, size))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=300"
    assert Image.open(io.BytesIO(response.content)).size == dimensions


@pytest.mark.parametrize("visibility", ["private", "friends"])
def test_a_card_of_a_private_ask_is_absent_for_anyone_else(client, owner, friend, visibility):
    attempt = make_attempt(owner, visibility=visibility)
    assert client.get(card_url(attempt)).status_code == 404
    client.force_login(friend)
    assert client.get(card_url(attempt, "square")).status_code == 404


def test_a_card_of_a_public_ask_is_open_to_everyone(client, owner, friend):
    attempt = make_attempt(owner, visibility="public")
    assert client.get(card_url(attempt)).status_code == 200
    client.force_login(friend)
    assert client.get(card_url(attempt, "square")).status_code == 200


def test_unknown_sizes_and_asks_are_404_and_writes_are_refused(owner_client, owner):
    attempt = make_attempt(owner)
    assert owner_client.get(card_url(attempt, "poster")).status_code == 404
    assert owner_client.get(f"/journal/{attempt.pk + 100}/card/story.png").status_code == 404
    assert owner_client.get(f"/journal/{attempt.pk + 100}/share/").status_code == 404
    assert owner_client.post(card_url(attempt)).status_code == 405


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_flat_query_counts(owner_client, owner, small_deck):

    attempt = make_attempt(owner, visibility="public")
    start(owner, "classic-30", attempt.local_date)
    urls = [share_url(attempt), card_url(attempt, "square")]
    few = [_count(owner_client, url) for url in urls]
    for number in range(1, 30):
        make_attempt(owner, ["rejected", "accepted", "avoided"][number % 3], days_ago=number)
        start(owner, "100-days", attempt.local_date)
    assert [_count(owner_client, url) for url in urls] == few


@pytest.mark.parametrize("theme", ["bold", "paper", "night"])
def test_three_looks_each_with_its_own_cards(owner_client, owner, theme):
    attempt = make_attempt(owner, "accepted", ask="Ask for a free refill")
    html = owner_client.get(share_url(attempt), {"theme": theme}).content.decode()
    assert f'value="{theme}" checked' in html
    query = "" if theme == "bold" else f"?theme={theme}"
    assert f'<img src="{card_url(attempt)}{query}"' in html
    response = owner_client.get(card_url(attempt) + query)
    assert response.status_code == 200
    image = Image.open(io.BytesIO(b"".join(response))).convert("RGB")
    corner = image.getpixel((2, 2))
    assert corner == {"bold": (13, 92, 85), "paper": (255, 250, 243), "night": (21, 18, 15)}[theme]
    assert 'alt="Story card: Ask for a free refill. Yes.' in html


def test_an_unknown_theme_is_404_for_the_image_and_the_default_on_the_page(owner_client, owner):
    attempt = make_attempt(owner)
    assert owner_client.get(card_url(attempt) + "?theme=neon").status_code == 404
    html = owner_client.get(share_url(attempt), {"theme": "neon"}).content.decode()
    assert 'value="bold" checked' in html
