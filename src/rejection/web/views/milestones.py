"""The milestones page: those earned, with their day, and those still to come."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from rejection.progress.milestones import milestone_board
from rejection.web.access import MemberRequest, member


@member
def milestones(request: MemberRequest) -> HttpResponse:
    return render(request, "web/milestones.html", {"board": milestone_board(request.user)})
