"""The signed-in user and their profile, loaded by every request in one fixed statement.

A page finds its user through the session (the authentication backends), the API through
its bearer token (services.user_for_token). Both used to ask the ORM for the user joined
to the profile (and the token), and profiling the signed-in floor (docs/performance.md,
"Round two") showed the ORM spending several times longer building that query than the
database took to answer it. Here each statement is built once per database from the
models' own columns, and its row becomes model instances through Model.from_db with the
converters the ORM would apply, exactly as `select_related("profile")` would load them:
`user.profile` (and `profile.user`) need no further query.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connections, router


class _Statement(NamedTuple):
    sql: str
    token_names: list[str]
    user_names: list[str]
    profile_names: list[str]
    converters: list[tuple[int, Any, list[Any]]]  # (column, its expression, converters)


def user_with_profile(user_id: Any) -> Any | None:
    """The user with this key and their profile, or None."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(user_id)  # type: ignore[union-attr]
    except ValidationError:
        return None
    row = _fetch(User, "user", pk)
    return None if row is None else row[1]


def token_with_user(digest: str) -> tuple[Any, Any] | None:
    """(token, its user with their profile) for a token's digest, or None."""
    from rejection.accounts.models import ApiToken

    return _fetch(ApiToken, "token", digest)


def _fetch(model: Any, by: str, key: Any) -> tuple[Any, Any] | None:
    connection = connections[router.db_for_read(model)]
    statement = _statement(connection.alias, by)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [key])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for n, output, converters in statement.converters:
        if values[n] is not None:
            for converter in converters:
                values[n] = converter(values[n], output, connection)
    User = get_user_model()
    user_field = User._meta.get_field("profile")
    Profile: Any = user_field.related_model
    start = len(statement.token_names)
    split = start + len(statement.user_names)
    user = User.from_db(connection.alias, statement.user_names, values[start:split])
    if values[split] is not None:  # no profile yet: `user.profile` asks the database
        profile = Profile.from_db(connection.alias, statement.profile_names, values[split:])
        Profile._meta.get_field("user").set_cached_value(profile, user)
        user_field.set_cached_value(user, profile)  # type: ignore[union-attr]
    token = None
    if by == "token":
        token = model.from_db(connection.alias, statement.token_names, values[:start])
        model._meta.get_field("user").set_cached_value(token, user)
    return token, user


@functools.cache
def _statement(alias: str, by: str) -> _Statement:
    """SELECT [the token's,] the user's and the profile's columns, by the user's key or the
    token's digest, with the converters the ORM's compiler would apply to each column."""
    from rejection.accounts.models import ApiToken

    User = get_user_model()
    Profile: Any = User._meta.get_field("profile").related_model
    connection = connections[alias]

    def quote(name: str | None) -> str:
        return str(connection.ops.quote_name(str(name)))

    token_fields = list(ApiToken._meta.concrete_fields) if by == "token" else []
    user_fields = list(User._meta.concrete_fields)
    profile_fields = list(Profile._meta.concrete_fields)
    columns = [f"t.{quote(f.column)}" for f in token_fields]
    columns += [f"u.{quote(f.column)}" for f in user_fields]
    columns += [f"p.{quote(f.column)}" for f in profile_fields]
    pk = quote(User._meta.pk.column)  # type: ignore[union-attr]
    profiles = (
        f"LEFT OUTER JOIN {quote(Profile._meta.db_table)} p "
        f"ON p.{quote(Profile._meta.get_field('user').column)} = u.{pk}"
    )
    if by == "token":
        source = (
            f"{quote(ApiToken._meta.db_table)} t INNER JOIN {quote(User._meta.db_table)} u "
            f"ON u.{pk} = t.{quote(ApiToken._meta.get_field('user').column)} {profiles} "
            f"WHERE t.{quote(ApiToken._meta.get_field('digest').column)} = %s"
        )
    else:
        source = f"{quote(User._meta.db_table)} u {profiles} WHERE u.{pk} = %s"
    converters = []
    for n, field in enumerate([*token_fields, *user_fields, *profile_fields]):
        output = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(output) + output.get_db_converters(connection)
        if found:
            converters.append((n, output, found))
    return _Statement(
        f"SELECT {', '.join(columns)} FROM {source}",
        [f.attname for f in token_fields],
        [f.attname for f in user_fields],
        [f.attname for f in profile_fields],
        converters,
    )
