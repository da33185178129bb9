"""The generate_data command, run by benchmarks/generate_data.py (tests call it directly)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from benchmarks.loadgen.people import username_for
from benchmarks.loadgen.run import PASSWORD, PREFIX, generate


class Command(BaseCommand):
    help = (
        "Fill the database with generated people (accounts named load-00001...) and months of "
        "asks, with their tallies and counters, for scale tests and benchmarks."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--users", type=int, default=10_000, help="People (default 10,000).")
        parser.add_argument(
            "--attempts", type=int, default=1_000_000, help="Asks in all (default 1,000,000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same data for the same seed.")
        parser.add_argument(
            "--tokens", type=int, default=100, help="API tokens for the first N people (100)."
        )
        parser.add_argument(
            "--tokens-file",
            type=Path,
            default=Path("artifacts/loadgen/tokens.txt"),
            help="Where the raw tokens go, one a line (default artifacts/loadgen/tokens.txt).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the people an earlier run made first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users, attempts, tokens = options["users"], options["attempts"], options["tokens"]
        if users < 1 or attempts < 0 or tokens < 0:
            raise CommandError("--users must be at least 1; --attempts and --tokens not negative.")
        self.stdout.write(f"Generating {users:,} people and {attempts:,} asks...")
        try:
            report = generate(
                users,
                attempts,
                seed=options["seed"],
                tokens=min(tokens, users),
                tokens_file=options["tokens_file"],
                reset=options["reset"],
                say=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Done: {report.users:,} people, {report.attempts:,} asks, {report.rows:,} rows "
            f"in {report.seconds:.1f}s ({report.rows_per_second:,.0f} rows/s).\n"
            f"  Log in as {username_for(PREFIX, 1, users)} (and so on) "
            f"with the password {PASSWORD!r}."
        )
        if report.tokens:
            self.stdout.write(f"  {report.tokens} API tokens in {options['tokens_file']}.")
