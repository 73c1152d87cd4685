"""The OpenAPI document tells clients (and schemathesis) every error they can get."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from server.api.errors import ERROR_SCHEMA

PUBLIC = {("get", "/api/v1/health"), ("post", "/api/v1/auth/login"),
          ("post", "/api/v1/auth/refresh")}
METHODS = {"get", "post", "put", "patch", "delete"}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in document["paths"].items()
            for method, op in item.items() if method in METHODS]


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def is_error_schema(document: dict[str, Any], response: dict[str, Any]) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return False
    schema = resolve(document, schema)
    return schema == ERROR_SCHEMA or (
        {"error", "message"} <= set(schema.get("required", ()))
        and {"error", "message", "details"} <= set(schema.get("properties", {})))


def test_every_operation_documents_its_errors_with_the_error_schema(stateless_api: TestClient) -> None:
    document = stateless_api.get("/openapi.json").json()
    ops = operations(document)
    assert ("get", "/api/v1/auth/me") in {(m, p) for m, p, _ in ops}
    for method, path, op in ops:
        errors = {s: r for s, r in op["responses"].items() if s.startswith("4")}
        assert errors, f"{method} {path} documents no 4xx"
        for status, response in errors.items():
            assert is_error_schema(document, response), f"{method} {path} {status}"
        takes_input = "requestBody" in op or bool(op.get("parameters"))
        for common in ("400", "413", "422") if takes_input else ("400", "413"):
            assert common in errors, f"{method} {path} lacks {common}"
        if (method, path) not in PUBLIC:
            assert "401" in errors, f"{method} {path} needs a token but does not document 401"


def test_validation_errors_are_documented_in_our_shape_not_fastapis(stateless_api: TestClient) -> None:
    document = stateless_api.get("/openapi.json").json()
    assert "HTTPValidationError" not in document.get("components", {}).get("schemas", {})


def test_auth_operations_document_their_specific_errors(stateless_api: TestClient) -> None:
    paths = stateless_api.get("/openapi.json").json()["paths"]
    assert {"401", "403", "429"} <= set(paths["/api/v1/auth/login"]["post"]["responses"])
    assert "404" in paths["/api/v1/doctors/{doctor_id}"]["get"]["responses"]


def test_every_number_a_client_sends_in_a_parameter_is_bounded(stateless_api: TestClient) -> None:
    """An unbounded integer reaches the database as it is (``offset`` beyond 64 bits
    was a 500): every numeric parameter declares both ends of its range."""
    document = stateless_api.get("/openapi.json").json()
    for method, path, op in operations(document):
        for parameter in op.get("parameters", []):
            schema = resolve(document, parameter.get("schema", {}))
            if schema.get("type") in ("integer", "number"):
                assert "maximum" in schema and "minimum" in schema, (
                    f"{method} {path} {parameter['name']}")
