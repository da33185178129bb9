"""allauth's password forms with labels in the app's words.

A module of their own: allauth.account.forms imports accounts.forms (the sign-up base class)
while it loads, so the forms defined after that point in allauth cannot be imported there.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from django import forms


def _plain_labels(form: forms.Form) -> None:
    """Say the password fields in sentence case, the way the rest of the app speaks."""
    labels = {
        "oldpassword": "Your current password",
        "password1": "New password",
        "password2": "New password again",
    }
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_labels(self)


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_labels(self)
