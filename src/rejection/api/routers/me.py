"""The caller's profile."""

from __future__ import annotations

from ninja import Router, Status

from rejection.accounts.services import update_profile
from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.accounts import MeOut, MePatch
from rejection.api.schemas.data import AccountDeleteIn
from rejection.data.services import delete_account

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, **errors(401, 429)}, summary="Your profile")
def get_me(request: ApiRequest) -> dict:
    return render.me(request.auth)


@router.patch(
    "/me",
    response={200: MeOut, **errors(400, 401, 413, 422, 429)},
    summary="Change display name, time zone or streak mode",
)
def patch_me(request: ApiRequest, body: MePatch) -> dict:
    update_profile(request.auth, **body.model_dump(exclude_unset=True))
    return render.me(request.auth)


@router.delete(
    "/me",
    response={204: None, **errors(400, 401, 413, 422, 429)},
    summary="Delete your account and everything in it",
    description="Confirm with your password. Every ask, tally, program, challenge, token and "
    "session of yours is deleted for good; download `GET /export` first to keep a copy.",
)
def delete_me(request: ApiRequest, body: AccountDeleteIn) -> Status:
    delete_account(request.auth, body.password)
    return Status(204, None)
