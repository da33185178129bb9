from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from rejection.progress.milestones import award_everyone


class Command(BaseCommand):
    help = "Award the milestones each user's history has earned (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("usernames", nargs="*", help="Only these users (default: everyone).")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.order_by("pk")
        if options["usernames"]:
            users = users.filter(username__in=options["usernames"])
        awarded = award_everyone(users.iterator())
        self.stdout.write(f"Awarded {awarded} new milestone(s).")
