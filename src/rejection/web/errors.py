"""Put a service's ValidationError onto a Django form, one message per named field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# Service (and API) field names that the pages call something else.
FIELD_NAMES = {"challenge_id": "challenge", "Idempotency-Key": "idempotency_key"}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach every message to its field; unknown fields still say which field they mean."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        field = FIELD_NAMES.get(name, name)
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, f"{name.replace('_', ' ').capitalize()}: {message}")
