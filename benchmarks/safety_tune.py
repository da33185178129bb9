"""Tune the top of the safety screen's sentence encoder on the labelled asks.

    .venv/bin/pip install -e '.[tune]'            # torch, CPU build (only this script needs it)
    .venv/bin/python benchmarks/safety_tune.py    # writes src/.../safety/data/encoder_top.npz
        [--layers N] [--epochs N] [--categories] [--out PATH]   # to compare other choices
    .venv/bin/python benchmarks/safety_train.py   # then the heads, over the tuned encoder

all-MiniLM-L6-v2 (encoder.py) knows English, not this screen: frozen, its embedding ranks
unsafe asks above fine ones with an AUC of 0.89 on the voices' dev rows. Its bottom two
layers stay as published; the top four are trained for one epoch on the binary label (unsafe
or fine) of the train part (composed rows, written sentences and the voices' train part, the
written ones three times), through a linear probe on the pooled embedding that is then
thrown away. The four tuned layers ship with the app (float16, about 13 MB) and replace the
published ones when the encoder loads; the heads are trained afterwards over the tuned
embedding. It never reads dev, the test part or the fresh set. Seeded: same data, same weights
(up to the CPU's float rounding).

This is the one place torch is used; the app runs the tuned layers in numpy.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from torch import nn  # noqa: E402

from benchmarks.safety_data import DEV_VOICES  # noqa: E402
from benchmarks.safety_train import CLASSES, load, load_voices  # noqa: E402
from rejection.challenges.safety import encoder as published  # noqa: E402

# Four, chosen on the held-out voices' dev rows (the probe's recall at precision 0.95, one
# epoch each): two layers 0.821, four 0.878, six 0.853; four with a category probe beside
# it 0.876; four for two epochs 0.854 (docs/safety.md, round five).
TUNED_LAYERS = 4
EPOCHS = 1
BATCH = 32
LEARNING_RATE = 3e-5  # the encoder's layers: small steps keep what it knows of English
PROBE_RATE = 1e-2
WRITTEN_REPEATS = 3  # a written sentence counts as three composed ones, as in safety_train
SEED = 15


class Layer(nn.Module):
    """One BERT layer with the published weights, as encoder.MiniLM computes it."""

    def __init__(self, weights: dict[str, np.ndarray], index: int) -> None:
        super().__init__()
        prefix = f"encoder.layer.{index}."
        self.query, self.key, self.value, self.out = (nn.Linear(384, 384) for _ in range(4))
        self.up, self.down = nn.Linear(384, 1536), nn.Linear(1536, 384)
        self.norm1, self.norm2 = nn.LayerNorm(384, eps=1e-12), nn.LayerNorm(384, eps=1e-12)
        for module, name in self.named_parts():
            module.weight.data = torch.tensor(weights[f"{prefix}{name}.weight"])
            module.bias.data = torch.tensor(weights[f"{prefix}{name}.bias"])

    def named_parts(self) -> list[tuple[nn.Module, str]]:
        """Each part beside its name in the published weights (and in encoder_top.npz)."""
        return [
            (self.query, "attention.self.query"),
            (self.key, "attention.self.key"),
            (self.value, "attention.self.value"),
            (self.out, "attention.output.dense"),
            (self.norm1, "attention.output.LayerNorm"),
            (self.up, "intermediate.dense"),
            (self.down, "output.dense"),
            (self.norm2, "output.LayerNorm"),
        ]

    def forward(self, x: torch.Tensor, ignore: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape

        def heads(y: torch.Tensor) -> torch.Tensor:
            return y.view(batch, length, 12, 32).transpose(1, 2)

        scores = heads(self.query(x)) @ heads(self.key(x)).transpose(-1, -2) / math.sqrt(32)
        context = (scores + ignore).softmax(-1) @ heads(self.value(x))
        x = self.norm1(x + self.out(context.transpose(1, 2).reshape(batch, length, 384)))
        return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))


class Encoder(nn.Module):
    def __init__(self, weights: dict[str, np.ndarray], tuned_layers: int) -> None:
        super().__init__()
        self.words = torch.tensor(weights["embeddings.word_embeddings.weight"])
        self.positions = torch.tensor(weights["embeddings.position_embeddings.weight"])
        self.segment = torch.tensor(weights["embeddings.token_type_embeddings.weight"][0])
        self.norm = nn.LayerNorm(384, eps=1e-12)
        self.norm.weight.data = torch.tensor(weights["embeddings.LayerNorm.weight"])
        self.norm.bias.data = torch.tensor(weights["embeddings.LayerNorm.bias"])
        self.layers = nn.ModuleList(Layer(weights, i) for i in range(published.LAYERS))
        self.first_tuned = published.LAYERS - tuned_layers

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.norm(self.words[ids] + self.positions[: ids.shape[1]] + self.segment)
        ignore = (1 - mask)[:, None, None, :] * -1e9
        with torch.no_grad():  # the published layers stay as they are
            for layer in self.layers[: self.first_tuned]:
                x = layer(x, ignore)
        for layer in self.layers[self.first_tuned :]:
            x = layer(x, ignore)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return pooled / pooled.norm(dim=1, keepdim=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layers", type=int, default=TUNED_LAYERS, help="top layers to tune")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=published.TUNED_TOP)
    parser.add_argument(
        "--categories", action="store_true", help="also train a category probe (fine + 11)"
    )
    args = parser.parse_args()
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    random.seed(SEED)
    torch.manual_seed(SEED)
    folder = published.model_dir()
    weights = load_file(str(folder / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(published.MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    model = Encoder(weights, args.layers)
    probe = nn.Linear(384, 1)
    for parameter in model.parameters():
        parameter.requires_grad = False
    tuned = [p for layer in model.layers[model.first_tuned :] for p in layer.parameters()]
    for parameter in tuned:
        parameter.requires_grad = True
    steps = torch.optim.AdamW(tuned, lr=LEARNING_RATE, weight_decay=0.01)
    sorter = nn.Linear(384, len(CLASSES))
    probes = [*probe.parameters(), *(sorter.parameters() if args.categories else [])]
    probe_steps = torch.optim.AdamW(probes, lr=PROBE_RATE)

    rows = load("train") + (load("written") + load_voices("train")) * WRITTEN_REPEATS
    unsafe_share = sum(row["label"] == "unsafe" for row in rows) / len(rows)
    class_counts = torch.tensor(
        [sum(_class(row) == kind for row in rows) for kind in CLASSES], dtype=torch.float32
    )
    class_weight = class_counts.sum() / (len(CLASSES) * class_counts.clamp(min=1))
    started = time.time()
    for epoch in range(args.epochs):
        random.shuffle(rows)
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            truth = torch.tensor([float(row["label"] == "unsafe") for row in batch])
            # Each class weighs half, whatever their counts.
            weight = torch.where(truth == 1, 0.5 / unsafe_share, 0.5 / (1 - unsafe_share))
            pooled = _pooled(model, tokenizer, batch)
            logit = probe(pooled).squeeze(1)
            loss = nn.functional.binary_cross_entropy_with_logits(logit, truth, weight=weight)
            if args.categories:
                kinds = torch.tensor([CLASSES.index(_class(row)) for row in batch])
                loss = loss + nn.functional.cross_entropy(
                    sorter(pooled), kinds, weight=class_weight
                )
            steps.zero_grad()
            probe_steps.zero_grad()
            loss.backward()
            steps.step()
            probe_steps.step()
            if (start // BATCH) % 100 == 0:
                print(
                    f"  epoch {epoch + 1} row {start}/{len(rows)} loss {loss.item():.3f}"
                    f" ({time.time() - started:.0f} s)",
                    flush=True,
                )

    saved = {}
    for offset, layer in enumerate(model.layers[model.first_tuned :]):
        prefix = f"encoder.layer.{model.first_tuned + offset}."
        for module, name in layer.named_parts():
            saved[f"{prefix}{name}.weight"] = module.weight.detach().numpy().astype(np.float16)
            saved[f"{prefix}{name}.bias"] = module.bias.detach().numpy().astype(np.float16)
    np.savez_compressed(args.out, **saved)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    print_probe_on_unseen(model, probe, tokenizer)


def _pooled(model: Encoder, tokenizer: Any, rows: list[dict[str, str]]) -> torch.Tensor:
    """The rows' pooled embeddings, x10: unit vectors, at a scale a linear probe can use."""
    encoded = tokenizer.encode_batch([row["text"] for row in rows])
    ids = torch.tensor([e.ids for e in encoded])
    mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.float32)
    return model(ids, mask) * 10


def _class(row: dict[str, str]) -> str:
    return "fine" if row["label"] == "fine" else row["category"]


def print_probe_on_unseen(model: Encoder, probe: nn.Module, tokenizer: Any) -> None:
    """The throwaway probe's recall at precision 0.95 on the dev rows of the voices held out
    whole: a quick reading of the tuning alone, before the heads are refit (safety_train)."""
    rows = [row for row in load_voices("dev") if row["source"] in DEV_VOICES]
    scores = []
    with torch.no_grad():
        for start in range(0, len(rows), 64):
            scores += probe(_pooled(model, tokenizer, rows[start : start + 64])).squeeze(1).tolist()
    truth = np.array([row["label"] == "unsafe" for row in rows])
    order = np.argsort(-np.array(scores))
    hits = np.cumsum(truth[order])
    precision = hits / np.arange(1, len(rows) + 1)
    reachable = hits[precision >= 0.95]
    recall = (reachable.max() if len(reachable) else 0) / truth.sum()
    print(
        f"probe alone on {len(rows)} unseen-voice dev rows: recall at precision 0.95 {recall:.3f}"
    )


if __name__ == "__main__":
    main()
