"""Account use cases shared by the pages, the API and the CLI."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rejection.accounts.models import ApiToken, Profile, StreakMode
from rejection.core.time import is_valid_timezone

TOKEN_PREFIX = "rt_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def profile_for(user: Any) -> Profile:
    """Return the user's profile, creating it on first use."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def validate_timezone(name: str) -> str:
    """Return the zone name, or raise a ValidationError naming the field."""
    if not is_valid_timezone(name):
        raise ValidationError(
            {"timezone": [f"{name!r} is not a known time zone, e.g. Europe/Paris."]}
        )
    return name


def update_profile(user: Any, **changes: Any) -> Profile:
    """Change display name, time zone or streak mode; counters follow a new streak mode."""
    from rejection.journal.counters import refresh_counters

    allowed = {"display_name", "timezone", "streak_mode"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({name: ["This field cannot be changed here."] for name in unknown})
    errors: dict[str, list[str]] = {}
    if "timezone" in changes:
        try:
            validate_timezone(changes["timezone"])
        except ValidationError as error:
            errors.update(error.message_dict)
    if "streak_mode" in changes and changes["streak_mode"] not in StreakMode.values:
        errors["streak_mode"] = ["Choose classic or gentle."]
    if "display_name" in changes:
        changes["display_name"] = (changes["display_name"] or "").strip()
        if len(changes["display_name"]) > 80:
            errors["display_name"] = ["Keep it to 80 characters or fewer."]
        elif "\x00" in changes["display_name"]:
            errors["display_name"] = ["The name holds a NUL character, which cannot be saved."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(pk=profile_for(user).pk)
        mode_changed = "streak_mode" in changes and changes["streak_mode"] != profile.streak_mode
        for name, value in changes.items():
            setattr(profile, name, value)
        profile.save()
        user.profile = profile
        if mode_changed:
            refresh_counters(user)
    return profile


def create_user(username: str, password: str, email: str = "", tz: str = "UTC") -> Any:
    """Create an account with its profile (used by the API and the CLI)."""
    User = get_user_model()
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    if not username:
        errors["username"] = ["Choose a username."]
    else:
        try:
            User.username_validator(username)
            if len(username) > 150:
                raise ValidationError("Use 150 characters or fewer.")
        except ValidationError as error:
            errors["username"] = list(error.messages)
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors["username"] = ["That username is taken."]
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = ["Enter a valid e-mail address, or leave it empty."]
    try:
        validate_timezone(tz)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not errors:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=email or "", password=password)
            profile = profile_for(user)
            profile.timezone = tz
            profile.save(update_fields=["timezone"])
    except IntegrityError as error:  # the same name, signed up a moment earlier
        raise ValidationError({"username": ["That username is taken."]}) from error
    return user


def create_token(user: Any, name: str = "API token") -> tuple[ApiToken, str]:
    """Issue a new bearer token; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=(name or "API token").strip()[:80], prefix=raw[:10], digest=_digest(raw)
    )
    return token, raw


def revoke_token(user: Any, token_id: int) -> bool:
    """Delete one of the user's tokens; return whether there was one."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def user_for_token(raw: str) -> Any | None:
    """Return the active user a raw bearer token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__profile").filter(digest=_digest(raw)).first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Touch last_used at most once a minute so reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
