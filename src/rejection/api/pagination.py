"""Keyset pagination with opaque cursors: stable pages, no duplicates, flat cost.

A cursor is the base64url of the JSON list of the last row's sort key. It is opaque
to clients; a cursor we did not make is a 422 naming `cursor`, never a crash.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from rejection.api.errors import ApiError
from rejection.api.schemas.common import MAX_ID


def _as_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ID:
        raise ValueError(value)
    return value


def _as_moment(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


@dataclass(frozen=True)
class Key:
    """One column of a sort key: its field, direction, and how to read it back from JSON."""

    field: str
    descending: bool = False
    load: Callable[[Any], Any] = _as_id
    dump: Callable[[Any], Any] = lambda value: value


def moment_key(field: str, descending: bool = False) -> Key:
    return Key(field, descending, _as_moment, lambda value: value.isoformat())


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str, keys: tuple[Key, ...]) -> list[Any]:
    """Return the sort key a cursor holds, or raise a 422 naming `cursor`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError(cursor)
        return [key.load(value) for key, value in zip(keys, values, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeError, OverflowError) as error:
        raise ApiError(
            422, fields={"cursor": ["This cursor is not one this API gave out; start again."]}
        ) from error


def _after(keys: tuple[Key, ...], values: list[Any]) -> Q:
    """Return the filter for rows strictly after the given key in the keys' order."""
    condition = Q()
    for index, key in enumerate(keys):
        step = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.field: value})
        condition |= step
    return condition


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
