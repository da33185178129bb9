"""Measure the safety screen on a split of its labelled asks (the held-out test part by default).

    .venv/bin/python benchmarks/safety.py [--split test|dev|train|voices|composed|fresh*]
                                          [--misses]
    .venv/bin/python benchmarks/safety.py --file other.jsonl   # a list kept outside the repo

`fresh` is a second held-out set (data/fresh.jsonl): 442 whole sentences in everyday phrasing,
written by hand apart from the generator and never used to tune rules or training. Read its
figures; do not print its misses to fix them (that would make it one more training set).
`fresh2` (data/fresh2.jsonl, 509 asks by many kinds of writer, casual and subtle) was written in
round four and read once per final screen (figures only): the same rule holds for it. `fresh3`
(data/fresh3.jsonl, 1,100 asks: 50 unsafe in every category and 550 fine, by two writers who
saw nothing else: travellers abroad, and sales and networking hustlers) came in round six and
is read the same way; so is `fresh4` (data/fresh4.jsonl, round seven, 1,100 asks: 25 unsafe in
every category from each of two more writers, university students and small-town and rural
people, and 550 fine), and `fresh5` (round eight, 1,114 asks by two more: memes and irony,
and hobby clubs), and `fresh6` (round nine, 1,100 asks: weddings and parties, and new
arrivals).

Prints, for the combined screen and for each layer alone: unsafe precision and recall; then per
category the recall (the share of that category's unsafe asks the screen stops), the share it
stops under the right category, and the precision of the category it names; then the time to
screen one text and the memory the screen adds to the process (the classifier's model, loaded).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


FRESH = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")


def split_rows(split: str) -> list[dict[str, str]]:
    """A part of the labelled asks. train, dev and test hold the composed rows and the voices'
    rows of that part; `composed` and `voices` are the test part's two halves; fresh is fresh."""
    from benchmarks.safety_data import voice_part, voice_rows
    from rejection.challenges.safety import model

    def composed(part: str) -> list[dict[str, str]]:
        path = model.DATA / f"{part}.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    part = "test" if split == "voices" else split
    voices = [row for row in voice_rows() if voice_part(row["text"], row["source"]) == part]
    if split in FRESH:
        return composed(split)
    if split == "voices":
        return voices
    if split == "composed":
        return composed("test")
    return composed(split) + voices


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split",
        default="test",
        choices=["train", "dev", "test", "voices", "composed", *FRESH],
    )
    parser.add_argument(
        "--file",
        type=Path,
        help="score this JSONL file instead of a split (rows: text, label fine/unsafe, "
        "category): a list written elsewhere, never seen by the screen",
    )
    parser.add_argument("--misses", action="store_true", help="print what each side got wrong")
    args = parser.parse_args()

    before = _rss_mb()
    started = time.perf_counter()
    from rejection.challenges.safety import model, screen_text
    from rejection.challenges.safety.rules import rule_codes

    model.warm()
    screen_text("Ask for a free refill")
    load_s = time.perf_counter() - started
    added = _rss_mb() - before

    if args.file:
        lines = args.file.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    else:
        rows = split_rows(args.split)
    named = str(args.file) if args.file else f"split {args.split}"
    timings = []
    results = []
    for row in rows:
        t0 = time.perf_counter()
        screen = screen_text(row["text"])
        timings.append((time.perf_counter() - t0) * 1000)
        results.append(screen)

    truth = [row["label"] == "unsafe" for row in rows]

    def pr(said: list[bool]) -> tuple[float, float, int, int]:
        tp = sum(s and t for s, t in zip(said, truth, strict=True))
        fp = sum(s and not t for s, t in zip(said, truth, strict=True))
        return tp / max(tp + fp, 1), tp / max(sum(truth), 1), tp, fp

    combined = [not s.ok for s in results]
    by_rules = [bool(rule_codes(row["text"])) for row in rows]
    by_model = [s.score >= model.hold_at() for s in results]
    print(f"{named}: {len(rows)} asks, {sum(truth)} unsafe, {len(rows) - sum(truth)} fine")
    for name, said in (("combined", combined), ("rules", by_rules), ("classifier", by_model)):
        p, r, tp, fp = pr(said)
        print(f"  {name:<11} precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp})")
    held = sum(s.held for s in results)
    print(f"  held for review (rules passed, classifier doubted): {held}")

    print(f"\n  {'category':<14} {'asks':>5} {'recall':>7} {'right cat':>10} {'cat prec':>9}")
    named = Counter(s.category for s in results if not s.ok)
    for category in sorted({row["category"] for row in rows if row["label"] == "unsafe"}):
        mine = [(row, s) for row, s in zip(rows, results, strict=True)]
        asks = [(row, s) for row, s in mine if row["label"] == "unsafe"]
        asks = [(row, s) for row, s in asks if row["category"] == category]
        stopped = sum(not s.ok for _, s in asks)
        right = sum(category in s.codes for _, s in asks)
        correct_named = sum(
            1
            for row, s in mine
            if not s.ok
            and s.category == category
            and row["label"] == "unsafe"
            and row["category"] == category
        )
        cat_prec = correct_named / max(named[category], 1)
        print(
            f"  {category:<14} {len(asks):>5} {stopped / len(asks):>7.3f}"
            f" {right / len(asks):>10.3f} {cat_prec:>9.3f}"
        )

    fine_rows = [(row, s) for row, s in zip(rows, results, strict=True) if row["label"] == "fine"]
    print("\n  fine asks stopped, by kind:")
    for kind in sorted({row["category"] for row, _ in fine_rows}):
        group = [s for row, s in fine_rows if row["category"] == kind]
        print(f"    {kind:<10} {sum(not s.ok for s in group):>4} of {len(group)}")

    timings.sort()
    print(
        f"\n  time to screen one text: median {statistics.median(timings):.2f} ms,"
        f" p95 {timings[int(len(timings) * 0.95)]:.2f} ms, max {timings[-1]:.2f} ms"
    )
    print(f"  first load (model + head): {load_s:.2f} s; added process memory {added:.0f} MB")

    if args.misses:
        print("\n  missed unsafe:")
        for row, s in zip(rows, results, strict=True):
            if row["label"] == "unsafe" and s.ok:
                print(f"    [{row['category']}] {s.score:.2f} {row['text']}")
        print("\n  stopped fine:")
        for row, s in zip(rows, results, strict=True):
            if row["label"] == "fine" and not s.ok:
                how = "held" if s.held else "rule"
                print(f"    [{row['category']}] {how} {s.category} {s.score:.2f} {row['text']}")


if __name__ == "__main__":
    main()
