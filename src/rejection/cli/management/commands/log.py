import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pydantic import ValidationError

from rejection.accounts.services import profile_for
from rejection.cli.management.commands._user import user_named
from rejection.community.sharing import log_ask
from rejection.core.contracts import problems
from rejection.core.errors import Refused
from rejection.core.time import zone
from rejection.journal.contracts import NewAsk
from rejection.journal.models import Outcome, Visibility

FIELDS = (
    "outcome",
    "ask",
    "challenge_id",
    "anxiety_before",
    "anxiety_after",
    "predicted_rejection",
    "learned",
    "visibility",
)


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
            "--visibility",
            choices=Visibility.values,
            default=None,
            help="Who may see it (default private); shared words pass the safety screen.",
        )
        parser.add_argument(
            "--when",
            dest="occurred_at",
            default=None,
            help="ISO 8601 date and time; without an offset, in the user's own time zone.",
        )
        parser.add_argument("--key", default=None, help="Idempotency key, so a retry logs once.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["username"])
        values = {name: options[name] for name in FIELDS if options.get(name) is not None}
        if options["occurred_at"]:
            values["occurred_at"] = self._moment(user, options["occurred_at"])
        try:
            logged = log_ask(user, NewAsk.model_validate(values), options["key"])
        except ValidationError as error:
            raise CommandError(_say(problems(error))) from error
        except Refused as refused:
            raise CommandError(_say(refused.fields or {"ask": [refused.message]})) from refused
        self.stdout.write(json.dumps(logged.body, indent=2))

    @staticmethod
    def _moment(user: Any, text: str) -> Any:
        """Read --when; a time without an offset is in the user's own zone, as on the pages."""
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            return text  # the contract names the problem
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, zone(profile_for(user).timezone))
        return moment


def _say(named: dict[str, list[str]]) -> str:
    return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in named.items())
