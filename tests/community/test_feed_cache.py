"""The feed's first page (`/feed/` and `GET /api/v1/feed`) is kept under the digest of what
it shows (community.first_page), and every change to that shows at the next view: a
friend's new, edited, unshared, deleted or hidden ask, a cheer given or taken back, a
comment or its hiding, a new name, a new friend, an unfriend, a block, a mute, a stranger's
public ask and a new day. Each time the kept page and JSON equal a fresh build, and who sees
what stays as community.visibility says.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rejection.community import blocks, cheers, friends
from rejection.community.comments import NewComment, add_comment
from rejection.community.moderation import decide
from rejection.core.caching import forget_kept
from rejection.journal.models import Visibility
from rejection.web.cached_html import CSRF_PLACEHOLDER
from tests.community.world import befriend, public_profile, shared_ask
from tests.conftest import bearer, make_user
from tests.writes import delete_ask, edit_ask, update_profile

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC)
# Each response carries its own masked CSRF token: compare pages without them.
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOON, tick=False):
        yield


class Viewer:
    """The feed as one person sees it, through the page and the API."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.page = Client()
        self.page.force_login(user)
        self.api = Client(headers=bearer(user))

    def _both(self) -> tuple[str, bytes]:
        page = self.page.get("/feed/")
        api = self.api.get("/api/v1/feed")
        assert page.status_code == 200 and api.status_code == 200
        html = page.content.decode()
        assert CSRF_PLACEHOLDER not in html
        return TOKEN.sub(r"\1", html), api.content

    def sees(self) -> tuple[str, dict[str, Any]]:
        """Asked twice (the second is the kept copy), then again with nothing kept: the kept
        page and JSON must equal a fresh build."""
        self._both()
        kept = self._both()
        forget_kept()
        cache.clear()
        fresh = self._both()
        assert kept == fresh
        return kept[0], self.api.get("/api/v1/feed").json()

    def asks(self) -> list[str]:
        return [item["title"] for item in self.sees()[1]["items"]]


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    viewer = make_user("viewer")
    friend = make_user("pal")
    other = make_user("other")
    befriend(viewer, friend)
    return {"viewer": viewer, "friend": friend, "other": other}


def _kept_view(client: Client, url: str) -> list[str]:
    client.get(url)
    with CaptureQueriesContext(connection) as kept:
        client.get(url)
    return [query["sql"] for query in kept.captured_queries]


def test_a_kept_view_reads_no_cards(people) -> None:
    shared_ask(people["friend"], "Asked for a table by the window")
    me = Viewer(people["viewer"])
    me.sees()
    page = _kept_view(me.page, "/feed/")
    api = _kept_view(me.api, "/api/v1/feed")
    # One read names the page; the cards' own reads (cheers, comments) are not made. The
    # page's other two are the session's and the user's; the API's the token's and, in the
    # test settings, its throttle's.
    assert len(page) == 3
    for statements in (page, api):
        reads = [sql for sql in statements if "journal_attempt" in sql]
        assert len(reads) == 1 and '"cheers_brave"' in reads[0]
        assert sum("community_cheer" in sql for sql in statements) == 1


def test_a_friends_asks_show_at_once(people, small_deck) -> None:
    viewer, friend = people["viewer"], people["friend"]
    me = Viewer(viewer)
    assert me.asks() == []
    ask = shared_ask(friend, "Asked for a table by the window")
    assert me.asks() == ["Asked for a table by the window"]
    edit_ask(friend, ask, {"ask": "Asked for a table on the terrace"})
    assert me.asks() == ["Asked for a table on the terrace"]
    edit_ask(friend, ask, {"learned": "They said yes next time", "share_learned": True})
    assert "They said yes next time" in me.sees()[0]
    edit_ask(friend, ask, {"visibility": Visibility.PRIVATE})
    assert me.asks() == []
    edit_ask(friend, ask, {"visibility": Visibility.FRIENDS})
    assert me.asks() == ["Asked for a table on the terrace"]
    moderator = make_user("moderator", is_staff=True)
    decide(moderator, "ask", ask.pk, "hide")
    assert me.asks() == []
    decide(moderator, "ask", ask.pk, "restore")
    assert me.asks() == ["Asked for a table on the terrace"]
    delete_ask(friend, ask)
    assert me.asks() == []


def test_cheers_and_comments_show_at_once(people) -> None:
    viewer, friend, other = people["viewer"], people["friend"], people["other"]
    befriend(other, friend)
    ask = shared_ask(friend, "Asked for a discount")
    me = Viewer(viewer)
    me.sees()
    cheers.cheer(other, ask, "brave")  # by someone the viewer does not know
    assert me.sees()[1]["items"][0]["cheers"] == {
        "counts": {"brave": 1, "well_asked": 0, "keep_going": 0},
        "mine": [],
    }
    cheers.cheer(viewer, ask, "brave")
    assert me.sees()[1]["items"][0]["cheers"]["mine"] == ["brave"]
    cheers.uncheer(viewer, ask, "brave")
    cheers.cheer(viewer, ask, "keep_going")  # the same number of cheers, another kind
    card = me.sees()[1]["items"][0]
    assert card["cheers"]["mine"] == ["keep_going"] and card["cheers"]["counts"]["brave"] == 1
    # Someone else's cheer of another kind in place of theirs: the same count, another kind
    # (on SQLite the new row can even take the old one's id).
    cheers.uncheer(other, ask, "brave")
    cheers.cheer(other, ask, "well_asked")
    assert me.sees()[1]["items"][0]["cheers"]["counts"] == {
        "brave": 0,
        "well_asked": 1,
        "keep_going": 1,
    }
    comment = add_comment(other, ask, NewComment(body="Well done"))
    assert me.sees()[1]["items"][0]["comment_count"] == 1
    decide(make_user("moderator", is_staff=True), "comment", comment.pk, "hide")
    assert me.sees()[1]["items"][0]["comment_count"] == 0


def test_people_show_at_once(people, small_deck) -> None:
    viewer, friend, other = people["viewer"], people["friend"], people["other"]
    shared_ask(friend, "Asked a friend's question")
    shared_ask(other, "Asked another's question", hours_ago=3)
    me = Viewer(viewer)
    assert me.asks() == ["Asked a friend's question"]
    update_profile(friend, display_name="Pal Renamed")
    assert "Pal Renamed" in me.sees()[0]
    friends.send_request(viewer, other.username)
    friends.send_request(other, viewer.username)  # accepted: friends now
    assert me.asks() == ["Asked a friend's question", "Asked another's question"]
    friends.remove_friend(viewer, other.username)
    assert me.asks() == ["Asked a friend's question"]
    blocks.mute(viewer, friend.username)
    assert me.asks() == []
    blocks.unmute(viewer, friend.username)
    assert me.asks() == ["Asked a friend's question"]
    blocks.block(friend, viewer.username)  # either side of a block
    assert me.asks() == []


def test_public_asks_of_strangers_and_a_new_day(people) -> None:
    viewer, other = people["viewer"], people["other"]
    me = Viewer(viewer)
    me.sees()
    shared_ask(other, "Asked out loud", Visibility.PUBLIC)
    assert me.asks() == []  # a public ask shows only with a public profile
    public_profile(other)
    assert me.asks() == ["Asked out loud"]
    other.profile.public_profile = False
    other.profile.save()
    assert me.asks() == []
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        assert me.asks() == []
        shared_ask(people["friend"], "Asked the next day")
        assert me.asks() == ["Asked the next day"]


def test_who_sees_what(people) -> None:
    viewer, friend, other = people["viewer"], people["friend"], people["other"]
    blocked = make_user("blocked")
    befriend(friend, blocked)
    befriend(friend, other)
    blocks.block(blocked, friend.username)
    ask = shared_ask(friend, "Asked for friends", hours_ago=2)
    shared_ask(friend, "Asked in public", Visibility.PUBLIC, hours_ago=1)
    shared_ask(friend, "Asked alone", Visibility.PRIVATE, hours_ago=3)
    public_profile(friend)
    # The owner: their own shared asks, never the private one; each is marked theirs.
    mine = Viewer(friend).sees()[1]["items"]
    assert [item["title"] for item in mine] == ["Asked in public", "Asked for friends"]
    assert all(item["mine"] for item in mine)
    # A friend: the same two; a stranger: the public one; the blocked: nothing.
    assert Viewer(viewer).asks() == ["Asked in public", "Asked for friends"]
    stranger = make_user("stranger")
    assert Viewer(stranger).asks() == ["Asked in public"]
    assert Viewer(blocked).asks() == []
    # Kept copies are one person's: each saw only what they may.
    cheers.cheer(viewer, ask, "brave")
    assert Viewer(other).sees()[1]["items"][1]["cheers"]["mine"] == []
    # Nobody signed in: the page asks them to sign in, the API says who are you.
    assert Client().get("/feed/").status_code == 302
    assert Client().get("/api/v1/feed").status_code == 401


def test_rules_that_read_rows_when_built_are_refused(people, monkeypatch) -> None:
    """The statement is built once for a stand-in viewer: a rule that read rows then (the
    friends' ids as a list) would serve the stand-in's answer to everyone."""
    from rejection.community import first_page
    from rejection.community.visibility import friend_ids

    real = first_page.feed_ids

    def reads_rows(viewer: Any, limit: int) -> Any:
        return real(viewer, limit).filter(user_id__in=list(friend_ids(viewer)))

    monkeypatch.setattr(first_page, "feed_ids", reads_rows)
    first_page._statement.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="one statement"):
            first_page.first_page_digest(people["viewer"], 7)
    finally:
        first_page._statement.cache_clear()
