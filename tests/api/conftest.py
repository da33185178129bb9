"""Helpers for the API tests: a JSON client, the base path, and a clean cache."""

from __future__ import annotations

import json
from typing import Any

import pytest

API = "/api/v1"


@pytest.fixture(autouse=True)
def _clear_cache(db: Any) -> None:
    # Rate-limit windows live in the cache; each test starts with none used.
    from django.core.cache import cache

    cache.clear()


class Api:
    """A thin JSON client over Django's test client."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def call(self, method: str, path: str, body: Any = None, headers=None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {"headers": headers or {}, **extra}
        if method != "GET":
            # No body is an empty body, as a phone or curl sends it.
            kwargs["data"] = b"" if body is None else body
            if not isinstance(body, str | bytes | None):
                kwargs["data"] = json.dumps(body)
            kwargs.setdefault("content_type", "application/json")
        return getattr(self.client, method.lower())(API + path, **kwargs)

    def get(self, path: str, headers=None, **extra: Any) -> Any:
        return self.call("GET", path, headers=headers, **extra)

    def post(self, path: str, body: Any = None, headers=None, **extra: Any) -> Any:
        return self.call("POST", path, body, headers, **extra)

    def patch(self, path: str, body: Any = None, headers=None, **extra: Any) -> Any:
        return self.call("PATCH", path, body, headers, **extra)

    def delete(self, path: str, headers=None, **extra: Any) -> Any:
        return self.call("DELETE", path, headers=headers, **extra)


@pytest.fixture
def api(client: Any) -> Api:
    return Api(client)


def assert_error(response: Any, status: int, code: str, *fields: str) -> dict:
    """Check the one error shape; return its fields."""
    assert response.status_code == status, response.content
    body = json.loads(response.content)
    assert set(body) == {"error"}
    error = body["error"]
    # `category` joins them only when the safety screen refused a text.
    assert set(error) - {"category"} == {"code", "message", "fields"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    for name in fields:
        assert name in error["fields"], error
    return error["fields"]
