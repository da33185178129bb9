"""A bare page for the load benchmark (benchmarks/load.py).

It answers "hello" without touching the database, yet passes through the whole
middleware stack like every page, so it is the yardstick each real page and
endpoint is measured against in the same run.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain; charset=utf-8")


def hello_signed_in(request: HttpRequest) -> HttpResponse:
    """The same, after loading the signed-in user: the floor of every member's page.

    It reads the session and the user (with the profile), as each signed-in page must, and
    nothing else, so the gap between the two hellos is what signing in costs by itself.
    """
    known = request.user.is_authenticated
    return HttpResponse("hello, you" if known else "hello", content_type="text/plain")
