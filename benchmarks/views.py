"""Bare pages for the load benchmark (benchmarks/load.py).

`hello` answers without touching the database, yet passes through the whole middleware
stack like every page, so it is the yardstick each real page and endpoint is measured
against in the same run; `hello_signed_in` adds only the signed-in user (the floor of every
member's page), and `hello_write` one write transaction of one small row on top (the floor
of every write).
"""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, LogEntry
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain; charset=utf-8")


def hello_signed_in(request: HttpRequest) -> HttpResponse:
    """The same, after loading the signed-in user: the floor of every member's page.

    It reads the session and the user (with the profile), as each signed-in page must, and
    nothing else, so the gap between the two hellos is what signing in costs by itself.
    """
    known = request.user.is_authenticated
    return HttpResponse("hello, you" if known else "hello", content_type="text/plain")


@csrf_exempt  # the benchmark's own page: no form, and only its settings serve it
@require_POST
def hello_write(request: HttpRequest) -> HttpResponse:
    """The signed-in floor plus the least a write can be: one transaction that inserts one
    small row (an admin log entry, which no measured page reads), nothing read first.

    What every write pays on top of a read (on SQLite, the one writer's lock, taken and
    given back), so a real write can be measured against what any write costs."""
    if not request.user.is_authenticated:
        return HttpResponse("sign in", status=403, content_type="text/plain")
    with transaction.atomic():
        LogEntry.objects.create(
            user_id=request.user.pk, object_repr="load benchmark", action_flag=ADDITION
        )
    return HttpResponse("saved", content_type="text/plain")
