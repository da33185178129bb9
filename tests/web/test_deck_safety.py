"""The safety screen and sharing on the deck pages, and the moderation queue in the admin."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rejection.challenges.models import Challenge
from rejection.challenges.safety import REASONS
from rejection.challenges.services import moderate, request_share
from tests.writes import write_challenge

pytestmark = pytest.mark.django_db

SAFE = {"title": "Ask a stranger for a hug", "category": "strangers", "difficulty": 4}
UNSAFE = {"title": "Surprise a stranger with a hug", "category": "strangers", "difficulty": 4}
QUEUE = "admin:challenges_sharedchallenge_changelist"


@pytest.fixture
def clear(owner, small_deck):
    return write_challenge(owner, SAFE)


@pytest.fixture
def flagged(owner, small_deck):
    return write_challenge(owner, UNSAFE)


def _html(response) -> str:
    return response.content.decode()


def test_writing_a_flagged_challenge_saves_it_privately_with_the_reason(owner_client, small_deck):
    response = owner_client.post(reverse("challenge_new"), {**UNSAFE, "difficulty": "4"})
    custom = Challenge.objects.get(author__username="owner")
    assert response.status_code == 302 and response["Location"] == custom.get_absolute_url()
    assert custom.safety_status == "flagged" and custom.share_status == "private"
    page = _html(owner_client.get(custom.get_absolute_url()))
    assert "This one stays just for you, because" in page
    assert "a surprise hug is not" in page
    assert "Share with everyone" not in page
    # The reason comes first, then "Edit it" as the one primary button; no primary "Log".
    assert page.index("a surprise hug is not") < page.index("challenge__title")
    assert f'btn--primary btn--big" href="{reverse("challenge_edit", args=[custom.pk])}"' in page
    assert "Log this ask" not in page


def test_new_page_explains_the_screen(owner_client, small_deck):
    page = _html(owner_client.get(reverse("challenge_new")))
    assert "safety check" in page and "only for you" in page


def test_clear_challenge_offers_sharing_and_goes_pending(owner_client, clear):
    page = _html(owner_client.get(clear.get_absolute_url()))
    assert "Share with everyone" in page and "A moderator reads it first" in page
    response = owner_client.post(clear.get_absolute_url())
    assert response.status_code == 302
    clear.refresh_from_db()
    assert clear.share_status == "pending"
    page = _html(owner_client.get(clear.get_absolute_url()))
    assert "Waiting for a moderator" in page and "Share with everyone" not in page
    owner_client.post(clear.get_absolute_url())  # a second press changes nothing
    clear.refresh_from_db()
    assert clear.share_status == "pending"


def test_sharing_a_flagged_challenge_is_refused(owner_client, flagged):
    response = owner_client.post(flagged.get_absolute_url(), follow=True)
    flagged.refresh_from_db()
    assert flagged.share_status == "private"
    assert REASONS["touch"] in _html(response)


def test_share_access(client, login, clear, friend, staff):
    url = clear.get_absolute_url()
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert login(friend).post(url).status_code == 404
    assert login(friend).get(url).status_code == 404
    assert login(staff).post(url).status_code == 404
    clear.refresh_from_db()
    assert clear.share_status == "private"


def test_approved_shared_challenges_show_to_everyone_pending_and_rejected_do_not(
    client, login, owner, clear, staff, friend
):
    pending = write_challenge(owner, {**SAFE, "title": "Ask for a song"})
    rejected = write_challenge(owner, {**SAFE, "title": "Ask for a map"})
    for challenge in (clear, pending, rejected):
        request_share(owner, challenge)
    moderate(staff, clear, True, "")
    moderate(staff, rejected, False, "Too close to another card")
    for visitor in (client, login(friend)):
        titles = {c.title for c in visitor.get(reverse("deck"), {"q": "Ask"}).context["page"]}
        assert clear.title in titles
        assert not {pending.title, rejected.title} & titles
        page = _html(visitor.get(clear.get_absolute_url()))
        assert "Shared by the community" in page and "Sharing" not in page
        assert visitor.get(pending.get_absolute_url()).status_code == 404
        assert visitor.get(rejected.get_absolute_url()).status_code == 404
    deck_page = _html(login(friend).get(reverse("deck"), {"q": clear.title}))
    assert "shared by the community" in deck_page
    page = _html(login(owner).get(rejected.get_absolute_url()))
    assert "Too close to another card" in page and "Share with everyone" in page


def test_detail_queries_do_not_grow(login, owner, small_deck, staff):
    client = login(owner)
    first = write_challenge(owner, SAFE)

    def count(pk):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("challenge_detail", args=[pk])).status_code == 200
        return len(queries)

    small = count(first.pk)
    for n in range(15):
        made = write_challenge(owner, {**SAFE, "title": f"Ask {n}"})
        request_share(owner, made)
        moderate(staff, made, n % 2 == 0, "")
    assert count(first.pk) == small


# The moderation queue in the admin.


def test_queue_lists_only_pending_with_the_screen(client, login, owner, clear, staff):
    other = write_challenge(owner, {**SAFE, "title": "Ask for a song"})
    request_share(owner, clear)
    page = login(staff).get(reverse(QUEUE))
    assert page.status_code == 200
    html = _html(page)
    assert "Shared challenges awaiting review" in html
    assert clear.title in html and other.title not in html
    assert "Clear: no rule crossed." in html


def test_queue_is_staff_only(client, login, owner, clear, friend):
    request_share(owner, clear)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302 and "login" in response["Location"]
    response = login(friend).get(reverse(QUEUE))
    assert response.status_code == 302 and "login" in response["Location"]
    response = login(friend).post(
        reverse(QUEUE), {"action": "approve", "_selected_action": [clear.pk]}
    )
    clear.refresh_from_db()
    assert clear.share_status == "pending"


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("reject", "rejected")])
def test_queue_actions_call_the_service(login, owner, clear, staff, action, status):
    request_share(owner, clear)
    response = login(staff).post(
        reverse(QUEUE), {"action": action, "_selected_action": [clear.pk]}, follow=True
    )
    assert response.status_code == 200
    clear.refresh_from_db()
    assert clear.share_status == status and clear.moderated_by == staff
    assert clear.moderated_at is not None


def test_queue_change_form_decides_with_a_note(login, owner, clear, staff):
    request_share(owner, clear)
    url = reverse("admin:challenges_sharedchallenge_change", args=[clear.pk])
    client = login(staff)
    assert "Safety screen" in _html(client.get(url))
    response = client.post(url, {"decision": "reject", "moderation_note": "Try a kinder script"})
    assert response.status_code == 302
    clear.refresh_from_db()
    assert clear.share_status == "rejected" and clear.moderation_note == "Try a kinder script"
    assert client.get(url).status_code == 302  # no longer in the queue


def test_queue_query_count_is_flat(login, owner, small_deck, staff):
    client = login(staff)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(QUEUE)).status_code == 200
        return len(queries)

    request_share(owner, write_challenge(owner, SAFE))
    small = count()
    for n in range(10):
        request_share(owner, write_challenge(owner, {**SAFE, "title": f"Ask {n}"}))
    assert count() == small


# Editing and deleting your own challenge ------------------------------------------------


def test_editing_a_flagged_challenge_kindly_clears_it(owner_client, flagged):
    url = reverse("challenge_edit", args=[flagged.pk])
    page = _html(owner_client.get(url))
    assert "Surprise a stranger with a hug" in page and "What to change" in page
    response = owner_client.post(url, {**SAFE, "difficulty": "5", "tags": "kind, #brave"})
    assert response.status_code == 302 and response["Location"] == flagged.get_absolute_url()
    flagged.refresh_from_db()
    assert flagged.title == SAFE["title"] and flagged.difficulty == 5
    assert flagged.tags == ["kind", "brave"]
    assert flagged.safety_status == "clear" and flagged.safety_reasons == []
    page = _html(owner_client.get(flagged.get_absolute_url()))
    assert "Log this ask" in page and "Share with everyone" in page


def test_editing_refuses_bad_input_with_the_field_named(owner_client, clear):
    url = reverse("challenge_edit", args=[clear.pk])
    response = owner_client.post(url, {**SAFE, "title": "   ", "difficulty": "11"})
    assert response.status_code == 400
    assert {"title", "difficulty"} <= response.context["form"].errors.keys()
    clear.refresh_from_db()
    assert clear.title == SAFE["title"]


def test_editing_a_pending_challenge_takes_it_back_to_private(owner_client, owner, clear):
    request_share(owner, clear)
    url = reverse("challenge_edit", args=[clear.pk])
    assert "back to private" in _html(owner_client.get(url))
    owner_client.post(url, {**SAFE, "title": "Ask a stranger for a high five"})
    clear.refresh_from_db()
    assert clear.share_status == "private" and clear.title.endswith("high five")


def test_a_shared_challenge_stays_as_it_is(owner_client, owner, clear, staff):
    request_share(owner, clear)
    moderate(staff, clear, True, "")
    response = owner_client.get(reverse("challenge_edit", args=[clear.pk]))
    assert response.status_code == 302
    response = owner_client.post(reverse("challenge_delete", args=[clear.pk]), follow=True)
    assert "stays as it is" in _html(response)
    assert Challenge.objects.filter(pk=clear.pk).exists()


def test_deleting_keeps_the_asks_under_its_title(owner_client, owner, clear):
    from rejection.journal.models import Attempt, CategoryTally
    from tests.writes import log_ask

    log_ask(owner, {"challenge_id": clear.pk, "outcome": "rejected"})
    url = reverse("challenge_delete", args=[clear.pk])
    assert "stay in your journal" in _html(owner_client.get(url))
    response = owner_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("deck")
    assert not Challenge.objects.filter(pk=clear.pk).exists()
    ask = Attempt.objects.get(user=owner)
    assert ask.challenge_id is None and ask.title == SAFE["title"]
    mine = CategoryTally.objects.filter(user=owner)
    tallies = dict(mine.values_list("category_slug", "rejected"))
    assert tallies == {"": 1}


def test_editing_the_category_moves_its_asks_in_the_tallies(owner, clear):
    from rejection.challenges.contracts import ChallengeChanges
    from rejection.journal.models import CategoryTally
    from rejection.practice.challenges import edit_challenge
    from tests.writes import log_ask

    log_ask(owner, {"challenge_id": clear.pk, "outcome": "accepted"})
    other = Challenge.objects.deck().exclude(category__slug="strangers").first().category.slug
    edit_challenge(owner, clear.pk, ChallengeChanges(category=other))
    mine = CategoryTally.objects.filter(user=owner)
    tallies = dict(mine.values_list("category_slug", "accepted"))
    assert tallies == {other: 1}


def test_nobody_else_can_edit_or_delete(login, friend, staff, clear):
    for who in (friend, staff):
        client = login(who)
        for name in ("challenge_edit", "challenge_delete"):
            url = reverse(name, args=[clear.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, {**SAFE, "title": "Mine now"}).status_code == 404
    clear.refresh_from_db()
    assert clear.title == SAFE["title"]


def test_deck_search_with_nothing_found_offers_writing_it(owner_client, small_deck):
    from django.test import Client

    page = _html(owner_client.get(reverse("deck"), {"q": "ask for a window seat"}))
    assert "No challenges match" in page and "as your own" in page
    link = reverse("challenge_new") + "?title=ask%20for%20a%20window%20seat"
    assert link in page
    form = _html(owner_client.get(link))
    assert 'value="ask for a window seat"' in form
    anonymous = _html(Client().get(reverse("deck"), {"q": "ask for a window seat"}))
    assert "to write it as your own" in anonymous
