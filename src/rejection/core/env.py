"""Strict parsing of settings from the environment.

Every value may also come from a file named by `NAME_FILE` (Docker and systemd
secrets), so secrets never need to sit in the process environment.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable NAME, or the contents of the file NAME_FILE, or default."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return True or False; anything but a clear yes or no is a configuration error."""
    raw = env_str(name, "true" if default else "false").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return an integer, refusing anything that is not one."""
    raw = env_str(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated list with blanks dropped."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
