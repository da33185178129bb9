"""Write many rows fast: COPY on PostgreSQL, batched bulk_create on other databases."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

Put = Callable[[Sequence[Any]], None]


class RowSink:
    """Streams rows, given as tuples of column values, into one table at a time."""

    def __init__(self, batch_size: int = 5000) -> None:
        self.batch_size = batch_size
        self.uses_copy = connection.vendor == "postgresql"
        self.written = 0

    @contextmanager
    def into(self, model: type[models.Model], columns: Sequence[str]) -> Iterator[Put]:
        """Yield a function that takes one row; the rows are in the table when the block ends."""
        opts = model._meta
        # Columns added to the model later get their defaults, so generation never lags a field.
        rest = [
            field
            for field in opts.concrete_fields
            if not field.primary_key and field.attname not in columns
        ]
        if self.uses_copy:
            with self._copy(model, columns, rest) as put:
                yield put
        else:
            with self._batches(model, columns) as put:
                yield put

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Any]) -> None:
        with self.into(model, columns) as put:
            for row in rows:
                put(row)

    @contextmanager
    def _copy(
        self, model: type[models.Model], columns: Sequence[str], rest: list[Any]
    ) -> Iterator[Put]:
        fields = {field.attname: field for field in model._meta.concrete_fields}
        as_json = [
            i for i, name in enumerate(columns) if isinstance(fields[name], models.JSONField)
        ]
        tail = tuple(
            json.dumps(field.get_default())
            if isinstance(field, models.JSONField)
            else field.get_default()
            for field in rest
        )
        quote = connection.ops.quote_name
        targets = [fields[name] for name in columns] + rest
        names = ", ".join(quote(field.get_attname_column()[1]) for field in targets)
        sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            write_row = copy.write_row

            def put(row: Sequence[Any]) -> None:
                if as_json:
                    row = list(row)
                    for i in as_json:
                        row[i] = json.dumps(row[i])  # COPY's text format wants the JSON text
                write_row((*row, *tail))
                self.written += 1

            yield put

    @contextmanager
    def _batches(self, model: type[models.Model], columns: Sequence[str]) -> Iterator[Put]:
        pending: list[models.Model] = []

        def flush() -> None:
            model._default_manager.bulk_create(pending, batch_size=self.batch_size)
            self.written += len(pending)
            pending.clear()

        def put(row: Sequence[Any]) -> None:
            pending.append(model(**dict(zip(columns, row, strict=True))))
            if len(pending) >= self.batch_size:
                flush()

        yield put
        flush()
