"""Making, joining, leaving and running a group; each use case owns its transaction.

Who may act: anyone may make a group or join one with its code; a member may change what the
board shows of them and leave; only the owner may remove a member, reset the code or close
the group. A group the caller is not in is `NotFound`, exactly like one that is not there.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from rejection.community.limits import take
from rejection.community.models import NotificationKind
from rejection.community.notifications import notify
from rejection.community.screening import refuse_unkind
from rejection.community.visibility import is_blocked_between
from rejection.core.errors import Conflict, Forbidden, NotFound
from rejection.groups.contracts import BoardChoices, JoinGroup, NewGroup
from rejection.groups.models import Group, Membership, new_code
from rejection.progress.contracts import MAX_CUSTOM_DAYS, ProgramStart
from rejection.progress.models import Program
from rejection.progress.services import start_program

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NO_GROUP = "There is no group here, or you are not in it."
NO_CODE = "No open group has that code. Check it with the person who sent it."


def membership_for(user: User, group_id: int) -> Membership:
    """Return the caller's place in an open group (with the group), or `NotFound`."""
    membership = (
        Membership.objects.select_related("group__program", "group__owner")
        .filter(
            group_id=group_id,
            user_id=user.pk,
            removed_at__isnull=True,
            group__closed_at__isnull=True,
        )
        .first()
    )
    if membership is None:
        raise NotFound(NO_GROUP)
    return membership


def owned_group(user: User, group_id: int) -> Group:
    """Return an open group the caller owns; a member gets `Forbidden`, anyone else `NotFound`."""
    group = membership_for(user, group_id).group
    if group.owner_id != user.pk:
        raise Forbidden("owner_only", "Only the group's owner can do that.")
    return group


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_username()


def _follow(user: User, group: Group, today: dt.date) -> bool:
    """Start the group's program on the person's Today with the group's Day 1; False when it
    has already ended. Someone whose calendar is still on the day before the group's first
    day (a time zone behind its owner) starts today, a day early, rather than on Day 0."""
    if group.day_number(today) > group.length_days:
        return False
    first = min(group.start_date, today)
    start_program(user, group.program.slug, first, ProgramStart(length_days=group.length_days))
    return True


def _program_news(user: User, group: Group, today: dt.date) -> None:
    day = max(group.day_number(today), 1)
    notify(
        user,
        NotificationKind.GROUP,
        f"Day {day} of {group.name}'s {group.length_days} days is on your Today.",
        url=group.get_absolute_url(),
    )


def create_group(user: User, new: NewGroup, today: dt.date) -> Group:
    """Make a group with today as its Day 1, its owner as its first member."""
    refuse_unkind("name", new.name)
    if new.description:
        refuse_unkind("description", new.description)
    program = Program.objects.filter(slug=new.program).first()
    if program is None:
        raise NotFound("There is no program by that name.", field="program")
    length = program.length_days or new.length_days
    if length is None:
        raise Conflict(
            "length_needed", f"Choose how many days, from 1 to {MAX_CUSTOM_DAYS}.", "length_days"
        )
    with transaction.atomic():
        group = Group.objects.create(
            name=new.name,
            description=new.description,
            owner=user,
            program=program,
            length_days=length,
            start_date=today,
        )
        Membership.objects.create(group=group, user=user)
        if new.follow and _follow(user, group, today):
            _program_news(user, group, today)
    return group


def group_for_code(user: User, code: str) -> Group:
    """Return the open group this code opens for this person, or `NotFound` naming `code`:
    for a wrong code, a closed group, someone its owner removed, or a block with its owner
    alike, so the answer never says which. Each look-up counts against `group_code`'s rate
    (`TooMany`, 429)."""
    take(user.pk, "group_code")
    group = (
        Group.objects.select_related("program", "owner__profile")
        .filter(code=code.upper(), closed_at__isnull=True)
        .first()
    )
    if (
        group is None
        or is_blocked_between(user, group.owner)
        or Membership.objects.filter(
            group=group, user_id=user.pk, removed_at__isnull=False
        ).exists()
    ):
        raise NotFound(NO_CODE, field="code")
    return group


def join_group(user: User, join: JoinGroup, today: dt.date) -> tuple[Membership, bool]:
    """Join the open group with this code; return the membership and whether it is new.

    Joining twice changes nothing. Someone the owner removed, or who is on either side of a
    block with the owner, is told the code opens nothing, as for a wrong code.
    """
    group = group_for_code(user, join.code)
    with transaction.atomic():
        existing = Membership.objects.select_for_update().filter(group=group, user=user).first()
        if existing is not None:
            if existing.removed_at is not None:
                raise NotFound(NO_CODE, field="code")
            return existing, False
        membership = Membership.objects.create(group=group, user=user)
        followed = join.follow and _follow(user, group, today)
        others = Membership.objects.filter(group=group, removed_at__isnull=True).exclude(user=user)
        for other in others.select_related("user"):
            notify(
                other.user,
                NotificationKind.GROUP,
                f"{_name(user)} joined {group.name}.",
                url=group.get_absolute_url(),
                actor=user,
            )
        if followed:
            _program_news(user, group, today)
    membership.group = group
    return membership, True


def change_board_choices(user: User, group_id: int, choices: BoardChoices) -> Membership:
    """Save what the weekly board shows of me in this group (only the fields sent)."""
    membership = membership_for(user, group_id)
    changes = {name: value for name, value in choices.given().items() if value is not None}
    if changes:
        for name, value in changes.items():
            setattr(membership, name, value)
        membership.save(update_fields=list(changes))
    return membership


def leave_group(user: User, group_id: int) -> None:
    """Leave a group; my asks and my program stay mine. The owner closes it instead."""
    membership = membership_for(user, group_id)
    if membership.group.owner_id == user.pk:
        raise Conflict("owner_stays", "You own this group: close it instead of leaving it.")
    membership.delete()


def remove_member(user: User, group_id: int, username: str) -> None:
    """Take someone out of my group; the same code does not let them back in."""
    group = owned_group(user, group_id)
    target = (
        Membership.objects.select_related("user")
        .filter(group=group, user__username=username, removed_at__isnull=True)
        .first()
    )
    if target is None:
        raise NotFound("Nobody by that name is in this group.", field="username")
    if target.user_id == user.pk:
        raise Conflict("owner_stays", "You own this group: close it instead.", "username")
    target.removed_at = timezone.now()
    target.save(update_fields=["removed_at"])
    notify(
        target.user,
        NotificationKind.GROUP,
        f"You are no longer in {group.name}. Your asks and your program are still yours.",
        url="/groups/",
    )


def reset_code(user: User, group_id: int) -> Group:
    """Give my group a new invite code; the old code and link stop working."""
    group = owned_group(user, group_id)
    group.code = new_code()
    group.save(update_fields=["code"])
    return group


def close_group(user: User, group_id: int) -> Group:
    """Close my group for good and tell its members; everyone keeps their own asks."""
    group = owned_group(user, group_id)
    return _close(group)


def _close(group: Group) -> Group:
    with transaction.atomic():
        members = list(
            Membership.objects.select_related("user").filter(group=group, removed_at__isnull=True)
        )
        group.closed_at = timezone.now()
        group.save(update_fields=["closed_at"])
        for membership in members:
            if membership.user_id == group.owner_id:
                continue
            notify(
                membership.user,
                NotificationKind.GROUP,
                f"{group.name} has closed. Your asks and your program are still yours.",
                url="/groups/",
            )
    return group


def close_groups_owned_by(user: User) -> int:
    """Close every open group this person owns (before their account goes); return how many.

    The groups themselves go with the account (their name and description are its words);
    closing them first lets the members be told."""
    groups = list(Group.objects.filter(owner=user, closed_at__isnull=True))
    for group in groups:
        _close(group)
    return len(groups)
