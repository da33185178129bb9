"""Reading a form into a contract, and putting what was refused back on the form's fields."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from pydantic import BaseModel, ValidationError

from rejection.core.contracts import problems
from rejection.core.errors import Refused

M = TypeVar("M", bound=BaseModel)
# Contract field names that the pages call something else.
FIELD_NAMES = {"challenge_id": "challenge", "Idempotency-Key": "idempotency_key"}


def add_problems(form: forms.Form, named: dict[str, list[str]]) -> None:
    """Attach every message to its field; others still say which field they mean."""
    for name, messages in named.items():
        field = FIELD_NAMES.get(name, name)
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            elif name == "__all__":
                form.add_error(None, message)
            else:
                form.add_error(None, f"{name.replace('_', ' ').capitalize()}: {message}")


def read_into(form: forms.Form, model: type[M], values: dict[str, Any]) -> M | None:
    """Return the contract built from a form's values, or None with the problems on the form."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        add_problems(form, problems(error))
        return None


def add_refusal(form: forms.Form, refused: Refused) -> None:
    """Show why a service refused a valid form: under its field, or at the top."""
    add_problems(form, refused.fields or {"__all__": [refused.message]})
