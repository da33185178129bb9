"""HTMX helpers: one view serves the whole page and, for HTMX requests, its partial."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed through django-htmx's middleware, which sets ``htmx``."""

    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest) -> bool:
    """True for an HTMX request that swaps in a fragment.

    A boosted link or form (hx-boost) also sends HX-Request, but it replaces the whole
    body and pushes the URL, so it must get the full page.
    """
    return bool(request.htmx) and not request.htmx.boosted


def render_page_or_partial(
    request: HtmxHttpRequest, page: str, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render the partial when HTMX asked for a fragment, otherwise the whole page."""
    template = partial if wants_partial(request) else page
    return render(request, template, context, status=status)
