"""Fill a database with generated people and months of their asks, for scale tests and benchmarks.

    .venv/bin/python benchmarks/generate_data.py --users 10000 --attempts 1000000 --reset
    .venv/bin/python benchmarks/generate_data.py --help

The generate_data command (benchmarks/loadgen/command.py), run as manage.py would run it,
against the database the environment names (DATABASE_URL, else SQLite in DATA_DIR). It lives
outside the product package, so a production install can neither import nor run it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rejection.settings")
    import django

    django.setup()
    from benchmarks.loadgen.command import Command

    class Script(Command):
        def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
            parser = super().create_parser(prog_name, subcommand, **kwargs)
            parser.prog = "benchmarks/generate_data.py"  # not "generate_data.py generate_data"
            return parser

    Script().run_from_argv([argv[0], "generate_data", *argv[1:]])


if __name__ == "__main__":
    main(sys.argv)
