"""The command line calls the same services as the pages and the API."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rejection.journal.models import Attempt

pytestmark = pytest.mark.django_db


def test_log_today_and_stats(owner, small_deck, capsys) -> None:
    call_command("today", "owner")
    assert "No program running" in capsys.readouterr().out
    call_command("log", "owner", outcome="rejected", ask="Asked for a free coffee", key="cli-1")
    call_command("log", "owner", outcome="rejected", ask="Asked for a free coffee", key="cli-1")
    capsys.readouterr()
    assert Attempt.objects.filter(user=owner).count() == 1
    call_command("stats", "owner")
    stats = json.loads(capsys.readouterr().out)
    assert stats["points"] == 10 and stats["current_streak"] == 1


def test_bad_input_names_the_field(owner, small_deck) -> None:
    with pytest.raises(CommandError, match="anxiety_before"):
        call_command("log", "owner", outcome="rejected", ask="x", anxiety_before=14)
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("today", "ghost")
    assert Attempt.objects.count() == 0


def test_shared_words_pass_the_same_checks_as_on_the_pages(owner, small_deck) -> None:
    """The command logs through community.sharing, as the pages and the API do: shared words
    meet the safety rules and the insults list, and public needs a public profile."""
    with pytest.raises(CommandError, match="ask"):
        call_command(
            "log",
            "owner",
            outcome="rejected",
            ask="Asked a stranger, you idiot",
            visibility="friends",
        )
    with pytest.raises(CommandError, match="visibility"):
        call_command(
            "log", "owner", outcome="rejected", ask="Asked for a refill", visibility="public"
        )
    assert Attempt.objects.count() == 0
    call_command("log", "owner", outcome="rejected", ask="Asked a stranger, you idiot")
    assert Attempt.objects.count() == 1  # private words are the owner's own


def test_the_rejection_entry_point_runs_django_commands(capsys) -> None:
    from rejection.cli import main

    main(["check"])
    assert "no issues" in capsys.readouterr().out
