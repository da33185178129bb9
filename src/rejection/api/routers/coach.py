"""The intake and the caller's own ladder."""

from __future__ import annotations

from typing import Any

from ninja import Router

from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.coach import IntakeAnswers, IntakeOut, LadderOrder, LadderOut
from rejection.coach.areas import AREAS
from rejection.coach.models import Intake
from rejection.coach.queries import Step, intake_for, ladder_for
from rejection.coach.services import save_intake, set_ladder

router = Router(tags=["coach"])
AREA_LIST = [{"key": key, "label": label} for key, label in AREAS.items()]


def _intake(intake: Intake | None) -> dict[str, Any]:
    if intake is None:
        return {"ratings": {}, "focus": [], "goals": "", "skipped": False, "areas": AREA_LIST}
    return {
        "ratings": intake.ratings,
        "focus": intake.focus,
        "goals": intake.goals,
        "skipped": intake.skipped,
        "areas": AREA_LIST,
    }


def _ladder(steps: list[Step]) -> dict[str, Any]:
    return {
        "steps": [
            {
                "position": step.position,
                "challenge": {
                    "id": step.challenge.pk,
                    "title": step.challenge.title,
                    "category": step.challenge.category.slug,
                    "difficulty": step.challenge.difficulty,
                    "is_custom": step.challenge.is_custom,
                },
                "area": step.area,
                "expected_anxiety": step.expected_anxiety,
                "done": step.done,
            }
            for step in steps
        ]
    }


@router.get(
    "/intake",
    response={200: IntakeOut, **errors(401, 429)},
    summary="How uncomfortable each kind of ask feels, and what you want",
    description="Before the intake is taken, ratings and focus are empty and skipped is false.",
)
def get_intake(request: ApiRequest) -> dict:
    return _intake(intake_for(request.auth))


@router.put(
    "/intake",
    response={200: IntakeOut, **errors(400, 401, 413, 422, 429)},
    summary="Take (or re-take, or skip) the intake",
    description="The whole intake each time. A re-taken intake resets the coach's comfort "
    "levels to these ratings; `skipped: true` keeps earlier answers. A first ladder is built "
    "if you have none. Problems are named by field, e.g. `ratings.strangers`.",
)
def put_intake(request: ApiRequest, body: IntakeAnswers) -> dict:
    return _intake(save_intake(request.auth, body))


@router.get(
    "/ladder",
    response={200: LadderOut, **errors(401, 429)},
    summary="Your ladder, easiest first",
)
def get_ladder(request: ApiRequest) -> dict:
    return _ladder(ladder_for(request.auth))


@router.put(
    "/ladder",
    response={200: LadderOut, **errors(400, 401, 404, 413, 422, 429)},
    summary="Set your ladder's steps and order",
    description="1-15 distinct ids of challenges you can use (the deck or your own), easiest "
    "first. An id you cannot use is a 404 naming `steps`.",
)
def put_ladder(request: ApiRequest, body: LadderOrder) -> dict:
    return _ladder(set_ladder(request.auth, body))
