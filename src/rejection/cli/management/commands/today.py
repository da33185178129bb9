from typing import Any

from django.core.management.base import BaseCommand

from rejection.cli.management.commands._user import user_named
from rejection.practice.today import today_for


class Command(BaseCommand):
    help = "Show a user's challenge for today, their Day N and streak."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_for(user_named(options["username"]))
        day = f"Day {today.day_number}" if today.day_number else "No program running"
        challenge = today.challenge
        self.stdout.write(
            f"{today.date} · {day} · streak {today.current_streak} · {today.points} points"
        )
        self.stdout.write(f"#{challenge.pk} {challenge.title} (difficulty {challenge.difficulty})")
        if challenge.script:
            self.stdout.write(f"  Say: {challenge.script}")
        self.stdout.write(f"  {today.why}")
