"""Fuzz every operation of the served OpenAPI document, authenticated as a real user.

Each operation gets its own test; each example is sent in-process through Django's WSGI
app and must pass every one of schemathesis's checks: no server error, documented status
codes, content types, headers and bodies, and, both ways, the schema as the contract:
what it allows is accepted (positive_data_acceptance) and what it forbids is refused
(negative_data_rejection). See docs/security.md.
"""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path
from typing import Any

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from tests.fuzz.conftest import EXAMPLES, SECONDS, STATUSES, Cast

# Generated examples per operation on top of the explicit and coverage phases; raise it
# for a deeper run: REJECTION_FUZZ_EXAMPLES=500 pytest tests/fuzz
MAX_EXAMPLES = int(os.environ.get("REJECTION_FUZZ_EXAMPLES", "25"))

CONFIG = SchemathesisConfig.from_path(Path(__file__).with_name("schemathesis.toml"))
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


def _point_at_real_rows(case: Any, cast: Cast) -> None:
    """Send half the valid examples to rows the caller owns, so they go past the 404.

    Only valid examples: an example made to break the schema must stay broken.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    for name, value in list((case.path_parameters or {}).items()):
        real = cast.ids.get(name)
        pick = zlib.crc32(str(value).encode())  # stable across runs, unlike hash()
        if real and pick % 2 == 0:
            case.path_parameters[name] = real[pick // 2 % len(real)]


def _headers(case: Any, cast: Cast) -> dict[str, str]:
    """The real token, unless the example was made to break the headers (a missing token)."""
    headers = (case.meta.components if case.meta else {}).get(ParameterLocation.HEADER)
    if headers is not None and headers.mode.is_negative:
        return {}
    return cast.headers


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_operation_keeps_its_documented_contract(case: Any, fuzz_cast: Cast) -> None:
    _point_at_real_rows(case, fuzz_cast)
    EXAMPLES[case.operation.label] += 1
    started = time.perf_counter()
    try:
        response = case.call_and_validate(headers=_headers(case, fuzz_cast))
        STATUSES[response.status_code] += 1
    finally:
        SECONDS[case.operation.label] += time.perf_counter() - started
