"""The safety screen for text people write: rules with reasons, then a classifier's second look.

`screen_text(*texts)` is the one entry point. Layer (a), the rules in `rules.py`, refuses what
crosses a line and says which, warmly. Layer (b), the classifier in `model.py`, scores every
text; a text the rules pass but the classifier doubts is *held*: still the author's to use
privately, but not suggested by the coach or shared until a moderator has looked (layer (c),
the moderation queue in the admin, which records the decision).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rejection.challenges.safety import model
from rejection.challenges.safety.rules import REASONS, normalise, rule_hits
from rejection.core.errors import Unacceptable

__all__ = ["REASONS", "Screen", "normalise", "refuse_unsafe", "screen_challenge", "screen_text"]


@dataclass(frozen=True)
class Screen:
    """The combined verdict: ok, or the categories crossed with one plain reason each.

    `held` is true when no rule fired but the classifier doubts the text: it is not ok, and its
    category and reason are the classifier's best guess, for a moderator to confirm.
    """

    ok: bool
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    score: float = 0.0
    held: bool = False

    @property
    def category(self) -> str:
        return self.codes[0] if self.codes else ""

    @property
    def reason(self) -> str:
        return self.reasons[0] if self.reasons else ""

    @property
    def rule(self) -> str:
        """What fired, for the moderation queue: a rule's code, the classifier, or nothing."""
        if self.held:
            return "classifier"
        return ", ".join(self.codes)


def screen_text(*texts: str) -> Screen:
    """Check the texts against every rule and the classifier; the same texts, the same answer."""
    texts = tuple(text or "" for text in texts)
    hits = rule_hits(*texts)
    joined = " \n ".join(text for text in texts if text.strip())
    scored = model.score(joined, normalise(joined))
    if hits:
        codes = [code for code, _ in hits]
        return Screen(False, [reason for _, reason in hits], codes, scored.unsafe)
    if scored.unsafe >= model.hold_at():
        code = scored.category
        return Screen(False, [REASONS[code]], [code], scored.unsafe, held=True)
    return Screen(True, [], [], scored.unsafe)


def screen_challenge(title: str, script: str = "", where: str = "") -> Screen:
    """Screen a challenge's title, what to say and where."""
    return screen_text(title, script, where)


def refuse_unsafe(field: str, *texts: str) -> None:
    """Refuse, naming `field`, text that a rule of the screen stops; otherwise return.

    For text that reaches other people at once (a display name, an ask shared with friends or
    in public, a comment): raises `Unacceptable` (422) with the warm reason of the gravest
    category crossed and that category. Only a rule refuses outright: a text that only the
    classifier doubts (`held`) returns normally, since there is no one to ask at the moment of
    posting and a false alarm would silence a kind text; callers that can hold an item for
    review read `screen_text` instead. The verdict is the rules' part of `screen_text`'s, without
    loading the classifier.
    """
    hits = rule_hits(*(text or "" for text in texts))
    if hits:
        code, reason = hits[0]
        raise Unacceptable(field, reason, code)
