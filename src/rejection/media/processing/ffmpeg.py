"""The ffmpeg binary that ships inside the imageio-ffmpeg wheel, and frames streamed through pipes.

Frames go through pipes one at a time (raw RGB), so memory stays at a few frames whatever the
length of the video.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

# Generous: a 90 s video re-encoded on a slow shared machine.
TIMEOUT = 15 * 60


@lru_cache(maxsize=1)
def executable() -> str:
    """Return the path of the ffmpeg binary shipped by the imageio-ffmpeg wheel."""
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run(args: Sequence[str], *, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run ffmpeg with args, returning its output (its report is on stderr)."""
    return subprocess.run(
        [executable(), "-hide_banner", "-nostdin", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        check=False,
    )


def read_frames(
    path: str | Path, width: int, height: int, fps: float, *, start: float = 0.0, every: int = 1
) -> Iterator[np.ndarray]:
    """Yield the video's frames as (height, width, 3) RGB arrays at a constant fps (only
    frames 0, every, 2 * every... when every > 1: the others are decoded, never scaled)."""
    select = f"select=not(mod(n\\,{every}))," if every > 1 else ""
    args = [executable(), "-hide_banner", "-nostdin", "-v", "error"]
    if start:
        args += ["-ss", f"{start:.3f}"]
    args += [
        "-i",
        str(path),
        "-map",
        "0:v:0",
        "-vf",
        f"fps={fps:g},{select}scale={width}:{height}:flags=bicubic,setsar=1",
        "-fps_mode",
        "passthrough",
        "-pix_fmt",
        "rgb24",
        "-f",
        "rawvideo",
        "pipe:1",
    ]
    size = width * height * 3
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, bufsize=size)
        assert process.stdout is not None
        try:
            while True:
                chunk = process.stdout.read(size)
                if len(chunk) < size:
                    break
                yield np.frombuffer(chunk, dtype=np.uint8).reshape(height, width, 3)
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()
            process.wait()


class Writer:
    """An ffmpeg that encodes RGB frames written to it (H.264) with the audio of another file."""

    def __init__(self, args: Sequence[str]) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close() or abort())
        self.process = subprocess.Popen(
            [executable(), "-hide_banner", "-nostdin", "-v", "error", "-y", *args],
            stdin=subprocess.PIPE,
            stderr=self._errors,
        )

    def write(self, frame: np.ndarray) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(np.ascontiguousarray(frame).reshape(-1).data)

    def close(self) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        code = self.process.wait(timeout=TIMEOUT)
        self._errors.seek(0)
        report = self._errors.read().decode(errors="replace")
        self._errors.close()
        if code != 0:
            raise RuntimeError(f"ffmpeg failed ({code}): {report[-2000:]}")

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._errors.close()
