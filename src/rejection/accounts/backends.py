"""Authentication backends that load the profile with the user, in one query.

Every signed-in page needs the profile (time zone, streak); loading it with the user
saves a query on each request, and loading both in one fixed statement (accounts.loading)
saves building that query on each request. The login rules are Django's and allauth's,
unchanged.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend

from rejection.accounts.loading import user_with_profile


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfileAllauthBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        user = user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
