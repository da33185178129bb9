"""The caller's journal of asks."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Header, Query, Router, Status
from ninja.params import Path

from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.kept import kept_response, rendered
from rejection.api.pagination import Key, moment_key, paginate
from rejection.api.schemas.attempts import (
    AskChanges,
    AttemptFilters,
    AttemptOut,
    AttemptPage,
    NewAsk,
)
from rejection.api.schemas.common import MAX_ID, PageParams
from rejection.community.sharing import edit_ask, log_ask, sharing_of
from rejection.journal.models import Attempt
from rejection.journal.queries import find_attempts
from rejection.journal.services import attempt_as_dict
from rejection.practice.asks import delete_ask
from rejection.practice.reads import cached_read

router = Router(tags=["attempts"])
ORDER = (moment_key("occurred_at", descending=True), Key("id", descending=True))
AttemptId = Path(..., ge=1, le=MAX_ID)


def _own(request: ApiRequest, attempt_id: int) -> Attempt:
    """Return the caller's attempt; anyone else's is as absent as a missing one (404)."""
    attempt = (
        Attempt.objects.select_related("challenge__category")
        .filter(user=request.auth, pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise ApiError(404)
    return attempt


def _out(attempt: Attempt) -> dict:
    return {**attempt_as_dict(attempt), **sharing_of(attempt)}


@router.post(
    "/attempts",
    response={201: AttemptOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Log an ask, or start one (outcome in_progress)",
    openapi_extra={
        "responses": {
            201: {
                "headers": {
                    "Idempotent-Replayed": {
                        "description": "true when this answers a repeat of an earlier key.",
                        "schema": {"type": "string", "enum": ["true"]},
                    }
                }
            }
        }
    },
    description="Log an ask in one step with its outcome, or start it before asking with "
    '`"outcome": "in_progress"` and the nerves now and chance of a no (recorded as made '
    "before the answer: `predicted_before` is true); finish it later with PATCH "
    "`/attempts/{id}` and its outcome. An ask in progress earns no points and counts for "
    "no streak or tally until it is finished. Send an Idempotency-Key to retry safely: "
    "a repeat returns the first result, "
    "with the header Idempotent-Replayed: true, and saves nothing new. 404 names "
    "`challenge_id` when you cannot see that challenge; 409 names `occurred_at` for a time "
    "still to come, or answers a key reused for a different ask. 422 names `visibility` "
    "for a public ask without a public profile, and `ask` when a shared ask's words are "
    "unkind or unsafe.",
)
def create_attempt(
    request: ApiRequest,
    response: HttpResponse,
    body: NewAsk,
    idempotency_key: str | None = Header(
        None, alias="Idempotency-Key", min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$"
    ),
) -> Status:
    logged = log_ask(request.auth, body, idempotency_key)
    if not logged.created:
        response["Idempotent-Replayed"] = "true"
    return Status(201, {**logged.body, **sharing_of(logged.attempt)})


@router.get("/attempts", response={200: AttemptPage, **errors(401, 422, 429)})
def list_attempts(
    request: ApiRequest, filters: Query[AttemptFilters], page: Query[PageParams]
) -> dict | HttpResponse:
    if page.cursor is None and not filters.model_dump(exclude_none=True):
        # The first page, unfiltered, is served as stored bytes until anything on it
        # changes: every ask, edit (sharing and star included) and delete moves the data
        # version, an edited card's title the deck's stamp (practice.reads.cached_read).
        body = cached_read(
            request.auth,
            "attempts-api",
            lambda: _first_page_json(request, filters, page),
            page.limit,
        )
        return kept_response(body)
    return _page(request, filters, page)


def _first_page_json(request: ApiRequest, filters: AttemptFilters, page: PageParams) -> bytes:
    return rendered(request, AttemptPage, _page(request, filters, page))


def _page(request: ApiRequest, filters: AttemptFilters, page: PageParams) -> dict:
    rows = find_attempts(
        request.auth,
        outcome=filters.outcome,
        category=filters.category,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    items, next_cursor = paginate(rows, ORDER, page.limit, page.cursor)
    return {"items": [_out(item) for item in items], "next_cursor": next_cursor}


@router.get("/attempts/{attempt_id}", response={200: AttemptOut, **errors(401, 404, 422, 429)})
def get_attempt(request: ApiRequest, attempt_id: int = AttemptId) -> dict:
    return _out(_own(request, attempt_id))


@router.patch(
    "/attempts/{attempt_id}",
    response={200: AttemptOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Edit an ask; finish one in progress, or record a pending ask's answer",
    description="Only the fields sent change. Finishing an ask in progress: send its "
    "`outcome` (and `anxiety_after`); a `predicted_rejection` changed with or after the "
    "outcome is no longer `predicted_before`. 409 names `outcome` when a finished ask is sent "
    "back to `in_progress`, `ask` when the change would leave neither a challenge nor words, "
    "and `occurred_at` for a time still to come. 422 names `visibility` for a public ask "
    "without a public profile, and `ask` when a shared ask's words are unkind or unsafe.",
)
def patch_attempt(request: ApiRequest, body: AskChanges, attempt_id: int = AttemptId) -> dict:
    edited = edit_ask(request.auth, _own(request, attempt_id), body)
    return _out(edited.attempt)


@router.delete("/attempts/{attempt_id}", response={204: None, **errors(401, 404, 422, 429)})
def remove_attempt(request: ApiRequest, attempt_id: int = AttemptId) -> Status:
    delete_ask(request.auth, _own(request, attempt_id))
    return Status(204, None)
