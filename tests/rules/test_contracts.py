"""Every input model accepts exactly what its JSON Schema allows: the API's promise, tested.

For each contract, hypothesis takes a valid example and changes one field to a value drawn
both from arbitrary JSON and from the edges its schema names (each enum value, the bounds
and one past them, the length limit and one past it, look-alikes such as 1.0, "1", 0 for
false). A JSON Schema validator, reading the schema the OpenAPI document publishes, and the
model must then agree: both accept it or both refuse it. So a client generated from the
document never sends what the server refuses, and the server never takes what it forbids.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from rejection.accounts.contracts import ProfileChanges, SignUp
from rejection.challenges.contracts import NewChallenge
from rejection.coach.contracts import IntakeAnswers, LadderOrder
from rejection.community.contracts import PersonIn
from rejection.core.contracts import MAX_ID
from rejection.data.contracts import AccountDeletion, ExportDocument
from rejection.journal.contracts import AskChanges, NewAsk
from rejection.progress.contracts import ProgramStart
from rejection.reminders.contracts import NewPushSubscription, ReminderChanges

ASK = {"ask": "Asked for a free coffee", "outcome": "rejected"}
PROFILE = {"username": "me", "display_name": "", "timezone": "UTC", "streak_mode": "classic"}
ATTEMPT = {
    "uuid": "3f0c2b56-9a8e-4c1e-b9a1-0d6f2f1b7a10",
    "outcome": "rejected",
    "ask": "Ask for a discount",
    "occurred_at": "2026-03-10T09:15:00+00:00",
    "local_date": "2026-03-10",
}
# A valid example of each contract, and the fields to vary (all of them, unless named).
CONTRACTS: list[tuple[type[BaseModel], dict[str, Any], tuple[str, ...]]] = [
    (NewAsk, {**ASK, "challenge_id": 3, "anxiety_before": 4, "tags": ["coffee"]}, ()),
    (AskChanges, {"outcome": "accepted", "starred": True}, ()),
    (NewChallenge, {"title": "Ask for a refill", "category": "food-drink", "difficulty": 3}, ()),
    (IntakeAnswers, {"ratings": {"strangers": 5}, "focus": ["work"], "goals": ""}, ()),
    (LadderOrder, {"steps": [4, 2]}, ()),
    (ProfileChanges, {"display_name": "Sam", "timezone": "Europe/Paris"}, ()),
    # The e-mail is Django's rule, stricter than JSON Schema's `email` format (the API says so).
    (
        SignUp,
        {"username": "sam", "password": "a long passphrase", "age_confirmed": True},
        ("username", "password", "age_confirmed"),
    ),
    (PersonIn, {"username": "sam"}, ()),
    (ProgramStart, {"length_days": 30}, ()),
    (
        ReminderChanges,
        {
            "enabled": True,
            "time": "08:30",
            "days": ["mon", "fri"],
            "push": True,
            "email": False,
            "streak_nudge": False,
        },
        (),
    ),
    (
        NewPushSubscription,
        {
            "endpoint": "https://push.example.com/send/abc",
            "expirationTime": None,
            "keys": {"p256dh": "BNcRdreALRFXTkOO", "auth": "tBHItJI5svbpez7KI4CCXg"},
        },
        (),
    ),
    (AccountDeletion, {"password": "a long passphrase"}, ()),
    (
        ExportDocument,
        {
            "format": "rejection-therapy-export",
            "version": 1,
            "profile": PROFILE,
            "attempts": [ATTEMPT],
        },
        ("format", "version", "profile", "attempts", "rest_days"),
    ),
]

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        return _resolve(root["$defs"][ref.rsplit("/", 1)[1]], root)
    return schema


def _edges(schema: dict[str, Any], root: dict[str, Any]) -> list[Any]:
    """The values at and just past every limit a field's schema names."""
    schema = _resolve(schema, root)
    found: list[Any] = []
    for branch in schema.get("anyOf", []) + schema.get("allOf", []):
        found += _edges(branch, root)
    found += list(schema.get("enum", [])) + [
        value + "x" for value in schema.get("enum", []) if isinstance(value, str)
    ]
    for key in ("minimum", "maximum"):
        if key in schema:
            limit = schema[key]
            found += [limit - 1, limit, limit + 1, float(limit), str(limit), limit == 1]
    for key in ("minLength", "maxLength"):
        if key in schema:
            size = schema[key]
            found += ["a" * size, "a" * (size + 1), "a" * max(size - 1, 0), " " * max(size, 1)]
    if "pattern" in schema:
        found += ["", " ", "a\x00b", "\ufeff", "\x1c", "\u00a0", "2026-W11", "2026-03-10T09:15:00Z"]
    if schema.get("type") == "array" or "items" in schema:
        item = schema.get("items", {})
        found += [[value] for value in _edges(item, root)[:6]] + [[], [1, 1], ["a", "a"]]
    if schema.get("type") == "boolean":
        found += [True, False, 0, 1, "true"]
    if schema.get("format") == "date":
        found += ["2026-03-10", "2026-02-30", "10/03/2026", "1999-12-31"]
    if schema.get("format") == "date-time":
        found += ["2026-03-10T09:15:00+02:00", "1999-12-31T23:59:59Z", "2026-03-10 09:15:00Z"]
    return found


@functools.cache
def _validator(model: type[BaseModel]) -> Any:
    return jsonschema_rs.validator_for(model.model_json_schema(), validate_formats=True)


def _agree(model: type[BaseModel], document: Any) -> None:
    allowed = _validator(model).is_valid(document)
    try:
        model.model_validate(json.loads(json.dumps(document)))
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == allowed, f"schema {'allows' if allowed else 'forbids'} {document!r}"


@pytest.mark.parametrize(
    ("model", "example", "only"), CONTRACTS, ids=lambda item: getattr(item, "__name__", "")
)
def test_the_example_is_valid(model, example, only, db) -> None:
    _agree(model, example)
    model.model_validate(example)


@pytest.mark.parametrize(
    ("model", "example", "only"), CONTRACTS, ids=lambda item: getattr(item, "__name__", "")
)
def test_a_contract_accepts_exactly_what_its_schema_allows(model, example, only, db) -> None:
    schema = model.model_json_schema()
    names = list(only or schema["properties"])
    edges = {name: _edges(schema["properties"][name], schema) for name in names}

    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.data())
    def vary_one_field(data: Any) -> None:
        name = data.draw(st.sampled_from([*names, "(unknown)", "(missing)"]))
        document = copy.deepcopy(example)
        if name == "(unknown)":
            document["surprise"] = data.draw(JSON)
        elif name == "(missing)":
            document.pop(data.draw(st.sampled_from(sorted(document))), None)
        else:
            choices = st.sampled_from(edges[name]) if edges[name] else JSON
            document[name] = data.draw(choices | JSON)
        _agree(model, document)

    vary_one_field()


def test_ids_stop_where_the_databases_do() -> None:
    _agree(LadderOrder, {"steps": [MAX_ID]})
    _agree(LadderOrder, {"steps": [MAX_ID + 1]})
