"""Videos leave as H.264/AAC MP4 with no metadata, and no frame shows a face that was not kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rejection.media.processing import ffmpeg, video
from rejection.media.processing.faces import detect
from rejection.media.processing.sniff import MediaRefused, sniff
from rejection.media.processing.video import (
    Track,
    VideoResult,
    clean_video,
    covering_box,
    frame_at,
    probe,
)

from .clips import moving_faces
from .conftest import leaks, read_tags

LOCATION = "+48.8584+002.2945+035.000/"


@pytest.fixture(scope="module")
def filmed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, VideoResult, Path]:
    """A 1.2 s MOV at 30 fps, two faces, with location atoms, an owner and a camera; cleaned."""
    folder = tmp_path_factory.mktemp("video")
    src = folder / "IMG_0003.MOV"
    truth = moving_faces(
        src,
        fps=30,
        seconds=1.2,
        extra=(
            *("-metadata", f"location={LOCATION}"),
            *("-metadata", f"com.apple.quicktime.location.ISO6709={LOCATION}"),
            *("-metadata", "com.apple.quicktime.make=Apple"),
            *("-metadata", "com.apple.quicktime.model=iPhone 15 Pro"),
            *("-metadata", "com.apple.quicktime.software=17.4"),
            *("-metadata", "artist=Someone Private"),
            *("-movflags", "use_metadata_tags"),
            *("-f", "mov"),
        ),
    )
    progress: list[float] = []
    out = folder / "clean.mp4"
    result = clean_video(src, out, progress=progress.append)
    assert progress[-1] == 1.0
    assert progress == sorted(progress)
    return src, truth, result, out


def test_the_source_really_had_location_and_camera(filmed) -> None:
    src, _, _, _ = filmed
    found = leaks(src)
    assert any("ISO6709" in key or "GPS" in key or "Location" in key for key in found), found
    assert any("Model" in key for key in found), found


def test_the_clean_video_is_an_mp4_with_no_location_or_camera(filmed) -> None:
    _, _, result, out = filmed
    assert sniff(out.read_bytes()[:64]) == "mp4"
    assert leaks(out) == {}
    tags = read_tags(out)
    assert "h264" in str(tags.get("Track1:CompressorID", "")) or "avc1" in str(tags)
    info = probe(out)
    assert (info.width, info.height) == (480, 270)
    assert info.has_audio
    assert abs(info.duration - 1.2) < 0.2
    assert result.info.width == 480


def test_each_face_is_one_track(filmed) -> None:
    _, truth, result, _ = filmed
    assert len(result.tracks) == 2
    for track in result.tracks:
        # Seen on most detection frames (every 30 / DETECT_HZ frames), over the whole clip.
        every = round(30 / video.DETECT_HZ)
        assert len(track.frames) >= 36 // every - 1
        assert track.first <= 3 and track.last >= 30
    walker = min(result.tracks, key=lambda t: t.frames[t.first].x)
    x, y, w, h = truth[0][0]
    assert walker.frames[0].iou(type(walker.frames[0])(x, y, w, h, 1.0)) > 0.3


def test_each_track_has_a_thumbnail_from_the_original(filmed) -> None:
    src, _, result, _ = filmed
    for track in result.tracks:
        frame = frame_at(src, track.best_frame, result.info)
        assert frame is not None and frame.shape == (270, 480, 3)
        box = track.thumbnail.grown(0.3, 480, 270)
        crop = frame[box.y : box.y + box.h, box.x : box.x + box.w]
        assert len(detect(crop)) == 1  # the face itself, unblurred, for its owner to judge


def output_detections(path: Path, width: int, height: int, fps: float) -> dict[int, list]:
    found = {}
    for index, frame in enumerate(ffmpeg.read_frames(path, width, height, fps)):
        if boxes := detect(frame):
            found[index] = boxes
    return found


def test_no_frame_shows_a_face(filmed) -> None:
    _, truth, result, out = filmed
    info = result.info
    assert output_detections(out, info.width, info.height, info.fps) == {}
    # And every true face is inside the blurred region on every frame.
    for index, faces in enumerate(truth):
        for x, y, w, h in faces:
            cx, cy = x + w / 2, y + h / 2
            assert any(
                (box := covering_box(track, index, info.width, info.height))
                and box.x <= cx <= box.x + box.w
                and box.y <= cy <= box.y + box.h
                for track in result.tracks
            ), (index, (x, y, w, h))


def test_a_kept_track_stays_and_only_it(filmed, tmp_path: Path) -> None:
    src, _, result, _ = filmed
    keep = min(result.tracks, key=lambda t: t.frames[t.first].x)  # the one crossing the frame
    stored = [Track.from_dict(track.as_dict()) for track in result.tracks]
    out = tmp_path / "kept.mp4"
    again = clean_video(src, out, keep_tracks={keep.id}, tracks=stored)
    assert [t.as_dict() for t in again.tracks] == [t.as_dict() for t in result.tracks]
    info = again.info
    found = output_detections(out, info.width, info.height, info.fps)
    assert len(found) >= 30  # the kept face is there, frame after frame
    for index, boxes in found.items():
        for box in boxes:
            region = covering_box(keep, index, info.width, info.height)
            assert region is not None and region.iou(box) > 0, (index, box)
    assert leaks(out) == {}


def make(path: Path, *args: str) -> Path:
    subprocess.run(
        [ffmpeg.executable(), "-hide_banner", "-v", "error", "-y", *args, str(path)],
        check=True,
        timeout=60,
    )
    return path


def test_a_webm_without_sound_becomes_an_mp4_with_silent_sound(tmp_path: Path) -> None:
    src = make(
        tmp_path / "in.webm",
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "1"),
        *("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"),
    )
    assert sniff(src.read_bytes()[:512]) == "webm"
    info = probe(src)
    assert not info.has_audio and (info.width, info.height) == (320, 240)
    out = tmp_path / "out.mp4"
    result = clean_video(src, out)
    assert result.tracks == []
    assert probe(out).has_audio


def test_a_rotated_phone_video_is_upright(tmp_path: Path) -> None:
    src = make(
        tmp_path / "turned.mp4",
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "0.5"),
        *("-c:v", "libx264", "-preset", "ultrafast"),
    )
    turned = make(tmp_path / "turned.mov", "-display_rotation", "90", "-i", str(src), "-c", "copy")
    info = probe(turned)
    assert (info.width, info.height) == (240, 320)
    out = tmp_path / "out.mp4"
    clean_video(turned, out)
    assert (probe(out).width, probe(out).height) == (240, 320)


def test_over_ninety_seconds_is_refused(tmp_path: Path) -> None:
    src = make(
        tmp_path / "long.mp4",
        *("-f", "lavfi", "-i", "color=size=32x32:rate=1", "-t", "95"),
        *("-c:v", "libx264", "-preset", "ultrafast"),
    )
    with pytest.raises(MediaRefused) as refused:
        probe(src)
    assert "90 seconds" in refused.value.reason
    with pytest.raises(MediaRefused):
        clean_video(src, tmp_path / "never.mp4")
    assert not (tmp_path / "never.mp4").exists()


def test_corrupt_and_not_a_video_are_refused(tmp_path: Path) -> None:
    whole = make(
        tmp_path / "whole.mp4",
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "1"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-movflags", "+faststart"),
    )
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(whole.read_bytes()[:600])
    garbage = tmp_path / "garbage.mov"
    garbage.write_bytes(b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x17" * 4000)
    photo = tmp_path / "photo.mp4"
    from PIL import Image

    Image.new("RGB", (64, 64)).save(photo, "PNG")
    for path in (broken, garbage, photo):
        with pytest.raises(MediaRefused) as refused:
            probe(path)
        assert refused.value.field == "file"
        assert "damaged" in refused.value.reason
