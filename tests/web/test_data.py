"""Your data pages: downloads, import by upload, and deleting the account."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rejection.data import services
from rejection.journal.models import Attempt
from tests.web.conftest import make_attempt

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
PAGES = ["data", "data_export_json", "data_export_csv", "delete_account"]


def upload(document, name="export.json"):
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


@pytest.fixture
def asks(owner, small_deck):
    make_attempt(owner, "rejected", days_ago=1, what_happened="=SUM(A1)", starred=True)
    make_attempt(owner, "accepted", days_ago=2, learned='Commas, "quotes"\nand lines')
    return owner


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reverse(name)).status_code == 302


def test_the_page_offers_downloads_import_and_deletion(owner_client):
    response = owner_client.get(reverse("data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for name in ("data_export_json", "data_export_csv", "delete_account"):
        assert reverse(name) in html
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert '<label for="id_file">' in html


def test_settings_links_to_your_data(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert reverse("data") in html and reverse("delete_account") in html


def test_json_download_holds_mine_only(owner_client, asks, friend):
    make_attempt(friend, "rejected", ask="Friend's secret")
    response = owner_client.get(reverse("data_export_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="rejection-export-')
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["format"] == services.FORMAT
    assert len(document["attempts"]) == 2
    assert "Friend's secret" not in response.content.decode()


def test_csv_download_is_safe_and_parses_back(owner_client, asks, friend):
    make_attempt(friend, "rejected", ask="Friend's secret")
    response = owner_client.get(reverse("data_export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))
    assert [row["outcome"] for row in rows] == ["accepted", "rejected"]
    assert rows[1]["what_happened"] == "'=SUM(A1)"
    assert rows[0]["learned"] == 'Commas, "quotes"\nand lines'
    assert "Friend's secret" not in response.content.decode()


def test_downloads_cost_the_same_with_more_asks(owner_client, owner, small_deck):
    def count():
        with CaptureQueriesContext(connection) as queries:
            owner_client.get(reverse("data_export_json"))
            owner_client.get(reverse("data_export_csv"))
            owner_client.get(reverse("data"))
        return len(queries)

    make_attempt(owner, "rejected")
    few = count()
    for day in range(1, 30):
        make_attempt(owner, "accepted", days_ago=day)
    assert count() == few


def test_import_by_upload_shows_a_summary_and_is_idempotent(client, asks, friend):
    document = services.export_user(asks)
    client.force_login(friend)
    response = client.post(reverse("data"), {"file": upload(document)})
    assert response.status_code == 200
    assert response.context["report"]["attempts_created"] == 2
    html = response.content.decode()
    assert "Import finished" in html and "Asks added" in html
    again = client.post(reverse("data"), {"file": upload(document)})
    assert again.context["report"] == {
        "attempts_created": 0,
        "attempts_skipped": 2,
        "custom_challenges_created": 0,
        "enrollments_created": 0,
        "rest_days_created": 0,
    }
    assert Attempt.objects.filter(user=friend).count() == 2
    assert Attempt.objects.filter(user=asks).count() == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"not json", "not an export"),
        (b'{"format": "x"}', "format: This is not a Rejection Therapy export"),
        (None, "attempts[0].outcome"),
    ],
)
def test_a_bad_file_is_explained_and_saves_nothing(owner_client, owner, asks, raw, expected):
    if raw is None:
        document = services.export_user(asks)
        document["attempts"][0]["outcome"] = "maybe"
        raw = json.dumps(document).encode()
    before = Attempt.objects.count()
    response = owner_client.post(reverse("data"), {"file": upload(raw)})
    assert response.status_code == 400
    assert any(expected in error for error in response.context["form"].errors["file"])
    assert 'role="alert"' in response.content.decode()
    assert Attempt.objects.count() == before


def test_no_file_is_a_form_error(owner_client):
    response = owner_client.post(reverse("data"), {})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_a_file_over_the_limit_is_413(owner_client, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_LIMIT", 10)
    response = owner_client.post(reverse("data"), {"file": upload(b" " * 11)})
    assert response.status_code == 413
    assert "larger than 20 MB" in response.context["form"].errors["file"][0]


def test_a_file_bigger_than_the_usual_body_limit_imports(client, asks, friend, settings):
    document = services.export_user(asks)
    raw = json.dumps(document).encode() + b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    client.force_login(friend)
    response = client.post(reverse("data"), {"file": upload(raw)})
    assert response.status_code == 200
    assert response.context["report"]["attempts_created"] == 2


def test_delete_page_warns_and_suggests_an_export_first(owner_client):
    response = owner_client.get(reverse("delete_account"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be undone" in html and reverse("data_export_json") in html
    assert 'autocomplete="current-password"' in html


def test_wrong_password_keeps_the_account(owner_client, owner, asks):
    response = owner_client.post(reverse("delete_account"), {"password": "nope"})
    assert response.status_code == 400
    assert "not your password" in response.context["form"].errors["password"][0]
    assert Attempt.objects.filter(user=owner).count() == 2
    assert owner_client.get(reverse("today")).status_code == 200


def test_deleting_logs_out_says_goodbye_and_removes_everything(client, owner, asks, friend):
    make_attempt(friend, "rejected")
    client.force_login(owner)
    other_device = type(client)()
    other_device.force_login(owner)
    gone = owner.pk
    response = client.post(reverse("delete_account"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("landing")
    assert "Thank you for every ask" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not get_user_model().objects.filter(pk=gone).exists()
    assert not Attempt.objects.filter(user_id=gone).exists()
    assert Attempt.objects.filter(user=friend).count() == 1
    # Signed out on the other device too.
    assert other_device.get(reverse("today")).status_code == 302
