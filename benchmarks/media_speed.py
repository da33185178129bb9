"""Time and memory of media processing: a 12-megapixel photo and a 1080p video, cleaned.

    .venv/bin/python benchmarks/media_speed.py [--seconds 30] [--skip-video]

The photo (4032x3024, faces from scikit-image's photos on a textured scene) and the video
(1920x1080 at 30 fps, two faces moving) are made here. Prints the time to draw the share card
in every size, then wall time for clean_image, clean_video and render_clip, the video's speed
against real time, and the peak memory of this process and of the largest ffmpeg child (each
job runs both).
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
    """Peak resident memory of this process, and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _rss_mb(pid: str) -> tuple[float, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    now = peak = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            now = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return now, peak


class ChildPeak:
    """Samples, every 0.1 s while it runs, the peak memory of this process's children (the
    ffmpegs) and the peak of this process plus its children together (the whole job)."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self.job_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        import os

        while not self._stop.wait(0.1):
            total = _rss_mb("self")[0]
            for task in os.listdir("/proc/self/task"):
                try:
                    children = Path(f"/proc/self/task/{task}/children").read_text().split()
                except OSError:
                    continue
                for pid in children:
                    try:
                        now, peak = _rss_mb(pid)
                    except OSError:
                        continue
                    self.peak_mb = max(self.peak_mb, peak)
                    total += now
            self.job_mb = max(self.job_mb, total)

    def __enter__(self) -> ChildPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def photo(path: Path) -> None:
    """Make the test photo in a child process, so its making is not in this one's peak memory."""
    subprocess.run([sys.executable, __file__, "--make-photo", str(path)], check=True)


def make_photo(path: Path) -> None:
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
    parser.add_argument("--skip-photo", action="store_true", help="the video job's peak alone")
    parser.add_argument("--skip-clip", action="store_true")
    parser.add_argument("--make-photo", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_photo:
        make_photo(Path(args.make_photo))
        return
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]

    from rejection.media.processing.faces import detect

    detect(np.zeros((64, 64, 3), dtype=np.uint8))  # the model loads once per worker
    run_cards()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        if not args.skip_photo:
            run_photo(base)
        if args.skip_video:
            return
        run_video(base, args.seconds, clip=not args.skip_clip)


def cpu_seconds() -> float:
    """User + system CPU time of this process (all threads) and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_cards() -> None:
    """The share card in every size, after the fonts' first load (was a timed test)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()  # the card's words come through the journal's models

    from rejection.share.cards import SIZES, render_card
    from rejection.share.queries import CardText

    text = CardText(7, "Ask a table of strangers to wave hello to my mum on a call", "rejected", 5)
    render_card(text, "story")  # fonts load once per process
    started = time.perf_counter()
    for size in SIZES:
        render_card(text, size)
    took = (time.perf_counter() - started) * 1000
    print(f"share cards: all {len(SIZES)} sizes in {took:.0f} ms (budget 1,000 ms)")


def run_photo(base: Path) -> None:
    from rejection.media.processing.images import clean_image

    src = base / "photo.jpg"
    photo(src)
    started, cpu = time.perf_counter(), time.process_time()
    result = clean_image(src, base / "clean.jpg")
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"12 MP photo: {took:.2f} s wall, {cpu:.2f} s CPU (all threads), "
        f"{len(result.faces)} faces found (6 placed)"
    )
    print(f"  peak memory: process {peak_mb()[0]:.0f} MB")


def run_video(base: Path, seconds: float, *, clip: bool) -> None:
    from rejection.media.processing.clip import render_clip
    from rejection.media.processing.video import clean_video

    src = base / "video.mp4"
    video(src, seconds)
    started, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = cpu_seconds()
    with ChildPeak() as video_ffmpeg:
        cleaned = clean_video(src, base / "clean.mp4")
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    total = cpu_seconds() - total
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffmpeg_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    print(
        f"{seconds:.0f} s 1080p video: {took:.1f} s wall ({seconds / took:.2f}x "
        f"real time on this machine), CPU {cpu:.1f} s in Python + {ffmpeg_cpu:.1f} s in "
        f"ffmpeg, {len(cleaned.tracks)} tracks"
    )
    print(
        f"  {total / seconds:.2f} CPU-s per video-second: {seconds / (total / 2):.2f}x real "
        f"time on two free cores"
    )
    print(
        f"  peak memory: process {peak_mb()[0]:.0f} MB, largest ffmpeg "
        f"{video_ffmpeg.peak_mb:.0f} MB, whole job (process + ffmpegs at once) "
        f"{video_ffmpeg.job_mb:.0f} MB"
    )
    if not clip:
        return
    started = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ChildPeak() as clip_ffmpeg:
        render_clip(
            base / "clean.mp4", base / "clip.mp4", title="Day 07: a test", outcome_label="NO"
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffmpeg_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    print(
        f"vertical clip: {time.perf_counter() - started:.1f} s wall, {ffmpeg_cpu:.1f} s CPU "
        f"in ffmpeg, ffmpeg peak memory {clip_ffmpeg.peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
