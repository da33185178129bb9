"""HTMX helpers: one view serves the whole page and, for HTMX requests, its partial."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render the partial when HTMX asked for it, otherwise the whole page."""
    template = partial if getattr(request, "htmx", False) else page
    return render(request, template, context, status=status)
