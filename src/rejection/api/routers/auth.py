"""Getting a token: sign up, or trade a username and password for one."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Status

from rejection.accounts.services import create_token, create_user
from rejection.api.auth import AccountThrottle, ScopedThrottle
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.accounts import SignUp, TokenIn, TokenOut

router = Router(tags=["auth"])


# Sign-up is limited per address only: the account it names does not exist yet.
@router.post(
    "/signup",
    auth=None,
    throttle=[ScopedThrottle("signup")],
    response={201: TokenOut, **errors(400, 409, 413, 422, 429)},
    summary="Create an account and get its first token",
    description="409 names `username` when it is taken; 422 names `password` when it is "
    "too common or too like the username, as well as any field that breaks its rule.",
)
def signup(request: HttpRequest, body: SignUp) -> Status:
    user = create_user(body)
    _, raw = create_token(user, "Sign-up")
    return Status(201, {"token": raw})


@router.post(
    "/token",
    auth=None,
    # Per address, and per account so guesses spread over many addresses still add up.
    throttle=[ScopedThrottle("token"), AccountThrottle("token_account")],
    response={201: TokenOut, **errors(400, 401, 413, 422, 429)},
    summary="Trade a username and password for a new token",
)
def token(request: HttpRequest, body: TokenIn) -> Status:
    user = authenticate(request, username=body.username, password=body.password)
    if user is None:
        raise ApiError(401, "invalid_credentials", "That username and password do not match.")
    _, raw = create_token(user, body.name)
    return Status(201, {"token": raw})
