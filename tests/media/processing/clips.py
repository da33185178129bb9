"""Small test videos made in the tests: faces from scikit-image's photos moving over a scene."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rejection.media.processing import ffmpeg

from .conftest import face_crop


def scene(width: int, height: int, index: int) -> np.ndarray:
    """A textured background that changes a little each frame (as a real one does)."""
    ys, xs = np.mgrid[0:height, 0:width]
    base = 120 + 40 * np.sin((xs + 3 * index) / 37.0) * np.cos(ys / 53.0)
    frame = np.repeat(base[..., None], 3, axis=2)
    frame[..., 2] += 25
    return np.clip(frame, 0, 255).astype(np.uint8)


def moving_faces(
    path: Path,
    *,
    seconds: float = 2.0,
    fps: int = 15,
    width: int = 480,
    height: int = 270,
    audio: bool = True,
    extra: tuple[str, ...] = (),
) -> list[list[tuple[int, int, int, int]]]:
    """Write a video of two faces (one crossing the frame, one still); return their boxes."""
    walker = face_crop("astronaut.png", 84)
    sitter = face_crop("camera.png", 72)
    frames = round(seconds * fps)
    args = [
        ffmpeg.executable(), "-hide_banner", "-v", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps),
        "-i", "pipe:0",
    ]  # fmt: skip
    if audio:
        args += ["-f", "lavfi", "-t", f"{seconds}", "-i", "sine=frequency=330:sample_rate=44100"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-shortest"]
    args += [*extra, str(path)]
    import subprocess

    truth = []
    with subprocess.Popen(args, stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        for index in range(frames):
            frame = scene(width, height, index)
            x = int(20 + (width - walker.shape[1] - 40) * index / max(1, frames - 1))
            y = 40 + int(20 * np.sin(index / 4))
            frame[y : y + walker.shape[0], x : x + walker.shape[1]] = walker
            sx, sy = width - sitter.shape[1] - 30, height - sitter.shape[0] - 20
            frame[sy : sy + sitter.shape[0], sx : sx + sitter.shape[1]] = sitter
            truth.append(
                [
                    (x, y, walker.shape[1], walker.shape[0]),
                    (sx, sy, sitter.shape[1], sitter.shape[0]),
                ]
            )
            process.stdin.write(frame.tobytes())
        process.stdin.close()
        assert process.wait() == 0
    return truth
