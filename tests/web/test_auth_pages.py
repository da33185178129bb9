"""The sign-in pages (allauth) speak in the app's voice and state one password rule."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

RULE = "At least 8 characters, and not an easy one to guess"


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("account_login", "Welcome back"),
        ("account_signup", "Make your account"),
        ("account_reset_password", "Forgot your password?"),
        ("account_reset_password_done", "Check your email"),
    ],
)
def test_signed_out_pages_have_our_words(name, heading):
    html = Client().get(reverse(name)).content.decode()
    assert f"<h1>{heading}</h1>" in html and html.count("<h1") == 1
    assert "Sign In" not in html and "Sign Up" not in html


def test_one_password_rule_instead_of_the_validator_list(owner_client):
    signup = Client().get(reverse("account_signup")).content.decode()
    change = owner_client.get(reverse("account_change_password")).content.decode()
    for html in (signup, change):
        assert html.count(RULE) == 1
        assert "too similar" not in html and "<ul><li>Your password" not in html


def test_an_expired_reset_link_says_what_to_do(client):
    html = client.get("/accounts/password/reset/key/1-set-password/").content.decode()
    assert "This link has expired" in html and reverse("account_reset_password") in html


def test_logout_asks_kindly(owner_client):
    html = owner_client.get(reverse("account_logout")).content.decode()
    assert "<h1>Log out?</h1>" in html and "Your journal stays safe" in html


def test_password_change_labels_are_plain(owner_client):
    html = owner_client.get(reverse("account_change_password")).content.decode()
    for label in ("Your current password", "New password", "New password again"):
        assert f">{label}</label>" in html
    assert "New Password" not in html
