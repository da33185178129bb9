"""A fingerprint of the build this process runs: its code, its templates, its static files.

Cached pages hold HTML drawn by this build, with the hashed names of its stylesheets and
scripts. A deploy replaces those files, so a page kept by the build before must not be
served by the next one: every cached read model's key holds this fingerprint.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage

PACKAGE = Path(__file__).resolve().parents[1]  # src/rejection
SOURCES = {".py", ".html", ".txt", ".json"}


@cache
def release() -> str:
    """Return the build's fingerprint, worked out once per process (a few hundred files)."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in SOURCES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    # The static files' own versions, when they are served under hashed names.
    digest.update(str(getattr(staticfiles_storage, "manifest_hash", "")).encode())
    return digest.hexdigest()
