"""Account use cases shared by the pages, the API and the CLI."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rejection.accounts.contracts import ProfileChanges, SignUp
from rejection.accounts.loading import token_with_user
from rejection.accounts.models import ApiToken, Profile
from rejection.accounts.screening import check_public_text
from rejection.core.errors import Conflict, Refused

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_PREFIX = "rt_"


class NeedsAdult(Refused):
    """A public profile is for people who confirmed they are 18 or over (422)."""

    status = 422

    def __init__(self) -> None:
        super().__init__(
            "adult_needed",
            "A public profile is for people 18 or over: confirm that first.",
            field="public_profile",
        )


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def profile_for(user: User) -> Profile:
    """Return the user's profile, creating it on first use."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def update_profile(user: User, changes: ProfileChanges) -> tuple[Profile, bool]:
    """Save the changes sent; return the profile and whether the streak mode changed.

    A new streak mode means every streak must be recounted, which is the journal's work:
    `practice.profile.change_profile` does both in one transaction.
    """
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(pk=profile_for(user).pk)
        values = changes.given()
        if "display_name" in values:
            values["display_name"] = values["display_name"] or ""
        if "bio" in values:
            values["bio"] = values["bio"] or ""
        # Confirming 18 or over is kept once; sending false later does not undo it.
        if values.pop("adult_confirmed", None) and profile.adult_confirmed_at is None:
            values["adult_confirmed_at"] = timezone.now()
        adult = values.get("adult_confirmed_at", profile.adult_confirmed_at) is not None
        if values.get("public_profile") and not adult:
            raise NeedsAdult()
        mode_changed = "streak_mode" in values and values["streak_mode"] != profile.streak_mode
        for name, value in values.items():
            setattr(profile, name, value)
        profile.save()
        user.profile = profile
    return profile, mode_changed


def create_user(sign_up: SignUp) -> Any:
    """Create an account with its profile (the API and the demo; pages go through allauth)."""
    User = get_user_model()
    check_public_text("username", sign_up.username)
    if User.objects.filter(username__iexact=sign_up.username).exists():
        raise Conflict("username_taken", "That username is taken.", field="username")
    try:
        validate_password(sign_up.password, User(username=sign_up.username, email=sign_up.email))
    except ValidationError as error:
        raise ValidationError({"password": list(error.messages)}) from error
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=sign_up.username, email=sign_up.email, password=sign_up.password
            )
            profile = profile_for(user)
            profile.timezone = sign_up.timezone
            profile.age_confirmed_at = timezone.now()
            profile.save(update_fields=["timezone", "age_confirmed_at"])
    except IntegrityError as error:  # the same name, signed up a moment earlier
        raise Conflict("username_taken", "That username is taken.", field="username") from error
    return user


def create_token(user: User, name: str = "API token") -> tuple[ApiToken, str]:
    """Issue a new bearer token; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=(name or "API token").strip()[:80], prefix=raw[:10], digest=_digest(raw)
    )
    return token, raw


def revoke_token(user: User, token_id: int) -> bool:
    """Delete one of the user's tokens; return whether there was one."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def user_for_token(raw: str) -> Any | None:
    """Return the active user a raw bearer token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    found = token_with_user(_digest(raw))  # the token, user and profile in one statement
    if found is None or not found[1].is_active:
        return None
    token = found[0]
    now = timezone.now()
    # Touch last_used at most once a minute so reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
