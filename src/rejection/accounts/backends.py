"""Authentication backends that load the profile with the user, in one query.

Every signed-in page needs the profile (time zone, streak); loading it with the user
saves a query on each request, and loading both in one fixed statement (accounts.loading)
saves building that query on each request. The login rules are Django's and allauth's,
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend

from rejection.accounts.loading import user_with_profile

# Figures other apps add to that one query, by attribute name, each an expression;
# registered from their AppConfig.ready() (community: the bell's unread count), so this
# app never imports theirs. Each is compiled into the statement once per process, so it must
# not depend on the moment (no now() inside): accounts.loading.
USER_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = user_with_profile(user_id, USER_ANNOTATIONS)
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfileAllauthBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        user = user_with_profile(user_id, USER_ANNOTATIONS)
        return user if user is not None and self.user_can_authenticate(user) else None
