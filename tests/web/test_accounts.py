"""Sign-up, log-in, log-out and password reset through allauth, with our profile fields."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def test_sign_up_stores_time_zone_and_display_name(client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "username": "newbie",
            "email": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "New Bie",
            "timezone": "America/Sao_Paulo",
            "age_confirmed": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/intake/"
    user = get_user_model().objects.get(username="newbie")
    assert user.profile.timezone == "America/Sao_Paulo"
    assert user.profile.display_name == "New Bie"
    assert user.password.startswith("md5$")  # the tests' fast hasher; production uses argon2


def test_sign_up_refuses_an_unknown_time_zone_and_saves_nothing(client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "username": "newbie",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "timezone": "Mars/Olympus",
            "age_confirmed": "on",
        },
    )
    assert response.status_code == 200
    assert "timezone" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_log_in_and_out(client, owner, small_deck) -> None:
    response = client.post(
        reverse("account_login"), {"login": "owner", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("today")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("today")).status_code == 302


def test_password_reset_mails_a_working_link(client, owner) -> None:
    response = client.post(reverse("account_reset_password"), {"email": "owner@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    path = link.group(0).split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        action, {"password1": "another fine passphrase", "password2": "another fine passphrase"}
    )
    assert done.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("another fine passphrase")


def test_argon2_is_the_production_hasher() -> None:
    from rejection import settings as real

    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
