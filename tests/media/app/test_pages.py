"""The media pages (upload with and without the script, review, checklist, files), the
sweep of old originals, deletion with the ask and the account, the export, query budgets."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
import time_machine
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse

from rejection.media.models import Media
from tests.budget import queries
from tests.media.app.media_files import png_bytes, stored_files

pytestmark = pytest.mark.django_db


def _named(data: bytes, name: str = "photo.jpg") -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, cast: dict, data: bytes, **extra: Any) -> Any:
    url = reverse("media_upload", args=[cast["attempt"].pk])
    return client.post(url, {"file": _named(data)}, **extra)


def test_the_ask_page_offers_the_camera_with_a_progress_bar(cast: dict):
    page = _client(cast["owner"]).get(cast["attempt"].get_absolute_url()).content.decode()
    assert 'type="file"' in page and 'accept="image/*,video/*"' in page and "capture" in page
    assert 'enctype="multipart/form-data"' in page
    assert "<progress" in page and "js/media.js" in page
    assert "<script>" not in page  # nothing inline: the CSP forbids it


def test_upload_without_the_script_goes_to_the_review(cast: dict, photo: bytes):
    client = _client(cast["owner"])
    response = _upload(client, cast, photo)
    media = Media.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("media_detail", args=[media.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Faces" in page and 'class="face' in page
    assert "Keep the original privately" in page
    assert reverse("media_file", args=[media.pk, "blurred"]) in page


def test_upload_by_the_script_answers_json(cast: dict, photo: bytes):
    client = _client(cast["owner"])
    response = _upload(client, cast, photo, headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 201
    assert response.json()["url"] == reverse("media_detail", args=[Media.objects.get().pk])
    refused = _upload(client, cast, b"nope" * 100, headers={"X-Requested-With": "XMLHttpRequest"})
    assert refused.status_code == 422
    assert refused.json()["field"] == "file" and refused.json()["error"]


def test_a_bad_file_shows_the_reason_on_the_ask_page(cast: dict):
    response = _upload(_client(cast["owner"]), cast, b"not a photo" * 40)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="media-file-error"' in page
    assert Media.objects.count() == 0


def test_an_upload_too_large_is_refused_before_it_is_read(cast: dict, settings: Any):
    settings.MEDIA_UPLOAD_MAX_BYTES = 100
    client = _client(cast["owner"])
    response = client.post(
        reverse("media_upload", args=[cast["attempt"].pk]),
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "That file is larger than we take" in response.content.decode()


def test_review_toggle_done_consent_and_the_files(
    cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    client = _client(cast["owner"])
    _upload(client, cast, photo)
    media = Media.objects.get()
    detail = reverse("media_detail", args=[media.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("media_faces", args=[media.pk]), {"face": "0"})
    media.refresh_from_db()
    assert media.kept_faces == [0]
    assert 'aria-pressed="true"' in client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("media_done", args=[media.pk]), {})
    media.refresh_from_db()
    assert media.status == "ready" and not media.original
    assert len(stored_files(storages["media"])) == 1  # the cleaned copy only
    half = client.post(
        reverse("media_consent", args=[media.pk]), {"everyone_agreed_or_blurred": "on"}
    )
    assert half.status_code == 422
    assert Media.objects.get().consent_at is None
    friend = _client(cast["friend"])
    blurred = reverse("media_file", args=[media.pk, "blurred"])
    assert friend.get(blurred).status_code == 404
    ticks = dict.fromkeys(
        ["everyone_agreed_or_blurred", "no_child_identifiable", "not_private_place"], "on"
    )
    assert client.post(reverse("media_consent", args=[media.pk]), ticks).status_code == 302
    answer = friend.get(blurred)
    assert answer.status_code == 200
    assert answer["Cache-Control"].count("private") == 1
    assert _client(cast["stranger"]).get(blurred).status_code == 404
    assert Client().get(blurred).status_code == 404
    assert friend.get(detail).status_code == 404  # the review page is the owner's


def test_a_video_seeks_with_byte_ranges(cast: dict, photo: bytes):
    client = _client(cast["owner"])
    _upload(client, cast, photo)
    media = Media.objects.get()
    url = reverse("media_file", args=[media.pk, "blurred"])
    whole = b"".join(client.get(url).streaming_content)
    part = client.get(url, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(whole)}"
    assert b"".join(part.streaming_content) == whole[10:20]
    tail = client.get(url, headers={"Range": "bytes=-5"})
    assert b"".join(tail.streaming_content) == whole[-5:]
    assert client.get(url, headers={"Range": f"bytes={len(whole) + 5}-"}).status_code == 416


def test_the_progress_is_polled_while_cleaning(cast: dict, photo: bytes):
    client = _client(cast["owner"])
    _upload(client, cast, photo)
    media = Media.objects.get()
    Media.objects.filter(pk=media.pk).update(status="processing", progress=40)
    page = client.get(reverse("media_detail", args=[media.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    poll = client.get(
        reverse("media_detail", args=[media.pk]) + "?poll=1", headers={"HX-Request": "true"}
    )
    assert 'value="40"' in poll.content.decode()
    ask = client.get(cast["attempt"].get_absolute_url()).content.decode()
    assert 'id="media-list" hx-get' in ask and "being cleaned (40%)" in ask
    Media.objects.filter(pk=media.pk).update(status="review", progress=100)
    ask = client.get(cast["attempt"].get_absolute_url()).content.decode()
    assert 'id="media-list">' in ask  # nothing left to wait for: no more polling
    done = client.get(
        reverse("media_detail", args=[media.pk]) + "?poll=1", headers={"HX-Request": "true"}
    )
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_originals_older_than_seven_days_are_deleted_unless_kept(
    cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    from rejection.media.tasks import purge_old_originals

    client = _client(cast["owner"])
    start = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _upload(client, cast, photo)
        _upload(client, cast, photo)
    kept, dropped = Media.objects.order_by("id")
    Media.objects.filter(pk=kept.pk).update(keep_original=True)
    early = time_machine.travel(start + dt.timedelta(days=6, hours=23), tick=False)
    with early, django_capture_on_commit_callbacks(execute=True):
        assert purge_old_originals.call_local() == 0
    late = time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False)
    with late, django_capture_on_commit_callbacks(execute=True):
        assert purge_old_originals.call_local() == 1
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.original and not dropped.original and dropped.original_bytes == 0
    names = stored_files(storages["media"])
    assert kept.original.name in names and len(names) == 3  # two cleaned + one original


def test_deleting_the_ask_or_the_account_deletes_every_file(
    cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    from rejection.data.services import erase_user
    from tests.writes import delete_ask, log_ask

    client = _client(cast["owner"])
    _upload(client, cast, photo)
    other = log_ask(cast["owner"], {"ask": "Ask for a free upgrade", "outcome": "accepted"}).attempt
    client.post(reverse("media_upload", args=[other.pk]), {"file": _named(png_bytes())})
    Media.objects.update(keep_original=True)
    assert len(stored_files(storages["media"])) == 4
    with django_capture_on_commit_callbacks(execute=True):
        delete_ask(cast["owner"], cast["attempt"])
    assert len(stored_files(storages["media"])) == 2
    with django_capture_on_commit_callbacks(execute=True):
        erase_user(cast["owner"])
    assert stored_files(storages["media"]) == []
    assert Media.objects.count() == 0


def test_the_export_lists_the_media_with_links(cast: dict, photo: bytes):
    from rejection.data.contracts import ExportDocument
    from rejection.data.services import export_json

    _upload(_client(cast["owner"]), cast, photo)
    document = json.loads(export_json(cast["owner"]))
    (item,) = document["media"]
    assert item["attempt_uuid"] == str(cast["attempt"].uuid)
    assert set(item["files"]) == {"blurred", "original"}
    assert item["files"]["blurred"].endswith(reverse("media_file", args=[item["id"], "blurred"]))
    ExportDocument.model_validate(document)  # still a document the import reads


def _many(cast: dict, count: int) -> None:
    rows = [
        Media(owner=cast["owner"], attempt=cast["attempt"], kind="photo", source_format="png",
              status="ready", cleaned=f"m/{index}/cleaned.jpg", width=2, height=2,
              faces=[{"x": 0, "y": 0, "w": 1, "h": 1, "score": 0.9}])
        for index in range(count)
    ]  # fmt: skip
    Media.objects.bulk_create(rows)


@pytest.mark.parametrize("count", [1, 40])
def test_media_lists_cost_the_same_however_many(cast: dict, count: int):
    _many(cast, count)
    client = _client(cast["owner"])
    api = Client(headers=cast["tokens"]["owner"])
    friend = Client(headers=cast["tokens"]["friend"])
    Media.objects.update(consent_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    costs = {}
    for name, who, url in [
        ("page", client, cast["attempt"].get_absolute_url()),
        ("api", api, f"/api/v1/attempts/{cast['attempt'].pk}/media"),
        ("friend", friend, f"/api/v1/attempts/{cast['attempt'].pk}/media"),
    ]:
        who.get(url)
        with queries() as q:
            response = who.get(url)
        assert response.status_code == 200
        costs[name] = len(q)
    assert costs == MEDIA_LIST_QUERIES, costs


# The same with one item and with 40 (the test above checks both).
MEDIA_LIST_QUERIES = {"page": 5, "api": 3, "friend": 4}


def test_the_gallery_shows_others_only_what_was_let_out(cast: dict, photo: bytes):
    from django.template.loader import render_to_string

    from rejection.media.queries import shared_media

    _upload(_client(cast["owner"]), cast, photo)
    media = Media.objects.get()

    def gallery(viewer: Any) -> str:
        return render_to_string("web/_media_gallery.html", shared_media(viewer, cast["attempt"]))

    url = reverse("media_file", args=[media.pk, "blurred"])
    assert url not in gallery(cast["friend"])
    Media.objects.update(status="ready", consent_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert url in gallery(cast["friend"])
    assert reverse("media_file", args=[media.pk, "original"]) not in gallery(cast["friend"])


def test_each_face_as_filmed_is_shown_to_its_owner_only_while_the_original_exists(
    cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    from PIL import Image

    owner = _client(cast["owner"])
    _upload(owner, cast, photo)
    media = Media.objects.get()
    url = reverse("media_face", args=[media.pk, 0])
    assert url in owner.get(reverse("media_detail", args=[media.pk])).content.decode()
    answer = owner.get(url)
    assert answer.status_code == 200 and answer["Cache-Control"] == "private, no-store"
    face = Image.open(io.BytesIO(answer.content))
    assert face.format == "JPEG" and max(face.size) <= 240 and not face.getexif()
    assert owner.get(reverse("media_face", args=[media.pk, 9])).status_code == 404
    ticks = dict.fromkeys(
        ["everyone_agreed_or_blurred", "no_child_identifiable", "not_private_place"], "on"
    )
    Media.objects.update(keep_original=True)
    owner.post(reverse("media_consent", args=[media.pk]), ticks)
    assert _client(cast["friend"]).get(url).status_code == 404  # even once shared
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("media_done", args=[media.pk]), {})  # the original goes
    assert owner.get(url).status_code == 404
