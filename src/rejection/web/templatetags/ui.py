"""Design-system tags every template has without `{% load %}` (a builtin in settings).

`{% icon "sun" %}` inlines one vendored Lucide icon (static/vendor/lucide) so it takes the
text colour; `{% theme %}` is the person's light/dark override, read from the cookie the
Settings page sets ("" follows the device).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ICONS = Path(__file__).resolve().parents[1] / "static" / "vendor" / "lucide" / "icons"
THEME_COOKIE = "theme"
THEMES = ("light", "dark")
_NAME = re.compile(r"^[a-z0-9-]+$")
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_OPEN = re.compile(r"<svg\b[^>]*>", re.S)


@cache
def _inner(name: str) -> str:
    """Return the drawing inside one icon's <svg> element (the file's own attributes dropped)."""
    if not _NAME.match(name):
        raise template.TemplateSyntaxError(f"Bad icon name {name!r}.")
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        raise template.TemplateSyntaxError(
            f"No icon {name!r}: copy it from lucide-static into {ICONS} (see README.md there)."
        )
    text = _COMMENT.sub("", path.read_text())
    body = _OPEN.sub("", text, count=1).replace("</svg>", "")
    return " ".join(line.strip() for line in body.splitlines() if line.strip())


@register.simple_tag
def icon(name: str, label: str = "", size: int = 20, css: str = "") -> SafeString:
    """Inline the named icon: decorative unless given a label, then it is read as an image."""
    classes = f"icon icon--{name} {css}".strip()
    a11y = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true"'
    return mark_safe(
        f'<svg class="{escape(classes)}" {a11y} focusable="false" width="{int(size)}" '
        f'height="{int(size)}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{_inner(name)}</svg>'
    )


def theme_of(request: Any) -> str:
    """Return "light" or "dark" when the person chose one in Settings, else "" (the device's)."""
    value = getattr(request, "COOKIES", {}).get(THEME_COOKIE, "")
    return value if value in THEMES else ""


@register.simple_tag(takes_context=True)
def theme(context: Any) -> str:
    return theme_of(context.get("request"))


@register.simple_tag
def password_rule() -> str:
    """Return the one password rule every password form shows (the validators enforce it)."""
    return (
        f"At least {settings.PASSWORD_MIN_LENGTH} characters, and not an easy one to guess "
        "(no 12345678, no password, not your username)."
    )
