"""What a file is, told by its first bytes and never by its name or the browser's word for it.

A phone names a HEIC photo "IMG_0042.JPG" and a browser may call a MOV "video/mp4"; a file
renamed to look like a photo may be anything. The first few hundred bytes settle it.
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["jpeg", "png", "webp", "heic", "mp4", "mov", "webm"]
KINDS: tuple[str, ...] = get_args(Kind)
IMAGE_KINDS = frozenset({"jpeg", "png", "webp", "heic"})
VIDEO_KINDS = frozenset({"mp4", "mov", "webm"})
# Enough for every signature below, the WebM doctype included.
HEAD_BYTES = 512

# ISO base media brands (the "ftyp" box). HEIF stills first: an iPhone photo is "heic".
HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
MOV_BRANDS = frozenset({b"qt  "})
MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp4v",
        b"avc1", b"M4V ", b"M4VH", b"M4VP", b"MSNV", b"dash", b"3gp4", b"3gp5", b"3gp6",
        b"3g2a", b"f4v ", b"XAVC", b"CAEP",
    }
)  # fmt: skip
# Old QuickTime files may open with one of these atoms instead of "ftyp".
QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})

ACCEPTED = "a photo (JPEG, PNG, WebP or HEIC) or a short video (MP4, MOV or WebM)"


class MediaRefused(Exception):
    """A file we will not keep, with the field to blame and a reason a person can act on."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason

    def __repr__(self) -> str:
        return f"MediaRefused({self.field!r}, {self.reason!r})"


def sniff(head: bytes) -> Kind:
    """Name the kind of media the bytes start, or refuse anything we do not take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # Matroska and WebM share the EBML header; only the doctype tells them apart.
        if b"\x42\x82\x84webm" in head[:HEAD_BYTES]:
            return "webm"
        raise MediaRefused("file", _unsupported())
    kind = _iso_kind(head)
    if kind is not None:
        return kind
    raise MediaRefused("file", _unsupported())


def _iso_kind(head: bytes) -> Kind | None:
    if len(head) < 12:
        return None
    box = head[4:8]
    if box in QUICKTIME_ATOMS:
        return "mov"
    if box != b"ftyp":
        return None
    size = int.from_bytes(head[:4], "big")
    major = head[8:12]
    # The major brand, then the compatible brands listed in the rest of the box.
    end = min(max(size, 16), len(head))
    brands = [major] + [head[i : i + 4] for i in range(16, end - 3, 4)]
    if major in (b"avif", b"avis") or (b"avif" in brands and b"heic" not in brands):
        return None  # AVIF is not one we take (yet), though it shares HEIF's box
    if major in HEIF_BRANDS or (b"heic" in brands and major not in MP4_BRANDS | MOV_BRANDS):
        return "heic"
    if major in MOV_BRANDS:
        return "mov"
    if major in MP4_BRANDS or any(brand in MP4_BRANDS for brand in brands):
        return "mp4"
    if b"qt  " in brands:
        return "mov"
    return None


def _unsupported() -> str:
    return f"We couldn't recognise this file. Please choose {ACCEPTED}."
