from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rejection.challenges.deck import DECK_PATH, DeckError, load_deck


class Command(BaseCommand):
    help = "Load or update the challenge deck from its JSON file (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--path", type=Path, default=DECK_PATH, help="Deck file to load.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_deck(options["path"])
        except DeckError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Deck loaded: {report.created} new, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.categories} categories."
        )
