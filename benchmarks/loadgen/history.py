"""One generated person's history: asks over the past months, rest days and programs.

The arc is the product's: anxiety before an ask falls as someone keeps going, avoided asks
grow rarer, and the predicted chance of a no stays above what really happens.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from benchmarks.loadgen.people import DISPLAY_NAMES, Person
from benchmarks.loadgen.tallies import PersonTallies
from rejection.accounts.models import StreakMode
from rejection.core.time import local_date, zone
from rejection.data.demo import FEARS, HAPPENED, LEARNED, TAGS
from rejection.journal.models import COMPLETED_OUTCOMES, Outcome, Visibility
from rejection.journal.points import points_for
from rejection.progress.models import REST_DAYS_PER_30

FREE_ASKS = (
    "Asked a stranger to take my photo", "Asked for a discount on my phone bill",
    "Asked my neighbour to water my plants", "Asked to swap seats on the train",
    "Asked a colleague for feedback on my talk", "Asked for a table by the window",
    "Asked the gym for a free week", "Asked someone on a date", "Asked for a later checkout",
    "Asked my landlord to fix the heating this week", "Asked a shop to hold an item",
    "Asked for a tour of the bakery kitchen", "Asked to join a group at lunch",
)  # fmt: skip
ATTEMPT_COLUMNS = (
    "uuid", "user_id", "challenge_id", "ask", "outcome", "occurred_at", "local_date",
    "anxiety_before", "anxiety_after", "predicted_rejection", "predicted_before", "feared_outcome",
    "what_happened", "learned", "tags", "visibility", "points", "starred", "resolved_at",
    "created_at", "updated_at",
)  # fmt: skip
ENROLLMENT_COLUMNS = ("user_id", "program_id", "length_days", "start_date", "started_at", "active")
CUSTOM_LENGTHS = (7, 14, 21, 45, 60, 90, 180, 365)
RECENT = dt.timedelta(days=10)  # answers still out: pending asks cluster here
FIRST_ASK, LAST_ASK = 7 * 3600, 23 * 3600  # seconds into the local day


@dataclass(frozen=True)
class Card:
    """What generation needs of one deck challenge."""

    pk: int
    category: str
    difficulty: int
    answer_later: bool


@dataclass(frozen=True)
class Deck:
    by_category: dict[str, list[Card]]

    @classmethod
    def of(cls, cards: list[Card]) -> Deck:
        by_category: dict[str, list[Card]] = {}
        for card in sorted(cards, key=lambda card: (card.category, card.difficulty, card.pk)):
            by_category.setdefault(card.category, []).append(card)
        return cls(by_category)


@dataclass
class PersonHistory:
    attempts: list[tuple[Any, ...]] = field(default_factory=list)
    enrollments: list[tuple[Any, ...]] = field(default_factory=list)
    tallies: PersonTallies = field(default_factory=PersonTallies)


@dataclass(frozen=True)
class Style:
    """How one person keeps their journal."""

    tracks_anxiety: bool
    predicts: bool
    calm_from: float
    calm_by: float
    free_text: float
    notes: float
    category_weights: list[float]

    @classmethod
    def draw(cls, rng: random.Random, categories: int) -> Style:
        return cls(
            tracks_anxiety=rng.random() < 0.8,
            predicts=rng.random() < 0.65,
            calm_from=rng.uniform(5.5, 9.0),
            calm_by=rng.uniform(0.5, 4.5),
            free_text=rng.choice((0.0, 0.05, 0.1, 0.2, 0.4)),
            notes=rng.uniform(0.1, 0.9),
            # Every category stays possible, but most people lean towards a few.
            category_weights=[rng.random() ** 3 + 0.02 for _ in range(categories)],
        )


def joined_at(person: Person, now: dt.datetime) -> dt.datetime:
    """Return when the account was made: a few days before its first ask."""
    rng = random.Random(person.seed ^ 0x5EED)
    return now - dt.timedelta(days=person.first_back + rng.randint(0, 14), hours=rng.randint(0, 23))


def display_name(person: Person) -> str:
    rng = random.Random(person.seed ^ 0x4A4E)
    return rng.choice(DISPLAY_NAMES) if rng.random() < 0.5 else ""


def _clamp(value: float, top: int) -> int:
    return int(min(max(round(value), 0), top))


def _calendar(
    rng: random.Random, person: Person, today: dt.date, last_open: dt.date
) -> tuple[list[dt.date], set[dt.date]]:
    """Return the days the person asks on and the rest days they took between them."""
    last = min(today - dt.timedelta(days=person.last_back), last_open)
    first = min(today - dt.timedelta(days=person.first_back), last)
    active: list[dt.date] = []
    rests: list[dt.date] = []
    day = first
    while day <= last:
        if day in (first, last) or rng.random() < person.habit.day_chance:
            active.append(day)
        elif person.habit.rests and rng.random() < 0.8:
            # At most two rest days in any 30, as progress.services allows.
            recent = [rest for rest in rests[-REST_DAYS_PER_30:] if (day - rest).days < 30]
            if len(recent) < REST_DAYS_PER_30:
                rests.append(day)
        day += dt.timedelta(days=1)
    return active, set(rests)


def _asks_per_day(
    rng: random.Random, person: Person, active: list[dt.date], asks: int
) -> list[tuple[dt.date, int]]:
    if asks <= 0:
        return []
    if asks < len(active):
        # Too few asks for every day: devoted players keep their newest run, others thin out.
        days = active[-asks:] if person.habit.rests else sorted(rng.sample(active, asks))
        return [(day, 1) for day in days]
    counts = [1] * len(active)
    for _ in range(asks - len(active)):
        counts[rng.randrange(len(active))] += 1
    return list(zip(active, counts, strict=True))


def _outcome(rng: random.Random, progress: float, recent: bool, later: bool, no: bool) -> str:
    if no:
        return Outcome.REJECTED if rng.random() < 0.85 else Outcome.NO_RESPONSE
    if rng.random() < (0.10 if recent else 0.012) * (3 if later else 1):
        return Outcome.PENDING
    if rng.random() < 0.04 + 0.14 * (1 - progress):
        return Outcome.AVOIDED
    if rng.random() < 0.62 - 0.15 * progress:
        return Outcome.REJECTED if rng.random() < 0.82 else Outcome.NO_RESPONSE
    return Outcome.ACCEPTED if rng.random() < 0.7 else Outcome.PARTIAL


def _card(rng: random.Random, deck: Deck, style: Style, progress: float) -> Card:
    categories = list(deck.by_category)
    cards = deck.by_category[rng.choices(categories, weights=style.category_weights)[0]]
    target = 2 + 6 * progress + rng.gauss(0, 1.5)  # the ladder rises as they go
    near = [card for card in cards if abs(card.difficulty - target) <= 2]
    return rng.choice(near or cards)


class _Writer:
    """Makes one person's asks, adding each to the tallies as it goes."""

    def __init__(
        self, person: Person, user_id: int, deck: Deck, now: dt.datetime, history: PersonHistory
    ) -> None:
        self.rng = random.Random(person.seed)
        self.person = person
        self.user_id = user_id
        self.deck = deck
        self.now = now
        self.history = history
        self.style = Style.draw(self.rng, len(deck.by_category))
        self.tz = zone(person.timezone)

    def ask(self, day: dt.date, seconds: int, progress: float, number: int) -> None:
        rng, style, person = self.rng, self.style, self.person
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=self.tz)
        when = (midnight + dt.timedelta(seconds=seconds)).astimezone(dt.UTC)
        when = min(when, self.now - dt.timedelta(minutes=1))
        on = local_date(when, person.timezone)
        card = None if rng.random() < style.free_text else _card(rng, self.deck, style, progress)
        later = card is not None and card.answer_later
        keeps_going = person.habit.rests and person.streak_mode == StreakMode.CLASSIC
        outcome = _outcome(
            rng, progress, self.now - when < RECENT, later, keeps_going and number == 0
        )
        points = points_for(outcome)
        before = after = predicted = None
        if style.tracks_anxiety and rng.random() < 0.92:
            before = _clamp(style.calm_from - style.calm_by * progress + rng.gauss(0, 1), 10)
            if outcome not in (Outcome.AVOIDED, Outcome.PENDING):
                after = _clamp(before - rng.randint(0, 4), 10)
        if style.predicts and rng.random() < 0.9:
            predicted = _clamp(82 - 18 * progress + rng.gauss(0, 9), 100)
        done = outcome in COMPLETED_OUTCOMES
        resolved = None
        if later and done and rng.random() < 0.5:
            resolved = min(when + dt.timedelta(minutes=rng.randint(30, 72 * 60)), self.now)
        created = min(when + dt.timedelta(seconds=rng.randint(30, 90 * 60)), self.now)
        notes = style.notes
        self.history.attempts.append(
            (
                uuid.UUID(int=rng.getrandbits(128), version=4),
                self.user_id,
                card.pk if card else None,
                "" if card else rng.choice(FREE_ASKS),
                outcome,
                when,
                on,
                before,
                after,
                predicted,
                predicted is not None,  # people here predict before they ask
                rng.choice(FEARS) if rng.random() < notes * 0.7 else "",
                rng.choice(HAPPENED[outcome]) if rng.random() < notes else "",
                rng.choice(LEARNED) if done and rng.random() < notes * 0.5 else "",
                rng.sample(TAGS, rng.randint(1, 2)) if rng.random() < 0.35 else [],
                rng.choices(Visibility.values, weights=(90, 7, 3))[0],
                points,
                done and rng.random() < 0.03,
                resolved,
                created,
                resolved or created,
            )
        )
        category = card.category if card else ""
        self.history.tallies.add(on, category, outcome, points, before, after, predicted)


def _enrollments(
    rng: random.Random,
    person: Person,
    user_id: int,
    active: list[dt.date],
    programs: dict[str, tuple[int, int | None]],
) -> list[tuple[Any, ...]]:
    if not active or rng.random() >= 0.6:
        return []
    tz = zone(person.timezone)

    def row(slug: str, start: dt.date, is_active: bool) -> tuple[Any, ...]:
        pk, length = programs[slug]
        started = dt.datetime.combine(start, dt.time(7, rng.randrange(60)), tzinfo=tz)
        return (
            user_id,
            pk,
            length or rng.choice(CUSTOM_LENGTHS),
            start,
            started.astimezone(dt.UTC),
            is_active,
        )

    slug = rng.choices(("classic-30", "100-days", "custom"), weights=(50, 35, 15))[0]
    start = rng.choice(active[: max(1, len(active) // 2)])
    rows = [row(slug, start, True)]
    earlier = start - dt.timedelta(days=30 + rng.randint(0, 20))
    if rng.random() < 0.25 and earlier >= active[0]:
        rows.append(row("classic-30", earlier, False))  # a first program, since replaced
    return rows


def person_history(
    person: Person,
    user_id: int,
    asks: int,
    deck: Deck,
    programs: dict[str, tuple[int, int | None]],
    now: dt.datetime,
) -> PersonHistory:
    """Make `asks` asks for one person, with their rest days, programs and tallies."""
    history = PersonHistory()
    writer = _Writer(person, user_id, deck, now, history)
    rng = writer.rng
    local_now = now.astimezone(writer.tz)
    since_midnight = local_now.hour * 3600 + local_now.minute * 60 + local_now.second
    today = local_now.date()
    # Today is open for asks once the morning is under way; before that, the last is yesterday.
    last_open = today if since_midnight > FIRST_ASK + 1800 else today - dt.timedelta(days=1)
    active, rests = _calendar(rng, person, today, last_open)
    history.tallies.rest_days = rests
    plan = _asks_per_day(rng, person, active, asks)
    span = max((active[-1] - active[0]).days, 1)
    for day, count in plan:
        latest = min(LAST_ASK, since_midnight - 300) if day == today else LAST_ASK
        progress = (day - active[0]).days / span
        for number, seconds in enumerate(
            sorted(rng.randint(FIRST_ASK, latest) for _ in range(count))
        ):
            writer.ask(day, seconds, progress, number)
    history.enrollments = _enrollments(rng, person, user_id, active, programs)
    return history
