"""The shipped deck: its shape, its safety, and an idempotent loader."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.core.management import call_command

from rejection.challenges.deck import DECK_PATH, DeckError, load_deck, read_deck
from rejection.challenges.models import Category, Challenge

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
