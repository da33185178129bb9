"""Who the generated people are: where they live, how they play and how much they ask."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

from rejection.accounts.models import StreakMode

# Weighted roughly like a web audience, with the awkward cases kept in: southern-hemisphere
# summer time, half- and quarter-hour offsets, both ends of the date line.
ZONES: tuple[tuple[str, float], ...] = (
    ("America/New_York", 12), ("America/Chicago", 6), ("America/Denver", 2),
    ("America/Los_Angeles", 8), ("America/Toronto", 3), ("America/Mexico_City", 3),
    ("America/Sao_Paulo", 5), ("America/Argentina/Buenos_Aires", 2), ("America/St_Johns", 1),
    ("Europe/London", 10), ("Europe/Dublin", 2), ("Europe/Paris", 5), ("Europe/Berlin", 7),
    ("Europe/Madrid", 3), ("Europe/Warsaw", 2), ("Europe/Istanbul", 2), ("Europe/Moscow", 2),
    ("Africa/Lagos", 3), ("Africa/Nairobi", 1), ("Africa/Johannesburg", 2),
    ("Asia/Tehran", 1), ("Asia/Dubai", 1), ("Asia/Kolkata", 7), ("Asia/Kathmandu", 0.5),
    ("Asia/Dhaka", 1), ("Asia/Jakarta", 2), ("Asia/Singapore", 2), ("Asia/Shanghai", 3),
    ("Asia/Seoul", 2), ("Asia/Tokyo", 4), ("Australia/Perth", 1), ("Australia/Adelaide", 1),
    ("Australia/Sydney", 4), ("Australia/Lord_Howe", 0.1), ("Pacific/Auckland", 2),
    ("Pacific/Chatham", 0.1), ("Pacific/Kiritimati", 0.1), ("Pacific/Pago_Pago", 0.1),
    ("Pacific/Honolulu", 0.5), ("UTC", 3),
)  # fmt: skip
DISPLAY_NAMES = (
    "Ada", "Bea", "Chen", "Dara", "Eli", "Femi", "Gia", "Hana", "Ivo", "Juno", "Kai", "Lea",
    "Mo", "Nia", "Omar", "Pia", "Quinn", "Rui", "Sol", "Tariq", "Uma", "Vik", "Wen", "Yara",
)  # fmt: skip
HISTORY_DAYS = 180


@dataclass(frozen=True)
class Habit:
    """A kind of player: how long ago they started and stopped, and how often they ask."""

    name: str
    share: float
    first_back: tuple[int, int]  # the first day they played, in days before today
    last_back: tuple[int, int]  # the last day they played
    day_chance: float  # the chance they ask on a day inside that window
    per_day: float  # relative asks on a day they ask
    rests: bool  # they take their rest days instead of breaking the streak


HABITS = (
    Habit("devoted", 0.08, (90, HISTORY_DAYS - 1), (0, 0), 0.95, 2.2, True),
    Habit("regular", 0.22, (40, HISTORY_DAYS - 1), (0, 3), 0.6, 1.3, True),
    Habit("casual", 0.45, (5, HISTORY_DAYS - 1), (0, 30), 0.25, 1.0, False),
    Habit("lapsed", 0.25, (100, HISTORY_DAYS - 1), (25, 95), 0.45, 1.2, False),
)


@dataclass(frozen=True)
class Person:
    index: int  # from 1, which names the account
    seed: int
    timezone: str
    streak_mode: str
    habit: Habit
    first_back: int
    last_back: int
    zeal: float  # how much more (or less) than others of their habit they ask

    @property
    def weight(self) -> float:
        """Return how many asks this person makes, relative to everyone else."""
        window = self.first_back - self.last_back + 1
        return window * self.habit.day_chance * self.habit.per_day * self.zeal


def username_for(prefix: str, index: int, total: int) -> str:
    return f"{prefix}{index:0{max(5, len(str(total)))}d}"


def plan_people(count: int, seed: int) -> list[Person]:
    """Draw `count` people, the same ones for the same seed."""
    rng = random.Random(f"people:{seed}")
    zone_names = [name for name, _ in ZONES]
    zone_weights = list(accumulate(weight for _, weight in ZONES))
    habit_weights = list(accumulate(habit.share for habit in HABITS))
    people = []
    for index in range(1, count + 1):
        habit = rng.choices(HABITS, cum_weights=habit_weights)[0]
        first_back = rng.randint(*habit.first_back)
        last_back = min(rng.randint(*habit.last_back), first_back)
        people.append(
            Person(
                index=index,
                seed=rng.getrandbits(48),
                timezone=rng.choices(zone_names, cum_weights=zone_weights)[0],
                streak_mode=StreakMode.CLASSIC if rng.random() < 0.7 else StreakMode.GENTLE,
                habit=habit,
                first_back=first_back,
                last_back=last_back,
                zeal=rng.lognormvariate(0, 0.5),
            )
        )
    return people


def share_asks(people: list[Person], total: int) -> list[int]:
    """Split `total` asks between people by weight, summing to exactly `total`."""
    weights = [person.weight for person in people]
    whole = sum(weights) or 1.0
    exact = [total * weight / whole for weight in weights]
    counts = [int(value) for value in exact]
    # Largest remainders first, so the rounding never strays from the total.
    order = sorted(range(len(people)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts
