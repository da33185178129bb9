"""The served OpenAPI document describes every endpoint, status and error body."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import API

CONTRACT = {
    ("post", "/auth/signup"), ("post", "/auth/token"), ("get", "/me"), ("patch", "/me"),
    ("get", "/programs"), ("post", "/programs/{slug}/start"), ("get", "/today"),
    ("post", "/today/reroll"), ("post", "/today/rest"), ("get", "/challenges"),
    ("get", "/challenges/{challenge_id}"), ("post", "/challenges"), ("post", "/attempts"),
    ("get", "/attempts"), ("get", "/attempts/{attempt_id}"), ("patch", "/attempts/{attempt_id}"),
    ("delete", "/attempts/{attempt_id}"), ("get", "/stats"), ("get", "/export"),
    ("get", "/tokens"), ("delete", "/tokens/{token_id}"),
}  # fmt: skip


@pytest.fixture
def doc(client, db):
    response = client.get(API + "/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _operations(doc):
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            yield method, path.removeprefix(API), operation


def _codes(operation) -> set[str]:
    return {str(code) for code in operation["responses"]}


def test_every_contract_endpoint_is_documented(doc):
    documented = {(method, path) for method, path, _ in _operations(doc)}
    assert documented >= CONTRACT


def test_error_body_schema(doc):
    schemas = doc["components"]["schemas"]
    assert schemas["ErrorOut"]["properties"]["error"]["$ref"].endswith("/ErrorDetail")
    assert set(schemas["ErrorDetail"]["required"]) == {"code", "message", "fields"}


def test_bearer_scheme(doc):
    assert doc["components"]["securitySchemes"] == {
        "BearerAuth": {"type": "http", "scheme": "bearer"}
    }


def test_each_operation_documents_the_statuses_it_can_return(doc):
    for method, path, operation in _operations(doc):
        codes = _codes(operation)
        where = f"{method} {path}"
        assert codes & {"200", "201", "202", "204"}, where  # 202: queued (media)
        has_params = bool(operation.get("parameters"))
        has_body = "requestBody" in operation
        if operation.get("security"):
            assert {"401", "429"} <= codes, where
        else:
            assert path.startswith("/auth/") and "429" in codes, where
        if has_params or has_body:
            assert "422" in codes, where
        if has_body:
            assert {"400", "413"} <= codes, where
        if method in ("post", "patch"):
            assert "413" in codes, where
        if "{" in path:
            assert "404" in codes, where
        for code, answer in operation["responses"].items():
            if int(code) >= 400:
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), where
        assert "Retry-After" in operation["responses"]["429"]["headers"], where


def test_conflicts_are_documented(doc):
    paths = doc["paths"]
    for path in ("/today", "/today/reroll", "/today/rest"):
        operation = next(iter(paths[API + path].values()))
        assert "409" in _codes(operation)


def test_attempt_schema_is_informative(doc):
    attempt = doc["components"]["schemas"]["NewAsk"]
    outcome = attempt["properties"]["outcome"]
    assert set(outcome["enum"]) == {
        "rejected",
        "no_response",
        "partial",
        "accepted",
        "pending",
        "avoided",
        "in_progress",
    }
    assert "in_progress" in outcome["description"]
    assert "outcome" in attempt["required"]
    assert attempt["additionalProperties"] is False
    text = json.dumps(attempt["properties"]["learned"])
    assert '"maxLength": 5000' in text
    assert '"maximum": 10' in json.dumps(attempt["properties"]["anxiety_before"])


def test_csv_export_is_documented(doc):
    content = doc["paths"][API + "/export"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv"} <= set(content)
