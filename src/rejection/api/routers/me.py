"""The caller's profile."""

from __future__ import annotations

from ninja import Router, Status

from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.accounts import MeOut, ProfileChanges
from rejection.api.schemas.data import AccountDeletion
from rejection.community.profiles import change_profile
from rejection.data.services import delete_account
from rejection.reminders.services import follow_zone

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, **errors(401, 429)}, summary="Your profile")
def get_me(request: ApiRequest) -> dict:
    return render.me(request.auth)


@router.patch(
    "/me",
    response={200: MeOut, **errors(400, 401, 413, 422, 429)},
    summary="Change display name, time zone, streak mode, about me or public profile",
    description="Only the fields sent change. `display_name` and `bio` are read by others: "
    "unkind or unsafe words are refused with 422 naming the field. `public_profile: true` "
    "needs `adult_confirmed: true` (now or earlier); otherwise 422 names `public_profile`.",
)
def patch_me(request: ApiRequest, body: ProfileChanges) -> dict:
    change_profile(request.auth, body)
    follow_zone(request.auth)
    return render.me(request.auth)


@router.delete(
    "/me",
    response={204: None, **errors(400, 401, 403, 413, 422, 429)},
    summary="Delete your account and everything in it",
    description="Confirm with your password (a wrong one is a 403 naming `password`). Every "
    "ask, tally, program, challenge, token and session of yours is deleted for good; "
    "download `GET /export` first to keep a copy.",
)
def delete_me(request: ApiRequest, body: AccountDeletion) -> Status:
    delete_account(request.auth, body)
    return Status(204, None)
