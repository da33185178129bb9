"""Answers kept as bytes (the first pages, Today, the figures) and served as they were stored.

A kept page is validated and rendered exactly as ninja renders the pages it does not keep,
so a kept answer and a fresh one are the same bytes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from ninja.renderers import JSONRenderer
from pydantic import BaseModel

JSON = "application/json; charset=utf-8"


def rendered(request: Any, schema: type[BaseModel], data: dict[str, Any]) -> bytes:
    """`data` validated against `schema` and rendered as ninja answers a 200."""
    checked = schema.model_validate(data, context={"request": request, "response_status": 200})
    return JSONRenderer().render(request, checked.model_dump(), response_status=200).encode()


def kept_response(body: bytes) -> HttpResponse:
    """The stored bytes of a JSON answer, as a response."""
    return HttpResponse(body, content_type=JSON)
