"""Authentication backends that load the profile with the user, in one query.

Every signed-in page needs the profile (time zone, streak); loading it with the user
saves a query on each request. The login rules are Django's and allauth's, unchanged.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router


def _user_with_profile(user_id: Any) -> Any:
    """The user and their profile from one fixed statement, as select_related would load them.

    Every signed-in request runs this. Profiling (docs/performance.md, "Round two") showed
    the ORM spending several times longer building the query than the database running it,
    so the statement is built once per connection from the models' own columns and the rows
    become model instances through Model.from_db, as a queryset's would.
    """
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(user_id)  # type: ignore[union-attr]
    except ValidationError:
        return None
    connection = connections[router.db_for_read(User)]
    statement = _user_statement(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for n, output, converters in statement.converters:
        if values[n] is not None:
            for converter in converters:
                values[n] = converter(values[n], output, connection)
    split = len(statement.user_names)
    user = User.from_db(connection.alias, statement.user_names, values[:split])
    if values[split] is not None:  # no profile yet: `user.profile` asks the database
        Profile = User._meta.get_field("profile").related_model
        profile = Profile.from_db(  # type: ignore[union-attr]
            connection.alias, statement.profile_names, values[split:]
        )
        Profile._meta.get_field("user").set_cached_value(profile, user)  # type: ignore[union-attr]
        User._meta.get_field("profile").set_cached_value(user, profile)  # type: ignore[union-attr]
    return user


class _Statement(NamedTuple):
    sql: str
    user_names: list[str]
    profile_names: list[str]
    converters: list[tuple[int, Any, list[Any]]]  # (column, its expression, converters)


@functools.cache
def _user_statement(alias: str) -> _Statement:
    """SELECT the user's and the profile's columns by the user's key, with the converters the
    ORM's compiler would apply to each column (one statement per database)."""
    User = get_user_model()
    Profile = User._meta.get_field("profile").related_model
    connection = connections[alias]
    quote = connection.ops.quote_name
    user_fields = list(User._meta.concrete_fields)
    profile_fields = list(Profile._meta.concrete_fields)  # type: ignore[union-attr]
    columns = [f"u.{quote(f.column)}" for f in user_fields]
    columns += [f"p.{quote(f.column)}" for f in profile_fields]
    link = Profile._meta.get_field("user").column  # type: ignore[union-attr]
    pk = User._meta.pk.column  # type: ignore[union-attr]
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(User._meta.db_table)} u "
        f"LEFT OUTER JOIN {quote(Profile._meta.db_table)} p "  # type: ignore[union-attr]
        f"ON p.{quote(link)} = u.{quote(pk)} WHERE u.{quote(pk)} = %s"
    )
    converters = []
    for n, field in enumerate([*user_fields, *profile_fields]):
        output = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(output) + output.get_db_converters(connection)
        if found:
            converters.append((n, output, found))
    return _Statement(
        sql, [f.attname for f in user_fields], [f.attname for f in profile_fields], converters
    )


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ProfileAllauthBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
