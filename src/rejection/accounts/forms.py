"""The sign-up form extension: time zone (detected by the browser), display name, and the
confirmation that the person is 16 or over (nobody younger signs up)."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils import timezone
from pydantic import ValidationError as ContractError

from rejection.accounts.contracts import DISPLAY_NAME_LIMIT, ProfileChanges
from rejection.accounts.screening import check_public_text
from rejection.accounts.services import profile_for, update_profile
from rejection.accounts.widgets import ZoneSelect
from rejection.core.contracts import problems
from rejection.core.errors import Refused


class SignupForm(forms.Form):
    display_name = forms.CharField(
        max_length=DISPLAY_NAME_LIMIT, required=False, help_text="What friends will see."
    )
    timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        initial="UTC",
        help_text="Your day starts at midnight here. We picked your device's zone when we could.",
        widget=ZoneSelect(),
    )
    age_confirmed = forms.BooleanField(
        label="I am 16 or over",
        required=True,
        error_messages={"required": "You need to be 16 or over to sign up."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # allauth's own form holds the username; this one is mixed into it.
        for name in ("username", "display_name"):
            try:
                check_public_text(name, str(data.get(name) or ""))
            except Refused as refused:
                self.add_error(name if name in self.fields else None, refused.message)
        try:
            self.profile_changes = ProfileChanges(
                display_name=data.get("display_name", ""), timezone=data.get("timezone", "")
            )
        except ContractError as error:
            for name, messages in problems(error).items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return data

    def signup(self, request: Any, user: Any) -> None:
        profile = profile_for(user)
        profile.age_confirmed_at = timezone.now()
        profile.save(update_fields=["age_confirmed_at"])
        update_profile(user, self.profile_changes)


class LoginForm(AllauthLoginForm):
    """allauth's login form, with labels that say what to type and what ticking does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
        # The page offers "Forgot your password?" once, beside the button.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"
