"""Insults and slurs aimed at people: the word list in `data/insults.txt`, read once.

Matching is on the safety screen's normalised text (`challenges.safety.normalise`: accents,
leetspeak, stretched letters and s.p.e.l.l.e.d words undone), whole words only, so a place
called Scunthorpe or a word that merely contains another passes. Slurs are refused wherever
they appear. Name-calling is refused when it is aimed at someone else: a second- or
third-person word comes nearest before it in the same clause ("you're an idiot", "he is
such a loser"), or it stands at the start of a clause ("Idiot."), or "what a"/"such a" calls
someone it. Said of oneself it passes ("I felt like an idiot asking"): naming one's own
nerves is what this practice is for. A denial passes too ("you're not stupid").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rejection.challenges.safety import normalise

LIST = Path(__file__).resolve().parent / "data" / "insults.txt"
KINDS = ("slur", "insult", "always")

REASONS = {
    "slur": "That word is a slur: it hurts people for who they are, so it can't be posted "
    "here. Say what you want to say without it.",
    "insult": "That could land as name-calling. Try saying what you noticed, or what might "
    "help next time.",
    "always": "That wishes someone harm, and it can't be posted here. If you're upset, take a "
    "breath; if someone is in danger, please contact local emergency services.",
}

# Words that point the name-calling at someone else, and at oneself.
OTHERS = frozenset(
    [
        "you",
        "youre",
        "your",
        "yours",
        "yourself",
        "youve",
        "youll",
        "youd",
        "yall",
        "he",
        "hes",
        "him",
        "his",
        "she",
        "shes",
        "her",
        "they",
        "theyre",
        "them",
        "their",
        "guy",
    ]
)
SELF = frozenset(
    [
        "i",
        "im",
        "ive",
        "id",
        "ill",
        "me",
        "my",
        "myself",
        "mine",
        "we",
        "were",
        "us",
        "our",
        "ourselves",
    ]
)
# A denial between the pointer and the word, or before the pointer: "you're not a loser",
# "nobody thinks you're stupid", "don't call yourself an idiot".
DENIAL = frozenset(
    [
        "not",
        "never",
        "no",
        "nobody",
        "noone",
        "arent",
        "isnt",
        "wasnt",
        "werent",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "shouldnt",
        "cant",
        "hardly",
    ]
)
CALLING = re.compile(r"\b(?:what|such|total|complete|absolute|utter|bunch of)\s+(?:an?\s+)?$")
_CLAUSE = re.compile(r"[.!?;,:\n]+|\s-\s|\bbut\b")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Hit:
    kind: str  # "slur", "insult" or "always"
    word: str


@cache
def word_lists() -> dict[str, tuple[str, ...]]:
    """Return the list's words by kind, read from data/insults.txt once per process."""
    lists: dict[str, list[str]] = {kind: [] for kind in KINDS}
    kind = ""
    for raw in LIST.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1]
            if kind not in lists:
                raise ValueError(f"{LIST.name}: unknown section {line}")
            continue
        if not kind:
            raise ValueError(f"{LIST.name}: {line!r} comes before any [section]")
        lists[kind].append(normalise(line))
    return {kind: tuple(words) for kind, words in lists.items()}


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    words = sorted(word_lists()[kind], key=len, reverse=True)
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return re.compile(rf"\b(?:{body})(?:s|es)?\b")


def _aimed_at_someone(clause: str, start: int, end: int) -> bool:
    """Tell whether the name-calling at clause[start:end] is aimed at someone else."""
    before = _WORD.findall(clause[:start])
    after = _WORD.findall(clause[end:])[:3]
    if any(word in DENIAL for word in before):
        return False
    for word in reversed(before[-6:]):
        if word in SELF:
            return False
        if word in OTHERS:
            return True
    if CALLING.search(clause[:start]):
        return True  # "what an idiot", "such a loser"
    if any(word in OTHERS for word in after):
        return True  # "idiots like you", "loser, you"
    # Said on its own or first in a clause: "Idiot.", "Loser, why bother"
    return not before


def insult_hits(text: str) -> list[Hit]:
    """Return what the list finds in `text`: slurs and wishes of harm anywhere, name-calling
    only when aimed at someone else."""
    plain = normalise(text)
    hits: list[Hit] = []
    for kind in ("always", "slur"):
        hits += [Hit(kind, match.group(0)) for match in _pattern(kind).finditer(plain)]
    for clause in _CLAUSE.split(plain):
        for match in _pattern("insult").finditer(clause):
            if _aimed_at_someone(clause, match.start(), match.end()):
                hits.append(Hit("insult", match.group(0)))
    return hits


def insult_reason(text: str) -> tuple[str, str] | None:
    """Return (category, warm reason) for the first thing found in `text`, or None."""
    hits = insult_hits(text)
    if not hits:
        return None
    return hits[0].kind, REASONS[hits[0].kind]
