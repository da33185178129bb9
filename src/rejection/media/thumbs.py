"""Each face as filmed, cut from the private original, for its owner alone to judge.

The cleaned copy shows every face blurred, so the owner could not tell whose face is whose;
while the original exists, the review shows each face from it (a photo's box, or a video
track's clearest frame). Made on request, never stored, served only to the owner.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rejection.media import files
from rejection.media.models import Kind, Media

if TYPE_CHECKING:
    import numpy as np

# numpy and Pillow are imported when a face is cut, not when the URLs load: the web
# workers that never serve a review would otherwise carry numpy (~17 MB) each.

SIDE = 240  # pixels on the long side
MARGIN = 0.25


def face_thumbnail(media: Media, index: int) -> bytes | None:
    """A JPEG of face `index` from the original, or None if there is no such face or original."""
    import numpy as np
    from PIL import Image

    faces = media.faces or []
    if not media.original or not 0 <= index < len(faces):
        return None
    with files.workdir() as folder:
        source = files.fetch(str(media.original), folder, "original")
        if media.kind == Kind.PHOTO:
            pixels = _photo(source)
            box = _box(faces[index])
        else:
            found = _video_frame(source, faces[index])
            if found is None:
                return None
            pixels, box = found
    height, width = pixels.shape[:2]
    grown = box.grown(MARGIN, width, height)
    if grown.w < 2 or grown.h < 2:
        return None
    crop = pixels[grown.y : grown.y + grown.h, grown.x : grown.x + grown.w]
    # A new image from the pixels alone: nothing of the original's metadata can follow.
    image = Image.fromarray(np.ascontiguousarray(crop))
    image.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _box(face: dict[str, Any]) -> Any:
    from rejection.media.processing.faces import Box

    return Box.from_dict(face)


def _photo(path: Any) -> np.ndarray:
    import numpy as np
    from PIL import ImageOps

    from rejection.media.processing.images import open_checked

    with open_checked(path) as image:
        return np.asarray(ImageOps.exif_transpose(image).convert("RGB"))


def _video_frame(path: Any, face: dict[str, Any]) -> tuple[np.ndarray, Any] | None:
    from rejection.media.processing.video import Track, frame_at, probe

    track = Track.from_dict(face)
    frame = frame_at(path, track.best_frame, probe(path))
    if frame is None:
        return None
    return frame, track.thumbnail
