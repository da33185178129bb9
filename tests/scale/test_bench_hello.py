"""The load benchmark's yardstick: /bench/hello/ answers without touching the database.

The two bare pages are served by benchmarks/urls.py only (the load benchmark's settings), never
by the product's URLs.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.urls("benchmarks.urls")


@pytest.mark.django_db
def test_hello_is_plain_text_and_reads_nothing(client: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"hello"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_signed_in_hello_reads_only_the_session_and_the_user(
    client: Any, django_assert_num_queries: Any
) -> None:
    from tests.conftest import make_user

    client.force_login(make_user("reader"))
    with django_assert_num_queries(2):  # the session, then the user with the profile
        response = client.get("/bench/hello/me/")
    assert response.content == b"hello, you"
    client.logout()
    assert client.get("/bench/hello/me/").content == b"hello"


@pytest.mark.urls("rejection.urls")
def test_the_product_does_not_serve_them() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("bench_hello")
