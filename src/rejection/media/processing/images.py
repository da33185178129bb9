"""Check and clean photos: refuse what is broken or huge, re-encode without any metadata, and
blur every face the owner did not keep.

A clean photo is built from its pixels alone: EXIF (GPS, camera serial, maker notes), XMP,
IPTC, PNG text chunks and the ICC profile (which can carry a device's name) never reach the
new file. Pixels are turned upright first (EXIF orientation), and converted to sRGB when the
photo carries another colour profile, so dropping the profile changes no colour.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageFilter, ImageOps

from .faces import Box, detect
from .sniff import MediaRefused

MAX_PIXELS = 50_000_000
# Pillow refuses to open anything past twice its limit and warns past it; we set the limit
# ourselves (not Pillow's default of ~89 MP) and turn the warning into a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False
JPEG_QUALITY = 88
WEBP_QUALITY = 85
# A face's box is grown by this much on each side before blurring: hair, ears, a chin.
FACE_MARGIN = 0.25
# The blurred face keeps at most this many blocks across: not enough to recognise anyone.
BLOCKS_ACROSS = 8

_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        _heif_registered = True


@dataclass
class ImageResult:
    """The clean photo's size and every face found in it (indexes are what `keep` names)."""

    width: int
    height: int
    faces: list[Box] = field(default_factory=list)


def check_image(path: str | Path) -> None:
    """Refuse a photo that is corrupt, over 50 megapixels or a decompression bomb."""
    with open_checked(path):
        pass


def open_checked(path: str | Path) -> Image.Image:
    """Open and fully decode a photo, or refuse it as check_image does (close it after use)."""
    image = _open(path)
    try:
        _decode(image)
    except MediaRefused:
        image.close()
        raise
    return image


def clean_image(
    src_path: str | Path,
    dst_path: str | Path,
    *,
    keep: Collection[int] = frozenset(),
    faces: list[Box] | None = None,
) -> ImageResult:
    """Write src as a new JPEG or WebP (by dst's suffix) with no metadata and faces blurred.

    Faces are found unless given (the boxes of an earlier run, in the upright image's pixels);
    every face whose index is not in keep is pixelated then blurred, which cannot be undone.
    """
    with open_checked(src_path) as image:
        upright = ImageOps.exif_transpose(image)
        rgb = _to_srgb(upright)
    if faces is None:
        faces = detect(rgb)
    for index, box in enumerate(faces):
        if index not in keep:
            blur_region(rgb, box)
    _save(rgb, Path(dst_path))
    return ImageResult(rgb.width, rgb.height, list(faces))


def blur_region(image: Image.Image, box: Box, margin: float = FACE_MARGIN) -> None:
    """Pixelate then blur the box (grown by margin) in place, past recognising or restoring."""
    grown = box.grown(margin, image.width, image.height)
    if grown.w < 2 or grown.h < 2:
        return
    area = (grown.x, grown.y, grown.x + grown.w, grown.y + grown.h)
    patch = image.crop(area)
    # Blocks at least 6 px, so even a small face is reduced to a handful of colours.
    across = max(1, min(BLOCKS_ACROSS, grown.w // 6))
    down = max(1, round(across * grown.h / grown.w))
    small = patch.resize((across, down), Image.Resampling.BOX)
    blocky = small.resize(patch.size, Image.Resampling.NEAREST)
    radius = max(2.0, max(grown.w, grown.h) / 10)
    image.paste(blocky.filter(ImageFilter.GaussianBlur(radius)), area[:2])


def _open(path: str | Path) -> Image.Image:
    _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise MediaRefused("file", _too_big()) from exc
    except (OSError, ValueError, SyntaxError, RuntimeError) as exc:  # RuntimeError: libheif
        raise MediaRefused("file", _corrupt()) from exc
    if image.width * image.height > MAX_PIXELS or image.width < 1 or image.height < 1:
        image.close()
        raise MediaRefused("file", _too_big())
    return image


def _decode(image: Image.Image) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise MediaRefused("file", _too_big()) from exc
    except (OSError, ValueError, SyntaxError, MemoryError, EOFError, RuntimeError) as exc:
        raise MediaRefused("file", _corrupt()) from exc


def _to_srgb(image: Image.Image) -> Image.Image:
    """Return the photo's pixels as plain sRGB, alpha flattened onto white, no profile."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        image = flat
    rgb = image.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(rgb, source, target, outputMode="RGB")
            if converted is not None:
                rgb = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: keep the pixels as they are
    # A fresh image: nothing of the source's info dict (EXIF, XMP, text chunks) comes along.
    fresh = Image.new("RGB", rgb.size)
    fresh.paste(rgb)
    return fresh


def _save(image: Image.Image, dst: Path) -> None:
    if dst.suffix.lower() == ".webp":
        image.save(dst, "WEBP", quality=WEBP_QUALITY, method=4, exif=b"", icc_profile=None)
    else:
        image.save(dst, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=b"", icc_profile=None)


def _too_big() -> str:
    return (
        "This photo is too large for us to take (more than 50 megapixels). "
        "Could you send a smaller copy?"
    )


def _corrupt() -> str:
    return "We couldn't open this photo: the file seems damaged. Could you try another copy?"
