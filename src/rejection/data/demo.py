"""A demo account with weeks of believable history, for trying the app and for screenshots.

The story it tells is the one the product hopes for: anxiety before an ask falls from
about 7 to about 3, nos come often at first, and the predicted chance of a no stays
higher than what really happens.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rejection.accounts.contracts import ProfileChanges, SignUp
from rejection.accounts.services import create_user, update_profile
from rejection.challenges.contracts import NewChallenge
from rejection.challenges.models import Category, Challenge
from rejection.challenges.services import create_custom_challenge
from rejection.core.time import local_date, local_today, zone
from rejection.data.services import erase_user
from rejection.journal.counters import rebuild_user
from rejection.journal.models import NO_OUTCOMES, Attempt, DayTally, Outcome
from rejection.journal.points import points_for
from rejection.progress.contracts import ProgramStart
from rejection.progress.earned import date_from_history
from rejection.progress.milestones import award_from_history
from rejection.progress.services import start_program

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FEARS = [
    "They'll laugh at me.", "They'll think I'm weird.", "An awkward silence.",
    "Being told off in front of people.", "My voice will shake.", "They'll say no and I'll blush.",
]  # fmt: skip
HAPPENED: dict[str, list[str]] = {
    Outcome.REJECTED: ["A friendly no, with a smile.", "They said no, kindly.", "A quick no."],
    Outcome.NO_RESPONSE: ["No reply at all.", "They didn't hear me, or chose not to."],
    Outcome.PARTIAL: ["Not that, but they offered something else.", "Half a yes."],
    Outcome.ACCEPTED: ["They said yes straight away!", "A yes, and a chat afterwards."],
    Outcome.AVOIDED: ["Walked past twice and didn't ask.", "Lost my nerve this time."],
    Outcome.PENDING: ["Sent it; waiting to hear back."],
}
LEARNED = [
    "The no was over in two seconds.", "Nobody cared as much as I feared.",
    "People are kinder than my head says.", "Asking gets easier with practice.", "",
]  # fmt: skip
TAGS = ["coffee", "work", "brave", "shop", "street", "online"]
REST_AT = (0.25, 0.62, 0.85)  # rest days, as a share of the way through the window


@dataclass(frozen=True)
class DemoAccount:
    user: User
    password: str
    attempts: int
    first_day: dt.date
    last_day: dt.date


def _clamp(value: float, top: int) -> int:
    return int(min(max(round(value), 0), top))


def _outcome(rng: random.Random, progress: float) -> str:
    if rng.random() < 0.14 * (1 - progress) + 0.02:
        return Outcome.AVOIDED
    roll = rng.random()
    chance_of_no = 0.65 - 0.25 * progress
    if roll < chance_of_no:
        return Outcome.REJECTED if rng.random() < 0.8 else Outcome.NO_RESPONSE
    return Outcome.PARTIAL if roll < chance_of_no + 0.1 else Outcome.ACCEPTED


def _attempt(
    rng: random.Random, user: User, challenge: Challenge, when: dt.datetime, day: dt.date, p: float
) -> Attempt:
    outcome = _outcome(rng, p)
    before = _clamp(7 - 4 * p + rng.gauss(0, 0.8), 10)
    after = None if outcome == Outcome.AVOIDED else _clamp(before - rng.randint(1, 3), 10)
    return Attempt(
        user=user,
        challenge=challenge,
        ask="" if challenge.author_id is None else challenge.title,
        outcome=outcome,
        occurred_at=when,
        local_date=day,
        anxiety_before=before,
        anxiety_after=after,
        predicted_rejection=_clamp(85 - 20 * p + rng.gauss(0, 6), 100),
        predicted_before=True,  # the demo person predicts before asking, so calibration shows
        feared_outcome=rng.choice(FEARS),
        what_happened=rng.choice(HAPPENED[outcome]),
        learned="" if outcome == Outcome.AVOIDED else rng.choice(LEARNED),
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        starred=outcome in NO_OUTCOMES and rng.random() < 0.08,
        points=points_for(outcome),
    )


def _history(
    rng: random.Random, user: User, tz: str, first: dt.date, days: int, custom: Challenge
) -> tuple[list[Attempt], list[dt.date]]:
    deck = list(Challenge.objects.deck().order_by("difficulty", "slug"))
    rest = {first + dt.timedelta(days=int(share * (days - 1))) for share in REST_AT}
    now = timezone.now()
    attempts: list[Attempt] = []
    for index in range(days):
        day = first + dt.timedelta(days=index)
        if day in rest:
            continue
        progress = index / max(days - 1, 1)
        target = 2 + 6 * progress  # the ladder rises gently
        near = [c for c in deck if abs(c.difficulty - target) <= 1.5] or deck
        asks = rng.choices([0, 1, 2, 3], weights=[1, 6, 3, 1])[0]
        # The last week holds a no every day, so the demo shows a streak that is alive.
        last_week = index >= days - 7
        for number in range(max(asks, 1) if last_week else asks):
            clock = dt.time(8 + 4 * number + rng.randint(0, 3), rng.randrange(0, 60, 5))
            when = dt.datetime.combine(day, clock, tzinfo=zone(tz)).astimezone(dt.UTC)
            if when > now:
                continue
            challenge = custom if rng.random() < 0.05 else rng.choice(near)
            attempt = _attempt(rng, user, challenge, when, local_date(when, tz), progress)
            if last_week and number == 0:
                attempt.outcome, attempt.points = Outcome.REJECTED, points_for(Outcome.REJECTED)
                attempt.what_happened, attempt.anxiety_after = HAPPENED[Outcome.REJECTED][0], 2
            attempts.append(attempt)
    # A couple of asks whose answer has not come in yet (an e-mail, a message), last week.
    later = [c for c in deck if c.answer_later] or deck
    for back in (2, 5):
        day = first + dt.timedelta(days=days - 1 - back)
        when = dt.datetime.combine(day, dt.time(21, 30), tzinfo=zone(tz)).astimezone(dt.UTC)
        attempt = _attempt(rng, user, rng.choice(later), when, local_date(when, tz), 1.0)
        attempt.outcome, attempt.points, attempt.anxiety_after = Outcome.PENDING, 0, None
        attempt.what_happened, attempt.learned = HAPPENED[Outcome.PENDING][0], ""
        attempt.starred = False
        attempts.append(attempt)
    return attempts, sorted(rest)


def seed_demo(
    username: str = "demo",
    password: str | None = None,
    seed: int | None = None,
    tz: str = "Europe/London",
    days: int = 60,
) -> DemoAccount:
    """Create, or reset, a demo account holding `days` days of varied history."""
    if not Challenge.objects.deck().exists():
        raise ValueError("The deck is empty: run `manage.py loaddeck` first.")
    existing = get_user_model().objects.filter(username=username).first()
    if existing is not None and (existing.is_staff or existing.is_superuser):
        raise ValueError(f"{username!r} is a staff account; the demo never replaces one.")
    password = password or secrets.token_urlsafe(12)
    rng = random.Random(seed)
    with transaction.atomic():
        if existing is not None:
            erase_user(existing)
        user = create_user(
            SignUp(username=username, password=password, timezone=tz, age_confirmed=True)
        )
        update_profile(user, ProfileChanges(display_name="Demo"))
        first = local_today(tz) - dt.timedelta(days=days - 1)
        start_program(user, "100-days", first, ProgramStart())
        category = (
            Category.objects.filter(slug="work-career").first()
            or Category.objects.filter(challenges__author__isnull=True).first()
        )
        assert category is not None  # the deck is not empty
        custom = create_custom_challenge(
            user,
            NewChallenge(
                title="Ask my manager for a four-day week",
                category=category.slug,
                difficulty=8,
                tags=["work"],
                why="The ask I have put off for a year.",
            ),
        )
        attempts, rest_days = _history(rng, user, tz, first, days, custom)
        Attempt.objects.bulk_create(attempts)
        DayTally.objects.bulk_create(
            [DayTally(user=user, local_date=day, rest_day=True) for day in rest_days]
        )
        rebuild_user(user)
        # Written in bulk, not ask by ask: award what the whole history has earned,
        # each badge dated the day that history earned it, not today.
        date_from_history(user, (badge["code"] for badge in award_from_history(user)))
    last = first + dt.timedelta(days=days - 1)
    return DemoAccount(user, password, len(attempts), first, last)
