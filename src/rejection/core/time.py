"""Local days: every rule about "today" uses the user's own calendar day."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.utils import timezone


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    """Return every IANA zone name this machine knows."""
    return frozenset(available_timezones())


REGIONS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
    "Indian", "Pacific",
)  # fmt: skip


@lru_cache(maxsize=1)
def zone_choices() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Return the canonical zones grouped by region, for a picker: ("Europe", (("Europe/Paris",
    "Paris"), ...)). Old aliases (US/Eastern, Etc/GMT+5) are left out; UTC comes first."""
    groups: dict[str, list[tuple[str, str]]] = {"UTC": [("UTC", "UTC")]}
    for name in sorted(timezone_names()):
        region, _, place = name.partition("/")
        if region in REGIONS and place:
            label = place.replace("_", " ").replace("/", " / ")
            groups.setdefault(region, []).append((name, label))
    return tuple((region, tuple(zones)) for region, zones in groups.items())


def is_valid_timezone(name: str) -> bool:
    """Tell whether name is an IANA time zone (UTC included)."""
    return isinstance(name, str) and (name in timezone_names() or name == "UTC")


def zone(name: str) -> ZoneInfo:
    """Return the zone, falling back to UTC for a name that no longer exists."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: dt.datetime, tz_name: str) -> dt.date:
    """Return the calendar date of an aware moment in the given zone."""
    return moment.astimezone(zone(tz_name)).date()


def local_today(tz_name: str) -> dt.date:
    """Return today's date where the user is."""
    return local_date(timezone.now(), tz_name)
