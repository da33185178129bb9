"""The deck and custom challenges."""

from __future__ import annotations

import pytest

from rejection.challenges.models import Challenge
from tests.api.conftest import assert_error
from tests.conftest import bearer

CUSTOM = {"title": "Ask my boss for Friday off", "category": "strangers", "difficulty": 6}
FIELDS = {
    "id", "slug", "title", "script", "where", "category", "difficulty", "tags", "why", "safety",
    "answer_later", "is_custom",
}  # fmt: skip


@pytest.fixture
def headers(owner, small_deck):
    return bearer(owner)


def _all(api, headers, query=""):
    items, cursor = [], None
    while True:
        suffix = f"&cursor={cursor}" if cursor else ""
        response = api.get(f"/challenges?limit=5{query}{suffix}", headers=headers)
        assert response.status_code == 200, response.content
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


def test_list_pages_through_the_deck_in_difficulty_order(api, headers):
    items = _all(api, headers)
    assert len(items) == 24
    assert len({item["id"] for item in items}) == 24
    keys = [(item["difficulty"], item["id"]) for item in items]
    assert keys == sorted(keys)
    assert set(items[0]) == FIELDS
    assert set(items[0]["category"]) == {"slug", "name"}


def test_default_page_is_20(api, headers):
    body = api.get("/challenges", headers=headers).json()
    assert len(body["items"]) == 20
    assert body["next_cursor"]


def test_filters(api, headers):
    by_category = _all(api, headers, "&category=food-drink")
    assert by_category and {item["category"]["slug"] for item in by_category} == {"food-drink"}
    ranged = _all(api, headers, "&difficulty_min=3&difficulty_max=4")
    assert ranged and {item["difficulty"] for item in ranged} <= {3, 4}
    expected = Challenge.objects.filter(difficulty__in=(3, 4)).count()
    assert len(ranged) == expected
    titled = _all(api, headers, "&q=ask 3")
    assert titled and all("ask 3" in item["title"].lower() for item in titled)
    scripted = _all(api, headers, "&q=THING 12")
    assert [item["title"] for item in scripted] == [
        c.title for c in Challenge.objects.filter(script__icontains="thing 12")
    ]
    api.post("/challenges", {**CUSTOM, "tags": ["Zebra"]}, headers=headers)
    tagged = _all(api, headers, "&q=zEbRa")
    assert [item["tags"] for item in tagged] == [["zebra"]]
    assert _all(api, headers, "&q=zzzz-nothing") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("difficulty_min=0", "difficulty_min"),
        ("difficulty_max=11", "difficulty_max"),
        ("difficulty_min=hard", "difficulty_min"),
        ("limit=101", "limit"),
        ("cursor=bad", "cursor"),
        ("category=no%20spaces", "category"),
    ],
)
def test_bad_filters_are_422(api, headers, query, field):
    assert_error(api.get(f"/challenges?{query}", headers=headers), 422, "invalid", field)


def test_detail(api, headers):
    challenge = Challenge.objects.get(slug="strangers-2")
    response = api.get(f"/challenges/{challenge.pk}", headers=headers)
    assert response.status_code == 200
    assert response.json()["title"] == challenge.title
    assert response.json()["is_custom"] is False
    assert_error(api.get(f"/challenges/{2**62}", headers=headers), 404, "not_found")
    assert_error(api.get(f"/challenges/{challenge.pk}"), 401, "unauthorized")


def test_custom_challenge_is_private_to_its_author(api, owner, friend, stranger, headers):
    response = api.post(
        "/challenges", {**CUSTOM, "tags": ["#Work"], "answer_later": True}, headers=headers
    )
    assert response.status_code == 201
    body = response.json()
    assert body["is_custom"] is True and body["slug"] is None
    assert body["tags"] == ["work"] and body["answer_later"] is True
    assert Challenge.objects.get(pk=body["id"]).author == owner
    assert api.get(f"/challenges/{body['id']}", headers=headers).status_code == 200
    assert body["id"] in {item["id"] for item in _all(api, headers)}
    for other in (friend, stranger):
        theirs = bearer(other)
        assert_error(api.get(f"/challenges/{body['id']}", headers=theirs), 404, "not_found")
        assert body["id"] not in {item["id"] for item in _all(api, theirs)}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**CUSTOM, "title": ""}, "title"),
        ({**CUSTOM, "title": "t" * 121}, "title"),
        ({**CUSTOM, "category": "nope"}, "category"),
        ({**CUSTOM, "difficulty": 11}, "difficulty"),
        ({**CUSTOM, "difficulty": "6"}, "difficulty"),
        ({**CUSTOM, "script": "s" * 1001}, "script"),
        ({**CUSTOM, "tags": ["t" * 41]}, "tags"),
        ({**CUSTOM, "answer_later": "yes"}, "answer_later"),
        ({**CUSTOM, "author": 1}, "author"),
        ({"category": "strangers", "difficulty": 2}, "title"),
    ],
)
def test_create_names_each_bad_field_and_saves_nothing(api, headers, body, field):
    before = Challenge.objects.count()
    assert_error(api.post("/challenges", body, headers=headers), 422, "invalid", field)
    assert Challenge.objects.count() == before


def test_create_needs_a_token(api, small_deck):
    before = Challenge.objects.count()
    assert_error(api.post("/challenges", CUSTOM), 401, "unauthorized")
    assert Challenge.objects.count() == before


# Editing and deleting your own challenge ------------------------------------------------


def _mine(api, headers, body=None):
    response = api.post("/challenges", body or CUSTOM, headers=headers)
    assert response.status_code == 201, response.content
    return response.json()


def test_patch_changes_only_what_is_sent_and_screens_again(api, headers):
    mine = _mine(api, headers)
    response = api.patch(
        f"/challenges/{mine['id']}", {"title": "Surprise a stranger with a hug"}, headers=headers
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Surprise a stranger with a hug" and body["difficulty"] == 6
    assert body["safety_status"] == "flagged" and body["safety_reasons"]
    body = api.patch(
        f"/challenges/{mine['id']}", {"title": "Ask for a high five", "difficulty": 2},
        headers=headers,
    ).json()  # fmt: skip
    assert (body["title"], body["difficulty"], body["safety_status"]) == (
        "Ask for a high five", 2, "clear",
    )  # fmt: skip
    assert body["safety_reasons"] == []


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"difficulty": 0}, "difficulty"),
        ({"category": "nowhere"}, "category"),
        ({"tags": ["x"] * 11}, "tags"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_patch_refuses_bad_fields_by_name(api, headers, body, field):
    mine = _mine(api, headers)
    assert_error(api.patch(f"/challenges/{mine['id']}", body, headers=headers), 422,
                 "invalid", field)  # fmt: skip


def test_patch_and_delete_of_a_deck_card_or_anothers_is_404(api, headers, friend):
    card = Challenge.objects.deck().first()
    theirs = _mine(api, bearer(friend))
    for target in (card.pk, theirs["id"], 10**9):
        assert_error(api.patch(f"/challenges/{target}", {"title": "x"}, headers=headers),
                     404, "not_found")  # fmt: skip
        assert_error(api.delete(f"/challenges/{target}", headers=headers), 404, "not_found")
    assert Challenge.objects.filter(pk=theirs["id"], title=CUSTOM["title"]).exists()


def test_delete_keeps_the_asks_and_a_shared_one_stays(api, headers, owner, staff):
    from rejection.challenges.services import moderate

    mine = _mine(api, headers)
    logged = api.post(
        "/attempts", {"challenge_id": mine["id"], "outcome": "rejected"}, headers=headers
    ).json()
    assert api.delete(f"/challenges/{mine['id']}", headers=headers).status_code == 204
    assert api.get(f"/challenges/{mine['id']}", headers=headers).status_code == 404
    ask = api.get(f"/attempts/{logged['id']}", headers=headers).json()
    assert ask["challenge_id"] is None and ask["ask"] == CUSTOM["title"]
    shared = _mine(api, headers, {**CUSTOM, "title": "Ask for a song"})
    api.post(f"/challenges/{shared['id']}/share", headers=headers)
    moderate(staff, Challenge.objects.get(pk=shared["id"]), True, "")
    assert_error(api.delete(f"/challenges/{shared['id']}", headers=headers), 409, "shared")
    assert_error(api.patch(f"/challenges/{shared['id']}", {"title": "x"}, headers=headers),
                 409, "shared")  # fmt: skip
