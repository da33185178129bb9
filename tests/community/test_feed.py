"""The feed and Discover as read models: who sees which asks, in which order, with what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from rejection.community.feed import discover_page, feed_page
from rejection.journal.models import Attempt, Visibility
from tests.community.world import (
    MARK_FEAR,
    MARK_NOTE,
    befriend,
    community,
    mute,
    public_profile,
    shared_ask,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    cache.clear()
    return community()


def _titles(cards: list) -> list[str]:
    return [card.title for card in cards]


def test_the_feed_holds_friends_shared_asks_and_my_own(world: dict) -> None:
    mine = shared_ask(world["friend"], "Asked to skip the queue", hours_ago=0.5)
    shared_ask(world["friend"], "Kept to myself", Visibility.PRIVATE, hours_ago=0.2)
    cards, _ = feed_page(world["friend"], 20, None)
    assert _titles(cards) == ["Asked to skip the queue", world["ask"].ask]  # newest first
    assert cards[0].mine and cards[0].id == mine.pk
    owner_cards, _ = feed_page(world["owner"], 20, None)
    assert world["private"].pk not in [card.id for card in owner_cards]


def test_strangers_and_blocked_people_see_nothing_of_it(world: dict) -> None:
    assert feed_page(world["stranger"], 20, None)[0] == []
    assert feed_page(world["blocked"], 20, None)[0] == []
    shared_ask(world["blocked"], "Blocked person's ask")
    assert "Blocked person's ask" not in _titles(feed_page(world["owner"], 20, None)[0])


def test_muted_people_leave_my_feed_only(world: dict) -> None:
    mute(world["friend"], world["owner"])
    assert feed_page(world["friend"], 20, None)[0] == []
    from rejection.community.feed import ask_card

    assert ask_card(world["friend"], world["ask"].pk).id == world["ask"].pk


def test_only_the_ticked_details_are_shown(world: dict) -> None:
    card = feed_page(world["friend"], 20, None)[0][0]
    assert (card.feared, card.learned, card.anxiety_before) == (None, None, None)
    Attempt.objects.filter(pk=world["ask"].pk).update(share_feared=True, share_anxiety=True)
    card = feed_page(world["friend"], 20, None)[0][0]
    assert card.feared == MARK_FEAR and card.learned is None
    assert (card.anxiety_before, card.anxiety_after) == (7, 3)
    assert MARK_NOTE not in repr(card)


def test_cursor_pages_cover_everything_once(world: dict) -> None:
    for hour in range(7):
        shared_ask(world["owner"], f"Ask {hour}", hours_ago=10 + hour)
    seen = _paged_ids(feed_page, world["friend"], 3)
    assert len(seen) == len(set(seen)) == 8


def test_discover_shows_public_asks_of_public_profiles_only(world: dict) -> None:
    walker = make_user("walker")
    loud = shared_ask(walker, "Public from a public profile", Visibility.PUBLIC)
    shared_ask(walker, "Friends only", Visibility.FRIENDS)
    quiet = shared_ask(world["friend"], "Public, but no public profile", Visibility.PUBLIC)
    assert _titles(discover_page(world["stranger"], 20, None)[0]) == []
    public_profile(walker)
    assert [c.id for c in discover_page(world["stranger"], 20, None)[0]] == [loud.pk]
    # A public ask of someone without a public profile reaches their friends only.
    befriend(world["stranger"], world["friend"])
    assert quiet.pk in [c.id for c in feed_page(world["stranger"], 20, None)[0]]
    assert quiet.pk not in [c.id for c in discover_page(world["stranger"], 20, None)[0]]


def test_hidden_asks_leave_every_list(world: dict) -> None:
    from django.utils import timezone

    Attempt.objects.filter(pk=world["ask"].pk).update(hidden_at=timezone.now())
    assert feed_page(world["friend"], 20, None)[0] == []


def _paged_ids(page: Any, viewer: Any, size: int) -> list[int]:
    seen, cursor = [], None
    while True:
        cards, cursor = page(viewer, size, cursor)
        seen += [card.id for card in cards]
        if cursor is None:
            return seen


def test_the_feed_read_in_parts_is_exactly_the_one_rule(world: dict) -> None:
    """The feed and Discover read their own asks, friends' and public ones apart (an index for
    each); page by page, in order, they hold exactly what the single rule `shared_with` (plus
    the viewer's own shared asks) allows, across a mix that interleaves the parts in time."""
    from django.db.models import Q

    from rejection.community.feed import ORDER
    from rejection.community.models import Mute
    from rejection.community.visibility import shared_with
    from rejection.core.pagination import paginate
    from rejection.journal.models import FINISHED_OUTCOMES

    owner, friend, stranger = world["owner"], world["friend"], world["stranger"]
    loud, quiet, muted = (make_user(name, "UTC") for name in ("loud", "quiet", "muted"))
    public_profile(loud)
    public_profile(owner)
    public_profile(muted)
    befriend(friend, quiet)
    befriend(friend, muted)
    mute(friend, muted)
    kinds = (Visibility.PUBLIC, Visibility.FRIENDS, Visibility.PRIVATE)
    for hour in range(18):  # each person shares every way, their asks interleaved in time
        person = (owner, friend, stranger, loud, quiet, muted)[hour % 6]
        shared_ask(person, f"Ask {hour}", kinds[hour % 3], hours_ago=3 + hour)
    shared_ask(loud, "Hidden", Visibility.PUBLIC, hours_ago=2.5, hidden_at=world["ask"].occurred_at)

    def by_rule(viewer: Any, feed: bool) -> list[int]:
        uid = getattr(viewer, "pk", None)
        own = Q(user_id=uid, visibility__in=[Visibility.FRIENDS, Visibility.PUBLIC])
        rule = shared_with(viewer) | own
        if not feed:  # Discover: public asks of public profiles, the viewer's own among them
            rule = Q(visibility=Visibility.PUBLIC, user__profile__public_profile=True) & (
                shared_with(viewer) | Q(user_id=uid)
            )
        muted = Mute.objects.filter(muter_id=uid).values("muted_id")
        asks = Attempt.objects.filter(rule, outcome__in=FINISHED_OUTCOMES).exclude(
            user_id__in=muted
        )
        return [a.pk for a in paginate(asks, ORDER, 1000, None)[0]]

    for viewer in (owner, friend, stranger, loud, quiet, muted, world["blocked"]):
        for size in (1, 4, 20):
            assert _paged_ids(feed_page, viewer, size) == by_rule(viewer, feed=True), viewer
            assert _paged_ids(discover_page, viewer, size) == by_rule(viewer, feed=False)
    assert by_rule(friend, feed=True)  # the mix is not empty: the comparison means something


def test_each_part_of_the_feed_starts_from_an_index_without_statistics(world: dict) -> None:
    """On SQLite with no ANALYZE (a new install never runs one), the page's statements read
    every part through an index: no SCAN of the asks, which at a million asks is a second."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rejection.community import first_page

    if connection.vendor != "sqlite":
        pytest.skip("the plan is checked on SQLite; PostgreSQL's depends on its statistics")
    public_profile(world["friend"])
    shared_ask(world["friend"], "Public one", Visibility.PUBLIC)
    with CaptureQueriesContext(connection) as captured:
        feed_page(world["owner"], 20, None)
        discover_page(world["owner"], 20, None)
        first_page.first_page_digest(world["owner"], 20)
    statements = [q["sql"] for q in captured.captured_queries if "journal_attempt" in q["sql"]]
    assert len(statements) == 3
    with connection.cursor() as cursor:
        for sql in statements:
            sql = sql.replace("%s", "?")
            cursor.execute("EXPLAIN QUERY PLAN " + sql, [0] * sql.count("?"))
            plan = [str(row[-1]) for row in cursor.fetchall()]
            scans = [line for line in plan if line.startswith("SCAN ") and " USING " not in line]
            assert not scans, "\n".join(plan)
