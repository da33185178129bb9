"""The vertical clip people post ("Rejection Therapy day 07: ..."), and the story image for a photo.

Text is drawn by Pillow (DejaVu from Debian's fonts-dejavu-core when installed, Pillow's own
font otherwise) onto transparent 1080x1920 layers; ffmpeg lays them over the video with its
overlay filter, the outcome sticker only over the last 1.5 seconds. The input is always the
blurred video or photo, never the original.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from . import ffmpeg
from .images import open_checked
from .video import ENCODE_AUDIO, ENCODE_VIDEO, STRIP_METADATA, probe

WIDTH, HEIGHT = 1080, 1920
FPS = 30
STICKER_SECONDS = 1.5
TITLE_TOP = 150
TITLE_SIZE = 60
TITLE_LINES = 4
SIDE = 72
STICKER_SIZE = 230
# The sticker's colours: a "no" is not a failure, so it gets a warm coral, not alarm red.
STICKER_COLOURS = {
    "NO": ((255, 107, 87), (255, 255, 255)),
    "YES": ((48, 164, 108), (255, 255, 255)),
}
OTHER_COLOURS = ((255, 209, 102), (33, 33, 33))
BOLD_FONTS = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def render_clip(video_path: str | Path, dst: str | Path, *, title: str, outcome_label: str) -> None:
    """Write a 1080x1920 H.264/AAC MP4: the video fitted to 9:16 over a blurred fill of
    itself, the title at the top, the outcome as a sticker over the last 1.5 seconds."""
    info = probe(video_path)
    start = max(0.0, info.duration - STICKER_SECONDS)
    with tempfile.TemporaryDirectory(prefix="clip-") as folder:
        title_png = Path(folder) / "title.png"
        sticker_png = Path(folder) / "sticker.png"
        title_layer(title).save(title_png)
        sticker_layer(outcome_label).save(sticker_png)
        graph = ";".join(
            [
                f"[0:v]fps={FPS},setsar=1,split[a][b]",
                f"[a]scale={WIDTH // 4}:{HEIGHT // 4}:force_original_aspect_ratio=increase,"
                f"crop={WIDTH // 4}:{HEIGHT // 4},boxblur=12:2,scale={WIDTH}:{HEIGHT},"
                "eq=brightness=-0.18:saturation=0.8[bg]",
                f"[b]scale={WIDTH}:{HEIGHT}:force_original_aspect_ratio=decrease,"
                "scale=trunc(iw/2)*2:trunc(ih/2)*2[fg]",
                "[bg][fg]overlay=(W-w)/2:(H-h)/2[base]",
                "[base][1:v]overlay=0:0[titled]",
                f"[titled][2:v]overlay=0:0:enable='gte(t,{start:.3f})',setsar=1,format=yuv420p[out]",
            ]
        )
        audio = ["-map", "0:a:0"] if info.has_audio else ["-map", "3:a"]
        silence = [] if info.has_audio else _silence()
        report = ffmpeg.run(
            [
                "-y",
                *("-i", str(video_path), "-i", str(title_png), "-i", str(sticker_png)),
                *silence,
                *("-filter_complex", graph, "-map", "[out]", *audio),
                *ENCODE_VIDEO,
                *ENCODE_AUDIO,
                *("-t", f"{info.duration:.3f}"),
                *STRIP_METADATA,
                str(dst),
            ]
        )
    if report.returncode != 0:
        raise RuntimeError(f"ffmpeg could not render the clip: {report.stderr[-2000:]}")


def render_story(
    image_path: str | Path, dst: str | Path, *, title: str, outcome_label: str
) -> None:
    """Write a 1080x1920 story image (JPEG, or PNG/WebP by dst's suffix) with the clip's overlay."""
    with open_checked(image_path) as source:
        photo = ImageOps.exif_transpose(source).convert("RGB")
    fill = ImageOps.fit(photo.resize((WIDTH // 8, HEIGHT // 8)), (WIDTH // 8, HEIGHT // 8))
    fill = fill.filter(ImageFilter.GaussianBlur(6)).resize((WIDTH, HEIGHT))
    canvas = Image.blend(fill, Image.new("RGB", fill.size, (0, 0, 0)), 0.25).convert("RGBA")
    fitted = ImageOps.contain(photo, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    canvas.paste(fitted, ((WIDTH - fitted.width) // 2, (HEIGHT - fitted.height) // 2))
    canvas.alpha_composite(title_layer(title))
    canvas.alpha_composite(sticker_layer(outcome_label))
    out = Image.frombytes("RGB", canvas.size, canvas.convert("RGB").tobytes())
    suffix = Path(dst).suffix.lower()
    if suffix == ".png":
        out.save(dst, "PNG")
    elif suffix == ".webp":
        out.save(dst, "WEBP", quality=88)
    else:
        out.save(dst, "JPEG", quality=90)


def title_layer(title: str) -> Image.Image:
    """A transparent 1080x1920 layer with the title on a dark band at the top."""
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = bold(TITLE_SIZE)
    lines = wrap(" ".join(title.split()), font, WIDTH - 2 * SIDE - 48)
    line_height = round(TITLE_SIZE * 1.25)
    band = (SIDE - 24, TITLE_TOP - 28, WIDTH - SIDE + 24, TITLE_TOP + len(lines) * line_height + 20)
    draw.rounded_rectangle(band, radius=28, fill=(20, 20, 24, 200))
    for n, line in enumerate(lines):
        draw.text((SIDE, TITLE_TOP + n * line_height), line, font=font, fill=(255, 255, 255, 255))
    return layer


def sticker_layer(outcome_label: str) -> Image.Image:
    """A transparent 1080x1920 layer with the outcome as a tilted sticker below the middle."""
    label = " ".join(outcome_label.split()).upper()[:14] or "?"
    background, ink = STICKER_COLOURS.get(label, OTHER_COLOURS)
    size = STICKER_SIZE if len(label) <= 3 else max(90, STICKER_SIZE * 3 // len(label))
    font = bold(size)
    left, top, right, bottom = font.getbbox(label)
    pad_x, pad_y = size // 3, size // 5
    sticker = Image.new("RGBA", (right - left + 2 * pad_x, bottom - top + 2 * pad_y), (0, 0, 0, 0))
    draw = ImageDraw.Draw(sticker)
    draw.rounded_rectangle(
        (0, 0, sticker.width - 1, sticker.height - 1),
        radius=size // 4,
        fill=(*background, 255),
        outline=(255, 255, 255, 255),
        width=max(6, size // 20),
    )
    draw.text((pad_x - left, pad_y - top), label, font=font, fill=(*ink, 255))
    tilted = sticker.rotate(8, resample=Image.Resampling.BICUBIC, expand=True)
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    layer.alpha_composite(
        tilted, ((WIDTH - tilted.width) // 2, HEIGHT * 2 // 3 - tilted.height // 2)
    )
    return layer


def wrap(text: str, font: Any, width: int) -> list[str]:
    """Split text into at most TITLE_LINES lines that fit width, the last ending in an ellipsis
    if the text runs longer."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
            while font.getlength(current) > width and len(current) > 1:  # one very long word
                cut = _fit(current, font, width)
                lines.append(current[:cut])
                current = current[cut:]
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > TITLE_LINES:
        last = lines[TITLE_LINES - 1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: TITLE_LINES - 1], last.rstrip() + "…"]
    return lines


def _fit(text: str, font: Any, width: int) -> int:
    for cut in range(len(text), 0, -1):
        if font.getlength(text[:cut]) <= width:
            return cut
    return 1


@lru_cache(maxsize=8)
def bold(size: int) -> Any:
    """DejaVu Sans Bold at size when installed, else Pillow's own scalable font."""
    for name in BOLD_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _silence() -> list[str]:
    return ["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]
