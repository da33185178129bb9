"""The feed's first page named by what it shows, read in one query, so a kept copy of the
page is used only while nothing on it has changed.

The feed shows other people's asks (friends', and public asks of anyone with a public
profile), so no one person's data version can name it. Instead one query reads, for the
first page exactly as `feed.feed_ids` chooses it, every value a card shows: the ask and
its notes, its owner's name, the challenge's title, and per ask its cheers by kind, the kinds
the viewer gave and the number of comments the viewer may read. Its digest is the page's
name: a new, edited, deleted, hidden or unshared ask, a cheer given or taken back, a
comment, a rename, a new friend, an unfriend, a block or a mute each gives other rows, hence
a new digest. Nothing has to remember to invalidate it.

Building that statement through the ORM costs more than serving the kept page, so it is
built once per process for a stand-in viewer and run with the real viewer's id in its place
(`_statement`); the rules stay in `visibility`, `comments` and `feed`, which built it.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import Case, F, Func, IntegerField, OuterRef, Subquery, Value, When

from rejection.community.comments import visible_comments
from rejection.community.feed import CHEER_KINDS, SHOWN_FIELDS, feed_ids
from rejection.community.models import Cheer, Comment
from rejection.journal.models import Attempt

# An id no person has: where the statement holds it, the viewer's id goes.
STAND_IN_ID = -7_318_264_559_104
PLACE = re.compile(r"(?<!%)%s")  # a parameter in the compiler's format style


@dataclass(frozen=True)
class _StandIn:
    pk: int = STAND_IN_ID
    is_authenticated: bool = True


# Every field a card shows (the feed's own list), and the id that orders the page.
SHOWN = ("id", *SHOWN_FIELDS)


def _kind_bit() -> Case:
    """One bit per kind of cheer, so the sum over the viewer's cheers names the kinds given."""
    return Case(
        *(When(kind=kind, then=Value(1 << n)) for n, kind in enumerate(CHEER_KINDS)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _per_ask(queryset: Any, function: str, expression: Any) -> Subquery:
    """One number per ask from `queryset`'s rows on it (a plain aggregate: no GROUP BY)."""
    return Subquery(
        queryset.filter(attempt_id=OuterRef("pk"))
        .order_by()
        .values(value=Func(expression, function=function, output_field=IntegerField()))[:1],
        output_field=IntegerField(),
    )


@cache
def _statement(alias: str, limit: int) -> tuple[str, dict[str, Any]]:
    """The first page's statement (newest first, `limit` + 1 rows, as `paginate` reads it)
    with named parameters, the viewer's id as `viewer`, and the other parameters' values."""
    with connections[alias].execute_wrapper(_no_reads):
        return _named(alias, limit)


def _no_reads(*args: Any) -> None:
    # A rule that read the viewer's rows while the statement is built (their friends' ids
    # as a list, say) would be the stand-in's, kept for everyone: refuse it.
    raise RuntimeError("The feed's rules must be one statement: they read rows when built.")


def _named(alias: str, limit: int) -> tuple[str, dict[str, Any]]:
    viewer = _StandIn()
    # The page's ids first, sorted on their own: the counts are then read for those rows
    # alone, not for every ask the viewer may see.
    page = feed_ids(viewer, limit + 1)
    rows = (
        Attempt.objects.filter(pk__in=page)
        .annotate(
            **{
                f"cheers_{kind}": _per_ask(Cheer.objects.filter(kind=kind), "COUNT", F("id"))
                for kind in CHEER_KINDS
            },
            given=_per_ask(Cheer.objects.filter(user_id=viewer.pk), "SUM", _kind_bit()),
            comments=_per_ask(Comment.objects.filter(visible_comments(viewer)), "COUNT", F("id")),
        )
        .order_by("-occurred_at", "-id")
        .values_list(*SHOWN, *(f"cheers_{kind}" for kind in CHEER_KINDS), "given", "comments")
    )
    sql, params = rows.query.get_compiler(using=alias).as_sql()
    pieces = PLACE.split(sql)
    if len(pieces) != len(params) + 1 or STAND_IN_ID not in params or str(STAND_IN_ID) in sql:
        raise RuntimeError("The feed's statement does not take the viewer as a parameter.")
    # Named parameters: the SQLite backend turns them into its own style with one `%`
    # instead of a regular expression over 5 kB per call (half this read's time).
    names = ["viewer" if value == STAND_IN_ID else f"p{n}" for n, value in enumerate(params)]
    named = pieces[0] + "".join(
        f"%({name})s{piece}" for name, piece in zip(names, pieces[1:], strict=True)
    )
    values = {
        name: _plain(value) for name, value in zip(names, params, strict=True) if name != "viewer"
    }
    return named, values


def _plain(value: Any) -> Any:
    """The choices' enums as the str or int they are: the driver adapts them faster."""
    for kind in (bool, int, str):
        if isinstance(value, kind):
            return kind(value)
    return value


def first_page_digest(viewer: Any, limit: int, alias: str = "default") -> str:
    """A name for the viewer's first feed page of `limit` cards: it changes whenever anything
    the page shows changes (one query)."""
    sql, values = _statement(alias, limit)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, {**values, "viewer": int(viewer.pk)})
        rows = cursor.fetchall()
    return hashlib.blake2b(_bytes(rows), digest_size=16).hexdigest()


def _bytes(rows: list[tuple[Any, ...]]) -> bytes:
    # Pickled without its memo, so equal rows give equal bytes whichever objects hold them
    # (four times faster than their repr).
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(rows)
    return buffer.getvalue()
