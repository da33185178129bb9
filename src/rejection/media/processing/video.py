"""Check and clean videos: refuse what is broken or longer than 90 s, then re-encode to H.264/AAC
MP4 with every face blurred in every frame unless its track was kept, and no metadata at all.

Two passes over pipes, never the whole video in memory:
1. detection: frames at a small size go through the detector; boxes are linked into tracks
   (a person moving through the shot is one track, one thumbnail, one "keep" choice);
2. rendering: full-size frames get every unkept track's box blurred. Each track is stretched
   in time (a few frames before its first and after its last sighting) and in space (its box
   grown, and joined with its boxes in the neighbouring frames), so a face that the detector
   missed for a frame or two, or that moved between two sightings, is still covered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from . import ffmpeg
from .faces import Box, detect
from .images import blur_region
from .sniff import MediaRefused

MAX_SECONDS = 90.0
MAX_FPS = 30.0
# Output frames are at most this on their long side (a 1080p or 4K phone video becomes
# 720p): the budgets (real time, 600 MB a job) do not hold at 1080p on two cores
# (docs/media.md); the clip is scaled to 1080x1920 from it.
MAX_SIDE = 1280
# Detection sees frames at most this on their long side, about this many times a second;
# boxes in between are interpolated, and the stretching below covers the motion between two
# sightings (faces move little in 0.2 s). Lower than for photos (faces.MAX_SIDE) so a 30 s
# 1080p video is cleaned in about real time on two cores: a 24 px face in the 720p output
# reaches the detector at 12 px, CenterFace's limit (found about two times in three; 40 px
# faces are). Recall at this size: docs/media.md (benchmarks/faces.py, "centerface at video
# detection size").
DETECT_SIDE = 640
DETECT_HZ = 5.0
# Tracks: a box joins a track seen this many frames ago at most, if they overlap enough.
MAX_GAP = 18
MATCH_IOU = 0.15
# How far a track is stretched: frames before and after, and neighbouring frames joined
# (one sighting either side at 5 Hz and 30 fps).
PAD_FRAMES = 12
JOIN_FRAMES = 6
# Face boxes in video are grown more than in photos: motion blur, a turning head.
VIDEO_MARGIN = 0.5
DETECT_SHARE = 0.45  # of the progress bar, for the detection pass

# ffmpeg's names for the containers we take (MP4 and MOV share one demuxer, as do the WebM
# and Matroska ones); a photo or a GIF also decodes as "video" and is refused here.
CONTAINERS = {"mov", "mp4", "webm", "matroska"}

Progress = Callable[[float], None]


@dataclass
class VideoInfo:
    """What a video is: length in seconds, upright frame size, whether it has sound, its rate."""

    duration: float
    width: int
    height: int
    has_audio: bool
    fps: float = MAX_FPS


@dataclass
class Track:
    """One face followed through the video: its box at each frame it was seen (output pixels)."""

    id: int
    frames: dict[int, Box] = field(default_factory=dict)

    @property
    def best_frame(self) -> int:
        """The frame where the detector was surest: where the owner sees this face to decide."""
        return max(self.frames, key=lambda index: (self.frames[index].score, -index))

    @property
    def thumbnail(self) -> Box:
        return self.frames[self.best_frame]

    @property
    def first(self) -> int:
        return min(self.frames)

    @property
    def last(self) -> int:
        return max(self.frames)

    def box_at(self, index: int) -> Box | None:
        """The track's box at a frame: seen, interpolated between sightings, or held at its ends
        for PAD_FRAMES; None when the face is not in the video then."""
        if index < self.first - PAD_FRAMES or index > self.last + PAD_FRAMES:
            return None
        if index in self.frames:
            return self.frames[index]
        before = [i for i in self.frames if i < index]
        after = [i for i in self.frames if i > index]
        if not before or not after:
            # Before the first or after the last sighting: carried on along the face's last
            # motion (a face leaving the shot keeps moving), from its two nearest sightings.
            ends = sorted(after)[:2] if not before else sorted(before)[-2:]
            if len(ends) < 2:
                return self.frames[ends[0]]
            a, b = ends
        else:
            a, b = max(before), min(after)
        t = (index - a) / (b - a)
        one, two = self.frames[a], self.frames[b]
        if t < 0 or t > 1:  # carried on: it moves, its size is the larger one's
            w, h = max(one.w, two.w), max(one.h, two.h)
            cx = one.x + one.w / 2 + (two.x + two.w / 2 - one.x - one.w / 2) * t
            cy = one.y + one.h / 2 + (two.y + two.h / 2 - one.y - one.h / 2) * t
            return Box(round(cx - w / 2), round(cy - h / 2), w, h, min(one.score, two.score))
        return Box(
            round(one.x + (two.x - one.x) * t),
            round(one.y + (two.y - one.y) * t),
            round(one.w + (two.w - one.w) * t),
            round(one.h + (two.h - one.h) * t),
            min(one.score, two.score),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "frames": {str(i): b.as_dict() for i, b in self.frames.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Track:
        frames = {int(i): Box.from_dict(b) for i, b in data["frames"].items()}
        return cls(int(data["id"]), frames)


@dataclass
class VideoResult:
    """The clean video's info and every face track found (ids are what keep_tracks names)."""

    info: VideoInfo
    tracks: list[Track] = field(default_factory=list)


def probe(path: str | Path) -> VideoInfo:
    """Tell a video's length, size and sound, or refuse one that is corrupt or over 90 s."""
    report = ffmpeg.run(
        ["-i", str(path), "-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"], timeout=120
    )
    text = report.stderr
    container = re.search(r"Input #0, ([\w,]+), from", text)
    if container is None or not set(container.group(1).split(",")) & CONTAINERS:
        raise MediaRefused("file", _corrupt())
    video = re.search(r"Stream #\S+.*?: Video: .*?(\d{2,5})x(\d{2,5})", text)
    # ffmpeg's progress lines may say "frame=0" while it works: the last one counts.
    decoded = re.findall(r"frame=\s*(\d+)", text)
    if report.returncode != 0 or video is None or not decoded or decoded[-1] == "0":
        raise MediaRefused("file", _corrupt())
    width, height = int(video.group(1)), int(video.group(2))
    rotation = re.search(r"rotation of (-?[\d.]+) degrees", text)
    if rotation and round(abs(float(rotation.group(1)))) % 180 == 90:
        width, height = height, width
    rate = re.search(r"([\d.]+) fps", video.group(0) + text[video.end() : video.end() + 200])
    fps = float(rate.group(1)) if rate else MAX_FPS
    duration = _duration(text) or _decoded_duration(path)
    if duration is None:
        raise MediaRefused("file", _corrupt())
    if duration > MAX_SECONDS + 0.5:
        raise MediaRefused(
            "file",
            f"This video is {round(duration)} seconds long; we take up to 90 seconds. "
            "Could you trim it to the moment of the ask?",
        )
    has_audio = re.search(r"Stream #\S+.*?: Audio: ", text) is not None
    return VideoInfo(round(duration, 3), width, height, has_audio, min(fps, MAX_FPS) or MAX_FPS)


def clean_video(
    src: str | Path,
    dst: str | Path,
    *,
    keep_tracks: Collection[int] = frozenset(),
    tracks: list[Track] | None = None,
    progress: Progress | None = None,
) -> VideoResult:
    """Write src as an H.264/AAC MP4 with no metadata and every face blurred but kept tracks'.

    Tracks are found unless given (those of an earlier run on the same file, to re-render
    after the owner keeps a face); progress, if given, is called with fractions up to 1.0.
    """
    info = probe(src)
    width, height = output_size(info.width, info.height)
    total = max(1, math.ceil(info.duration * info.fps))
    report = progress or (lambda fraction: None)
    if tracks is None:
        tracks = find_tracks(src, info, width, height, lambda f: report(f * DETECT_SHARE))
        start = DETECT_SHARE
    else:
        start = 0.0
    hidden = [track for track in tracks if track.id not in keep_tracks]
    writer = ffmpeg.Writer(_encode_args(src, dst, width, height, info))
    try:
        for index, frame in enumerate(ffmpeg.read_frames(src, width, height, info.fps)):
            writer.write(blur_frame(frame, index, hidden))
            if index % 15 == 0:
                report(start + (1 - start) * min(1.0, index / total))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    report(1.0)
    return VideoResult(VideoInfo(info.duration, width, height, True, info.fps), tracks)


def output_size(width: int, height: int) -> tuple[int, int]:
    """The clean video's frame size: at most MAX_SIDE on its long side, both sides even."""
    factor = min(1.0, MAX_SIDE / max(width, height))
    return _even(width * factor), _even(height * factor)


def find_tracks(
    src: str | Path, info: VideoInfo, width: int, height: int, progress: Progress
) -> list[Track]:
    """Detect faces on every frame (at detection size) and link them into tracks."""
    factor = min(1.0, DETECT_SIDE / max(width, height))
    small_w, small_h = _even(width * factor), _even(height * factor)
    sx, sy = width / small_w, height / small_h
    total = max(1, math.ceil(info.duration * info.fps))
    every = max(1, round(info.fps / DETECT_HZ))
    linker = _Linker()
    frames = ffmpeg.read_frames(src, small_w, small_h, info.fps, every=every)
    for step, frame in enumerate(frames):
        index = step * every
        linker.add(index, [box.scaled(sx, sy) for box in detect(frame)])
        if step % 5 == 0:
            progress(min(1.0, index / total))
    progress(1.0)
    return linker.tracks


def blur_frame(frame: np.ndarray, index: int, hidden: list[Track]) -> np.ndarray:
    """Return the frame with every hidden track's stretched box blurred (only the boxes are
    copied through Pillow, not the whole frame)."""
    height, width = frame.shape[:2]
    boxes = [box for track in hidden if (box := covering_box(track, index, width, height))]
    if not boxes:
        return frame
    out = np.array(frame)  # the decoder's frame is read-only
    for box in boxes:
        if box.w < 2 or box.h < 2:
            continue
        region = out[box.y : box.y + box.h, box.x : box.x + box.w]
        patch = Image.fromarray(region)
        blur_region(patch, Box(0, 0, box.w, box.h, 1.0), margin=0)
        region[...] = np.asarray(patch)
    return out


def covering_box(track: Track, index: int, width: int, height: int) -> Box | None:
    """The region to blur for a track at a frame: its boxes near that frame, joined and grown."""
    near = [
        box
        for offset in range(-JOIN_FRAMES, JOIN_FRAMES + 1)
        if (box := track.box_at(index + offset)) is not None
    ]
    if not near:
        return None
    x0 = min(b.x for b in near)
    y0 = min(b.y for b in near)
    x1 = max(b.x + b.w for b in near)
    y1 = max(b.y + b.h for b in near)
    side = max(b.w for b in near)
    joined = Box(x0, y0, x1 - x0, y1 - y0, 1.0)
    # Grown by a share of the face's own size, not of the joined box (which motion widens).
    margin_x = VIDEO_MARGIN * side / max(1, joined.w)
    return joined.grown(margin_x, width, height)


def frame_at(path: str | Path, index: int, info: VideoInfo) -> np.ndarray | None:
    """Return frame index of the video at its clean size (the original's pixels, for a
    thumbnail the owner looks at to decide whether to keep a face)."""
    width, height = output_size(info.width, info.height)
    start = max(0.0, index / info.fps - 1.0)
    skip = index - round(start * info.fps)
    for n, frame in enumerate(ffmpeg.read_frames(path, width, height, info.fps, start=start)):
        if n >= skip:
            return frame.copy()
    return None


class _Linker:
    """Greedy tracking: each new box joins the best-overlapping recent track, or starts one."""

    def __init__(self) -> None:
        self.tracks: list[Track] = []

    def add(self, index: int, boxes: list[Box]) -> None:
        live = [t for t in self.tracks if index - t.last <= MAX_GAP]
        taken: set[int] = set()
        for box in sorted(boxes, key=lambda b: -b.score):
            best, best_score = None, 0.0
            for track in live:
                if track.id in taken:
                    continue
                score = _affinity(track.frames[track.last], box, index - track.last)
                if score > best_score:
                    best, best_score = track, score
            if best is None:
                best = Track(len(self.tracks))
                self.tracks.append(best)
            best.frames[index] = box
            taken.add(best.id)


def _affinity(last: Box, box: Box, gap: int = 3) -> float:
    iou = last.iou(box)
    if iou >= MATCH_IOU:
        return 1.0 + iou
    # Fast motion: no overlap, but the centre moved less than the face's size.
    (ax, ay), (bx, by) = last.centre, box.centre
    distance = math.hypot(ax - bx, ay - by)
    # Allowed to move about its own size per 0.1 s (sightings are 0.2 s apart).
    size = max(last.w, last.h, box.w, box.h) * max(1.0, gap / 3)
    ratio = max(last.w, box.w) / max(1, min(last.w, box.w))
    if distance < size and ratio < 2:
        return 1.0 - distance / size
    return 0.0


def _encode_args(
    src: str | Path, dst: str | Path, width: int, height: int, info: VideoInfo
) -> list[str]:
    audio_in = ["-i", str(src)] if info.has_audio else _silence()
    audio_map = "1:a:0" if info.has_audio else "1:a"
    return [
        *("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"),
        *("-r", f"{info.fps:g}", "-i", "pipe:0"),
        *audio_in,
        *("-map", "0:v:0", "-map", audio_map),
        *ENCODE_VIDEO,
        *ENCODE_AUDIO,
        # Not -shortest: it buffers ahead of the slower input, growing with the video's length
        # (554 MB for a 10 s 1080p encode, 365 MB without it).
        *("-t", f"{info.duration:.3f}"),
        *STRIP_METADATA,
        str(dst),
    ]


def _silence() -> list[str]:
    return ["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]


ENCODE_VIDEO = (
    *("-c:v", "libx264", "-preset", "veryfast", "-crf", "23"),
    *("-pix_fmt", "yuv420p", "-profile:v", "high", "-threads", "2"),
)
ENCODE_AUDIO = ("-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2")
# No global, stream or chapter metadata from any input; no encoder names; an MP4 that starts
# playing before it has fully downloaded.
STRIP_METADATA = (
    *("-map_metadata", "-1", "-map_metadata:s", "-1", "-map_chapters", "-1"),
    *("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"),
    *("-movflags", "+faststart", "-f", "mp4"),
)


def _duration(text: str) -> float | None:
    found = re.search(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)", text)
    if not found:
        return None
    hours, minutes, seconds = found.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _decoded_duration(path: str | Path) -> float | None:
    """Read the whole stream (copying, not decoding) when the container states no length."""
    text = ffmpeg.run(["-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"]).stderr
    times = re.findall(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)", text)
    if not times:
        return None
    hours, minutes, seconds = times[-1]
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def _corrupt() -> str:
    return "We couldn't play this video: the file seems damaged. Could you try another copy?"
