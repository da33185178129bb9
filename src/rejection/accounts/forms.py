"""The sign-up form extension: time zone (detected by the browser) and display name."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.core.exceptions import ValidationError

from rejection.accounts.services import profile_for
from rejection.core.time import is_valid_timezone


class SignupForm(forms.Form):
    display_name = forms.CharField(
        max_length=80, required=False, help_text="Optional. What friends will see."
    )
    timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        initial="UTC",
        help_text=("Your day starts at midnight here. We fill it in from your device when we can."),
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


class LoginForm(AllauthLoginForm):
    """allauth's login form, with a label that says what to type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
