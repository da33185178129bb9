"""A bare page for the load benchmark (benchmarks/load.py).

It answers "hello" without touching the database, yet passes through the whole
middleware stack like every page, so it is the yardstick each real page and
endpoint is measured against in the same run.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain; charset=utf-8")
