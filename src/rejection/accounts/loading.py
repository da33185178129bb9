"""The signed-in user and their profile, loaded by every request in one fixed statement.

A page finds its user through the session (the authentication backends), the API through
its bearer token (services.user_for_token). Both used to ask the ORM for the user joined
to the profile (and the token), and profiling the signed-in floor (docs/performance.md,
"Round two") showed the ORM spending several times longer building that query than the
database took to answer it. Here each statement is built once per database from the
models' own columns, and its row becomes model instances through Model.from_db with the
converters the ORM would apply, exactly as `select_related("profile")` would load them:
`user.profile` (and `profile.user`) need no further query. Figures other apps add to the
user's query (accounts.backends.USER_ANNOTATIONS: the bell's unread count) are compiled by
the ORM into the same statement, once, and set on the user as `annotate` would.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connections, router

Annotations = Mapping[str, Callable[[], Any]]


class _Statement(NamedTuple):
    sql: str
    params: list[Any]  # the annotations' own, before the key
    token_names: list[str]
    user_names: list[str]
    profile_names: list[str]
    annotation_names: list[str]
    converters: list[tuple[int, Any, list[Any]]]  # (column, its expression, converters)


def user_with_profile(user_id: Any, annotations: Annotations | None = None) -> Any | None:
    """The user with this key and their profile (and the annotations asked for), or None."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(user_id)  # type: ignore[union-attr]
    except ValidationError:
        return None
    row = _fetch(User, "user", pk, annotations or {})
    return None if row is None else row[1]


def token_with_user(digest: str) -> tuple[Any, Any] | None:
    """(token, its user with their profile) for a token's digest, or None."""
    from rejection.accounts.models import ApiToken

    return _fetch(ApiToken, "token", digest, {})


def _fetch(model: Any, by: str, key: Any, annotations: Annotations) -> tuple[Any, Any] | None:
    connection = connections[router.db_for_read(model)]
    statement = _statement(connection.alias, by, tuple(annotations.items()))
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [*statement.params, key])
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
    end = split + len(statement.profile_names)
    user = User.from_db(connection.alias, statement.user_names, values[start:split])
    for name, value in zip(statement.annotation_names, values[end:], strict=True):
        setattr(user, name, value)
    if values[split] is not None:  # no profile yet: `user.profile` asks the database
        profile = Profile.from_db(connection.alias, statement.profile_names, values[split:end])
        Profile._meta.get_field("user").set_cached_value(profile, user)
        user_field.set_cached_value(user, profile)  # type: ignore[union-attr]
    token = None
    if by == "token":
        token = model.from_db(connection.alias, statement.token_names, values[:start])
        model._meta.get_field("user").set_cached_value(token, user)
    return token, user


@functools.cache
def _statement(alias: str, by: str, annotated: tuple[tuple[str, Any], ...]) -> _Statement:
    """SELECT [the token's,] the user's and the profile's columns [and the annotations], by
    the user's key or the token's digest, with the converters the ORM's compiler would apply
    to each column. `annotated`: (name, function making its expression) pairs."""
    from rejection.accounts.models import ApiToken

    User = get_user_model()
    Profile: Any = User._meta.get_field("profile").related_model
    connection = connections[alias]

    def quote(name: str | None) -> str:
        return str(connection.ops.quote_name(str(name)))

    token_fields = list(ApiToken._meta.concrete_fields) if by == "token" else []
    user_fields = list(User._meta.concrete_fields)
    profile_fields = list(Profile._meta.concrete_fields)
    # Tables by their own names, not aliases, so the annotations' references to the user's
    # columns, compiled by the ORM, point at the right table.
    t, u, p = (quote(m._meta.db_table) for m in (ApiToken, User, Profile))
    columns = [f"{t}.{quote(f.column)}" for f in token_fields]
    columns += [f"{u}.{quote(f.column)}" for f in user_fields]
    columns += [f"{p}.{quote(f.column)}" for f in profile_fields]
    pk = quote(User._meta.pk.column)  # type: ignore[union-attr]
    profiles = (
        f"LEFT OUTER JOIN {p} ON {p}.{quote(Profile._meta.get_field('user').column)} = {u}.{pk}"
    )
    if by == "token":
        owner = quote(ApiToken._meta.get_field("user").column)
        digest = quote(ApiToken._meta.get_field("digest").column)
        source = f"{t} INNER JOIN {u} ON {u}.{pk} = {t}.{owner} {profiles} WHERE {t}.{digest} = %s"
    else:
        source = f"{u} {profiles} WHERE {u}.{pk} = %s"
    fields = [*token_fields, *user_fields, *profile_fields]
    outputs = [field.get_col(field.model._meta.db_table) for field in fields]
    params: list[Any] = []
    if annotated:
        query = (
            User._default_manager.using(alias)
            .annotate(**{name: make() for name, make in annotated})
            .query
        )
        compiler = query.get_compiler(using=alias)
        for name, _ in annotated:
            expression = query.annotations[name]
            sql, more = compiler.compile(expression)
            columns.append(f"{sql} AS {quote(name)}")
            params.extend(more)
            outputs.append(expression)
    converters = []
    for n, output in enumerate(outputs):
        found = connection.ops.get_db_converters(output) + output.get_db_converters(connection)
        if found:
            converters.append((n, output, found))
    return _Statement(
        f"SELECT {', '.join(columns)} FROM {source}",
        params,
        [f.attname for f in token_fields],
        [f.attname for f in user_fields],
        [f.attname for f in profile_fields],
        [name for name, _ in annotated],
        converters,
    )
