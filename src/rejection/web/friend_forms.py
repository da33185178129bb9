"""Forms for the friends pages and the profile's public part (limits from the contracts)."""

from __future__ import annotations

from typing import Any

from django import forms

from rejection.accounts.contracts import USERNAME_LIMIT, ProfileChanges
from rejection.community.queries import OTHERS_SHOWN, blocked_by, muted_by
from rejection.core.contracts import rule_of


class UsernameForm(forms.Form):
    username = forms.CharField(
        label="Their username",
        max_length=USERNAME_LIMIT,
        help_text="Ask them for it: it is the name they log in with.",
        error_messages={"required": "Type their username."},
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )


class PublicProfileForm(forms.Form):
    """About me, and the public profile behind its 18-or-over confirmation."""

    bio = forms.CharField(
        label="About me",
        required=False,
        max_length=rule_of(ProfileChanges, "bio").max_length,
        help_text="A line or two your friends see on your page.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    adult_confirmed = forms.BooleanField(label="I am 18 or over", required=False)
    public_profile = forms.BooleanField(label="Make my profile public", required=False)

    def changes(self, already_adult: bool) -> dict[str, object]:
        data = self.cleaned_data
        values: dict[str, object] = {
            "bio": data.get("bio", ""),
            "public_profile": bool(data.get("public_profile")),
        }
        if data.get("adult_confirmed") and not already_adult:
            values["adult_confirmed"] = True
        return values


def people_settings(user: Any, public_form: PublicProfileForm | None = None) -> dict[str, Any]:
    """The settings page's part about others: the public profile form, blocked and muted."""
    profile = user.profile
    initial = {"bio": profile.bio, "public_profile": profile.public_profile}
    return {
        "public_form": public_form or PublicProfileForm(initial=initial),
        "adult": profile.adult_confirmed_at is not None,
        "blocked": list(blocked_by(user)[:OTHERS_SHOWN]),
        "muted": list(muted_by(user)[:OTHERS_SHOWN]),
    }
