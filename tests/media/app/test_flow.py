"""End to end through the upload API: what is served carries no location or camera serial
(read with exiftool), a video's faces are tracks to keep or blur, and the story image and
clip are made with the ask's day and outcome."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rejection.media.models import Media

pytestmark = pytest.mark.django_db
CONSENT = {
    "everyone_agreed_or_blurred": True,
    "no_child_identifiable": True,
    "not_private_place": True,
}
TELLING = ("GPS", "Location", "ISO6709", "Serial", "Make", "Model")


def _exiftool() -> str:
    found = shutil.which("exiftool")
    if not found:
        pytest.fail("exiftool is missing: `make test` installs it (the media-tools target)")
    return found


def _telling_tags(data: bytes, folder: Path) -> dict[str, Any]:
    path = folder / "served"
    path.write_bytes(data)
    out = subprocess.run(
        [_exiftool(), "-j", "-a", "-u", "-G1", "-ee", str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    tags = json.loads(out)[0]
    return {
        key: value
        for key, value in tags.items()
        if key.split(":", 1)[0] not in {"ExifTool", "System", "File", "Composite"}
        and any(word.lower() in key.lower() for word in TELLING)
    }


def _named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _api(client: Any, cast: dict, method: str, url: str, body: Any = None) -> Any:
    headers = cast["tokens"]["owner"]
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, json.dumps(body), "application/json", headers=headers)


def _download(client: Any, cast: dict, media_id: int, variant: str) -> bytes:
    response = client.get(
        f"/api/v1/media/{media_id}/file?variant={variant}", headers=cast["tokens"]["owner"]
    )
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def test_the_served_photo_and_story_carry_no_location(
    client: Any, cast: dict, photo: bytes, tmp_path: Path
):
    assert _telling_tags(photo, tmp_path)  # the upload does say where, and with what
    response = client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media",
        {"file": _named(photo, "IMG_0001.JPG")},
        headers=cast["tokens"]["owner"],
    )
    media_id = response.json()["id"]
    assert _telling_tags(_download(client, cast, media_id, "blurred"), tmp_path) == {}
    assert _api(client, cast, "post", f"/api/v1/media/{media_id}/clip").status_code == 409
    _api(client, cast, "patch", f"/api/v1/media/{media_id}", {"done": True})
    made = _api(client, cast, "post", f"/api/v1/media/{media_id}/clip")
    assert made.status_code == 202
    assert made.json()["clip_status"] == "ready"
    # Made, but not downloadable until the checklist is confirmed.
    refused = client.get(
        f"/api/v1/media/{media_id}/file?variant=story", headers=cast["tokens"]["owner"]
    )
    assert refused.status_code == 404
    _api(client, cast, "post", f"/api/v1/media/{media_id}/consent", CONSENT)
    story = _download(client, cast, media_id, "story")
    from PIL import Image

    assert Image.open(io.BytesIO(story)).size == (1080, 1920)
    assert _telling_tags(story, tmp_path) == {}


def test_the_clip_title_names_the_day_as_the_share_card_does(cast: dict):
    from rejection.media.services import clip_title
    from tests.writes import log_ask, start

    attempt = cast["attempt"]
    assert clip_title(attempt) == "Rejection Therapy day 01: Ask to make my own coffee"
    start(cast["owner"], "classic-30", attempt.local_date - dt.timedelta(days=6))
    assert clip_title(attempt).startswith("Rejection Therapy day 07: ")
    later = log_ask(
        cast["owner"],
        {"ask": "Ask for a tour of the kitchen", "outcome": "accepted",
         "occurred_at": attempt.occurred_at},  # the same local day, whatever the hour
    ).attempt  # fmt: skip
    assert clip_title(later).startswith("Rejection Therapy day 07: ")


@pytest.fixture
def video(tmp_path: Path) -> bytes:
    from tests.media.processing.clips import moving_faces

    path = tmp_path / "ask.mov"
    moving_faces(path, seconds=1.5, extra=("-metadata", "location=+51.5074-000.1278/"))
    return path.read_bytes()


def test_a_video_is_cleaned_its_faces_tracked_and_its_clip_made(
    client: Any, cast: dict, video: bytes, tmp_path: Path, django_capture_on_commit_callbacks: Any
):
    assert _telling_tags(video, tmp_path)
    response = client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media",
        {"file": _named(video, "clip.mp4")},
        headers=cast["tokens"]["owner"],
    )
    assert response.status_code == 202, response.content
    media_id = response.json()["id"]
    body = _api(client, cast, "get", f"/api/v1/media/{media_id}").json()
    assert (body["kind"], body["status"], body["progress"]) == ("video", "review", 100)
    assert len(body["faces"]) >= 2
    assert all(face["box"]["w"] > 0 for face in body["faces"])
    assert _telling_tags(_download(client, cast, media_id, "blurred"), tmp_path) == {}
    with django_capture_on_commit_callbacks(execute=True):
        kept = _api(client, cast, "patch", f"/api/v1/media/{media_id}", {"keep_faces": [0]})
    assert [face["kept"] for face in kept.json()["faces"]][:2] == [True, False]
    _api(client, cast, "patch", f"/api/v1/media/{media_id}", {"consent": CONSENT})
    assert _api(client, cast, "post", f"/api/v1/media/{media_id}/clip").status_code == 202
    clip = _download(client, cast, media_id, "clip")
    assert clip[4:8] == b"ftyp"
    assert _telling_tags(clip, tmp_path) == {}
    media = Media.objects.get(pk=media_id)
    assert media.clip_bytes == len(clip) and not media.original


def test_a_video_over_90_seconds_is_refused_at_upload(client: Any, cast: dict, tmp_path: Path):
    from rejection.media.processing import ffmpeg

    path = tmp_path / "long.mp4"
    subprocess.run(
        [ffmpeg.executable(), "-v", "error", "-f", "lavfi", "-i",
         "color=c=gray:s=64x64:r=1", "-t", "95", "-c:v", "libx264", "-preset", "ultrafast",
         str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    response = client.post(
        f"/api/v1/attempts/{cast['attempt'].pk}/media",
        {"file": _named(path.read_bytes(), "long.mp4")},
        headers=cast["tokens"]["owner"],
    )
    assert response.status_code == 422
    assert "90 seconds" in response.json()["error"]["fields"]["file"][0]
    assert Media.objects.count() == 0
