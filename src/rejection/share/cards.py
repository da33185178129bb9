"""Share cards drawn with Pillow: a story (1080x1920) and a square (1080x1080) PNG.

A card is drawn from a CardText only (day, ask, outcome, streak), so nothing else about
the user can reach the picture. Fonts come from Pillow's bundled scalable font, so no
system font is needed; without FreeType the bitmap default is used instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rejection.journal.models import Outcome
from rejection.share.fonts import BUNDLED, face, pick_font
from rejection.share.queries import CardText

if TYPE_CHECKING:
    from PIL import ImageDraw

# Each outcome's two colours, from the design system's tokens (web/static/css/app.css):
# a deep one (white text reads on it) and a bright one (reads on the night background).
OUTCOME_COLOURS: dict[str, tuple[str, str]] = {
    Outcome.REJECTED: ("#b4400f", "#f29a6b"),
    Outcome.NO_RESPONSE: ("#8a2f4f", "#f08db0"),
    Outcome.PARTIAL: ("#7a5a00", "#e8c25a"),
    Outcome.ACCEPTED: ("#0d5c55", "#62c6b9"),
    Outcome.PENDING: ("#4a2d7a", "#c3aef0"),
    Outcome.AVOIDED: ("#4a423a", "#d3c9be"),
    "in_progress": ("#4a2d7a", "#c3aef0"),  # started, not finished (shared like pending)
}
NIGHT = "#15120f"
PAPER = "#fffaf3"
INK = "#1f1b16"


@dataclass(frozen=True)
class Theme:
    """How a card is coloured: the background, the text, the outcome word and the mark."""

    label: str
    background: str  # "deep", "bright" (the outcome's colours) or a colour
    text: str
    word: str
    mark: str


THEMES: dict[str, Theme] = {
    # Full bleed in the outcome's colour, white type: the one that stops a scroll.
    "bold": Theme("Bold", "deep", "#ffffff", "#ffffff", "#ffffff"),
    # Paper with the outcome's colour for the word and the day.
    "paper": Theme("Paper", PAPER, INK, "deep", "deep"),
    # Night: near black with the outcome's bright colour.
    "night": Theme("Night", NIGHT, "#f3ede6", "bright", "bright"),
}
DEFAULT_THEME = "bold"


def _colour(choice: str, outcome: str) -> str:
    deep, bright = OUTCOME_COLOURS.get(outcome, (INK, "#f3ede6"))
    return {"deep": deep, "bright": bright}.get(choice, choice)


def outcome_word(outcome: str) -> str:
    """Return the card's big word: the outcome's label (the one vocabulary), in capitals."""
    try:
        return str(Outcome(outcome).label).upper()
    except ValueError:
        return outcome.upper()


ELLIPSIS = "…"


@dataclass(frozen=True)
class Spec:
    width: int
    height: int
    margin: int
    day: int  # font sizes, in pixels
    ask_max: int
    ask_min: int
    outcome_max: int
    streak: int
    mark: int
    gap: int  # between blocks


SIZES = {
    "story": Spec(1080, 1920, 96, 240, 144, 56, 400, 60, 44, 80),
    "square": Spec(1080, 1080, 80, 150, 84, 36, 210, 44, 34, 44),
}


def font(size: int, name: str = BUNDLED) -> Any:
    """Return a font at size: the bundled one unless a fallback was picked for the text."""
    return face(name, size) or face(BUNDLED, size)


def _width(typeface: Any, text: str) -> float:
    return typeface.getlength(text) if text else 0.0


def _line_height(typeface: Any) -> int:
    ascent, descent = typeface.getmetrics()
    return int((ascent + descent) * 1.12)


def _fit_prefix(typeface: Any, text: str, width: float) -> int:
    """Return how many leading characters of text fit in width (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(typeface, text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap(text: str, typeface: Any, width: float) -> list[str]:
    """Break text into lines that fit width, splitting a word only when it alone is too wide."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if _width(typeface, trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        while _width(typeface, word) > width:
            cut = _fit_prefix(typeface, word, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _shorten(line: str, typeface: Any, width: float) -> str:
    """End a line with an ellipsis, cutting it so both fit."""
    while line and _width(typeface, line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def fit_text(
    text: str, name: str, sizes: tuple[int, int], width: float, height: int
) -> tuple[Any, list[str]]:
    """Return the largest font (down to the smallest size) and the lines that fit the box.

    Text too long even at the smallest size keeps the lines that fit, the last one ending
    in an ellipsis.
    """
    largest, smallest = sizes
    for size in range(largest, smallest - 1, -4):
        typeface = font(size, name)
        lines = wrap(text, typeface, width)
        if len(lines) * _line_height(typeface) <= height:
            return typeface, lines
    typeface = font(smallest, name)
    lines = wrap(text, typeface, width)
    keep = max(height // _line_height(typeface), 1)
    if len(lines) > keep:
        lines = [*lines[: keep - 1], _shorten(lines[keep - 1], typeface, width)]
    return typeface, lines


def fit_word(word: str, largest: int, width: float) -> Any:
    """Return the largest font, from `largest` down, in which one word fits width."""
    size = largest
    while size > 24 and _width(font(size), word) > width:
        size -= 8
    return font(size)


def _draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    typeface: Any,
    fill: str,
    bold: bool = False,
) -> None:
    """Draw text with its top at xy; text the font cannot lay out is skipped, never fatal."""
    # A thin stroke in the same colour turns the one bundled weight into a bold one.
    stroke = max(getattr(typeface, "size", 40) // 40, 1) if bold else 0
    ascent = typeface.getmetrics()[0]
    try:
        draw.text(
            (xy[0], xy[1] + ascent),
            text,
            font=typeface,
            fill=fill,
            anchor="ls",
            stroke_width=stroke,
            stroke_fill=fill,
        )
    except (ValueError, OSError, UnicodeError):
        return


def _streak_words(days: int) -> str:
    return f"Streak: {days} day{'s' if days != 1 else ''}"


def day_words(day: int | None) -> str:
    """Return the card's headline: "DAY 07" in a program, "ONE ASK" outside one."""
    return f"DAY {day:02d}" if day else "ONE ASK"


def render_card(text: CardText, size: str, theme: str = DEFAULT_THEME) -> bytes:
    """Draw the card for one attempt in "story" or "square" size and return the PNG bytes.

    Top to bottom, using the whole frame: the big day, the ask filling the middle, the
    outcome word, the streak, and a small mark at the foot.
    """
    # Pillow is imported when a card is drawn, not when the URLs load in every worker.
    from PIL import Image, ImageDraw

    spec = SIZES[size]
    look = THEMES.get(theme, THEMES[DEFAULT_THEME])
    outcome = text.outcome
    background = _colour(look.background, outcome)
    ink, word_colour, mark_colour = (
        _colour(look.text, outcome),
        _colour(look.word, outcome),
        _colour(look.mark, outcome),
    )
    image = Image.new("RGB", (spec.width, spec.height), background)
    draw = ImageDraw.Draw(image)
    inner = spec.width - 2 * spec.margin

    headline = day_words(text.day)
    day_face = fit_word(headline, spec.day, inner)
    word = outcome_word(outcome)
    word_face = fit_word(word, spec.outcome_max, inner)
    streak_face, mark_face = font(spec.streak), font(spec.mark)

    # Anchored blocks: the day at the top, the mark at the foot, the word above the mark.
    mark_top = spec.height - spec.margin - _line_height(mark_face)
    y_bottom = mark_top - spec.gap
    if text.streak > 0:
        y_bottom -= _line_height(streak_face)
        streak_top = y_bottom
        y_bottom -= spec.gap * 2 // 3
    word_height = word_face.getmetrics()[0]
    word_top = y_bottom - word_height
    day_top = spec.margin
    day_height = day_face.getmetrics()[0]
    ask_top = day_top + day_height + spec.gap
    room = word_top - spec.gap - ask_top

    name, ask = pick_font(text.ask)
    ask_face, ask_lines = fit_text(
        ask or "An ask", name, (spec.ask_max, spec.ask_min), inner, max(room, 1)
    )
    ask_height = len(ask_lines) * _line_height(ask_face)
    # The ask sits a little above the middle of its room, where the eye lands.
    y = ask_top + max((room - ask_height) * 2 // 5, 0)

    _draw_text(draw, (spec.margin, day_top), headline, day_face, word_colour, bold=True)
    for number, line in enumerate(ask_lines):
        top = y + number * _line_height(ask_face)
        _draw_text(draw, (spec.margin, top), line, ask_face, ink)
    _draw_text(draw, (spec.margin, word_top), word, word_face, word_colour, bold=True)
    if text.streak > 0:
        _draw_text(draw, (spec.margin, streak_top), _streak_words(text.streak), streak_face, ink)

    # The mark: a small ring and the name; nothing about the user.
    dot = spec.mark * 0.7
    centre = mark_top + _line_height(mark_face) / 2
    ring = (spec.margin, centre - dot / 2, spec.margin + dot, centre + dot / 2)
    draw.ellipse(ring, outline=mark_colour, width=max(int(dot // 5), 2))
    _draw_text(draw, (spec.margin + dot * 1.6, mark_top), "Rejection Therapy", mark_face, ink)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
