"""Programs and starting one."""

from __future__ import annotations

from ninja import Router, Status
from ninja.params import Path

from rejection.api import render
from rejection.api.auth import ApiRequest
from rejection.api.errors import ApiError, errors
from rejection.api.schemas.programs import EnrollmentOut, ProgramOut, StartIn
from rejection.progress.models import Program
from rejection.progress.services import start_program

router = Router(tags=["programs"])


@router.get("/programs", response={200: list[ProgramOut], **errors(401, 429)})
def list_programs(request: ApiRequest) -> list[Program]:
    return list(Program.objects.all())


@router.post(
    "/programs/{slug}/start",
    response={201: EnrollmentOut, **errors(400, 401, 404, 413, 422, 429)},
    summary="Start (or restart) a program with today as Day 1",
)
def start(
    request: ApiRequest,
    slug: str = Path(..., max_length=40, pattern=r"^[-\w]+$"),
    body: StartIn | None = None,
) -> Status:
    today = render.user_today(request.auth)
    length = body.length_days if body is not None else None
    try:
        enrollment = start_program(request.auth, slug, today, length_days=length)
    except Program.DoesNotExist as error:
        raise ApiError(404, message=f"There is no program {slug!r}.") from error
    return Status(201, render.enrollment(enrollment, today))
