"""The intake and ladder pages: forms without JavaScript, HTMX fragments, access, queries."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rejection.challenges.models import Challenge
from rejection.coach.areas import AREAS
from rejection.coach.models import CoachState, Intake, LadderStep
from rejection.coach.services import build_ladder
from tests.web.conftest import make_attempt
from tests.writes import take_intake, write_challenge

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase"
FORM = {f"ratings.{area}": "5" for area in AREAS}


def ladder_ids(user) -> list[int]:
    return list(LadderStep.objects.filter(user=user).values_list("challenge_id", flat=True))


# Access


POSTS = [
    ("ladder_add", []),
    ("ladder_rebuild", []),
    ("ladder_move", [1]),
    ("ladder_swap", [1]),
]


@pytest.mark.parametrize("name", ["intake", "ladder"])
def test_anonymous_is_sent_to_log_in(client, name) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "args"), POSTS)
def test_anonymous_cannot_change_a_ladder(client, name, args) -> None:
    response = client.post(reverse(name, args=args), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "args"), POSTS)
def test_edits_only_accept_posts(owner_client, name, args) -> None:
    assert owner_client.get(reverse(name, args=args)).status_code == 405


def test_each_user_sees_only_their_own(client, owner, friend, small_deck) -> None:
    take_intake(owner, {**dict.fromkeys(AREAS, 5), "online": 9}, goals="Ask my boss for more")
    mine = LadderStep.objects.filter(user=owner).select_related("challenge").first()
    client.force_login(friend)
    ladder = client.get(reverse("ladder")).content.decode()
    assert "Your ladder is empty" in ladder
    intake = client.get(reverse("intake")).content.decode()
    assert "Ask my boss for more" not in intake
    # Moving or swapping "step 1" only ever touches the friend's own (empty) ladder.
    assert client.post(reverse("ladder_move", args=[1]), {"direction": "up"}).status_code == 404
    assert client.post(reverse("ladder_swap", args=[1])).status_code == 404
    assert LadderStep.objects.filter(user=owner).first().challenge_id == mine.challenge_id
    client.force_login(owner)
    assert mine.challenge.title in client.get(reverse("ladder")).content.decode()


# Onboarding and the intake


def test_sign_up_lands_on_the_intake(client, small_deck) -> None:
    data = {"username": "newbie", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(
        reverse("account_signup"), {**data, "timezone": "UTC", "age_confirmed": "on"}
    )
    assert response.status_code == 302 and response["Location"] == "/intake/"
    # First a short welcome: what this is, how a day works, the safety rules.
    page = client.get("/intake/").content.decode()
    assert "One small ask a day" in page and "not therapy" in page
    assert "How a day works" in page and "Accept the first no." in page
    assert "Skip for now" in page and 'href="/intake/?step=questions"' in page
    assert 'type="range"' not in page
    page = client.get("/intake/?step=questions").content.decode()
    assert "Skip for now" in page and "not therapy" in page
    assert page.count('type="range"') == len(AREAS) >= 8
    # Every area names the deck's categories it covers: one vocabulary.
    assert "In the deck: Shops and service, Food and drink, Travel and transport" in page
    assert 'data-focus-limit="3"' in page and "js/intake.js" in page


def test_the_welcome_is_shown_once(owner_client, owner, small_deck) -> None:
    assert "One small ask a day" in owner_client.get("/intake/").content.decode()
    response = owner_client.post(reverse("intake"), {"skip": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("today")
    page = owner_client.get("/intake/").content.decode()
    assert "One small ask a day" not in page and 'type="range"' in page


def test_intake_saves_and_shows_the_ladder(owner_client, owner, small_deck) -> None:
    form = {**FORM, "ratings.strangers": "2", "focus": ["online"], "goals": "Ask for a raise"}
    response = owner_client.post(reverse("intake"), form)
    assert response.status_code == 302 and response["Location"] == reverse("ladder")
    intake = Intake.objects.get(user=owner)
    assert intake.ratings["strangers"] == 2 and intake.focus == ["online"]
    assert CoachState.objects.get(user=owner).levels["strangers"] == 2.0
    page = owner_client.get(reverse("ladder")).content.decode()
    assert page.count('class="rung') >= 10 and "about" in page
    again = owner_client.get(reverse("intake")).content.decode()
    assert 'value="2"' in again and "Ask for a raise" in again and "checked" in again


def test_skip_goes_to_today_and_stores_it(owner_client, owner, small_deck) -> None:
    response = owner_client.post(reverse("intake"), {**FORM, "skip": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("today")
    assert Intake.objects.get(user=owner).skipped


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"ratings.money": "11"}, '<a href="#rating-money">Money and negotiation</a>'),
        ({"ratings.money": "3.5"}, '<a href="#rating-money">Money and negotiation</a>'),
        ({"focus": ["strangers", "service", "work", "money"]}, '<a href="#focus">'),
        ({"goals": "x" * 1001}, '<a href="#goals">'),
    ],
)
def test_intake_errors_name_the_field(owner_client, owner, small_deck, change, text) -> None:
    response = owner_client.post(reverse("intake"), {**FORM, **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and text in page
    assert not Intake.objects.filter(user=owner).exists()


# The ladder


@pytest.fixture
def laddered(owner, small_deck):
    build_ladder(owner)
    return ladder_ids(owner)


def test_ladder_draws_easiest_at_the_bottom(owner_client, laddered) -> None:
    page = owner_client.get(reverse("ladder")).content.decode()
    assert f'Next up: <a href="/log/?challenge={laddered[0]}"' in page
    page = page[page.index('<ol class="ladder"') :]
    first = Challenge.objects.get(pk=laddered[0]).title
    last = Challenge.objects.get(pk=laddered[-1]).title
    assert page.index(last) < page.index(first)  # the hardest is drawn first, on top
    assert "Bottom: start here" in page and "Rebuild from my intake" in page


def test_move_and_swap_without_javascript(owner_client, owner, laddered) -> None:
    response = owner_client.post(reverse("ladder_move", args=[1]), {"direction": "up"})
    assert response.status_code == 302 and response["Location"] == reverse("ladder")
    assert ladder_ids(owner)[:2] == [laddered[1], laddered[0]]
    owner_client.post(reverse("ladder_move", args=[2]), {"direction": "down"})
    assert ladder_ids(owner) == laddered
    assert (
        owner_client.post(reverse("ladder_move", args=[1]), {"direction": "x"}).status_code == 404
    )
    assert (
        owner_client.post(reverse("ladder_move", args=[99]), {"direction": "up"}).status_code == 404
    )
    owner_client.post(reverse("ladder_swap", args=[3]))
    swapped = ladder_ids(owner)
    assert swapped[2] != laddered[2] and swapped[:2] == laddered[:2]


def test_htmx_edits_answer_with_the_ladder_fragment(owner_client, owner, laddered) -> None:
    response = owner_client.post(
        reverse("ladder_move", args=[1]), {"direction": "up"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<section id="ladder"')
    assert "Moved step 1 up" in page


def test_add_my_own_and_search_the_deck(owner_client, owner, laddered) -> None:
    mine = write_challenge(
        owner, {"title": "Ask my neighbour for tea", "category": "strangers", "difficulty": 4}
    )
    page = owner_client.get(reverse("ladder")).content.decode()
    assert "Ask my neighbour for tea" in page  # offered in the "Add a step" list
    owner_client.post(reverse("ladder_add"), {"challenge": mine.pk})
    assert mine.pk in ladder_ids(owner)
    spare = Challenge.objects.deck().exclude(pk__in=ladder_ids(owner)).first()
    found = owner_client.get(reverse("ladder"), {"q": spare.title[:12]}).content.decode()
    assert spare.title in found
    by_id = owner_client.get(reverse("ladder"), {"q": str(spare.pk)}).content.decode()
    assert f'name="challenge" value="{spare.pk}"' in by_id
    owner_client.post(reverse("ladder_add"), {"challenge": spare.pk})
    assert spare.pk in ladder_ids(owner)


def test_another_users_challenge_cannot_be_added(owner_client, owner, friend, laddered) -> None:
    theirs = write_challenge(
        friend, {"title": "Secret ask", "category": "strangers", "difficulty": 4}
    )
    response = owner_client.post(reverse("ladder_add"), {"challenge": theirs.pk}, follow=True)
    assert "No challenge you can use" in response.content.decode()
    assert theirs.pk not in ladder_ids(owner)
    search = owner_client.get(reverse("ladder"), {"q": "Secret"}).content.decode()
    assert "Secret ask" not in search


def test_rebuild_and_done_marks(owner_client, owner, laddered) -> None:
    make_attempt(owner, "rejected", challenge_id=laddered[0])
    page = owner_client.get(reverse("ladder")).content.decode()
    assert page.count("✓ done") == 1
    response = owner_client.post(reverse("ladder_rebuild"))
    assert response.status_code == 302 and len(ladder_ids(owner)) >= 10


def test_today_and_settings_link_to_the_coach(owner_client, small_deck) -> None:
    for name in ("today", "settings"):
        page = owner_client.get(reverse(name)).content.decode()
        assert reverse("ladder") in page and reverse("intake") in page


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("ladder")).status_code == 200
    return len(queries)


def test_ladder_page_costs_the_same_with_a_longer_history(owner_client, owner, small_deck) -> None:
    from rejection.challenges.signals import DECK_STAMP
    from rejection.core.caching import new_stamp

    take_intake(owner, dict.fromkeys(AREAS, 5))
    new_stamp(DECK_STAMP)  # both views below build the page afresh against a standing stamp
    few = _count(owner_client)
    cards = list(Challenge.objects.deck())
    for number in range(40):
        make_attempt(
            owner,
            ["rejected", "avoided"][number % 2],
            days_ago=number,
            challenge_id=cards[number % len(cards)].pk,
        )
    write_challenge(owner, {"title": "Mine", "category": "strangers", "difficulty": 4})
    build_ladder(owner, size=15)
    assert _count(owner_client) == few
    assert get_user_model().objects.count() == 1


def test_admin_shows_authored_and_calibrated_difficulty(client, staff, small_deck) -> None:
    from rejection.coach.models import ChallengeRating

    challenge = Challenge.objects.deck().first()
    ChallengeRating.objects.filter(challenge=challenge).update(difficulty=6.74, count=12)
    client.force_login(staff)
    url = "/admin/coach/challengerating/"
    page = client.get(url, {"o": "3", "q": challenge.title}).content.decode()
    assert "Authored difficulty" in page and "Calibrated difficulty" in page
    assert challenge.title in page and "6.7" in page and ">12<" in page
    assert client.get(url, {"q": "no such title"}).content.decode().count("6.7") == 0
    for name in ("intake", "coachstate", "ladderstep"):
        assert client.get(f"/admin/coach/{name}/").status_code == 200
        assert client.get(f"/admin/coach/{name}/add/").status_code == 403
