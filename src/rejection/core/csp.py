"""django-csp's middleware, with the policy built once instead of on every response.

The policy comes from settings alone unless a view changes it (django-csp's decorators) or
a template asks for a nonce; this project does neither, yet the stock middleware rebuilt
both headers from the settings on every response, a tenth of a bare signed-in request's
time (docs/performance.md, "Round two"). Here the settings' policy is built once per
settings object (a test that overrides them gets its own) and anything unusual is left to
django-csp itself, so the headers are exactly the ones it would send.
"""

from __future__ import annotations

import http.client
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as StockCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# What django-csp's decorators leave on a response to change its policy.
OVERRIDES = tuple(
    f"_csp_{part}{suffix}" for part in ("config", "update", "replace") for suffix in ("", "_ro")
)
DEBUG_CODES = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)


class CSPMiddleware(StockCSPMiddleware):
    _built: tuple[Any, Any, str, str] | None = None

    def _policies(self) -> tuple[str, str]:
        """The enforced and report-only headers from the settings, built once per setting."""
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built = self._built
        if built is None or built[0] is not config or built[1] is not report_only:
            built = (config, report_only, build_policy(), build_policy(report_only=True))
            self._built = built
        return built[2], built[3]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in OVERRIDES
        ):
            return super().process_response(request, response)
        if response.status_code in DEBUG_CODES and settings.DEBUG:
            return response
        csp, csp_ro = self._policies()
        for header, value, exempt, setting in (
            (HEADER, csp, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, csp_ro, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            if not value or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
