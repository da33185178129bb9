"""Groups: my groups, making one, joining by code or link, the board and the owner's tools."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from rejection.accounts.days import user_today
from rejection.community.limits import TooMany
from rejection.core.contracts import check, rule_of
from rejection.core.errors import Forbidden, NotFound, Refused
from rejection.groups.contracts import BoardChoices, InviteCode, JoinGroup, NewGroup
from rejection.groups.models import Group
from rejection.groups.queries import board_for, members_of, my_groups
from rejection.groups.services import (
    change_board_choices,
    close_group,
    create_group,
    group_for_code,
    join_group,
    leave_group,
    membership_for,
    owned_group,
    remove_member,
    reset_code,
)
from rejection.progress.contracts import IsoWeek
from rejection.web.access import MemberRequest, member
from rejection.web.errors import add_refusal, read_into

PROGRAM_CHOICES = [
    ("classic-30", "Classic 30"),
    ("100-days", "100 Days"),
    ("custom", "Our own length"),
]


class GroupForm(forms.Form):
    name = forms.CharField(max_length=rule_of(NewGroup, "name").max_length, label="Name")
    description = forms.CharField(
        max_length=rule_of(NewGroup, "description").max_length,
        required=False,
        label="What it is for",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Members see this on the group's page.",
    )
    program = forms.ChoiceField(
        choices=PROGRAM_CHOICES, initial="classic-30", label="Program", widget=forms.RadioSelect
    )
    length_days = forms.IntegerField(
        min_value=rule_of(NewGroup, "length_days").low,
        max_value=rule_of(NewGroup, "length_days").high,
        required=False,
        label="How many days (for our own length)",
    )
    follow = forms.BooleanField(
        required=False, initial=True, label="Start this program on my Today too"
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=rule_of(JoinGroup, "code").max_length * 2,  # room for spaces and dashes
        label="Invite code",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
        help_text="Ten letters and digits, from the person who runs the group.",
    )


class FollowForm(forms.Form):
    follow = forms.BooleanField(
        required=False, initial=True, label="Start the group's program on my Today"
    )


class ChoicesForm(forms.Form):
    show_days = forms.BooleanField(required=False, label="Days I practised")
    show_asks = forms.BooleanField(required=False, label="How many asks I made")
    show_nos = forms.BooleanField(required=False, label="How many nos I heard")
    show_titles = forms.BooleanField(required=False, label="The words of my asks this week")


def _slow_down(request: MemberRequest, too_many: TooMany) -> HttpResponse:
    """The friendly 429 page, with Retry-After, for a service's rate limit."""
    minutes = math.ceil(too_many.retry_after / 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(too_many.retry_after)
    return response


@member
def groups(request: MemberRequest) -> HttpResponse:
    context = {"memberships": my_groups(request.user), "code_form": CodeForm()}
    return render(request, "web/groups.html", context)


@member
def group_new(request: MemberRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = read_into(form, NewGroup, form.cleaned_data)
        if new is not None:
            try:
                group = create_group(request.user, new, user_today(request.user))
            except Refused as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, f"{group.name} is ready. Send the invite link below.")
                return redirect(group)
    return render(request, "web/group_new.html", {"form": form}, status=400 if form.errors else 200)


def _join(request: MemberRequest, code: str, form: forms.Form) -> HttpResponse | None:
    join = read_into(form, JoinGroup, {"code": code, "follow": form.cleaned_data["follow"]})
    if join is None:
        return None
    try:
        membership, created = join_group(request.user, join, user_today(request.user))
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except TooMany as too_many:
        return _slow_down(request, too_many)
    except Refused as refused:
        add_refusal(form, refused)
        return None
    group = membership.group
    if created:
        messages.success(request, f"Welcome to {group.name}.")
    return redirect(group)


@member
def group_join_code(request: MemberRequest) -> HttpResponse:
    """Type a code: it leads to the same page as the invite link."""
    form = CodeForm(request.GET or None)
    if request.GET and form.is_valid():
        try:
            # Read out loud, a code gets spaces or dashes in it: drop them.
            typed = "".join(form.cleaned_data["code"].split()).replace("-", "")
            code = check(InviteCode, typed)
        except ValidationError:
            form.add_error("code", rule_of(JoinGroup, "code").mismatch)
        else:
            return redirect("group_join", code=code.upper())
    return render(
        request, "web/group_join_code.html", {"form": form}, status=400 if form.errors else 200
    )


@member
def group_join(request: MemberRequest, code: str) -> HttpResponse:
    """The invite link: who runs the group and what it is, then a button to join."""
    try:
        group = group_for_code(request.user, code)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except TooMany as too_many:
        return _slow_down(request, too_many)
    try:
        membership_for(request.user, group.pk)
    except NotFound:
        pass
    else:
        return redirect(group)
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = _join(request, code, form)
        if answer is not None:
            return answer
    context = {"group": group, "form": form, "day": group.day_number(user_today(request.user))}
    return render(request, "web/group_join.html", context, status=400 if form.errors else 200)


@member
def group_detail(request: MemberRequest, pk: int) -> HttpResponse:
    week = request.GET.get("week")
    try:
        board = board_for(request.user, pk, None if not week else check(IsoWeek, week))
    except (ValidationError, NotFound) as error:
        raise Http404("No such group or week.") from error
    me = board.me
    choices = ChoicesForm(initial={name: getattr(me, name) for name in ChoicesForm.base_fields})
    join_link = request.build_absolute_uri(board.group.join_url())
    context: dict[str, Any] = {"board": board, "choices": choices, "join_link": join_link}
    if board.is_owner:
        context["members"] = members_of(board.group)
    return render(request, "web/group.html", context)


@member
@require_POST
def group_choices(request: MemberRequest, pk: int) -> HttpResponse:
    form = ChoicesForm(request.POST)
    form.is_valid()  # four ticks: an unticked box is simply False
    try:
        change_board_choices(request.user, pk, BoardChoices(**form.cleaned_data))
    except NotFound as missing:
        raise Http404(missing.message) from missing
    messages.success(request, "Saved. The board shows what you ticked.")
    return redirect("group_detail", pk=pk)


@member
def group_leave(request: MemberRequest, pk: int) -> HttpResponse:
    try:
        group = membership_for(request.user, pk).group
    except NotFound as missing:
        raise Http404(missing.message) from missing
    if request.method == "POST":
        try:
            leave_group(request.user, pk)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect(group)
        messages.success(request, f"You left {group.name}. Your asks and your program are yours.")
        return redirect("groups")
    return render(request, "web/group_confirm.html", {"group": group, "action": "leave"})


def _owner_group(request: MemberRequest, pk: int) -> Group:
    try:
        return owned_group(request.user, pk)
    except (NotFound, Forbidden) as refused:
        # A member who is not the owner finds no such page: nothing here for them.
        raise Http404(refused.message) from refused


@member
def group_close(request: MemberRequest, pk: int) -> HttpResponse:
    group = _owner_group(request, pk)
    if request.method == "POST":
        close_group(request.user, pk)
        messages.success(request, f"{group.name} is closed. Everyone has been told.")
        return redirect("groups")
    return render(request, "web/group_confirm.html", {"group": group, "action": "close"})


@member
@require_POST
def group_code(request: MemberRequest, pk: int) -> HttpResponse:
    _owner_group(request, pk)
    reset_code(request.user, pk)
    messages.success(request, "A new invite link is ready; the old one no longer works.")
    return redirect("group_detail", pk=pk)


@member
@require_POST
def group_remove(request: MemberRequest, pk: int, username: str) -> HttpResponse:
    _owner_group(request, pk)
    try:
        remove_member(request.user, pk, username)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{username} is no longer in the group.")
    return redirect("group_detail", pk=pk)
