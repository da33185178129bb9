"""Links from the community pages to pages other parts of the work build (profiles, friends,
reports), by URL name when they exist, else by their documented path."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def page_path(name: str, fallback: str, *args: object) -> str:
    """Reverse `name`, or answer the documented `fallback` path while it is not built."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def report_path(target: str, pk: int) -> str:
    """Where the Report link goes for an ask or a comment (`/report/<target>/<id>/`)."""
    return page_path("report", f"/report/{target}/{pk}/", target, pk)
