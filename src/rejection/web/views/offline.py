"""The service worker and the page it shows when there is no connection.

The worker is served from the site's root (not /static/) so that it may control every
page; it is a template so it can name the static files by their hashed names, and its
bytes change with every release that changes them, which is how browsers notice an update.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

# Kept when the worker installs, so the offline page and its look work from the first
# visit on. Everything else under /static/ is kept as pages use it.
SHELL_STATIC = (
    "css/app.css",
    "css/today.css",
    "js/app.js",
    "js/offline.js",
    "js/queue.js",
    "icons/icon.svg",
)


@lru_cache(maxsize=1)
def _worker_source() -> str:
    offline_url = reverse("offline")
    context = {
        "shell": [offline_url, *(static(name) for name in SHELL_STATIC)],
        "queue_script": static("js/queue.js"),
        "offline_url": offline_url,
        "log_url": reverse("log_attempt"),
        # Member pages worth having offline: the day's card, the log form, the journal,
        # progress, and the offline page as the signed-in person sees it.
        "kept_paths": [
            reverse(name) for name in ("today", "log_attempt", "journal", "progress", "offline")
        ],
        # The prefix, not static(""): the manifest storage has no entry for an empty name.
        "static_url": settings.STATIC_URL,
    }
    draft = render_to_string("web/sw.js", {**context, "version": ""})
    version = hashlib.sha256(draft.encode()).hexdigest()[:12]
    return render_to_string("web/sw.js", {**context, "version": version})


def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker at most daily anyway; no-cache makes every check real.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows offline, and where asks kept on the phone are listed."""
    return render(request, "web/offline.html")
