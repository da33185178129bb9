"""The use cases as a test calls them: plain values in, read through the same contracts.

Each helper plays the part of a face (the form or the API): it turns a dict into the
app's contract, which checks every field, then calls the one use case by its name. A time
without an offset is read in the person's own zone, as the log form reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError as FormError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pydantic import ValidationError

from rejection.accounts.contracts import ProfileChanges
from rejection.accounts.services import profile_for
from rejection.challenges.contracts import NewChallenge
from rejection.challenges.services import create_custom_challenge
from rejection.coach.contracts import IntakeAnswers, LadderOrder
from rejection.coach.services import save_intake, set_ladder
from rejection.core.contracts import problems
from rejection.core.errors import Refused
from rejection.core.time import zone
from rejection.data import services as data
from rejection.data.contracts import AccountDeletion, ExportDocument
from rejection.journal.contracts import AskChanges, NewAsk
from rejection.practice import asks
from rejection.practice.profile import change_profile
from rejection.progress.contracts import ProgramStart
from rejection.progress.services import start_program


def _in_their_zone(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    moment = values.get("occurred_at")
    if isinstance(moment, str):
        moment = parse_datetime(moment) or moment
    if isinstance(moment, dt.datetime) and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, zone(profile_for(user).timezone))
    return values if moment is None else {**values, "occurred_at": moment}


def log_ask(user: Any, values: dict[str, Any], idempotency_key: str | None = None) -> asks.Logged:
    ask = NewAsk.model_validate(_in_their_zone(user, values))
    return asks.log_ask(user, ask, idempotency_key)


def edit_ask(user: Any, attempt: Any, changes: dict[str, Any]) -> asks.Edited:
    return asks.edit_ask(user, attempt, AskChanges.model_validate(_in_their_zone(user, changes)))


def delete_ask(user: Any, attempt: Any) -> list[dict[str, str]]:
    return asks.delete_ask(user, attempt)


def update_profile(user: Any, **changes: Any) -> Any:
    return change_profile(user, ProfileChanges.model_validate(changes))


def write_challenge(user: Any, values: dict[str, Any]) -> Any:
    return create_custom_challenge(user, NewChallenge.model_validate(values))


def start(user: Any, slug: str, today: dt.date, length_days: int | None = None) -> Any:
    return start_program(user, slug, today, ProgramStart(length_days=length_days))


def take_intake(
    user: Any, ratings: Any, focus: Any = (), goals: Any = "", skipped: Any = False
) -> Any:
    answers = {"ratings": ratings, "focus": list(focus), "goals": goals, "skipped": skipped}
    return save_intake(user, IntakeAnswers.model_validate(answers))


def order_ladder(user: Any, steps: Any) -> Any:
    return set_ladder(user, LadderOrder.model_validate({"steps": steps}))


def refused_fields(call: Any, *args: Any, **kwargs: Any) -> set[str]:
    """Call a use case that must refuse; return the fields it named (contract or service)."""
    with pytest.raises((ValidationError, Refused, FormError)) as caught:
        call(*args, **kwargs)
    error = caught.value
    if isinstance(error, ValidationError):
        return set(problems(error))
    if isinstance(error, Refused):
        return set(error.fields)
    return set(error.message_dict)


def import_document(user: Any, document: Any) -> Any:
    return data.import_user(user, ExportDocument.model_validate(document))


def document_problems(user: Any, document: Any) -> set[str]:
    """Import a document that must be refused; return the paths named, as "attempts[3].uuid"."""
    with pytest.raises((ValidationError, Refused)) as caught:
        import_document(user, document)
    error = caught.value
    return set(
        problems(error, indices=True) if isinstance(error, ValidationError) else error.fields
    )


def delete_account(user: Any, password: Any) -> None:
    data.delete_account(user, AccountDeletion.model_validate({"password": password}))
