"""Sharing rules: caption wording, program days, hashtags, what a card may show, card images."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pydantic import ValidationError as ContractError

from rejection.core.contracts import check, problems
from rejection.journal.models import Outcome
from rejection.share import fonts
from rejection.share.captions import (
    ask_phrase,
    caption_for,
    day_label,
    default_hashtags,
)
from rejection.share.cards import SIZES, fit_text, render_card
from rejection.share.contracts import HASHTAGS_PATTERN, Hashtags
from rejection.share.queries import CardText, card_text, program_day, shareable_attempt
from tests.conftest import make_user
from tests.writes import log_ask, start, update_profile


def at(text: str) -> time_machine.travel:
    return time_machine.travel(dt.datetime.fromisoformat(text), tick=False)


def log(user, ask="Ask for a free coffee", outcome="rejected", **extra):
    return log_ask(user, {"ask": ask, "outcome": outcome, **extra}).attempt


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("Ask a builder to try on his hard hat", "asking a builder to try on his hard hat"),
        ("Ask for a free coffee.", "asking for a free coffee"),
        ("asked the barista to let me make my own", "asking the barista to let me make my own"),
        ("Asking  a stranger\nfor a hug", "asking a stranger for a hug"),
        ("Dance alone in the street", "asking: dance alone in the street"),
        (
            "Wish a full plane cabin a lovely flight",
            "asking: wish a full plane cabin a lovely flight",
        ),
        ("NASA tour for free", "asking: NASA tour for free"),
        ("I asked for a discount", "asking: I asked for a discount"),
        ("Ask", "asking: ask"),
        ("   ", "asking for something"),
    ],
)
def test_ask_phrase(title, phrase):
    assert ask_phrase(title) == phrase


def test_caption_in_the_creators_style():
    text = CardText(day=7, ask="Ask a builder to try on his hard hat", outcome="rejected", streak=5)
    assert caption_for(text) == (
        "Rejection Therapy day 07: asking a builder to try on his hard hat\n\n"
        "They said no, and that's the win.\n\n"
        "#rejectiontherapy #comfortzone #rejectionchallenge #gotano"
    )


@pytest.mark.parametrize(
    ("day", "headline"),
    [
        (1, "Rejection Therapy day 01: asking for a free coffee"),
        (30, "Rejection Therapy day 30: asking for a free coffee"),
        (100, "Rejection Therapy day 100: asking for a free coffee"),
        (None, "Rejection Therapy: asking for a free coffee"),
    ],
)
def test_caption_headline_counts_the_program_day(day, headline):
    text = CardText(day=day, ask="Ask for a free coffee", outcome="accepted", streak=0)
    assert caption_for(text).split("\n\n")[0] == headline
    if day:
        assert day_label(day) in headline


@pytest.mark.parametrize(
    ("outcome", "words", "tag"),
    [
        ("rejected", "They said no, and that's the win.", "gotano"),
        ("no_response", "counts as a no, and that's the win.", "gotano"),
        ("accepted", "They said yes!", "theysaidyes"),
        ("partial", "Half a yes", "theysaidyes"),
        ("pending", "still on its way", "fingerscrossed"),
        ("avoided", "that's OK", "tryagaintomorrow"),
    ],
)
def test_each_outcome_has_warm_words_and_its_own_hashtag(outcome, words, tag):
    text = CardText(day=3, ask="Ask for a hug", outcome=outcome, streak=1)
    caption = caption_for(text)
    assert words in caption
    assert default_hashtags(outcome)[:3] == [
        "rejectiontherapy",
        "comfortzone",
        "rejectionchallenge",
    ]
    assert caption.endswith(f"#{tag}")
    for unkind in ("fail", "shame", "coward", "should have", "therapy session"):
        assert unkind not in caption.lower()


def test_caption_uses_the_hashtags_given():
    text = CardText(day=None, ask="Ask for a hug", outcome="accepted", streak=0)
    assert caption_for(text, ["day1", "hugs"]).endswith("\n\n#day1 #hugs")


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        ("#rejectiontherapy #day_7", ["rejectiontherapy", "day_7"]),
        ("a,b, c", ["a", "b", "c"]),
        ("  #A #a #b  ", ["A", "b"]),
        ("#café #日本", ["café", "日本"]),
        ("x" * 30, ["x" * 30]),
        ("#emoji😀", ["emoji😀"]),
    ],
)
def test_hashtags_parse(raw, tags):
    assert check(Hashtags, raw) == tags


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "at least one"),
        ("# ,, #", "at least one"),
        (" ".join(f"t{n}" for n in range(11)), "at most 10"),
        ("#ok #not-ok", "letters, digits and _"),
        ("#wow!", "letters, digits and _"),
        ("x" * 31, "30 characters"),
    ],
)
def test_bad_hashtags_are_refused_saying_why(raw, message):
    with pytest.raises(ContractError) as error:
        check(Hashtags, raw)
    assert message in " ".join(problems(error.value)["__all__"])


@given(st.lists(st.from_regex(r"[A-Za-z0-9_]{1,30}", fullmatch=True), min_size=1, max_size=10))
def test_valid_hashtags_survive_parsing(tags):
    parsed = check(Hashtags, " ".join(f"#{tag}" for tag in tags))
    assert [tag.casefold() for tag in parsed] == list(dict.fromkeys(t.casefold() for t in tags))


@given(st.text(max_size=60) | st.from_regex(HASHTAGS_PATTERN, fullmatch=True))
def test_the_server_takes_exactly_the_hashtags_the_schema_allows(raw):
    allowed = re.search(HASHTAGS_PATTERN, raw) is not None and len(raw) <= 400
    try:
        check(Hashtags, raw)
    except ContractError:
        assert not allowed
    else:
        assert allowed


@pytest.mark.django_db
def test_program_day_counts_local_days_from_the_latest_start(small_deck):
    user = make_user("kiwi", "Pacific/Auckland")
    with at("2026-03-01T08:00:00+00:00"):  # 21:00 on 1 March in Auckland
        before = log(user)
        start(user, "classic-30", dt.date(2026, 3, 2))
    with at("2026-03-01T20:00:00+00:00"):  # 09:00 on 2 March in Auckland: Day 1
        first = log(user)
    with at("2026-03-08T10:30:00+00:00"):  # 23:30 on 8 March: Day 7
        seventh = log(user, "Ask a builder to try on his hard hat")
    with at("2026-04-01T01:00:00+00:00"):  # 1 April: past the 30 days
        after = log(user)
    assert card_text(before).day is None
    assert card_text(first).day == 1
    assert card_text(seventh).day == 7
    assert card_text(after).day is None
    assert caption_for(card_text(seventh)).startswith("Rejection Therapy day 07: asking a builder")

    # A restart counts from its own Day 1; the earlier program still dates earlier asks.
    start(user, "100-days", dt.date(2026, 3, 5))
    assert program_day(user, dt.date(2026, 3, 8)) == 4
    assert program_day(user, dt.date(2026, 3, 3)) == 2
    assert program_day(user, dt.date(2026, 6, 12)) == 100
    assert program_day(user, dt.date(2026, 6, 13)) is None


@pytest.mark.django_db
def test_card_text_holds_only_day_ask_outcome_and_streak(owner):
    update_profile(owner, display_name="Secret Sam")
    attempt = log(
        owner,
        feared_outcome="They laugh at me",
        what_happened="She smiled",
        learned="Nobody cared",
        anxiety_before=7,
        tags=["private-tag"],
    )
    text = card_text(attempt)
    assert [field.name for field in dataclasses.fields(text)] == ["day", "ask", "outcome", "streak"]
    assert text == CardText(day=None, ask="Ask for a free coffee", outcome="rejected", streak=1)
    shown = " ".join(str(value) for value in dataclasses.astuple(text))
    for private in ("owner", "Secret Sam", "laugh", "smiled", "Nobody", "private-tag", "2026"):
        assert private not in shown


@pytest.mark.django_db
def test_who_may_see_a_card(owner, friend):
    private = log(owner)
    friends = log(owner, visibility="friends")
    public = log(owner, visibility="public")
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    for attempt in (private, friends, public):
        assert shareable_attempt(owner, attempt.pk) == attempt
        assert shareable_attempt(owner, attempt.pk, owner_only=True) == attempt
    # "friends" is private until there is a friend graph.
    for viewer in (friend, anonymous):
        assert shareable_attempt(viewer, private.pk) is None
        assert shareable_attempt(viewer, friends.pk) is None
        assert shareable_attempt(viewer, public.pk) == public
        assert shareable_attempt(viewer, public.pk, owner_only=True) is None


@pytest.mark.parametrize("size", ["story", "square"])
@pytest.mark.parametrize(
    "text",
    [
        CardText(7, "Ask a builder to try on his hard hat", "rejected", 5),
        CardText(None, "Asked for a free coffee", "accepted", 0),
        CardText(100, "Supercalifragilistic" * 30 + " " + "word " * 200, "no_response", 365),
        CardText(12, "😀👍🏽 שלום עולם مرحبا بالعالم café ñandú 日本語", "avoided", 1),
        CardText(2, "\x00\x07\u202e\ud800 ‍ ", "pending", 2),
        CardText(3, "", "partial", 3),
    ],
)
@pytest.mark.parametrize("theme", ["bold", "paper", "night"])
def test_cards_have_the_exact_size_and_never_crash(text, size, theme):
    png = render_card(text, size, theme)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == {"story": (1080, 1920), "square": (1080, 1080)}[size]


def test_long_asks_wrap_and_shrink_within_their_box():
    spec = SIZES["square"]
    short_face, short = fit_text("Ask for a hug", "", (spec.ask_max, spec.ask_min), 900, 330)
    long_face, long = fit_text("word " * 400, "", (spec.ask_max, spec.ask_min), 900, 330)
    assert short == ["Ask for a hug"] and short_face.size == spec.ask_max
    assert long_face.size == spec.ask_min and long[-1].endswith("…")
    assert all(long_face.getlength(line) <= 900 for line in long)


def test_text_the_bundled_font_lacks_never_shows_as_boxes():
    name, shown = fonts.pick_font("Ask for a free coffee")
    assert (name, shown) == (fonts.BUNDLED, "Ask for a free coffee")
    name, shown = fonts.pick_font("café 😀")
    # A fallback font shows the accent; without one, the base letter stands in.
    assert shown.startswith("café") if name else shown == "cafe"
    assert fonts.pick_font("\x00\ud800")[1] == ""


def test_outcomes_all_have_a_card_word_and_colour():
    from rejection.share.cards import OUTCOME_COLOURS, outcome_word

    assert {outcome_word(o) for o in Outcome.values} == {
        label.upper() for label in Outcome.labels
    }  # the one vocabulary: the Outcome choices' words
    assert set(Outcome.values) <= set(OUTCOME_COLOURS)
    finished = ("rejected", "no_response", "partial", "accepted", "pending", "avoided")
    assert len({OUTCOME_COLOURS[o][0] for o in finished}) == len(finished)


def _corners_and_middle(png):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    return image, [image.getpixel(xy) for xy in ((2, 2), (w - 3, 2), (2, h - 3), (w - 3, h - 3))]


def _hex(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("outcome", ["rejected", "accepted", "avoided"])
def test_the_bold_card_is_full_bleed_in_the_outcomes_colour(outcome):
    from rejection.share.cards import OUTCOME_COLOURS

    png = render_card(CardText(7, "Ask a stranger for a high five", outcome, 3), "story")
    _, corners = _corners_and_middle(png)
    assert set(corners) == {_hex(OUTCOME_COLOURS[outcome][0])}


def test_the_story_card_uses_its_whole_frame():
    """Ink in the top fifth (DAY 07), the middle (the ask) and the bottom fifth (word, mark)."""
    png = render_card(CardText(7, "Ask a stranger for a high five", "rejected", 3), "story")
    image, corners = _corners_and_middle(png)
    background = corners[0]
    w, h = image.size

    def inked(top, bottom):
        from PIL import ImageChops

        box = image.crop((0, top, w, bottom))
        plain = Image.new("RGB", box.size, background)
        return ImageChops.difference(box, plain).getbbox() is not None

    fifth = h // 5
    assert all(inked(n * fifth, (n + 1) * fifth) for n in (0, 2, 4))


def test_the_day_reads_as_two_digits():
    from rejection.share.cards import day_words

    assert day_words(7) == "DAY 07" and day_words(100) == "DAY 100" and day_words(None) == "ONE ASK"
