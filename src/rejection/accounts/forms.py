"""The sign-up form extension: time zone (detected by the browser) and display name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from rejection.accounts.services import profile_for
from rejection.core.time import is_valid_timezone


class SignupForm(forms.Form):
    display_name = forms.CharField(
        max_length=80, required=False, help_text="Optional. What friends will see."
    )
    timezone = forms.CharField(
        max_length=64,
        initial="UTC",
        help_text="Filled in from your device. Your day starts at midnight here.",
    )

    def clean_timezone(self) -> str:
        name = self.cleaned_data["timezone"].strip()
        if not is_valid_timezone(name):
            raise ValidationError(f"{name!r} is not a known time zone, e.g. Europe/Paris.")
        return name

    def signup(self, request: Any, user: Any) -> None:
        profile = profile_for(user)
        profile.timezone = self.cleaned_data["timezone"]
        profile.display_name = self.cleaned_data.get("display_name", "")
        profile.save(update_fields=["timezone", "display_name"])
