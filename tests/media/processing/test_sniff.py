"""The kind of a file comes from its bytes: a renamed file is what its bytes say it is."""

from __future__ import annotations

import pytest

from rejection.media.processing.sniff import MediaRefused, sniff


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00" * 32


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"\xff\xd8\xff\xe1\x12\x34Exif\x00\x00", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (ftyp(b"heic", b"mif1", b"heic"), "heic"),
        (ftyp(b"mif1", b"mif1", b"heic"), "heic"),
        (ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), "mp4"),
        (ftyp(b"mp42", b"mp42", b"isom"), "mp4"),
        (ftyp(b"qt  ", b"qt  "), "mov"),
        (b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", "mov"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87", "webm"),
    ],
)
def test_kinds_come_from_the_first_bytes(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n",
        b"PK\x03\x04 a zip named photo.jpg",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska",
        ftyp(b"avif", b"avif", b"mif1"),
        ftyp(b"M4A ", b"M4A "),
        b"RIFF\x24\x00\x00\x00WAVEfmt ",
    ],
)
def test_anything_else_is_refused_kindly(head: bytes) -> None:
    with pytest.raises(MediaRefused) as refused:
        sniff(head)
    assert refused.value.field == "file"
    assert "JPEG" in refused.value.reason and "MP4" in refused.value.reason
    assert str(refused.value) == refused.value.reason
