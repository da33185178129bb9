"""Count the queries a request makes against the application's own tables.

Two kinds of statement are left out, and docs/scaling.md says why: transaction control
(SAVEPOINT / RELEASE), which moves no data, and statements on the cache table, because the
cache is a separate store (the database cache by default, Redis at scale) with its own figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY_BUDGET = 10
CACHE_TABLE = "rejection_cache"
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


def counted(sql: str) -> bool:
    """Tell whether a statement counts against the budget."""
    return not sql.lstrip().upper().startswith(TRANSACTION_CONTROL) and CACHE_TABLE not in sql


class Queries:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)

    def explain(self) -> str:
        return "\n".join(f"{i + 1:2d}. {sql[:160]}" for i, sql in enumerate(self.statements))


@contextmanager
def queries() -> Iterator[Queries]:
    """Capture the budgeted statements of the block: `with queries() as q: ...; len(q)`."""
    result = Queries()
    with CaptureQueriesContext(connection) as captured:
        yield result
    # Copied at the end of the block: the next request clears Django's query log.
    result.statements = [q["sql"] for q in captured.captured_queries if counted(q["sql"])]


def cost(call: Callable[[], Any]) -> tuple[int, Any, Queries]:
    """Run call() and return (budgeted query count, its result, the statements)."""
    with queries() as q:
        result = call()
    return len(q), result, q
