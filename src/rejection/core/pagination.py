"""Keyset pagination with opaque cursors: stable pages, no duplicates, flat cost.

A cursor is the last row's sort key, each column written as 16 hexadecimal digits (an
id as it is, a moment as microseconds since year 1). Any string of that shape is a
place in the list, so a client's cursor is never refused once it fits the documented
pattern; a value past either end simply finds nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from rejection.core.contracts import MAX_ID

DIGITS = 16
EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)
MAX_MICROSECONDS = (LATEST - EPOCH) // dt.timedelta(microseconds=1)


def _load_id(number: int) -> int:
    return min(number, MAX_ID)


def _load_moment(number: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=min(number, MAX_MICROSECONDS))


def _dump_moment(moment: dt.datetime) -> int:
    return (moment - EPOCH) // dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class Key:
    """One column of a sort key: its field, direction, and how it becomes a number and back."""

    field: str
    descending: bool = False
    load: Callable[[int], Any] = _load_id
    dump: Callable[[Any], int] = int


def moment_key(field: str, descending: bool = False) -> Key:
    return Key(field, descending, _load_moment, _dump_moment)


def encode_cursor(numbers: list[int]) -> str:
    return "".join(f"{number:0{DIGITS}x}" for number in numbers)


def decode_cursor(cursor: str, keys: tuple[Key, ...]) -> list[Any]:
    """Return the sort key a cursor holds (the contract has checked its shape)."""
    numbers = [int(cursor[i : i + DIGITS], 16) for i in range(0, len(cursor), DIGITS)]
    # A cursor made for a longer or shorter order still names a place: pad or cut it.
    numbers = (numbers + [0] * len(keys))[: len(keys)]
    return [key.load(number) for key, number in zip(keys, numbers, strict=True)]


def _after(keys: tuple[Key, ...], values: list[Any]) -> Q:
    """Return the filter for rows strictly after the given key in the keys' order."""
    condition = Q()
    for index, key in enumerate(keys):
        step = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.field: value})
        condition |= step
    return condition


def after_cursor(keys: tuple[Key, ...], cursor: str | None) -> Q:
    """The filter for rows after `cursor` in the keys' order (every row when there is none)."""
    return _after(keys, decode_cursor(cursor, keys)) if cursor else Q()


def paginate(
    queryset: QuerySet, keys: tuple[Key, ...], limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """Return one page of rows in key order and the cursor of the next page (or None)."""
    queryset = queryset.order_by(*(f"-{k.field}" if k.descending else k.field for k in keys))
    if cursor:
        queryset = queryset.filter(_after(keys, decode_cursor(cursor, keys)))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([key.dump(getattr(last, key.field)) for key in keys])
