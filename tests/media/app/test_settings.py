"""The media settings from the environment: the data folder by default, a bucket when named."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = (
    "import json, rejection.settings as s; "
    "print(json.dumps([s.STORAGES['media'], s.MEDIA_QUOTA_BYTES, str(s.MEDIA_ROOT), "
    "s.CONTENT_SECURITY_POLICY['DIRECTIVES']]))"
)


def _boot(**env: str) -> list:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_")}
    clean |= {"DEBUG": "true", **env}
    out = subprocess.run(
        [sys.executable, "-c", CODE], env=clean, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def test_files_stay_in_the_data_folder_by_default(tmp_path) -> None:
    storage, quota, root, csp = _boot(DATA_DIR=str(tmp_path))
    assert csp["img-src"] == ["'self'", "data:", "blob:"] and "media-src" not in csp
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["OPTIONS"]["location"] == root == str(tmp_path / "media")
    assert quota == 1_000_000_000


def test_a_bucket_and_a_quota_come_from_the_environment(tmp_path) -> None:
    storage, quota, _, csp = _boot(
        DATA_DIR=str(tmp_path),
        MEDIA_QUOTA_BYTES="5000000",
        MEDIA_S3_BUCKET="rt-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
        MEDIA_S3_ACCESS_KEY_ID="id",
        MEDIA_S3_SECRET_ACCESS_KEY="secret",
        MEDIA_URL_SECONDS="120",
    )
    assert quota == 5_000_000
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "rt-media"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert (options["default_acl"], options["querystring_auth"]) == ("private", True)
    assert options["querystring_expire"] == 120
    # The pages may show what the signed links point at, and nothing else new.
    assert csp["img-src"][-1] == csp["media-src"][-1] == "https://s3.example.org"
    assert csp["script-src"] == ["'self'"]
