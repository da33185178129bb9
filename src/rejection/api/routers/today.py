"""Today's challenge, rerolls and rest days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from ninja import Router

from rejection.accounts.days import user_today
from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.kept import kept_response
from rejection.api.schemas.today import TodayOut
from rejection.practice.reads import cached_read
from rejection.practice.today import (
    Today,
    today_after_reroll,
    today_after_rest,
    today_for,
)

router = Router(tags=["today"])


def _today_body(request: ApiRequest, build: Callable[[Any, dt.date], Today]) -> dict:
    try:
        return render.today(build(request.auth, user_today(request.auth)))
    except LookupError as error:  # the picker found an empty deck
        raise ApiError(409, "deck_empty", "There are no challenges to pick from yet.") from error


@router.get("/today", response={200: TodayOut, **errors(401, 409, 429)})
def get_today(request: ApiRequest) -> HttpResponse:
    def build() -> bytes:
        # With the request, as ninja validates: the caller's own card shows its moderation.
        figures = TodayOut.model_validate(
            _today_body(request, today_for), context={"request": request}
        )
        return figures.model_dump_json(by_alias=True).encode()

    # Served as stored bytes until anything Today shows changes (practice.reads.cached_read).
    body = cached_read(request.auth, "today-api", build)
    return kept_response(body)


@router.post(
    "/today/reroll",
    response={200: TodayOut, **errors(401, 409, 413, 429)},
    summary="Swap today's challenge for another (three times a day)",
)
def reroll(request: ApiRequest) -> dict:
    return _today_body(request, today_after_reroll)


@router.post(
    "/today/rest",
    response={200: TodayOut, **errors(401, 409, 413, 429)},
    summary="Mark today a rest day (freezes_left counts those left)",
)
def rest(request: ApiRequest) -> dict:
    return _today_body(request, today_after_rest)
