"""The words the pages use for outcomes and after-logging messages, kept in one place."""

from __future__ import annotations

from typing import Any

from rejection.journal.models import Outcome

# (short label, one-line hint) for each outcome tile. Keyed by str so plain values
# from the database or a template look up the same entries as Outcome members.
OUTCOME_HINTS: dict[str, str] = {
    Outcome.REJECTED: "They said no. That's the win.",
    Outcome.NO_RESPONSE: "Silence or ignored. Counts as a no.",
    Outcome.PARTIAL: "A counter-offer or half a yes.",
    Outcome.ACCEPTED: "They said yes.",
    Outcome.PENDING: "The answer comes later.",
    Outcome.AVOIDED: "Didn't go through with it. That's OK.",
    "in_progress": "Started; say how it went when it's over.",  # issue 12's before-and-after log
}
# The word is the Outcome choice's label, so every page and the API say the same word.
OUTCOME_TILES: dict[str, tuple[str, str]] = {
    value: (str(label), OUTCOME_HINTS.get(value, "")) for value, label in Outcome.choices
}


def outcome_label(value: str) -> str:
    return OUTCOME_TILES.get(value, (value, ""))[0]


def _streak(days: int) -> str:
    return f"Streak: {days} day{'s' if days != 1 else ''}."


def logged_message(outcome: str, points: int, streak: int) -> str:
    """Return the warm line shown after an ask is saved; a no is celebrated most."""
    earned = f"+{points} point{'s' if points != 1 else ''}."
    if outcome == Outcome.REJECTED:
        return f"A no! That's the win. {earned} {_streak(streak)}"
    if outcome == Outcome.NO_RESPONSE:
        return f"Silence counts as a no, and a no is the win. {earned} {_streak(streak)}"
    if outcome == Outcome.ACCEPTED:
        return f"A yes! People say yes more often than we expect. {earned} {_streak(streak)}"
    if outcome == Outcome.PARTIAL:
        return f"Half a yes is still an answer you asked for. {earned} {_streak(streak)}"
    if outcome == Outcome.PENDING:
        return "Saved. When the answer comes, record it from your journal."
    if outcome == Outcome.IN_PROGRESS:
        return "Nerves and prediction saved. Go and ask; then tell Today how it went."
    return "Noted. Showing up to think about it counts for something; tomorrow is a fresh card."


def resolved_message(outcome: str, points: int) -> str:
    if outcome in (Outcome.REJECTED, Outcome.NO_RESPONSE):
        return f"The answer is in: a no. That's the win. +{points} points."
    if outcome == Outcome.AVOIDED:
        return "Updated. No harm done; tomorrow is a fresh card."
    return f"The answer is in. Thanks for asking. +{points} point{'s' if points != 1 else ''}."


def percent(value: Any) -> int | None:
    """Turn a 0-1 ratio into a whole percentage, or None when there is nothing yet."""
    return None if value is None else round(value * 100)


# The celebration after a logged ask: (headline, line) by kind (practice.celebration).
CELEBRATION: dict[str, tuple[str, str]] = {
    "no": (
        "A no. That's the win.",
        "You asked anyway, and you heard it. Each no makes the next ask lighter.",
    ),
    "yes": (
        "You asked, and they said yes!",
        "People say yes far more often than we expect. Asking was the brave part.",
    ),
    "waiting": (
        "You asked. Now the answer is theirs.",
        "When it comes, record it from your journal.",
    ),
    "avoided": (
        "Not this time, and that's all right.",
        "Noticing the fear is part of the practice. Be kind to yourself; "
        "tomorrow brings a fresh card.",
    ),
}


def prediction_line(predicted: int, kind: str, before: bool) -> str:
    """Set the chance of a no someone expected against what happened."""
    who = "Before you asked, you" if before else "You"
    guess = f"{who} put the chance of a no at {predicted}%."
    if kind == "no":
        return f"{guess} It was a no, and you asked anyway."
    if predicted >= 50:
        return f"{guess} It was a yes: the fear guessed wrong."
    return f"{guess} It was a yes, as you thought."
