from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rejection.data.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Create, or reset, a demo account with 60 days of varied history "
        "(it deletes and recreates the account of that name)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default="demo", help="Account name (default: demo).")
        parser.add_argument("--password", help="Its password (default: a random one, printed).")
        parser.add_argument("--seed", type=int, help="Seed for the same history every time.")
        parser.add_argument("--timezone", default="Europe/London", help="The demo's time zone.")
        parser.add_argument("--days", type=int, default=60, help="Days of history (default 60).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["days"] <= 365:
            raise CommandError("--days must be from 1 to 365.")
        try:
            demo = seed_demo(
                options["username"],
                options["password"],
                options["seed"],
                options["timezone"],
                options["days"],
            )
        except ValidationError as error:  # a weak --password, say, or an unknown time zone
            raise CommandError(" ".join(error.messages)) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Demo account ready: {demo.attempts} asks from {demo.first_day} to {demo.last_day}.\n"
            f"  Log in at /accounts/login/ as {demo.user.get_username()} "
            f"with the password {demo.password}"
        )
