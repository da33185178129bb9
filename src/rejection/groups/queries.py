"""Read models for the group pages and the API: my groups, one group, the weekly board.

The board costs the same few queries whatever the number of members: the viewer's place in
the group, the blocks around the viewer, the members, one aggregate over the members' day
tallies for the week, and (only when someone shows them) that week's ask titles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from rejection.accounts.days import user_today
from rejection.community.visibility import blocked_ids
from rejection.groups.models import Group, Membership
from rejection.groups.services import membership_for
from rejection.journal.models import FINISHED_OUTCOMES, Attempt, DayTally, Outcome
from rejection.progress.summary import monday_of, parse_week, week_label

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The most ask titles the board lists for one member in one week.
TITLES_PER_MEMBER = 20
# An ask counts on the board when the person went through with it: avoided ones do not.
ASKED = tuple(outcome for outcome in FINISHED_OUTCOMES if outcome != Outcome.AVOIDED)


def my_groups_query(user: User) -> QuerySet[Membership]:
    """My places in open groups (with the group and its member count), one query to read."""
    members = (
        Membership.objects.filter(group=OuterRef("group"), removed_at__isnull=True)
        .order_by()
        .values("group")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Membership.objects.filter(
            user_id=user.pk,
            removed_at__isnull=True,
            group__closed_at__isnull=True,
        )
        .select_related("group__program", "group__owner")
        .annotate(member_count=Coalesce(Subquery(members), 0))
    )


def my_groups(user: User) -> list[Membership]:
    """Return my places in open groups, the one I joined last first."""
    return list(my_groups_query(user).order_by("-id"))


def members_of(group: Group) -> list[Membership]:
    """Every current member with their profile (the owner's list, blocks or not)."""
    return list(
        Membership.objects.filter(group=group, removed_at__isnull=True).select_related(
            "user__profile"
        )
    )


def member_count(group_id: int) -> int:
    return Membership.objects.filter(group_id=group_id, removed_at__isnull=True).count()


@dataclass(frozen=True)
class BoardRow:
    """One member on the board: None for each figure they chose not to show."""

    username: str
    name: str
    is_owner: bool
    is_me: bool
    days: int | None
    asks: int | None
    nos: int | None
    titles: list[str] | None


@dataclass(frozen=True)
class Board:
    group: Group
    me: Membership
    week: str
    start: dt.date
    end: dt.date
    is_current: bool
    day_number: int
    rows: list[BoardRow] = field(default_factory=list)
    previous_week: str | None = None
    next_week: str | None = None

    @property
    def is_owner(self) -> bool:
        return self.group.owner_id == self.me.user_id


def _display(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_username()


def board_for(viewer: User, group_id: int, week: str | None = None) -> Board:
    """Read one ISO week of the group's board as `viewer` may see it (default: this week in
    the viewer's time zone). Nobody on either side of a block with the viewer is on it."""
    me = membership_for(viewer, group_id)
    group = me.group
    today = user_today(viewer)
    start = parse_week(week, today) if week is not None else monday_of(today)
    end = start + dt.timedelta(days=6)
    hidden = blocked_ids(viewer)
    members = list(
        Membership.objects.filter(group=group, removed_at__isnull=True)
        .exclude(user_id__in=hidden)
        .select_related("user__profile")
    )
    ids = [member.user_id for member in members]
    figures: dict[int, dict[str, Any]] = {
        row["user_id"]: dict(row)
        for row in DayTally.objects.filter(
            user_id__in=ids, local_date__gte=start, local_date__lte=end
        )
        .values("user_id")
        .annotate(
            days=Count("id", filter=Q(asks__gt=F("avoided"))),
            asks_made=Sum(F("asks") - F("avoided")),
            nos_heard=Sum(F("rejected") + F("no_response")),
        )
    }
    titled = [member.user_id for member in members if member.show_titles]
    titles: dict[int, list[str]] = {uid: [] for uid in titled}
    if titled:
        asks = (
            Attempt.objects.filter(
                user_id__in=titled,
                local_date__gte=start,
                local_date__lte=end,
                outcome__in=ASKED,
                hidden_at__isnull=True,
            )
            .select_related("challenge")
            .only("user_id", "ask", "challenge__title", "occurred_at")
            .order_by("occurred_at", "id")
        )
        for ask in asks:
            if len(titles[ask.user_id]) < TITLES_PER_MEMBER:
                titles[ask.user_id].append(ask.title)
    rows = []
    for member in members:
        row: dict[str, Any] = dict(figures.get(member.user_id) or {})
        rows.append(
            BoardRow(
                username=member.user.get_username(),
                name=_display(member.user),
                is_owner=member.user_id == group.owner_id,
                is_me=member.user_id == viewer.pk,
                days=row.get("days", 0) if member.show_days else None,
                asks=(row.get("asks_made") or 0) if member.show_asks else None,
                nos=(row.get("nos_heard") or 0) if member.show_nos else None,
                titles=titles.get(member.user_id) if member.show_titles else None,
            )
        )
    # In the order people joined (the owner first): a board of who is practising, not a
    # ranking of who is behind.
    current = monday_of(today)
    return Board(
        group=group,
        me=me,
        week=week_label(start),
        start=start,
        end=end,
        is_current=start == current,
        day_number=group.day_number(today),
        rows=rows,
        previous_week=(
            week_label(start - dt.timedelta(days=7))
            if start > monday_of(group.start_date)
            else None
        ),
        next_week=week_label(start + dt.timedelta(days=7)) if start < current else None,
    )
