import json
from typing import Any

from django.core.management.base import BaseCommand

from rejection.cli.management.commands._user import user_named
from rejection.progress.queries import stats_for


class Command(BaseCommand):
    help = "Print a user's Progress figures as JSON (the same as GET /api/v1/stats)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(stats_for(user_named(options["username"])), indent=2))
