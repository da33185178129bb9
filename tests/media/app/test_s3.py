"""Media in an S3-compatible bucket: a real S3 server (moto's server mode) on a free port, the
app's files going in and out of it, signed links that expire in minutes, and every object
deleted with its photo, its ask and its account."""

from __future__ import annotations

import io
import socket
import urllib.request
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse

from rejection.media.models import Media

pytestmark = pytest.mark.django_db
BUCKET = "rejection-media"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Any:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server: str, settings: Any) -> Any:
    import boto3

    keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "file_overwrite": False,
                "signature_version": "s3v4",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _objects(client: Any) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def _named(data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = "photo.jpg"
    return handle


def test_files_live_in_the_bucket_and_are_handed_out_by_signed_links(
    bucket: Any, cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    owner = Client()
    owner.force_login(cast["owner"])
    owner.post(reverse("media_upload", args=[cast["attempt"].pk]), {"file": _named(photo)})
    media = Media.objects.get()
    assert media.status == "review"
    assert _objects(bucket) == sorted([media.original.name, media.cleaned.name])
    response = owner.get(reverse("media_file", args=[media.pk, "blurred"]))
    assert response.status_code == 302
    link = urlparse(response["Location"])
    query = parse_qs(link.query)
    assert query["X-Amz-Expires"] == ["300"]  # five minutes, then the link is dead
    with urllib.request.urlopen(response["Location"]) as fetched:
        assert fetched.read()[:3] == b"\xff\xd8\xff"
    unsigned = f"{link.scheme}://{link.netloc}{link.path}"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(unsigned)
    friend = Client()
    friend.force_login(cast["friend"])
    assert friend.get(reverse("media_file", args=[media.pk, "blurred"])).status_code == 404


def test_deleting_a_photo_an_ask_and_the_account_empties_the_bucket(
    bucket: Any, cast: dict, photo: bytes, django_capture_on_commit_callbacks: Any
):
    from rejection.data.services import erase_user
    from tests.writes import delete_ask, log_ask

    client = Client()
    client.force_login(cast["owner"])
    other = log_ask(cast["owner"], {"ask": "Ask for a free upgrade", "outcome": "accepted"}).attempt
    for attempt in (cast["attempt"], cast["attempt"], other):
        client.post(reverse("media_upload", args=[attempt.pk]), {"file": _named(photo)})
    assert len(_objects(bucket)) == 6
    first = Media.objects.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("media_delete", args=[first.pk]))
    assert len(_objects(bucket)) == 4
    with django_capture_on_commit_callbacks(execute=True):
        delete_ask(cast["owner"], cast["attempt"])
    assert len(_objects(bucket)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        erase_user(cast["owner"])
    assert _objects(bucket) == []
    assert storages["media"].bucket_name == BUCKET
