import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rejection.cli.management.commands._user import user_named
from rejection.journal.models import Outcome
from rejection.journal.services import log_attempt


class Command(BaseCommand):
    help = "Log an ask for a user, as the app and the API do."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--outcome", required=True, choices=Outcome.values)
        parser.add_argument("--ask", default=None, help="What you asked for (or use --challenge).")
        parser.add_argument("--challenge", type=int, dest="challenge_id", default=None)
        parser.add_argument("--anxiety-before", type=int, dest="anxiety_before")
        parser.add_argument("--anxiety-after", type=int, dest="anxiety_after")
        parser.add_argument(
            "--predicted", type=int, dest="predicted_rejection", help="Chance of a no, 0-100."
        )
        parser.add_argument("--learned", default=None)
        parser.add_argument(
            "--when", dest="occurred_at", default=None, help="ISO 8601 date and time."
        )
        parser.add_argument("--key", default=None, help="Idempotency key, so a retry logs once.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["username"])
        fields = (
            "outcome",
            "ask",
            "challenge_id",
            "anxiety_before",
            "anxiety_after",
            "predicted_rejection",
            "learned",
            "occurred_at",
        )
        data = {name: options[name] for name in fields if options.get(name) is not None}
        try:
            result = log_attempt(user, data, options["key"])
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
            )
            raise CommandError(problems) from error
        self.stdout.write(json.dumps(result.snapshot, indent=2))
