"""Files and fixtures for the media app's tests: a photo with faces and a GPS position, a
storage in a temporary folder, and counting the files a storage holds."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image


def astronaut() -> Image.Image:
    from skimage import data

    return Image.fromarray(np.asarray(data.astronaut())).convert("RGB")


def photo_with_gps(size: tuple[int, int] | None = None) -> bytes:
    """A JPEG of a face carrying a camera serial and a GPS position, as phones write them."""
    image = astronaut()
    if size:
        image = image.resize(size)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0xA431] = "SERIAL123456"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 0.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(storage: Any) -> list[str]:
    """Every file name in a storage, walking its folders (filesystem and S3 alike)."""
    found: list[str] = []

    def walk(folder: str) -> None:
        folders, names = storage.listdir(folder)
        for name in names:
            found.append(f"{folder}/{name}" if folder else name)
        for sub in folders:
            walk(f"{folder}/{sub}" if folder else sub)

    try:
        walk("")
    except FileNotFoundError:
        return []
    return sorted(found)


def filesystem_storages(root: Path) -> dict[str, Any]:
    from django.conf import settings

    return {
        **settings.STORAGES,
        "media": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
