"""Time and memory of media processing: a 12-megapixel photo and a 1080p video, cleaned.

    .venv/bin/python benchmarks/media_speed.py [--seconds 30] [--skip-video]

The photo (4032x3024, faces from scikit-image's photos on a textured scene) and the video
(1920x1080 at 30 fps, two faces moving) are made here. Prints wall time for clean_image,
clean_video and render_clip, the video's speed against real time, and the peak memory of
this process and of the largest ffmpeg child (each job runs both).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def photo(path: Path) -> None:
    from tests.media.processing.clips import scene
    from tests.media.processing.conftest import face_crop

    canvas = scene(4032, 3024, 0)
    for n, (name, size) in enumerate([("astronaut.png", 600), ("camera.png", 300)] * 3):
        face = face_crop(name, size)
        x, y = 200 + n * 620, 400 + (n % 2) * 1200
        canvas[y : y + face.shape[0], x : x + face.shape[1]] = face
    Image.fromarray(canvas).save(path, "JPEG", quality=92)


def video(path: Path, seconds: float) -> None:
    from tests.media.processing.clips import moving_faces

    from rejection.media.processing import ffmpeg

    small = path.with_suffix(".small.mp4")
    moving_faces(small, seconds=seconds, fps=30, width=960, height=540, audio=True)
    # Scaled up by ffmpeg to 1080p: the benchmark's own making stays quick.
    subprocess.run(
        [
            *(ffmpeg.executable(), "-v", "error", "-y", "-i", str(small)),
            *("-vf", "scale=1920:1080", "-c:v", "libx264", "-preset", "ultrafast"),
            *("-c:a", "copy", str(path)),
        ],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--skip-video", action="store_true")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]

    from rejection.media.processing.clip import render_clip
    from rejection.media.processing.faces import detect
    from rejection.media.processing.images import clean_image
    from rejection.media.processing.video import clean_video

    detect(np.zeros((64, 64, 3), dtype=np.uint8))  # the model loads once per worker
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        src = base / "photo.jpg"
        photo(src)
        started = time.perf_counter()
        result = clean_image(src, base / "clean.jpg")
        took = time.perf_counter() - started
        print(f"12 MP photo: {took:.2f} s, {len(result.faces)} faces found (6 placed)")
        print(f"  peak memory: process {peak_mb()[0]:.0f} MB")
        if args.skip_video:
            return
        src = base / "video.mp4"
        video(src, args.seconds)
        started = time.perf_counter()
        cleaned = clean_video(src, base / "clean.mp4")
        took = time.perf_counter() - started
        print(
            f"{args.seconds:.0f} s 1080p video: {took:.1f} s ({args.seconds / took:.2f}x real "
            f"time), {len(cleaned.tracks)} tracks"
        )
        started = time.perf_counter()
        render_clip(
            base / "clean.mp4", base / "clip.mp4", title="Day 07: a test", outcome_label="NO"
        )
        print(f"  vertical clip: {time.perf_counter() - started:.1f} s")
        own, child = peak_mb()
        print(f"  peak memory: process {own:.0f} MB, largest ffmpeg {child:.0f} MB")


if __name__ == "__main__":
    main()
