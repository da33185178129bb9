"""Read models for the feed, Discover and the shared ask page: a fixed number of queries
whatever the number of asks, cheers and comments.

A card carries only what sharing shows: the person, the ask, its outcome and local day, and
the notes and nerves ticked for that ask; cheers by kind (with the viewer's own) and how many
comments the viewer can read. The feed reads friends' asks at request time (one indexed query
joined on the two-row friendships); docs/community.md says why no per-person timelines.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from rejection.community.cheers import shared_ask_path
from rejection.community.comments import can_delete, can_edit, visible_comments
from rejection.community.models import Cheer, CheerKind, Comment, Mute
from rejection.community.visibility import can_see_attempt, public_asks, shared_with_parts
from rejection.core.errors import NotFound
from rejection.core.pagination import Key, after_cursor, moment_key, paginate
from rejection.journal.models import FINISHED_OUTCOMES, Attempt, Visibility

ORDER = (moment_key("occurred_at", descending=True), Key("id", descending=True))
CHEER_KINDS = tuple(kind.value for kind in CheerKind)
SHOWN_FIELDS = (
    "user_id",
    "ask",
    "outcome",
    "occurred_at",
    "local_date",
    "visibility",
    "hidden_at",
    "feared_outcome",
    "what_happened",
    "learned",
    "anxiety_before",
    "anxiety_after",
    "share_feared",
    "share_happened",
    "share_learned",
    "share_anxiety",
    "challenge__title",
    "user__username",
    "user__profile__display_name",
    "user__profile__public_profile",
)


@cache
def _person_route() -> bool:
    try:
        reverse("person", args=["x"])
    except NoReverseMatch:  # the profile page is built by another part of the work
        return False
    return True


def person_url(username: str) -> str:
    """The person's profile page (`/people/<username>/`)."""
    if _person_route():
        return reverse("person", args=[username])
    return f"/people/{username}/"


@dataclass
class Person:
    username: str
    name: str
    url: str


@dataclass
class CommentView:
    id: int
    author: Person
    body: str
    created_at: dt.datetime
    edited: bool
    hidden: bool  # hidden by moderation: only its author sees it, marked as such
    mine: bool
    can_edit: bool
    can_delete: bool
    parent_id: int | None
    replies: list[CommentView] = field(default_factory=list)
    missing: bool = False  # a top comment not shown, kept as a place for its replies


@dataclass
class Card:
    """One shared ask as the viewer may see it."""

    id: int
    url: str
    person: Person
    mine: bool
    title: str
    outcome: str
    local_date: dt.date
    occurred_at: dt.datetime
    visibility: str
    feared: str | None
    happened: str | None
    learned: str | None
    anxiety_before: int | None
    anxiety_after: int | None
    cheers: dict[str, int]
    my_cheers: set[str]
    comment_count: int
    comments: list[CommentView] = field(default_factory=list)

    @property
    def cheer_list(self) -> list[tuple[str, str, int, bool]]:
        """(kind, word, count, given by the viewer) for each kind, in a fixed order."""
        return [
            (kind.value, str(kind.label), self.cheers[kind.value], kind.value in self.my_cheers)
            for kind in CheerKind
        ]


def _person(user: Any) -> Person:
    profile = getattr(user, "profile", None)
    name = (profile.display_name if profile else "") or user.username
    return Person(user.username, name, person_url(user.username))


def _newest_ids(condition: Q, viewer: Any, limit: int, after: Q) -> QuerySet[Attempt, Any]:
    """The ids of the `limit` newest finished asks that meet `condition` (after the cursor's
    `after`), muted people left out."""
    muted = Mute.objects.filter(muter_id=viewer.pk).values("muted_id")
    return (
        Attempt.objects.filter(condition, after, outcome__in=FINISHED_OUTCOMES)
        .exclude(user_id__in=muted)
        .order_by("-occurred_at", "-id")
        .values("id")[:limit]
    )


def _page_ids(parts: list[Q], viewer: Any, limit: int, after: Q) -> QuerySet[Attempt, Any]:
    """The ids of the `limit` newest asks meeting any of `parts`, read as one statement in
    which each part takes its own newest `limit` first: each is then one index range (the
    viewer's own asks, each friend's, the public ones), where one filter with an OR walks
    every shared ask in time order until the page is full (seconds at a million asks when
    few of them are the viewer's to see)."""
    each = [
        Attempt.objects.filter(pk__in=_newest_ids(part, viewer, limit, after))
        .order_by()
        .values("id")
        for part in parts
    ]
    union = each[0].union(*each[1:], all=True) if len(each) > 1 else each[0]
    return Attempt.objects.filter(pk__in=union).order_by("-occurred_at", "-id").values("id")[:limit]


def feed_parts(viewer: Any) -> list[Q]:
    """Friends' shared asks and the viewer's own (friends or public), as parts whose union is
    the feed."""
    own = Q(user_id=viewer.pk, visibility__in=[Visibility.FRIENDS, Visibility.PUBLIC])
    return [own, *shared_with_parts(viewer)]


def discover_parts(viewer: Any) -> list[Q]:
    """Public asks of people with a public profile (the viewer's own among them)."""
    # Friends' public asks are among the public part already (that part has every public ask
    # of a public profile the viewer may see), so the friends' part is not read here.
    public_part = shared_with_parts(viewer)[0]
    return [public_asks() & Q(user_id=viewer.pk), public_part]


def feed_ids(viewer: Any, limit: int) -> QuerySet[Attempt, Any]:
    """The ids of the viewer's `limit` newest feed asks (the first page's)."""
    return _page_ids(feed_parts(viewer), viewer, limit, Q())


def _page(
    parts: list[Q], viewer: Any, limit: int, cursor: str | None
) -> tuple[list[Attempt], str | None]:
    ids = _page_ids(parts, viewer, limit + 1, after_cursor(ORDER, cursor))
    shown = (
        Attempt.objects.filter(pk__in=ids)
        .select_related("challenge", "user__profile")
        .only(*SHOWN_FIELDS)
    )
    # The cursor is applied inside each part already; paginate only orders and cuts.
    return paginate(shown, ORDER, limit, None)


def _cheer_tallies(
    viewer: Any, ids: list[int]
) -> tuple[dict[int, dict[str, int]], dict[int, set[str]]]:
    """Cheers by kind on each ask, and the kinds the viewer gave (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CHEER_KINDS, 0))
    mine: dict[int, set[str]] = defaultdict(set)
    rows = (
        Cheer.objects.filter(attempt_id__in=ids)
        .values("attempt_id", "kind")
        .annotate(n=Count("id"), given=Count("id", filter=Q(user_id=viewer.pk)))
        .order_by()
    )
    for row in rows:
        counts[row["attempt_id"]][row["kind"]] = row["n"]
        if row["given"]:
            mine[row["attempt_id"]].add(row["kind"])
    return counts, mine


def cheers_on(viewer: Any, attempt: Attempt) -> tuple[dict[str, int], set[str]]:
    """The cheers by kind on one ask, and those the viewer gave."""
    counts, mine = _cheer_tallies(viewer, [attempt.pk])
    return counts[attempt.pk], mine[attempt.pk]


def _cards(viewer: Any, attempts: list[Attempt]) -> list[Card]:
    """Turn asks into cards with two more queries, however many there are."""
    if not attempts:
        return []
    ids = [attempt.pk for attempt in attempts]
    counts, mine = _cheer_tallies(viewer, ids)
    comment_counts = dict(
        Comment.objects.filter(visible_comments(viewer), attempt_id__in=ids)
        .values("attempt_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("attempt_id", "n")
    )
    return [
        _card(viewer, attempt, counts[attempt.pk], mine[attempt.pk], comment_counts)
        for attempt in attempts
    ]


def _card(
    viewer: Any, attempt: Attempt, cheers: dict[str, int], given: set[str], comments: dict
) -> Card:
    # The owner sees their card as everyone else does: exactly what they chose to share.
    mine = attempt.user_id == viewer.pk
    anxiety = attempt.share_anxiety
    return Card(
        id=attempt.pk,
        url=shared_ask_path(attempt.pk),
        person=_person(attempt.user),
        mine=mine,
        title=attempt.title,
        outcome=attempt.outcome,
        local_date=attempt.local_date,
        occurred_at=attempt.occurred_at,
        visibility=attempt.visibility,
        feared=attempt.feared_outcome or None if attempt.share_feared else None,
        happened=attempt.what_happened or None if attempt.share_happened else None,
        learned=attempt.learned or None if attempt.share_learned else None,
        anxiety_before=attempt.anxiety_before if anxiety else None,
        anxiety_after=attempt.anxiety_after if anxiety else None,
        cheers=dict(cheers),
        my_cheers=set(given),
        comment_count=comments.get(attempt.pk, 0),
    )


def feed_page(viewer: Any, limit: int, cursor: str | None) -> tuple[list[Card], str | None]:
    """One page of the viewer's feed, newest first, and the next page's cursor."""
    attempts, next_cursor = _page(feed_parts(viewer), viewer, limit, cursor)
    return _cards(viewer, attempts), next_cursor


def discover_page(viewer: Any, limit: int, cursor: str | None) -> tuple[list[Card], str | None]:
    """One page of Discover, newest first, and the next page's cursor."""
    attempts, next_cursor = _page(discover_parts(viewer), viewer, limit, cursor)
    return _cards(viewer, attempts), next_cursor


def shared_attempt(viewer: Any, pk: int) -> Attempt:
    """Return an ask `viewer` may see, else NotFound (404), exactly as for a missing id."""
    attempt = Attempt.objects.select_related("challenge", "user__profile").filter(pk=pk).first()
    if attempt is None or not can_see_attempt(viewer, attempt):
        raise NotFound("There is no such ask, or you can't see it.")
    return attempt


def comment_views(viewer: Any, attempt: Attempt) -> list[CommentView]:
    """The comments the viewer may read on one ask, oldest first, replies under their comment
    (one query)."""
    rows = list(
        Comment.objects.filter(visible_comments(viewer), attempt_id=attempt.pk)
        .select_related("author__profile")
        .order_by("created_at", "id")
    )
    tops: dict[int, CommentView] = {}
    ordered: list[CommentView] = []
    for row in rows:
        view = CommentView(
            id=row.pk,
            author=_person(row.author),
            body=row.body,
            created_at=row.created_at,
            edited=row.edited_at is not None,
            hidden=row.hidden_at is not None,
            mine=row.author_id == viewer.pk,
            can_edit=can_edit(viewer, row),
            can_delete=can_delete(viewer, row, attempt),
            parent_id=row.parent_id,
        )
        if row.parent_id is None:
            tops[row.pk] = view
            ordered.append(view)
            continue
        parent = tops.get(row.parent_id)
        if parent is None:  # its comment is hidden from this viewer: keep a place for it
            parent = CommentView(
                id=row.parent_id,
                author=Person("", "", ""),
                body="",
                created_at=row.created_at,
                edited=False,
                hidden=False,
                mine=False,
                can_edit=False,
                can_delete=False,
                parent_id=None,
                missing=True,
            )
            tops[row.parent_id] = parent
            ordered.append(parent)
        parent.replies.append(view)
    return ordered


def ask_card(viewer: Any, pk: int) -> Card:
    """The shared ask page: the card and its comments, in a fixed number of queries."""
    attempt = shared_attempt(viewer, pk)
    card = _cards(viewer, [attempt])[0]
    card.comments = comment_views(viewer, attempt)
    return card
