"""Programs and starting one."""

from __future__ import annotations

from ninja import Router, Status
from ninja.params import Path

from rejection.accounts.days import user_today
from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import errors
from rejection.api.schemas.programs import EnrollmentOut, ProgramOut, ProgramStart
from rejection.progress.models import Program
from rejection.progress.services import start_program

router = Router(tags=["programs"])


@router.get("/programs", response={200: list[ProgramOut], **errors(401, 429)})
def list_programs(request: ApiRequest) -> list[Program]:
    return list(Program.objects.all())


@router.post(
    "/programs/{slug}/start",
    response={201: EnrollmentOut, **errors(400, 401, 404, 409, 413, 422, 429)},
    summary="Start (or restart) a program with today as Day 1",
    description="The custom program needs `length_days` (409 naming it otherwise).",
)
def start(
    request: ApiRequest,
    slug: str = Path(..., max_length=40, pattern=r"^[-A-Za-z0-9_]+$"),
    body: ProgramStart | None = None,
) -> Status:
    today = user_today(request.auth)
    enrollment = start_program(request.auth, slug, today, body or ProgramStart())
    return Status(201, render.enrollment(enrollment, today))
