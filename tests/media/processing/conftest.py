"""Helpers for the processing tests: faces cut from images that ship with scikit-image, and
exiftool (Debian's libimage-exiftool-perl, installed by `make media-tools`) to read outputs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

# Faces in scikit-image's sample photos, (x, y, w, h), labelled by hand.
SKIMAGE_FACES = {
    "astronaut.png": (176, 46, 100, 130),
    "camera.png": (190, 100, 80, 105),
}
# What no cleaned file may still say, whatever group exiftool files it under.
LEAKS = re.compile(
    r"GPS|Location|ISO6709|Serial|Make|Model|MakerNote|Lens|Owner|Artist|Creator|Author|"
    r"Comment|Copyright|UserComment|Software|DateTimeOriginal|CreateDate|XMP|ICC|Profile",
    re.IGNORECASE,
)
# exiftool's own description of the file, never taken from it.
HARMLESS_GROUPS = {"ExifTool", "System", "File", "Composite"}


def skimage_photo(name: str) -> np.ndarray:
    from skimage import data

    path = Path(data.__file__).parent / name
    return np.asarray(Image.open(path).convert("RGB"))


@lru_cache(maxsize=4)
def face_crop(name: str, size: int) -> np.ndarray:
    """Return a labelled face (with a little context) from scikit-image's data, size x size."""
    x, y, w, h = SKIMAGE_FACES[name]
    photo = skimage_photo(name)
    pad = w // 4
    crop = photo[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad]
    return np.asarray(
        Image.fromarray(crop).resize((size, round(size * crop.shape[0] / crop.shape[1])))
    )


def exiftool() -> str:
    found = shutil.which("exiftool")
    if not found:
        pytest.fail("exiftool is missing: run `make media-tools` (Debian's libimage-exiftool-perl)")
    return found


def read_tags(path: Path) -> dict[str, Any]:
    """Return every tag exiftool reads from path, keyed "Group:Tag"."""
    out = subprocess.run(
        [exiftool(), "-j", "-a", "-u", "-G1", "-ee", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return json.loads(out)[0]


def leaks(path: Path) -> dict[str, Any]:
    """Return the tags in path that could tell where, when or with what it was taken."""
    found = {}
    for key, value in read_tags(path).items():
        group = key.split(":", 1)[0]
        if group in HARMLESS_GROUPS or key == "SourceFile":
            continue
        if str(value).startswith("0000:00:00"):
            continue  # a container's empty date field (MP4 always has one), not a date
        if LEAKS.search(key) or LEAKS.search(str(value)):
            found[key] = value
    return found


def write_tags(path: Path, *args: str) -> None:
    subprocess.run(
        [exiftool(), "-m", "-overwrite_original", *args, str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
