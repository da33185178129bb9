"""Train the safety classifier's heads over the tuned encoder; pick the threshold on dev.

    .venv/bin/python benchmarks/safety_tune.py             # first, the encoder's top layers
    .venv/bin/python benchmarks/safety_train.py            # rewrites head.npz, neighbours.npz
    .venv/bin/python benchmarks/safety_train.py --measure  # only print the dev figures

Training text: the composed train split, plus the hand-written whole sentences of
`written.jsonl` and the train part of the voices in `voices/` (everyday phrasing, weighed
up, each also typed roughly a few ways). Two logistic regressions in numpy (full batch, Adam,
L2) over the features of rejection.challenges.safety.model: a binary one (unsafe or fine)
and a multinomial one (fine or each category) that names the category of a held text. The
score blends the binary head's probability (HEAD_SHARE) with the text's nearest neighbours'
share of unsafe asks (model.neighbour_share): the memory is every training ask as written (not
its rough typings), embedded, and whether it is unsafe. K, SHARPNESS and HEAD_SHARE were
chosen on the held-out dev voices (docs/safety.md, round twelve). It never reads the test part
(composed or voices) or the fresh set.
The threshold for holding a text is the one that keeps the smaller of the combined screen's
precision and recall (rules, then classifier) highest over the dev rows of the voices held out
whole (safety_data.DEV_VOICES), the better F1 breaking a tie: writers neither the encoder's
tuning nor the heads have seen, as a new person's wording is. Both targets are 0.95; until
round ten the rule was the best F1 with precision >= 0.95, which parked dev precision at its
floor, spent the slack on recall and left the test part's precision just under it. (Chosen
on a dev part cut from the same writers as train, the threshold promised 0.97 and gave 0.93
on six new writers.) Same data, same seed, same weights.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import random  # noqa: E402

from benchmarks.safety_data import DEV_VOICES, _rough, voice_part, voice_rows  # noqa: E402
from rejection.challenges.safety import model  # noqa: E402
from rejection.challenges.safety.encoder import DIM  # noqa: E402
from rejection.challenges.safety.rules import normalise, rule_codes  # noqa: E402

K = 5  # the closest training asks that have a say in a text's score
SHARPNESS = 20.0  # a closer ask weighs more: exp(20 x cosine)
HEAD_SHARE = 0.7  # of the score; the neighbours have the rest (round twelve)
WRITTEN_WEIGHT = 3.0  # a whole written sentence counts as much as three composed ones
ROUGH_COPIES = 3  # and is also typed roughly this many ways

CATEGORIES = (
    "illegal",
    "touch",
    "deception",
    "minors",
    "pressure",
    "worker",
    "filming",
    "sexual",
    "hate",
    "stunts",
    "personal_data",
)
CLASSES = ("fine", *CATEGORIES)


def load(part: str) -> list[dict[str, str]]:
    path = model.DATA / f"{part}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def load_voices(part: str) -> list[dict[str, str]]:
    """The whole sentences written in other voices (data/voices/), in `part` of their split."""
    return [row for row in voice_rows() if voice_part(row["text"], row["source"]) == part]


def matrix(rows: list[dict[str, str]]) -> np.ndarray:
    texts = [row["text"] for row in rows]
    return model.features(texts, [normalise(text) for text in texts])


def targets(rows: list[dict[str, str]]) -> np.ndarray:
    return np.array([0 if r["label"] == "fine" else CLASSES.index(r["category"]) for r in rows])


def roughened(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each written row, then a few rough typings of it (same label), in a fixed order."""
    rng = random.Random(15)
    out = []
    for row in rows:
        out.append(row)
        out += [{**row, "text": _rough(row["text"], rng)} for _ in range(ROUGH_COPIES)]
    return out


def train(
    x: np.ndarray, y: np.ndarray, extra: np.ndarray, epochs: int = 400, l2: float = 1e-3
) -> tuple:
    rng = np.random.default_rng(15)
    n, d = x.shape
    k = len(CLASSES)
    w = (rng.standard_normal((d, k)) * 0.001).astype(np.float32)
    b = np.zeros(k, dtype=np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    # Weigh the classes evenly: fine asks outnumber each unsafe category.
    counts = np.bincount(y, minlength=k).astype(np.float32)
    sample_w = (n / (k * np.maximum(counts, 1)))[y][:, None] * extra[:, None]
    sample_w[y == 0] *= 2.0  # and fine as much as a few categories: precision matters
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = ((p - onehot) * sample_w / n).astype(np.float32)
        g_w = x.T @ grad + l2 * w
        g_b = grad.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        w -= lr * (m_w / (1 - beta1**t)) / (np.sqrt(v_w / (1 - beta2**t)) + eps)
        b -= lr * (m_b / (1 - beta1**t)) / (np.sqrt(v_b / (1 - beta2**t)) + eps)
    return w, b


def train_binary(
    x: np.ndarray, y: np.ndarray, extra: np.ndarray, epochs: int = 300, l2: float = 1e-3
) -> tuple:
    n, d = x.shape
    w = np.zeros(d, dtype=np.float32)
    b = np.float32(0.0)
    pos = float(y.mean())
    sample_w = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos)).astype(np.float32) * extra
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = ((p - y) * sample_w / n).astype(np.float32)  # float64 here would copy x each step
        g_w = x.T @ grad + l2 * w
        g_b = float(grad.sum())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        w -= lr * (m_w / (1 - beta1**t)) / (np.sqrt(v_w / (1 - beta2**t)) + eps)
        b -= lr * (m_b / (1 - beta1**t)) / (np.sqrt(v_b / (1 - beta2**t)) + eps)
    return w, float(b)


def combined(rows: list[dict[str, str]], unsafe: np.ndarray, hold: float) -> np.ndarray:
    ruled = np.array([bool(rule_codes(r["text"])) for r in rows])
    return ruled | (unsafe >= hold)


def is_written(row: dict[str, str]) -> bool:
    """A whole sentence written by hand (written.jsonl or a voice), not composed from parts."""
    source = row.get("source", "")
    return source == "written" or source.startswith("voice:")


def fit(rows: list[dict[str, str]], x: np.ndarray, categories: bool = True) -> tuple:
    """Train the heads on rows whose features are x (written rows weigh WRITTEN_WEIGHT)."""
    y = targets(rows)
    extra = np.array([WRITTEN_WEIGHT if is_written(r) else 1.0 for r in rows])
    extra = extra.astype(np.float32)
    w = b = None
    if categories:  # the costly one: only for the head that ships
        w, b = train(x, y, extra)
        w, b = w.astype(np.float16).astype(np.float32), b.astype(np.float16).astype(np.float32)
    uw, ub = train_binary(x, (y > 0).astype(np.float32), extra)
    return w, b, uw.astype(np.float16).astype(np.float32), ub


def probability(x: np.ndarray, uw: np.ndarray, ub: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ uw + ub)))


def report(name: str, rows: list[dict[str, str]], unsafe: np.ndarray, hold: float) -> None:
    truth = np.array([r["label"] == "unsafe" for r in rows])
    for label, said in (("classifier", unsafe >= hold), ("combined", combined(rows, unsafe, hold))):
        tp = int((said & truth).sum())
        print(
            f"  {name} {label}: precision {tp / max(int(said.sum()), 1):.3f}"
            f" recall {tp / max(int(truth.sum()), 1):.3f} (held {int(said.sum())})"
        )


def choose(rows: list[dict[str, str]], unsafe: np.ndarray) -> float:
    """The hold threshold: the smaller of precision and recall at its highest, then F1."""
    truth = np.array([r["label"] == "unsafe" for r in rows])
    best, best_key = 0.99, (-1.0, -1.0)
    for hundredths in range(30, 100):  # exact hundredths: the threshold tried is the one saved
        hold = hundredths / 100
        said = combined(rows, unsafe, hold)
        tp = int((said & truth).sum())
        precision = tp / max(int(said.sum()), 1)
        recall = tp / max(int(truth.sum()), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        key = (round(min(precision, recall), 9), round(f1, 9))
        if key > best_key:
            best, best_key = hold, key
    return best


def memory(rows: list[dict[str, str]], x: np.ndarray) -> model.Neighbours:
    """The neighbours' memory as it ships: each ask's embedding in float16, and its label."""
    return model.Neighbours(
        embeddings=x[:, :DIM].astype(np.float16).astype(np.float32),
        unsafe=(targets(rows) > 0).astype(np.float32),
        k=K,
        sharpness=SHARPNESS,
        head_share=HEAD_SHARE,
        hold_at=1.0,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", action="store_true", help="measure only, write nothing")
    args = parser.parse_args()
    base, dev_rows = load("train"), load("dev") + load_voices("dev")
    more = roughened(load("written") + load_voices("train"))
    base_x, more_x = matrix(base), matrix(more)
    w, b, uw, ub = fit(base + more, np.vstack([base_x, more_x]))
    # The memory: every training ask as written; `roughened` puts each before its typings.
    as_written = slice(None, None, ROUGH_COPIES + 1)
    remembered = memory(base + more[as_written], np.vstack([base_x, more_x[as_written]]))
    dev_x = matrix(dev_rows)
    dev_unsafe = HEAD_SHARE * probability(dev_x, uw, ub)
    dev_unsafe += (1.0 - HEAD_SHARE) * model.neighbour_share(dev_x, remembered)
    unseen = np.array([row["source"] in DEV_VOICES for row in dev_rows])
    unseen_rows = [row for row, new in zip(dev_rows, unseen, strict=True) if new]
    best = choose(unseen_rows, dev_unsafe[unseen])
    print(f"hold at {best} (chosen on {len(unseen_rows)} dev rows of voices never trained on)")
    report("dev, unseen voices", unseen_rows, dev_unsafe[unseen], best)
    report("dev, all", dev_rows, dev_unsafe, best)
    if args.measure:
        return
    np.savez_compressed(
        model.HEAD,
        weights=w.astype(np.float16),
        bias=b.astype(np.float16),
        classes=np.array(CLASSES),
        unsafe_weights=uw.astype(np.float16),
        unsafe_bias=np.array(ub),
    )
    np.savez_compressed(
        model.NEIGHBOURS,
        embeddings=remembered.embeddings.astype(np.float16),
        unsafe=remembered.unsafe.astype(np.uint8),
        k=np.array(K),
        sharpness=np.array(SHARPNESS),
        head_share=np.array(HEAD_SHARE),
        hold_at=np.array(best),
    )
    for path in (model.HEAD, model.NEIGHBOURS):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
