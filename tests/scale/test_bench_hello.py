"""The load benchmark's yardsticks: /bench/hello/ answers without touching the database,
/bench/hello/me/ reads only the signed-in user, and /bench/hello/write/ adds one transaction
inserting one row.

The bare pages are served by benchmarks/urls.py only (the load benchmark's settings), never
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


@pytest.mark.django_db
def test_the_write_floor_writes_one_row_for_a_signed_in_person_only(
    client: Any, django_assert_num_queries: Any
) -> None:
    from django.contrib.admin.models import LogEntry

    from tests.conftest import make_user

    assert client.post("/bench/hello/write/").status_code == 403
    assert client.get("/bench/hello/write/").status_code == 405
    assert not LogEntry.objects.exists()
    user = make_user("writer")
    client.force_login(user)
    # The session, the user with the profile, and the insert (in the test's transaction,
    # so its own atomic block is a savepoint: two statements more).
    with django_assert_num_queries(5):
        response = client.post("/bench/hello/write/", "{}", content_type="application/json")
    assert response.content == b"saved"
    assert list(LogEntry.objects.values_list("user_id", flat=True)) == [user.pk]


@pytest.mark.urls("rejection.urls")
def test_the_product_does_not_serve_them() -> None:
    for name in ("bench_hello", "bench_hello_signed_in", "bench_hello_write"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
