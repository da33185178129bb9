"""The deck, approved shared challenges, and the caller's own (which they may share)."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Query, Router, Schema, Status
from ninja.params import Path

from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.pagination import Key, paginate
from rejection.api.schemas.challenges import (
    ChallengeChanges,
    ChallengeOut,
    ChallengePage,
    NewChallenge,
)
from rejection.api.schemas.common import MAX_ID, PageParams
from rejection.challenges.contracts import CategorySlug, DifficultyParam
from rejection.challenges.models import Challenge
from rejection.challenges.queries import find_challenges
from rejection.challenges.services import create_custom_challenge, request_share
from rejection.core.contracts import Text
from rejection.practice.challenges import delete_challenge, edit_challenge

router = Router(tags=["challenges"])
ORDER = (Key("difficulty"), Key("id"))


class ChallengeFilters(Schema):
    category: CategorySlug | None = None
    difficulty_min: DifficultyParam | None = Field(
        None, description="A minimum above the maximum finds nothing."
    )
    difficulty_max: DifficultyParam | None = None
    q: Annotated[str, Text(200)] | None = Field(
        None, description="Words in the title, script or tags."
    )


def _visible(request: ApiRequest):
    return Challenge.objects.visible_to(request.auth).select_related("category")


@router.get("/challenges", response={200: ChallengePage, **errors(401, 422, 429)})
def list_challenges(
    request: ApiRequest, filters: Query[ChallengeFilters], page: Query[PageParams]
) -> dict:
    rows = find_challenges(
        request.auth,
        category=filters.category,
        difficulty_min=filters.difficulty_min,
        difficulty_max=filters.difficulty_max,
        text=filters.q,
    )
    items, next_cursor = paginate(rows, ORDER, page.limit, page.cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/challenges/{challenge_id}", response={200: ChallengeOut, **errors(401, 404, 422, 429)}
)
def get_challenge(request: ApiRequest, challenge_id: int = Path(..., ge=1, le=MAX_ID)) -> Challenge:
    challenge = _visible(request).filter(pk=challenge_id).first()
    if challenge is None:
        raise ApiError(404)
    return challenge


@router.post(
    "/challenges",
    response={201: ChallengeOut, **errors(400, 401, 404, 413, 422, 429)},
    summary="Write your own challenge (private to you)",
)
def create_challenge(request: ApiRequest, body: NewChallenge) -> Status:
    return Status(201, create_custom_challenge(request.auth, body))


@router.post(
    "/challenges/{challenge_id}/share",
    response={200: ChallengeOut, **errors(401, 404, 409, 413, 422, 429)},
    summary="Ask a moderator to share your challenge with everyone",
    description="Your own custom challenge goes to the moderation queue (share_status pending). "
    "409 names `safety` with the reasons when the safety screen flags it, or says it is "
    "already pending or approved; 404 when it is not yours.",
)
def share_challenge(
    request: ApiRequest, challenge_id: int = Path(..., ge=1, le=MAX_ID)
) -> Challenge:
    challenge = Challenge.objects.filter(pk=challenge_id, author=request.auth).first()
    if challenge is None:
        raise ApiError(404)
    shared = request_share(request.auth, challenge)
    return Challenge.objects.select_related("category").get(pk=shared.pk)


@router.patch(
    "/challenges/{challenge_id}",
    response={200: ChallengeOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Edit your own challenge",
    description="Only the fields sent change, and the safety screen reads it again "
    "(`safety_status`, `safety_reasons`). One waiting for review goes back to private. "
    "409 when it is shared with everyone (it then stays as it is); 404 when it is not yours.",
)
def patch_challenge(
    request: ApiRequest, body: ChallengeChanges, challenge_id: int = Path(..., ge=1, le=MAX_ID)
) -> Challenge:
    return edit_challenge(request.auth, challenge_id, body)


@router.delete(
    "/challenges/{challenge_id}",
    response={204: None, **errors(401, 404, 409, 422, 429)},
    summary="Delete your own challenge",
    description="Asks logged with it stay in your journal under its title. 409 when it is "
    "shared with everyone; 404 when it is not yours.",
)
def remove_challenge(request: ApiRequest, challenge_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    delete_challenge(request.auth, challenge_id)
    return Status(204, None)
