"""Photos leave with no metadata and every face blurred unless kept; bad files are refused."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from rejection.media.processing.faces import Box, detect
from rejection.media.processing.images import check_image, clean_image
from rejection.media.processing.sniff import MediaRefused, sniff

from .conftest import face_crop, leaks, read_tags, write_tags

GPS = (
    "-GPSLatitude=48.8584",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=2.2945",
    "-GPSLongitudeRef=E",
)
XMP_GPS = (
    "-XMP-exif:GPSLatitude=48.8584 N",
    "-XMP-exif:GPSLongitude=2.2945 E",
)
CAMERA = (
    "-Make=Canon",
    "-Model=Canon EOS 5D Mark IV",
    "-SerialNumber=0123456789",
    "-LensSerialNumber=LENS-42",
    "-BodySerialNumber=BODY-42",
    "-Artist=Someone Private",
    "-XMP-dc:Creator=Someone Private",
    "-XMP-aux:SerialNumber=0123456789",
    "-DateTimeOriginal=2026:01:02 03:04:05",
)


def two_faces(width: int = 640, height: int = 400) -> np.ndarray:
    """A grey scene with two faces from scikit-image's photos, side by side."""
    scene = np.full((height, width, 3), 170, dtype=np.uint8)
    first = face_crop("astronaut.png", 180)
    second = face_crop("camera.png", 160)
    scene[60 : 60 + first.shape[0], 60 : 60 + first.shape[1]] = first
    scene[80 : 80 + second.shape[0], 380 : 380 + second.shape[1]] = second
    return scene


def with_maker_note(image: Image.Image) -> bytes:
    exif = image.getexif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D Mark IV"
    exif.get_ifd(0x8769)[0x927C] = b"Canon\x00SERIAL0123456789" + b"\x00" * 16
    exif.get_ifd(0x8769)[0xA431] = "0123456789"
    return exif.tobytes()


@pytest.fixture
def tagged_jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "IMG_0001.JPG"
    image = Image.fromarray(two_faces())
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", exif=with_maker_note(image), icc_profile=srgb)
    write_tags(path, *GPS, *XMP_GPS, *CAMERA, "-Orientation#=6")
    return path


def test_a_jpeg_loses_gps_serials_xmp_and_maker_notes(tagged_jpeg: Path, tmp_path: Path) -> None:
    before = leaks(tagged_jpeg)
    assert any("GPS" in key for key in before), before
    assert any("MakerNote" in key or "Serial" in key for key in before), before
    assert any(key.startswith("XMP") for key in before), before

    out = tmp_path / "clean.jpg"
    result = clean_image(tagged_jpeg, out)

    assert leaks(out) == {}
    assert sniff(out.read_bytes()[:64]) == "jpeg"
    # Orientation 6 (turned 90 degrees) was applied to the pixels, then forgotten.
    assert (result.width, result.height) == (400, 640)
    assert "IFD0:Orientation" not in read_tags(out)


def test_a_webp_destination_is_webp_and_clean(tagged_jpeg: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.webp"
    clean_image(tagged_jpeg, out)
    assert sniff(out.read_bytes()[:64]) == "webp"
    assert leaks(out) == {}


def test_a_heic_is_read_and_leaves_clean(tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    path = tmp_path / "IMG_0002.HEIC"
    image = Image.fromarray(two_faces())
    image.save(path, "HEIF", exif=with_maker_note(image), quality=80)
    write_tags(path, *GPS, "-Make=Apple", "-Model=iPhone 15")
    assert sniff(path.read_bytes()[:64]) == "heic"
    assert any("GPS" in key for key in leaks(path))

    out = tmp_path / "clean.jpg"
    result = clean_image(path, out)
    assert leaks(out) == {}
    assert len(result.faces) == 2


def test_png_text_chunks_and_exif_are_gone(tmp_path: Path) -> None:
    path = tmp_path / "shot.png"
    info = PngInfo()
    info.add_text("Comment", "taken at 12 Rue Example")
    info.add_itxt("Location", "48.8584, 2.2945")
    info.add_text("Author", "Someone Private")
    Image.fromarray(two_faces()).save(path, "PNG", pnginfo=info)
    write_tags(path, *GPS, *XMP_GPS)
    assert leaks(path)

    out = tmp_path / "clean.jpg"
    clean_image(path, out)
    assert leaks(out) == {}


def test_every_face_is_blurred_past_finding_unless_kept(tmp_path: Path) -> None:
    path = tmp_path / "two.png"
    Image.fromarray(two_faces()).save(path)
    found = detect(two_faces())
    assert len(found) == 2

    out = tmp_path / "blurred.jpg"
    result = clean_image(path, out)
    assert result.faces == found
    assert detect(np.asarray(Image.open(out).convert("RGB"))) == []

    # Keeping face 0 (by its index) leaves it findable and the other one gone.
    kept = tmp_path / "kept.jpg"
    clean_image(path, kept, keep={0}, faces=result.faces)
    again = detect(np.asarray(Image.open(kept).convert("RGB")))
    assert len(again) == 1
    assert again[0].iou(found[0]) > 0.5


def test_the_blurred_face_holds_too_little_to_restore(tmp_path: Path) -> None:
    path = tmp_path / "one.png"
    Image.fromarray(two_faces()).save(path)
    out = tmp_path / "out.png.jpg"
    result = clean_image(path, out)
    box = result.faces[0]
    pixels = np.asarray(Image.open(out).convert("L"), dtype=np.float32)
    face = pixels[box.y : box.y + box.h, box.x : box.x + box.w]
    original = np.asarray(Image.fromarray(two_faces()).convert("L"), dtype=np.float32)
    source = original[box.y : box.y + box.h, box.x : box.x + box.w]
    # Fine detail (the differences between neighbouring pixels) is gone, not just softened.
    assert np.abs(np.diff(face, axis=1)).mean() < 0.2 * np.abs(np.diff(source, axis=1)).mean()


def test_given_boxes_are_used_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "plain.png"
    Image.new("RGB", (200, 100), (250, 250, 250)).save(path)
    out = tmp_path / "out.jpg"
    boxes = [Box(10, 10, 40, 40, 1.0)]
    assert clean_image(path, out, faces=boxes).faces == boxes


def test_a_corrupt_photo_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    whole = tmp_path / "whole.jpg"
    Image.fromarray(two_faces()).save(whole, "JPEG")
    path.write_bytes(whole.read_bytes()[:1500])
    with pytest.raises(MediaRefused) as refused:
        check_image(path)
    assert refused.value.field == "file"
    assert "damaged" in refused.value.reason
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(MediaRefused):
        clean_image(garbage, tmp_path / "never.jpg")
    assert not (tmp_path / "never.jpg").exists()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height: a decompression bomb's opening."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [(8000, 6500), (30000, 30000), (100000, 100000)],
    ids=["52-megapixels", "bomb-900MP", "bomb-10GP"],
)
def test_huge_photos_and_bombs_are_refused(tmp_path: Path, width: int, height: int) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(width, height))
    assert path.stat().st_size < 200
    with pytest.raises(MediaRefused) as refused:
        check_image(path)
    assert "50 megapixels" in refused.value.reason


def test_fifty_megapixels_exactly_is_fine_to_open(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.new("RGB", (5000, 2000), (10, 20, 30)).save(path, compress_level=1)  # 10 MP
    check_image(path)


def test_a_corrupt_heic_is_refused(tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    whole = tmp_path / "whole.heic"
    Image.fromarray(two_faces()).save(whole, "HEIF", quality=60)
    broken = tmp_path / "broken.heic"
    broken.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    assert sniff(broken.read_bytes()[:64]) == "heic"
    with pytest.raises(MediaRefused):
        check_image(broken)
