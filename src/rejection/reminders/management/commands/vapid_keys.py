"""Print a new VAPID key pair for web push, or make the data folder's one if missing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rejection.reminders.push import key_file, new_private_key, public_key_of


class Command(BaseCommand):
    help = "Print a new web-push (VAPID) key pair; --keep makes DATA_DIR's key on first start."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Write DATA_DIR/vapid_private_key.txt if it is missing (make run does this).",
        )

    def handle(self, *args: Any, keep: bool = False, **options: Any) -> None:
        if keep:
            path = key_file()
            if path.exists():
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(new_private_key() + "\n", encoding="utf-8")
            self.stdout.write(f"Made a web-push key in {path}.")
            return
        private = new_private_key()
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}\nVAPID_PUBLIC_KEY={public_key_of(private)}")
