"""Sharing an attempt: its caption and its card image.

Both answer the owner, and anyone at all (no token needed) when the attempt is public.
Nobody else learns that a private attempt exists: another user gets 404, as for an absent
one, and a caller without a token gets 401 (send a token) for private and absent alike.
"Friends" visibility acts as private until there is a friend graph.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import AuthenticationError
from ninja.params import Path
from ninja.throttling import BaseThrottle

from rejection.api.auth import BearerAuth, ScopedThrottle, TokenThrottle
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.common import MAX_ID
from rejection.api.schemas.share import CaptionOut, CaptionParams, CardParams
from rejection.share.captions import caption_for, default_hashtags
from rejection.share.cards import render_card
from rejection.share.queries import CardText, card_text, shareable_attempt

router = Router(tags=["share"])
AttemptId = Path(..., ge=1, le=MAX_ID)


def anonymous_visitor(request: HttpRequest) -> Any:
    """Let a request that sends no token through as anonymous, for public attempts only.

    A request that does send a token has already been refused by BearerAuth: it gets a
    401 rather than being quietly treated as anonymous.
    """
    if request.headers.get("Authorization"):
        return None
    return AnonymousUser()


class CallerThrottle(TokenThrottle):
    """Limit a token as every other endpoint does, and an anonymous caller by address."""

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.headers.get("Authorization"):
            return super().get_cache_key(request)
        return ScopedThrottle.get_cache_key(self, request)


OPTIONAL_AUTH = [BearerAuth(), anonymous_visitor]
THROTTLE: list[BaseThrottle] = [CallerThrottle("api")]
# The bearer token is optional: an empty requirement in the list means "or none".
OPTIONAL_SECURITY: dict[str, Any] = {"security": [{}]}
PNG_DOC = {
    **OPTIONAL_SECURITY,
    "responses": {
        200: {
            "description": "The card as a PNG image.",
            "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
}


def _card_text(request: Any, attempt_id: int) -> CardText:
    attempt = shareable_attempt(request.auth, attempt_id)
    if attempt is not None:
        return card_text(attempt)
    # Without a token, whatever is not public (absent or private alike) asks for one, as
    # every operation with a security requirement does; with one, it is simply absent.
    if not request.auth.is_authenticated:
        raise AuthenticationError()
    raise ApiError(404)


@router.get(
    "/attempts/{attempt_id}/card.png",
    response={200: None, **errors(401, 404, 422, 429)},
    auth=OPTIONAL_AUTH,
    throttle=THROTTLE,
    summary="An attempt's share card (PNG); no token needed for a public attempt",
    description="Shows the program day (DAY 07), the ask, its outcome word and the current "
    "streak, in one of three themes; never a name, a date or a note.",
    openapi_extra=PNG_DOC,
)
def card(request: HttpRequest, params: Query[CardParams], attempt_id: int = AttemptId) -> Any:
    png = render_card(_card_text(request, attempt_id), params.size, params.theme)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@router.get(
    "/attempts/{attempt_id}/caption",
    response={200: CaptionOut, **errors(401, 404, 422, 429)},
    auth=OPTIONAL_AUTH,
    throttle=THROTTLE,
    summary="A caption for sharing an attempt; no token needed for a public attempt",
    openapi_extra=OPTIONAL_SECURITY,
)
def caption(
    request: HttpRequest, params: Query[CaptionParams], attempt_id: int = AttemptId
) -> dict:
    text = _card_text(request, attempt_id)
    tags = default_hashtags(text.outcome) if params.hashtags is None else params.hashtags
    return {"caption": caption_for(text, tags), "day": text.day, "hashtags": tags}
