"""Measure the insults and slurs check on sentences written after it was built (held out).

    .venv/bin/python benchmarks/insults.py

The rules in `community/insults.py` were written against the examples in
tests/community/test_insults.py; these sentences were written afterwards and never used to
tune them, so the figures say how the check does on text it has not seen. docs/community.md
quotes them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rejection.community.insults import insult_hits  # noqa: E402

REFUSE = [
    "lol you're such a loser for even trying",
    "honestly what a pathetic ask",
    "he sounds like a total creep",
    "Shut it, moron",
    "ur pathetic",
    "you're ugly and everyone can see it",
    "you dumbass, they obviously said no",
    "Typical idiot move",
    "only a coward would log that",
    "your so stupid lmao",
    "they must think you're a freak",
    "stop being such a wimp, you loser",
]
PASS = [
    "I'm a total coward about phone calls, so this inspires me",
    "Felt dumb asking the waiter the same thing, but it worked",
    "You're no loser, you asked!",
    "The shop's return policy is just stupid",
    "Ha, I'd feel like a clown doing that, respect",
    "Useless advice from me: smile first",
    "Nobody's an idiot for being nervous",
    "We were so pathetic at this on day one and look at us now",
    "Great ask. The manager sounds like he had a rough day",
    "My dumb brain said no but I did it anyway",
    "Creepy quiet shop? Brave to ask there",
    "Moron-proof tip: ask for the manager by name",
]


def main() -> None:
    missed = [text for text in REFUSE if not insult_hits(text)]
    stopped = [text for text in PASS if insult_hits(text)]
    print(f"refused {len(REFUSE) - len(missed)} of {len(REFUSE)}; missed: {missed}")
    print(f"stopped {len(stopped)} of {len(PASS)} that should pass: {stopped}")
    comment = "So brave, well asked! " * 45  # about the longest comment (1,000 characters)
    insult_hits(comment)
    started = time.perf_counter()
    for _ in range(200):
        insult_hits(comment)
    print(f"one 1,000-character comment: {(time.perf_counter() - started) * 5:.2f} ms")


if __name__ == "__main__":
    main()
