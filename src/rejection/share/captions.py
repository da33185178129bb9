"""Captions in the style people post with: "Rejection Therapy day 07: asking …" and hashtags."""

from __future__ import annotations

import re

from rejection.journal.models import Outcome
from rejection.share.queries import CardText

BRAND = "Rejection Therapy"
BASE_HASHTAGS = ("rejectiontherapy", "comfortzone", "rejectionchallenge")
# Keyed by str, so plain values from the database look up the same entries.
OUTCOME_HASHTAG: dict[str, str] = {
    Outcome.REJECTED: "gotano",
    Outcome.NO_RESPONSE: "gotano",
    Outcome.ACCEPTED: "theysaidyes",
    Outcome.PARTIAL: "theysaidyes",
    Outcome.PENDING: "fingerscrossed",
    Outcome.AVOIDED: "tryagaintomorrow",
}
# Warm words for each outcome; a no is the win, and not asking is never shamed.
OUTCOME_WORDS: dict[str, str] = {
    Outcome.REJECTED: "They said no, and that's the win.",
    Outcome.NO_RESPONSE: "No answer at all, which counts as a no, and that's the win.",
    Outcome.ACCEPTED: "They said yes! People say yes more often than we expect.",
    Outcome.PARTIAL: "Half a yes, and I'd never have got it without asking.",
    Outcome.PENDING: "The answer is still on its way.",
    Outcome.AVOIDED: "I didn't ask this time, and that's OK. Tomorrow is a fresh card.",
}
# "Ask …", "Asked …" and "Asking …" all become "asking …".
ASK_VERB = re.compile(r"^(?:ask|asked|asking)\s+(?=\S)", re.IGNORECASE)


def default_hashtags(outcome: str) -> list[str]:
    """Return the hashtags a caption starts with: the trend's own, plus one for the outcome."""
    extra = OUTCOME_HASHTAG.get(outcome)
    return [*BASE_HASHTAGS, *([extra] if extra else [])]


def _lower_first(text: str) -> str:
    """Lower-case the first letter, unless the first word is "I" or looks like an acronym."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def ask_phrase(title: str) -> str:
    """Turn an ask's title into the "asking …" phrase a caption uses."""
    text = " ".join(title.split()).rstrip(".").strip()
    if not text:
        return "asking for something"
    rest = ASK_VERB.sub("", text, count=1)
    if rest != text:
        return f"asking {_lower_first(rest)}"
    return f"asking: {_lower_first(text)}"


def day_label(day: int) -> str:
    """Return "day 07": two digits as creators write it, more when the day needs them."""
    return f"day {day:02d}"


def caption_for(text: CardText, hashtags: list[str] | None = None) -> str:
    """Write the caption: the headline, the outcome in warm words, then the hashtags."""
    headline = f"{BRAND} {day_label(text.day)}" if text.day else BRAND
    tags = hashtags if hashtags is not None else default_hashtags(text.outcome)
    words = OUTCOME_WORDS.get(text.outcome, "")
    parts = [f"{headline}: {ask_phrase(text.ask)}", words, " ".join(f"#{tag}" for tag in tags)]
    return "\n\n".join(part for part in parts if part)
