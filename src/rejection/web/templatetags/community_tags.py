"""Template helpers for the feed and the shared ask page."""

from __future__ import annotations

from django import template

from rejection.web.community import report_path

register = template.Library()


@register.simple_tag
def report_url(target: str, pk: int) -> str:
    """The Report link for an ask or a comment (the moderation pages answer it)."""
    return report_path(target, pk)
