"""Page fragments cached with their forms, without anyone's CSRF token in them.

A fragment is rendered with CSRF_PLACEHOLDER as its `csrf_token`, so the stored HTML
holds no secret, and each response gets the request's own masked token in its place,
as `{% csrf_token %}` would have written it (a fresh mask every time, as Django does).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

# Never produced by Django's tokens (letters and digits only) nor by escaping.
CSRF_PLACEHOLDER = "@@csrf-token-placeholder@@"


def with_csrf_token(fragment: str, request: HttpRequest) -> SafeString:
    """Return the cached fragment with this request's CSRF token in every form."""
    return mark_safe(fragment.replace(CSRF_PLACEHOLDER, get_token(request)))
