"""Authentication backends that load the profile with the user, in one query.

Every signed-in page needs the profile (time zone, streak); loading it with the user
saves a query on each request. The login rules are Django's and allauth's, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# Figures other apps add to that one query, by attribute name, each an expression made on
# use; registered from their AppConfig.ready() (community: the bell's unread count), so this
# app never imports theirs.
USER_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


def _user_with_profile(user_id: Any) -> Any:
    users = get_user_model()._default_manager.select_related("profile")
    if USER_ANNOTATIONS:
        users = users.annotate(**{name: make() for name, make in USER_ANNOTATIONS.items()})
    user = users.filter(pk=user_id).first()
    return user


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfileAllauthBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
