"""Reading and writing media files in their storage, whichever backend it is.

Processing needs real paths (Pillow, ffmpeg), while the storage may be a bucket: a file is
copied to a temporary folder to work on and the results are saved back under new random
names (a name is never reused, so a signed link to an old version cannot show the new one).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import storages

# The extension each stored format is saved with (the name is random; this is a hint only).
EXTENSIONS = {
    "jpeg": "jpg", "png": "png", "webp": "webp", "heic": "heic",
    "mp4": "mp4", "mov": "mov", "webm": "webm",
}  # fmt: skip
CHUNK = 1024 * 1024


def storage() -> Any:
    return storages["media"]


def new_name(part: str, extension: str) -> str:
    """A random, unguessable name; nothing in it says whose it is or which ask."""
    return f"m/{secrets.token_hex(16)}/{part}.{extension}"


def save(path: Path, part: str, extension: str) -> tuple[str, int]:
    """Store a local file under a new name; return the name and its size in bytes."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        name = storage().save(new_name(part, extension), File(handle))
    return name, size


def save_upload(upload: Any, part: str, extension: str) -> tuple[str, int]:
    """Store an uploaded file (memory or temporary file) under a new name."""
    upload.seek(0)
    name = storage().save(new_name(part, extension), upload)
    return name, upload.size


def delete(*names: str) -> None:
    for name in names:
        if name:
            storage().delete(name)


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="rt-media-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fetch(name: str, folder: Path, stem: str) -> Path:
    """Copy a stored file into the work folder and return its path."""
    target = folder / f"{stem}{Path(name).suffix}"
    with storage().open(name, "rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)
    return target


@contextlib.contextmanager
def local_copy(upload: Any) -> Iterator[Path]:
    """A path to an upload's bytes: its temporary file, or a copy of it in memory."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    with workdir() as folder:
        target = folder / "upload"
        upload.seek(0)
        with target.open("wb") as out:
            shutil.copyfileobj(upload, out, CHUNK)
        yield target
