"""`generate_data` (benchmarks/loadgen): believable spread, derived rows that match a rebuild,
a safe --reset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.loadgen.command import Command
from benchmarks.loadgen.run import PASSWORD, generated_users
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from rejection.accounts.models import Profile
from rejection.accounts.services import user_for_token
from rejection.challenges.models import Category
from rejection.core.time import local_date
from rejection.journal.counters import rebuild_user
from rejection.journal.models import Attempt, CategoryTally, DayTally, Outcome
from rejection.progress.models import Enrollment
from tests.conftest import make_user

USERS, ATTEMPTS = 20, 2000
COUNTERS = ("points", "current_streak", "best_streak", "streak_alive_through")


def generate(tmp_path: Path, *flags: str, seed: int = 3) -> str:
    from io import StringIO

    out = StringIO()
    call_command(
        Command(),
        f"--users={USERS}",
        f"--attempts={ATTEMPTS}",
        f"--seed={seed}",
        "--tokens=3",
        f"--tokens-file={tmp_path / 'tokens.txt'}",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def derived_state(user: Any) -> dict[str, Any]:
    """Return every tally row and counter of one user, without ids."""
    days = DayTally.objects.filter(user=user).order_by("local_date").values()
    categories = CategoryTally.objects.filter(user=user).order_by("category_slug").values()
    profile = Profile.objects.filter(user=user).values(*COUNTERS).get()
    return {
        "days": [{k: v for k, v in row.items() if k != "id"} for row in days],
        "categories": [{k: v for k, v in row.items() if k != "id"} for row in categories],
        "profile": profile,
    }


@pytest.fixture
def generated(db: Any, tmp_path: Path) -> str:
    return generate(tmp_path)


def test_it_makes_the_people_and_asks_asked_for(generated: str) -> None:
    assert generated_users().count() == USERS
    assert Attempt.objects.filter(user__in=generated_users()).count() == ATTEMPTS
    assert Profile.objects.filter(user__in=generated_users()).count() == USERS
    assert "load-00001" in generated and PASSWORD in generated


def test_tallies_and_counters_equal_a_rebuild_from_the_asks(generated: str) -> None:
    for user in generated_users():
        written = derived_state(user)
        rebuild_user(user)
        assert derived_state(user) == written, user.username


def test_the_spread_looks_like_real_use(generated: str) -> None:
    people = Profile.objects.filter(user__in=generated_users())
    assert len(set(people.values_list("timezone", flat=True))) >= 6
    assert set(people.values_list("streak_mode", flat=True)) == {"classic", "gentle"}
    asks = Attempt.objects.filter(user__in=generated_users())
    # A generated history is finished asks: every outcome but "still asking".
    finished = set(Outcome.values) - {Outcome.IN_PROGRESS}
    assert set(asks.values_list("outcome", flat=True)) == finished
    counts = {o: asks.filter(outcome=o).count() for o in Outcome.values}
    assert max(counts, key=lambda outcome: counts[outcome]) == Outcome.REJECTED
    slugs = set(CategoryTally.objects.values_list("category_slug", flat=True))
    assert slugs == {"", *Category.objects.values_list("slug", flat=True)}  # all 12, free text
    assert max(people.values_list("best_streak", flat=True)) >= 10
    assert people.filter(current_streak__gt=0).exists()
    assert DayTally.objects.filter(rest_day=True, asks=0).exists()
    assert Enrollment.objects.filter(user__in=generated_users(), active=True).exists()
    assert asks.filter(starred=True).exists() and asks.exclude(tags=[]).exists()
    assert asks.filter(anxiety_before__isnull=False, predicted_rejection__isnull=False).exists()
    per_person = sorted(asks.filter(user=user).count() for user in generated_users())
    assert per_person[-1] >= 3 * per_person[len(per_person) // 2]  # a few do far more


def test_each_local_date_is_the_day_in_the_persons_zone(generated: str) -> None:
    zones = dict(Profile.objects.values_list("user_id", "timezone"))
    for user_id, moment, day in Attempt.objects.values_list("user_id", "occurred_at", "local_date"):
        assert local_date(moment, zones[user_id]) == day


def test_the_tokens_file_holds_working_tokens_for_the_first_people(
    generated: str, tmp_path: Path
) -> None:
    raws = (tmp_path / "tokens.txt").read_text().split()
    assert [user_for_token(raw).username for raw in raws] == [
        "load-00001",
        "load-00002",
        "load-00003",
    ]


def test_reset_replaces_the_generated_people_and_nothing_else(
    generated: str, tmp_path: Path
) -> None:
    real = make_user("load-real", "Europe/Paris")  # the prefix, but not a generated account
    Attempt.objects.create(
        user=real, ask="Mine", outcome=Outcome.REJECTED, occurred_at="2026-01-02T10:00Z",
        local_date="2026-01-02",
    )  # fmt: skip
    before = sorted(Attempt.objects.filter(user__in=generated_users()).values_list("uuid"))
    with pytest.raises(CommandError, match="--reset"):
        generate(tmp_path)
    generate(tmp_path, "--reset")
    assert generated_users().count() == USERS
    after = sorted(Attempt.objects.filter(user__in=generated_users()).values_list("uuid"))
    assert after == before  # the same seed makes the same people again
    assert Attempt.objects.filter(user=real).count() == 1
    assert get_user_model().objects.filter(username="load-real").exists()
