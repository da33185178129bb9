"""The media API: upload, the face review, consent, the clip, files and deletion, and who may
see what (owner, friend, stranger, anonymous)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.storage import storages
from django.test import Client

from rejection.media.models import Media
from tests.media.app.media_files import png_bytes, stored_files

pytestmark = pytest.mark.django_db


def _upload(client: Any, cast: dict, data: bytes, name: str = "photo.jpg", who: str = "owner"):
    return client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media",
        {"file": _named(data, name)},
        headers=cast["tokens"][who],
    )


def _named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _get(client: Any, cast: dict, url: str, who: str = "owner") -> Any:
    return client.get(url, headers=cast["tokens"][who])


def _patch(client: Any, cast: dict, url: str, body: str, who: str = "owner") -> Any:
    return client.patch(url, body, "application/json", headers=cast["tokens"][who])


CONSENT = (
    '{"everyone_agreed_or_blurred": true, "no_child_identifiable": true, "not_private_place": true}'
)


def test_a_photo_is_cleaned_with_its_faces_found_and_blurred(client: Any, cast: dict, photo: bytes):
    response = _upload(client, cast, photo)
    assert response.status_code == 202, response.content
    body = response.json()
    assert set(body) == {"id", "status"}
    media = _get(client, cast, f"/api/v1/media/{body['id']}").json()
    # Jobs run inline in the tests: cleaned by the time the upload answers.
    assert media["status"] == "review"
    assert media["progress"] == 100
    assert media["kind"] == "photo"
    assert len(media["faces"]) >= 1
    assert all(face["kept"] is False for face in media["faces"])
    assert media["consent"] == {"confirmed": False, "confirmed_at": None}
    assert media["has_original"] is True
    blurred = _get(client, cast, f"/api/v1/media/{body['id']}/file?variant=blurred")
    assert blurred.status_code == 200
    assert blurred["Content-Type"] == "image/jpeg"
    assert b"".join(blurred.streaming_content)[:3] == b"\xff\xd8\xff"


def test_the_type_comes_from_the_bytes_not_the_name(client: Any, cast: dict):
    response = _upload(client, cast, png_bytes(), name="holiday.mp4")
    assert response.status_code == 202
    media = Media.objects.get()
    assert (media.kind, media.source_format) == ("photo", "png")


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a photo at all, whatever its name says" * 10,
        b"\xff\xd8\xff\xe0" + b"\x00" * 300,  # a JPEG's start and nothing after it
    ],
    ids=["text", "truncated-jpeg"],
)
def test_a_bad_file_is_refused_and_nothing_is_kept(
    client: Any, cast: dict, data: bytes, media_root: Any
):
    response = _upload(client, cast, data)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["fields"]["file"]
    assert Media.objects.count() == 0
    assert stored_files(storages["media"]) == []


def test_a_missing_file_names_the_field(client: Any, cast: dict):
    response = client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media", {}, headers=cast["tokens"]["owner"]
    )
    assert response.status_code == 422
    assert "file" in response.json()["error"]["fields"]


def test_a_decompression_bomb_is_refused(client: Any, cast: dict):
    # 10000 x 10000 pixels of one colour: a few kB as PNG, 100 megapixels decoded.
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("L", (10_000, 10_000)).save(buffer, "PNG", optimize=True)
    response = _upload(client, cast, buffer.getvalue(), name="tiny.png")
    assert response.status_code == 422
    assert "file" in response.json()["error"]["fields"]
    assert Media.objects.count() == 0


def test_the_quota_is_counted_and_full_is_said_plainly(
    client: Any, cast: dict, photo: bytes, settings: Any
):
    settings.MEDIA_QUOTA_BYTES = len(photo) + 10
    assert _upload(client, cast, photo).status_code == 202
    response = _upload(client, cast, photo)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "media_quota_full"
    assert "full" in error["fields"]["file"][0]
    assert Media.objects.count() == 1


def test_an_oversized_body_is_refused_before_it_is_read(client: Any, cast: dict, settings: Any):
    settings.MEDIA_UPLOAD_MAX_BYTES = 1000
    response = client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media",
        b"x" * 10,
        "multipart/form-data; boundary=x",
        headers=cast["tokens"]["owner"],
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_keeping_a_face_renders_again_from_the_original(
    client: Any, cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    media_id = _upload(client, cast, photo).json()["id"]
    before = Media.objects.get(pk=media_id).cleaned.name
    with django_capture_on_commit_callbacks(execute=True):
        response = _patch(client, cast, f"/api/v1/media/{media_id}", '{"keep_faces": [0]}')
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["faces"][0]["kept"] is True
    assert body["status"] == "review"
    after = Media.objects.get(pk=media_id).cleaned.name
    assert after != before
    assert stored_files(storages["media"]).count(before) == 0  # the old render is gone
    refused = _patch(client, cast, f"/api/v1/media/{media_id}", '{"keep_faces": [57]}')
    assert refused.status_code == 409
    assert "keep" in refused.json()["error"]["fields"]


def test_done_deletes_the_original_unless_kept(client: Any, cast: dict, photo: bytes):
    first = _upload(client, cast, photo).json()["id"]
    second = _upload(client, cast, photo).json()["id"]
    one = _patch(client, cast, f"/api/v1/media/{first}", '{"done": true}').json()
    two = _patch(
        client, cast, f"/api/v1/media/{second}", '{"done": true, "keep_original": true}'
    ).json()
    assert (one["status"], one["has_original"]) == ("ready", False)
    assert (two["status"], two["has_original"], two["keep_original"]) == ("ready", True, True)
    gone = _get(client, cast, f"/api/v1/media/{first}/file?variant=original")
    assert gone.status_code == 404
    kept = _get(client, cast, f"/api/v1/media/{second}/file?variant=original")
    assert kept.status_code == 200
    # With the original gone a face can no longer be unblurred.
    late = client.post(
        f"/api/v1/media/{first}/faces",
        '{"keep": [0]}',
        "application/json",
        headers=cast["tokens"]["owner"],
    )
    assert late.status_code == 409


def test_the_checklist_needs_every_tick(client: Any, cast: dict, photo: bytes):
    media_id = _upload(client, cast, photo).json()["id"]
    half = (
        '{"everyone_agreed_or_blurred": true, "no_child_identifiable": false, '
        '"not_private_place": true}'
    )
    response = client.post(
        f"/api/v1/media/{media_id}/consent", half, "application/json",
        headers=cast["tokens"]["owner"],
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["no_child_identifiable"]
    response = client.post(
        f"/api/v1/media/{media_id}/consent", CONSENT, "application/json",
        headers=cast["tokens"]["owner"],
    )  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["consent"]["confirmed"] is True
    # Sharing finishes the review: the original is deleted.
    assert (body["status"], body["has_original"]) == ("ready", False)


def _who_sees(client: Any, cast: dict, media_id: int) -> dict[str, int]:
    seen = {}
    for who in ("owner", "friend", "stranger"):
        seen[who] = _get(client, cast, f"/api/v1/media/{media_id}", who).status_code
    seen["anonymous"] = client.get(f"/api/v1/media/{media_id}").status_code
    return seen


def test_others_see_it_only_after_the_checklist_and_only_if_they_see_the_ask(
    client: Any, cast: dict, photo: bytes
):
    media_id = _upload(client, cast, photo).json()["id"]
    private = {"owner": 200, "friend": 404, "stranger": 404, "anonymous": 401}
    assert _who_sees(client, cast, media_id) == private
    missing = _get(client, cast, "/api/v1/media/999999", "friend")
    assert missing.status_code == 404
    assert _get(client, cast, f"/api/v1/media/{media_id}", "friend").json() == missing.json()
    _patch(client, cast, f"/api/v1/media/{media_id}", '{"consent": ' + CONSENT + "}")
    assert _who_sees(client, cast, media_id) == private | {"friend": 200}
    seen = _get(client, cast, f"/api/v1/media/{media_id}", "friend").json()
    assert seen["faces"] is None and seen["consent"] is None  # the owner's review is theirs
    assert _get(client, cast, f"/api/v1/media/{media_id}/file", "friend").status_code == 200
    original = _get(client, cast, f"/api/v1/media/{media_id}/file?variant=original", "friend")
    assert original.status_code == 404
    listed = _get(client, cast, f"/api/v1/attempts/{cast['attempt'].pk}/media", "friend")
    assert [item["id"] for item in listed.json()["items"]] == [media_id]
    stranger = _get(client, cast, f"/api/v1/attempts/{cast['attempt'].pk}/media", "stranger")
    assert stranger.status_code == 404
    # The ask made private again: the media goes with it.
    cast["attempt"].visibility = "private"
    cast["attempt"].save(update_fields=["visibility"])
    assert _who_sees(client, cast, media_id) == private


def test_nobody_else_can_change_or_delete_it(client: Any, cast: dict, photo: bytes):
    media_id = _upload(client, cast, photo).json()["id"]
    _patch(client, cast, f"/api/v1/media/{media_id}", '{"consent": ' + CONSENT + "}")
    for who in ("friend", "stranger"):
        headers = cast["tokens"][who]
        assert (
            _patch(client, cast, f"/api/v1/media/{media_id}", '{"done": true}', who).status_code
            == 404
        )
        assert client.delete(f"/api/v1/media/{media_id}", headers=headers).status_code == 404
        clip = client.post(f"/api/v1/media/{media_id}/clip", headers=headers)
        assert clip.status_code == 404
        upload = _upload(client, cast, png_bytes(), who=who)
        assert upload.status_code == 404
    assert client.delete(f"/api/v1/media/{media_id}").status_code == 401
    assert Media.objects.filter(pk=media_id).exists()


def test_deleting_it_deletes_every_file(
    client: Any, cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    media_id = _upload(client, cast, photo).json()["id"]
    _patch(client, cast, f"/api/v1/media/{media_id}", '{"done": true, "keep_original": true}')
    assert len(stored_files(storages["media"])) == 2  # the original and the cleaned copy
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/media/{media_id}", headers=cast["tokens"]["owner"])
    assert response.status_code == 204
    assert stored_files(storages["media"]) == []


def test_a_render_for_a_choice_since_changed_is_dropped(
    client: Any, cast: dict, photo: bytes, monkeypatch: Any, django_capture_on_commit_callbacks: Any
):
    """Two renders at once: the one for the older choice (face 0 kept) must not win."""
    from rejection.media import services

    media_id = _upload(client, cast, photo).json()["id"]
    shown = Media.objects.get(pk=media_id).cleaned.name
    real = services._clean

    def owner_changes_their_mind(media: Media) -> Any:
        result = real(media)  # rendered with face 0 kept...
        Media.objects.filter(pk=media.pk).update(kept_faces=[])  # ...and then blurred again
        return result

    monkeypatch.setattr(services, "_clean", owner_changes_their_mind)
    with django_capture_on_commit_callbacks(execute=True):
        _patch(client, cast, f"/api/v1/media/{media_id}", '{"keep_faces": [0]}')
    media = Media.objects.get(pk=media_id)
    assert media.cleaned.name == shown  # the render with face 0 unblurred was not kept
    assert len(stored_files(storages["media"])) == 2  # and its file is gone


def test_a_large_upload_streams_through_a_temporary_file(client: Any, cast: dict, monkeypatch: Any):
    import numpy as np
    from django.core.files.uploadedfile import TemporaryUploadedFile
    from PIL import Image

    from rejection.media import files

    noise = np.random.default_rng(7).integers(0, 255, (1100, 1100, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, "PNG")
    assert len(buffer.getvalue()) > 2_621_440  # over FILE_UPLOAD_MAX_MEMORY_SIZE
    seen = []
    real = files.local_copy

    def watch(upload: Any) -> Any:
        seen.append(type(upload))
        return real(upload)

    monkeypatch.setattr(files, "local_copy", watch)
    response = _upload(client, cast, buffer.getvalue(), name="big.png")
    assert response.status_code == 202
    assert seen == [TemporaryUploadedFile]  # on disk, never whole in memory


def test_a_block_hides_it_like_a_missing_one(client: Any, cast: dict, photo: bytes):
    from rejection.community.models import Block

    media_id = _upload(client, cast, photo).json()["id"]
    _patch(client, cast, f"/api/v1/media/{media_id}", '{"consent": ' + CONSENT + "}")
    assert _get(client, cast, f"/api/v1/media/{media_id}", "friend").status_code == 200
    Block.objects.create(blocker=cast["owner"], blocked=cast["friend"])
    for url in (f"/api/v1/media/{media_id}", f"/api/v1/media/{media_id}/file"):
        assert _get(client, cast, url, "friend").status_code == 404
    page = Client()
    page.force_login(cast["friend"])
    assert page.get(f"/media/{media_id}/file/blurred/").status_code == 404
