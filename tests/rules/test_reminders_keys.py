"""The web-push key pair: made by a command, read from the environment or the data folder."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from rejection.reminders import push


def test_the_command_prints_a_matching_pair() -> None:
    out = io.StringIO()
    call_command("vapid_keys", stdout=out)
    private_line, public_line = out.getvalue().split()
    private = private_line.removeprefix("VAPID_PRIVATE_KEY=")
    assert public_line == f"VAPID_PUBLIC_KEY={push.public_key_of(private)}"


def test_make_run_keeps_one_key_in_the_data_folder(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.VAPID_PRIVATE_KEY = ""
    assert push.public_key() == ""  # no key yet: push is off
    call_command("vapid_keys", "--keep", stdout=io.StringIO())
    made = (tmp_path / "vapid_private_key.txt").read_text()
    assert (tmp_path / "vapid_private_key.txt").stat().st_mode & 0o077 == 0
    call_command("vapid_keys", "--keep", stdout=io.StringIO())  # a second start keeps it
    assert (tmp_path / "vapid_private_key.txt").read_text() == made
    assert push.public_key() == push.public_key_of(made.strip())


def test_a_public_key_that_does_not_match_stops_push(settings: Any) -> None:
    settings.VAPID_PUBLIC_KEY = push.public_key_of(push.new_private_key())
    with pytest.raises(ImproperlyConfigured):
        push.public_key()
