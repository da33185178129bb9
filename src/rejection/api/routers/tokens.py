"""The caller's API tokens: list, create, revoke. Digests never leave the server."""

from __future__ import annotations

from ninja import Query, Router, Status
from ninja.params import Path

from rejection.accounts.models import ApiToken
from rejection.accounts.services import create_token, revoke_token
from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.pagination import Key, moment_key, paginate
from rejection.api.schemas.accounts import NewTokenIn, NewTokenOut, TokenInfoOut, TokenPage
from rejection.api.schemas.common import MAX_ID, PageParams

router = Router(tags=["tokens"])
ORDER = (moment_key("created_at", descending=True), Key("id", descending=True))
FIELDS = ("id", "name", "prefix", "created_at", "last_used_at")


@router.get("/tokens", response={200: TokenPage, **errors(401, 422, 429)}, summary="Your tokens")
def list_tokens(request: ApiRequest, page: Query[PageParams]) -> dict:
    rows = ApiToken.objects.filter(user=request.auth).only(*FIELDS)
    items, next_cursor = paginate(rows, ORDER, page.limit, page.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/tokens",
    response={201: NewTokenOut, **errors(400, 401, 413, 422, 429)},
    summary="Issue another token (shown once)",
)
def new_token(request: ApiRequest, body: NewTokenIn) -> Status:
    token, raw = create_token(request.auth, body.name)
    return Status(201, {**{name: getattr(token, name) for name in FIELDS}, "token": raw})


@router.delete(
    "/tokens/{token_id}",
    response={204: None, **errors(401, 404, 422, 429)},
    summary="Revoke one of your tokens",
)
def delete_token(request: ApiRequest, token_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    if not revoke_token(request.auth, token_id):
        raise ApiError(404)
    return Status(204, None)


__all__ = ["TokenInfoOut", "router"]
