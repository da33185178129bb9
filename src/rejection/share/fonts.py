"""Fonts for share cards: Pillow's bundled font, and a system font for what it lacks.

Pillow's bundled scalable font needs nothing installed, but holds only basic Latin
(no "é", no Hebrew, no Arabic). Text it cannot show is drawn in the first installed
fallback that shows more of it; what no font can show (most emoji) is left out, and an
accented letter falls back to its base letter, so a card never shows empty boxes.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

BUNDLED = ""
# Used only when installed (Debian's fonts-dejavu-core, fonts-liberation); never required.
FALLBACKS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
PROBE_SIZE = 24
# A noncharacter no font maps, so it always draws the font's "missing glyph" box.
MISSING = "\uffff"
# Control characters, lone surrogates and unassigned code points never reach a font.
DROPPED_CATEGORIES = frozenset({"Cc", "Cs", "Cn", "Co"})


@lru_cache(maxsize=128)
def face(name: str, size: int) -> Any | None:
    """Return the named font at size ("" is the bundled one), or None when it is not installed."""
    from PIL import ImageFont  # only when a card is drawn: not in every worker at start

    if name == BUNDLED:
        try:
            return ImageFont.load_default(size=size)
        except (TypeError, OSError, ImportError, AttributeError):  # Pillow < 10.1, no FreeType
            return ImageFont.load_default()
    try:
        return ImageFont.truetype(name, size)
    except (OSError, ImportError, ValueError):
        return None


def _signature(font: Any, char: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(char)
    return mask.size, bytes(mask)


@lru_cache(maxsize=8)
def _missing_signature(name: str) -> tuple[tuple[int, int], bytes] | None:
    font = face(name, PROBE_SIZE)
    return None if font is None else _signature(font, MISSING)


@lru_cache(maxsize=8192)
def has_glyph(name: str, char: str) -> bool:
    """Tell whether the font draws char as itself rather than as its missing-glyph box."""
    from PIL import ImageFont

    font = face(name, PROBE_SIZE)
    if font is None:
        return False
    if not isinstance(font, ImageFont.FreeTypeFont):
        return char.isascii() and char.isprintable()
    try:
        return _signature(font, char) != _missing_signature(name)
    except (ValueError, OSError, UnicodeError):
        return False


def clean(text: str) -> str:
    """Compose accents, drop characters no font should get, fold whitespace to single spaces."""
    composed = unicodedata.normalize("NFC", text)
    kept = "".join(ch for ch in composed if unicodedata.category(ch) not in DROPPED_CATEGORIES)
    return " ".join(kept.split())


def shown_in(name: str, text: str) -> tuple[str, int]:
    """Return text as the font can show it, and how many characters it shows unchanged."""
    out: list[str] = []
    exact = 0
    for char in text:
        if char == " " or has_glyph(name, char):
            out.append(char)
            exact += 1
            continue
        # "é" without its accent beats an empty box.
        base = unicodedata.normalize("NFKD", char)[:1]
        if base and base != char and has_glyph(name, base):
            out.append(base)
    return " ".join("".join(out).split()), exact


def pick_font(text: str) -> tuple[str, str]:
    """Return the font that shows most of text, and the text as that font can show it."""
    text = clean(text)
    best_name = BUNDLED
    best_text, best_exact = shown_in(BUNDLED, text)
    if best_exact == len(text):
        return best_name, best_text
    for name in FALLBACKS:
        if face(name, PROBE_SIZE) is None:
            continue
        shown, exact = shown_in(name, text)
        if exact > best_exact:
            best_name, best_text, best_exact = name, shown, exact
    return best_name, best_text
