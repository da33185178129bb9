"""The vertical clip and the story image: 1080x1920, title on top, outcome sticker at the end."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rejection.media.processing import ffmpeg
from rejection.media.processing.clip import (
    HEIGHT,
    STICKER_COLOURS,
    WIDTH,
    bold,
    render_clip,
    render_story,
    sticker_layer,
    title_layer,
    wrap,
)
from rejection.media.processing.sniff import sniff
from rejection.media.processing.video import probe

from .conftest import leaks, read_tags

TITLE = "Rejection Therapy day 07: asking to make my own coffee behind the counter"


def frame(path: Path, at: float) -> np.ndarray:
    out = path.with_suffix(f".{at}.png")
    subprocess.run(
        [
            ffmpeg.executable(),
            "-v",
            "error",
            "-y",
            "-ss",
            str(at),
            "-i",
            str(path),
            "-frames:v",
            "1",
            str(out),
        ],
        check=True,
        timeout=60,
    )
    return np.asarray(Image.open(out).convert("RGB"), dtype=np.int16)


def sticker_shown(pixels: np.ndarray, label: str) -> bool:
    colour = np.array(STICKER_COLOURS[label][0])
    layer = np.asarray(sticker_layer(label))
    # Where the sticker layer is its own opaque colour, the frame must (nearly) show it.
    mask = (layer[..., 3] == 255) & (np.abs(layer[..., :3].astype(int) - colour).sum(-1) < 10)
    return bool(np.abs(pixels[mask] - colour).sum(-1).mean() < 40)


@pytest.mark.parametrize("audio", [True, False], ids=["with-sound", "silent"])
def test_a_landscape_video_becomes_a_vertical_clip(tmp_path: Path, audio: bool) -> None:
    src = tmp_path / "blurred.mp4"
    sound = ["-f", "lavfi", "-i", "sine=frequency=300:duration=2"] if audio else []
    subprocess.run(
        [
            *(ffmpeg.executable(), "-v", "error", "-y"),
            *("-f", "lavfi", "-i", "testsrc=size=320x180:rate=30:duration=2", *sound),
            *("-c:v", "libx264", "-preset", "ultrafast", "-metadata", "location=+48.8+002.2/"),
            str(src),
        ],
        check=True,
        timeout=60,
    )
    out = tmp_path / "clip.mp4"
    render_clip(src, out, title=TITLE, outcome_label="NO")

    assert sniff(out.read_bytes()[:64]) == "mp4"
    info = probe(out)
    assert (info.width, info.height) == (WIDTH, HEIGHT)
    assert info.has_audio  # silent AAC when the video had none: every app expects a track
    assert abs(info.duration - 2.0) < 0.15
    tags = read_tags(out)
    assert (
        "avc1" in str(tags.get("Track1:CompressorID")) and tags.get("Track2:AudioFormat") == "mp4a"
    )
    assert leaks(out) == {}

    start, end = frame(out, 0.2), frame(out, 1.8)
    assert not sticker_shown(start, "NO") and sticker_shown(end, "NO")
    # The title band is dark and its text white, from the first frame.
    band = start[170:200, 80:1000]
    assert band.min() < 60 and band.max() > 230


def test_a_story_image_for_a_photo(tmp_path: Path) -> None:
    photo = tmp_path / "blurred.jpg"
    Image.new("RGB", (1200, 800), (90, 140, 200)).save(photo)
    out = tmp_path / "story.jpg"
    render_story(photo, out, title=TITLE, outcome_label="YES")
    story = Image.open(out)
    assert story.size == (WIDTH, HEIGHT) and story.format == "JPEG"
    assert sticker_shown(np.asarray(story.convert("RGB"), dtype=np.int16), "YES")
    assert leaks(out) == {}


def test_long_titles_wrap_to_four_lines_with_an_ellipsis() -> None:
    font = bold(60)
    lines = wrap("word " * 80 + "Supercalifragilistic" * 5, font, 888)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 888 for line in lines)
    assert wrap("Day 01:  a  hi", font, 888) == ["Day 01: a hi"]


def test_layers_are_full_frame_and_transparent_elsewhere() -> None:
    for layer in (title_layer(TITLE), sticker_layer("no"), sticker_layer("Maybe later")):
        assert layer.size == (WIDTH, HEIGHT) and layer.mode == "RGBA"
        assert np.asarray(layer)[HEIGHT - 10, WIDTH // 2, 3] == 0
