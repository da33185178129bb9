"""Share cards drawn with Pillow: a story (1080x1920) and a square (1080x1080) PNG.

A card is drawn from a CardText only (day, ask, outcome, streak), so nothing else about
the user can reach the picture. Fonts come from Pillow's bundled scalable font, so no
system font is needed; without FreeType the bitmap default is used instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw

from rejection.journal.models import Outcome
from rejection.share.fonts import BUNDLED, face, pick_font
from rejection.share.queries import CardText

# The app's palette (web/static/css/app.css).
BACKGROUND = "#fffaf3"
TEXT = "#1f1b16"
MUTED = "#5c534a"
PRIMARY = "#0d5c55"
ACCENT = "#b4400f"
WIN_SOFT = "#fdeee4"
PRIMARY_SOFT = "#e6f2ef"
LINE = "#e8e0d6"

# The big word for each outcome, with its colour and the panel behind it.
OUTCOME_WORD: dict[str, tuple[str, str, str]] = {
    Outcome.REJECTED: ("NO", ACCENT, WIN_SOFT),
    Outcome.NO_RESPONSE: ("NO RESPONSE", ACCENT, WIN_SOFT),
    Outcome.ACCEPTED: ("YES", PRIMARY, PRIMARY_SOFT),
    Outcome.PARTIAL: ("PARTLY", PRIMARY, PRIMARY_SOFT),
    Outcome.PENDING: ("WAITING", "#4a2d7a", "#efe9f7"),
    Outcome.AVOIDED: ("DIDN'T ASK", "#4a423a", "#eeeae5"),
    Outcome.IN_PROGRESS: ("ASKING", "#4a2d7a", "#efe9f7"),
}
ELLIPSIS = "…"


@dataclass(frozen=True)
class Spec:
    width: int
    height: int
    margin: int
    day: int  # font sizes, in pixels
    ask_max: int
    ask_min: int
    ask_box: int  # the most height the ask may take
    outcome_max: int
    streak: int
    mark: int
    gap: int  # between blocks


SIZES = {
    "story": Spec(1080, 1920, 96, 60, 104, 48, 760, 280, 60, 40, 88),
    "square": Spec(1080, 1080, 80, 44, 76, 36, 330, 190, 46, 32, 48),
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


def render_card(text: CardText, size: str) -> bytes:
    """Draw the card for one attempt in "story" or "square" size and return the PNG bytes."""
    spec = SIZES[size]
    image = Image.new("RGB", (spec.width, spec.height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = spec.width - 2 * spec.margin
    pad = spec.margin // 2
    word, colour, panel = OUTCOME_WORD.get(text.outcome, (text.outcome.upper(), TEXT, LINE))
    word_face = fit_word(word, spec.outcome_max, inner - 2 * pad)
    day_face, streak_face, mark_face = font(spec.day), font(spec.streak), font(spec.mark)
    mark_top = spec.height - spec.margin - _line_height(mark_face)
    bottom = mark_top - spec.mark - spec.gap  # the rule above the mark, and air

    # Measure every block but the ask; the ask gets what is left, up to its own limit.
    heights = {"outcome": word_face.getmetrics()[0] + 2 * pad}
    if text.day:
        heights["day"] = _line_height(day_face) + spec.day // 2
    if text.streak > 0:
        heights["streak"] = _line_height(streak_face)
    order = [
        kind for kind in ("day", "ask", "outcome", "streak") if kind in heights or kind == "ask"
    ]
    room = bottom - spec.margin - sum(heights.values()) - spec.gap * (len(order) - 1)
    name, ask = pick_font(text.ask)
    ask_face, ask_lines = fit_text(
        ask or "An ask", name, (spec.ask_max, spec.ask_min), inner, min(spec.ask_box, room)
    )
    heights["ask"] = len(ask_lines) * _line_height(ask_face)
    total = sum(heights.values()) + spec.gap * (len(order) - 1)
    y = spec.margin + max((bottom - spec.margin - total) // 2, 0)

    for kind in order:
        if kind == "day":
            label = f"DAY {text.day}"
            right = spec.margin + _width(day_face, label) + spec.day
            box = (spec.margin, y, right, y + heights[kind])
            draw.rounded_rectangle(box, radius=heights[kind] // 2, fill=PRIMARY)
            at = (spec.margin + spec.day / 2, y + spec.day / 4)
            _draw_text(draw, at, label, day_face, "#ffffff", bold=True)
        elif kind == "ask":
            for number, line in enumerate(ask_lines):
                top = y + number * _line_height(ask_face)
                _draw_text(draw, (spec.margin, top), line, ask_face, TEXT)
        elif kind == "outcome":
            box = (spec.margin, y, spec.width - spec.margin, y + heights[kind])
            draw.rounded_rectangle(box, radius=pad, fill=panel)
            left = (spec.width - _width(word_face, word)) / 2
            top = y + pad - word_face.getbbox(word)[1] // 2
            _draw_text(draw, (left, top), word, word_face, colour, bold=True)
        else:
            at = (spec.margin, y)
            _draw_text(draw, at, _streak_words(text.streak), streak_face, PRIMARY, bold=True)
        y += heights[kind] + spec.gap

    # The mark: a rule, a dot in the brand colour and the name; nothing about the user.
    rule_y = mark_top - spec.mark
    draw.line((spec.margin, rule_y, spec.width - spec.margin, rule_y), fill=LINE, width=3)
    dot = spec.mark * 0.7
    centre = mark_top + _line_height(mark_face) / 2
    draw.ellipse((spec.margin, centre - dot / 2, spec.margin + dot, centre + dot / 2), fill=PRIMARY)
    _draw_text(draw, (spec.margin + dot * 1.6, mark_top), "Rejection Therapy", mark_face, MUTED)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
