from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from rejection.journal.counters import rebuild_user


class Command(BaseCommand):
    help = "Recompute every day tally, points and streak from the attempts themselves."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("usernames", nargs="*", help="Only these users (default: everyone).")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.order_by("pk")
        if options["usernames"]:
            users = users.filter(username__in=options["usernames"])
        count = 0
        for user in users.iterator():
            rebuild_user(user)
            count += 1
        self.stdout.write(f"Rebuilt counters for {count} user(s).")
