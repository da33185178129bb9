"""The `rejection` command: Django's manage.py plus the practice commands.

rejection today alice            today's challenge, Day N and streak
rejection log alice --outcome rejected --ask "Asked for a free coffee"
rejection stats alice            the Progress figures as JSON
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rejection.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rejection", *(sys.argv[1:] if argv is None else argv)])
