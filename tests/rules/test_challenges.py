"""The deck and the safety screen: the shipped cards, custom challenges, sharing and review."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from rejection.challenges.deck import DECK_PATH, DeckError, load_deck, read_deck
from rejection.challenges.models import Category, Challenge
from rejection.challenges.safety import REASONS, normalise, screen_challenge, screen_text
from rejection.challenges.safety.rules import SUBREASONS
from tests.writes import write_challenge

pytestmark = pytest.mark.django_db


# Deck ----------------------------------------------------------------------------


DECK = read_deck()


CHALLENGES = DECK["challenges"]


def test_deck_size_and_spread() -> None:
    assert len(CHALLENGES) >= 150
    assert len(DECK["categories"]) >= 10
    per_level = Counter(entry["difficulty"] for entry in CHALLENGES)
    assert set(per_level) == set(range(1, 11))
    per_category = Counter(entry["category"] for entry in CHALLENGES)
    assert min(per_category.values()) >= 8
    assert sum(entry.get("answer_later", False) for entry in CHALLENGES) >= 20
    assert len({entry["title"] for entry in CHALLENGES}) == len(CHALLENGES)


@pytest.mark.parametrize("field", ["script", "where", "why", "safety"])
def test_every_challenge_says_what_where_why_and_how_to_stay_safe(field: str) -> None:
    assert all(entry[field].strip() for entry in CHALLENGES)


def test_deck_holds_the_asks_people_actually_do() -> None:
    text = " ".join(entry["title"].lower() for entry in CHALLENGES)
    for phrase in ["coffee", "hug", "hard hat", "dance", "flight", "wave", "compliment"]:
        assert phrase in text, phrase


# Words that would mean an ask deceives, pressures or endangers someone.
UNSAFE = re.compile(
    r"\b(pretend|lie to|fake|trick|steal|sneak|shoplift|insist|keep asking|don't take no|"
    r"without (asking|permission|consent)|child|kids?)\b",
    re.IGNORECASE,
)


def test_no_ask_deceives_pressures_or_targets_children() -> None:
    offenders = [
        entry["slug"]
        for entry in CHALLENGES
        if UNSAFE.search(" ".join([entry["title"], entry["script"], entry["where"]]))
    ]
    assert offenders == []


def test_touching_asks_require_a_clear_yes() -> None:
    touching = [
        e for e in CHALLENGES if re.search(r"\b(hug|high five|handshake)\b", e["title"], re.I)
    ]
    assert touching
    for entry in touching:
        assert re.search(r"\b(yes|consent|accept|no)\b", entry["safety"], re.I), entry["slug"]


@pytest.mark.django_db
def test_loading_twice_updates_and_never_duplicates(tmp_path) -> None:
    first = load_deck()
    assert first.created == len(CHALLENGES)
    again = load_deck()
    assert (again.created, again.updated) == (0, 0)
    assert Challenge.objects.count() == len(CHALLENGES)
    changed = json.loads(DECK_PATH.read_text())
    changed["challenges"][0]["title"] = "A reworded title"
    path = tmp_path / "deck.json"
    path.write_text(json.dumps(changed))
    report = load_deck(path)
    assert (report.created, report.updated) == (0, 1)
    assert Challenge.objects.get(slug=CHALLENGES[0]["slug"]).title == "A reworded title"
    assert Category.objects.count() == len(DECK["categories"])


def test_loading_the_deck_replaces_its_stamp_once_now_and_once_on_commit(
    django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from rejection.challenges import signals

    replaced: list[str] = []
    monkeypatch.setattr(signals, "new_stamp", replaced.append)
    with django_capture_on_commit_callbacks(execute=True):
        load_deck()
    assert replaced == [signals.DECK_STAMP] * 2  # was twice per card and category
    # Outside one change, a card's save still replaces it on its own.
    replaced.clear()
    card = Challenge.objects.first()
    card.title = "Ask for a taste first"
    with django_capture_on_commit_callbacks(execute=True):
        card.save(update_fields=["title"])
    assert replaced == [signals.DECK_STAMP] * 2
    replaced.clear()
    with signals.one_deck_change():
        card.save(update_fields=["title"])
        card.save(update_fields=["title"])
        assert replaced == []
    assert replaced == [signals.DECK_STAMP]  # and again on commit


@pytest.mark.django_db
def test_loaddeck_command_reports_and_refuses_a_broken_file(tmp_path, capsys) -> None:
    call_command("loaddeck")
    assert f"{len(CHALLENGES)} new" in capsys.readouterr().out
    broken = tmp_path / "deck.json"
    broken.write_text(json.dumps({"categories": [], "challenges": [{"slug": "x", "title": "X"}]}))
    with pytest.raises(DeckError):
        load_deck(broken)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="x: script is missing"):
        call_command("loaddeck", path=broken)


# Safety --------------------------------------------------------------------------


DECK_FILE = Path(__file__).resolve().parents[2] / "src/rejection/challenges/data/deck.json"


# (ask, the one rule it should cross first)
BAD = [
    ("Steal a chocolate bar from the corner shop", "illegal"),
    ("Shoplift something small and see if anyone notices", "illegal"),
    ("St3al a pen from the bank counter", "illegal"),
    ("$hoplift a lipstick", "illegal"),
    ("Trespass on a golf course at night", "illegal"),
    ("Break into an abandoned building to explore it", "illegal"),
    ("Drive home drunk after the party and ask for directions", "illegal"),
    ("Vandalise a bus shelter with your initials", "illegal"),
    ("Spray graffiti on the underpass", "illegal"),
    ("Use a fake ID to get into a club", "illegal"),
    ("Sneak into the cinema without paying", "illegal"),
    ("Ask a stranger where to buy drugs", "illegal"),
    ("Leave the restaurant without paying and see what happens", "illegal"),
    ("Hug a stranger in the street", "touch"),
    ("Surprise someone at the bus stop with a hug", "touch"),
    ("Kiss a stranger on the cheek", "touch"),
    ("Give a random commuter a kiss", "touch"),
    ("Hold a stranger's hand on the escalator", "touch"),
    ("Grab someone's arm to stop them and ask the time", "touch"),
    ("Ask a stranger for directions, then hug them", "touch"),
    ("Ask for a hug and hug them anyway if they say no", "touch"),
    ("Touch a stranger's hair and compliment it", "touch"),
    ("Pretend to be a tourist and ask for a free tour", "deception"),
    ("Lie to the waiter about a food allergy to get a free dish", "deception"),
    ("Tell the barista it's your birthday to get a free cake", "deception"),
    ("Claim it's your birthday at a restaurant", "deception"),
    ("Say you are a food critic and ask for a discount", "deception"),
    ("Impersonate a delivery driver to get into a building", "deception"),
    ("Prank call a pizza place", "deception"),
    ("Trick a stranger into giving you their seat", "deception"),
    ("Fake an injury so someone carries your bags", "deception"),
    ("Ask a child for their ice cream", "minors"),
    ("Ask a group of teenagers to sing with you", "minors"),
    ("Ask kids at the playground to race you", "minors"),
    ("Ask schoolchildren for directions", "minors"),
    ("Ask a 12-year-old for their phone number", "minors"),
    ("Ask someone under 18 to join your challenge", "minors"),
    ("Keep asking the cashier for a discount until they say yes", "pressure"),
    ("Don't take no for an answer when asking for a refund", "pressure"),
    ("Ask for a free coffee and refuse to leave until you get one", "pressure"),
    ("Insist on a table by the window even if they say no", "pressure"),
    ("Follow a stranger home and ask for their number", "pressure"),
    ("Ask again after they say no, in a louder voice", "pressure"),
    ("Ask the cashier to give you a free drink behind their manager's back", "worker"),
    ("Ask a waiter to break the restaurant's policy and seat you early", "worker"),
    ("Ask the barista not to ring it up", "worker"),
    ("Film strangers' reactions when you ask for a hug", "filming"),
    ("Secretly record someone when you ask them for money", "filming"),
    ("Livestream people on the train as you ask for their seat", "filming"),
    ("Ask for a refund, then film the cashier", "filming"),
    ("Ask the barista out while she's working", "sexual"),
    ("Tell a stranger to go back to their own country", "hate"),
    ("Run across the motorway and ask someone the time", "stunts"),
    ("Ask the receptionist for another patient's phone number", "personal_data"),
]


GOOD = [
    "Ask a stranger for a hug",
    "Ask a friend if you can hug them goodbye",
    "Offer free hugs with a sign in the park",
    "Hug a tree in a busy park",
    "Ask a parent for parenting advice",
    "Ask a stranger what they wanted to be as a kid",
    "Order from the kids' menu as an adult",
    "Ask a bakery for a minor change to a cake",
    "Ask a stranger if you can film them for your project",
    "Film yourself asking for a discount",
    "Ask if you can take a photo of the shop window",
    "Ask a magician to show you a card trick",
    "Lie down on the grass in a busy park for five minutes",
    "Tell the barista you're practicing asking for things",
    "Ask the cashier if the store can match a lower price",
    "Ask a librarian for a children's book to give your niece",
    "Ask to grab lunch with a colleague",
    "Ask to hold a dog's leash on a walk with its owner",
    "Ask for a discount once, and accept the first no",
    "Ask for a free coffee; if they say no, thank them and leave",
    "Ask a security guard how they spot shoplifters",
    "Ask a pharmacist to explain how a drug works",
    "Ask a graffiti artist for a tip on lettering",
    "Ask to follow a creator's work on their newsletter",
    "Ask the bus driver if you can ride to the end of the line",
    "Ask a stranger to play rock-paper-scissors",
    "Ask the chef to sign your menu",
    "Ask a barista to draw a heart in your latte",
    "Ask the manager if you can help set up the window display",
    "Ask a friend to be honest about your cooking",
    "Ask a stranger for a high five after you finish a run",
    "Ask to touch the fire truck's steering wheel",
    "Ask a neighbour if you can pick apples from their tree",
    "Ask a stranger to take a photo of you jumping",
    "Ask a café to name a drink after you",
    "Ask a 40-year-old stranger for their best life lesson",
    "Ask your own kids to plan dinner tonight",
    "Ask a street performer if you can record a song with them",
    "Ask someone to teach you a magic trick",
    "Take baby steps: ask a shop for a free sticker",
    "Ask a conductor about the history of the train line",
    "Ask a cafe for a free refill",
    "Sing a verse of a song in the park",
    "Ask a school board to add more benches",
    "Ask a stranger to rate your dance moves out of ten",
]


def _deck() -> list[dict]:
    return json.loads(DECK_FILE.read_text())["challenges"]


@pytest.mark.parametrize(("ask", "code"), BAD, ids=[ask[:40] for ask, _ in BAD])
def test_bad_asks_are_flagged_with_their_reason(ask, code):
    screen = screen_text(ask)
    assert not screen.ok
    assert code in screen.codes, screen.codes
    allowed = {REASONS[code]} | (set(SUBREASONS.values()) if code == "illegal" else set())
    assert screen.reasons[screen.codes.index(code)] in allowed


@pytest.mark.parametrize("ask", GOOD, ids=[ask[:40] for ask in GOOD])
def test_good_asks_pass(ask):
    screen = screen_text(ask)
    assert screen.ok, screen.codes
    assert screen.reasons == []


@pytest.mark.parametrize("card", _deck(), ids=lambda card: card["slug"])
def test_every_deck_challenge_passes(card):
    screen = screen_challenge(card["title"], card["script"], card["where"])
    assert screen.ok, (card["slug"], screen.codes)


def test_the_lists_are_long_enough_and_cover_every_rule():
    assert len(BAD) >= 40 and len(GOOD) >= 40
    assert {code for _, code in BAD} == set(REASONS)


def test_precision_and_recall_on_the_lists():
    flagged_bad = sum(not screen_text(ask).ok for ask, _ in BAD)
    flagged_good = sum(not screen_text(ask).ok for ask in GOOD)
    flagged_deck = sum(
        not screen_challenge(c["title"], c["script"], c["where"]).ok for c in _deck()
    )
    precision = flagged_bad / (flagged_bad + flagged_good + flagged_deck)
    assert precision == 1.0
    assert flagged_bad / len(BAD) == 1.0


def test_reasons_are_warm_and_one_per_rule():
    screen = screen_text("Pretend to be staff and hug a stranger")
    assert screen.codes == ["touch", "deception"]
    assert len(screen.reasons) == 2
    assert "Asking for a hug is fine; a surprise hug is not." in screen.reasons[0]


def test_reasons_come_from_any_of_the_three_fields():
    assert screen_challenge("Ask for a discount", "", "A school playground").codes == ["minors"]
    assert screen_challenge("Ask for a discount", "Say you're a journalist").codes == ["deception"]


def test_negated_words_do_not_count():
    assert screen_text("Ask for a refund and never lie about why").ok
    assert screen_text("Dance in the square without touching anyone").ok
    assert screen_text("Ask in a park, away from the playground").ok


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Café   ÉCLAIR ", "cafe eclair"),
        ("st3al", "steal"),
        ("$hoplift", "shoplift"),
        ("s.t.e.a.l", "steal"),
        ("steeeeal", "steal"),
        ("don\u2019t", "dont"),
        ("Lend me $100 on the 1st at 10am", "lend me $100 on the 1st at 10am"),
    ],
)
def test_normalise(raw, clean):
    assert normalise(raw) == clean


def test_empty_text_is_fine():
    assert screen_text("", "").ok
    assert screen_challenge("").ok


SAFE = {"title": "Ask a stranger for a hug", "category": "strangers", "difficulty": 4}


UNSAFE_CHALLENGE = {
    "title": "Hug a stranger",
    "script": "Pretend you know them",
    "category": "strangers",
    "difficulty": 4,
}


@pytest.fixture
def written(owner, small_deck):

    return write_challenge(owner, SAFE), write_challenge(owner, UNSAFE_CHALLENGE)


def test_create_screens_and_saves_flagged_ones_privately(written):
    clear, flagged = written
    assert (clear.safety_status, clear.safety_reasons, clear.share_status) == (
        "clear",
        [],
        "private",
    )
    assert flagged.safety_status == "flagged" and flagged.share_status == "private"
    assert flagged.safety_reasons == [REASONS["touch"], REASONS["deception"]]


def test_share_and_moderate(written, owner, friend, staff):
    from django.core.exceptions import PermissionDenied

    from rejection.challenges.models import Challenge
    from rejection.challenges.services import ShareConflict, moderate, request_share
    from rejection.core.errors import Conflict

    clear, flagged = written
    with pytest.raises(Conflict) as error:
        request_share(owner, flagged)
    assert error.value.fields["safety"] == flagged.safety_reasons
    with pytest.raises(PermissionDenied):
        request_share(friend, clear)
    assert request_share(owner, clear).share_status == "pending"
    with pytest.raises(ShareConflict):
        request_share(owner, clear)
    with pytest.raises(PermissionDenied):
        moderate(friend, clear, True, "")
    assert moderate(staff, clear, False, "Not this time").share_status == "rejected"
    with pytest.raises(ShareConflict):
        moderate(staff, clear, True, "")
    request_share(owner, clear)  # a rejected one may be sent again
    done = moderate(staff, clear, True, "Lovely")
    assert (done.share_status, done.moderated_by, done.moderation_note) == (
        "approved",
        staff,
        "Lovely",
    )
    assert done.moderated_at is not None
    with pytest.raises(ShareConflict):
        request_share(owner, clear)
    assert set(Challenge.objects.visible_to(friend).filter(author=owner)) == {clear}


def test_usable_by_coach(written, owner, friend, staff):
    from django.contrib.auth.models import AnonymousUser

    from rejection.challenges.models import Challenge
    from rejection.challenges.services import moderate, request_share

    clear, flagged = written
    deck = set(Challenge.objects.deck())
    assert set(Challenge.objects.usable_by_coach(owner)) == deck | {clear}
    assert set(Challenge.objects.usable_by_coach(friend)) == deck
    pending = write_challenge(owner, {**SAFE, "title": "Ask for a song"})
    request_share(owner, pending)
    request_share(owner, clear)
    moderate(staff, clear, True, "")
    assert set(Challenge.objects.usable_by_coach(friend)) == deck | {clear}
    assert set(Challenge.objects.usable_by_coach(AnonymousUser())) == deck | {clear}
    assert set(Challenge.objects.usable_by_coach(owner)) == deck | {clear, pending}
    assert flagged in set(Challenge.objects.visible_to(owner))


def test_a_flagged_challenge_can_never_be_shared_in_the_database(written):
    from django.db import IntegrityError, transaction

    _, flagged = written
    flagged.share_status = "pending"
    with pytest.raises(IntegrityError), transaction.atomic():
        flagged.save()
