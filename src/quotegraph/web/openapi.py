"""The OpenAPI schema as the API really answers: every error is `{"error": {"code", "message"}}`.

FastAPI documents its own 422 `HTTPValidationError`; the app answers every error, 422 included, in
one envelope. This rewrites the generated schema once: each operation lists 400, 401, 422 and 503
(404 where the path names an id) with the `Error` schema, and FastAPI's validation schemas go.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "description": "stable code: E005 (bad query), not_found, "
                                                      "invalid_parameter, unauthorised, too_slow, E004 (store)",
                     "examples": ["invalid_parameter"]},
            "message": {"type": "string", "description": "one line saying what is wrong and what to do",
                        "examples": ["limit: Input should be less than or equal to 200"]},
            "details": {"type": "array", "items": {"type": "object"},
                        "description": "for invalid_parameter: each parameter's location and problem"},
        },
    }},
}

ERRORS = {
    "400": "A value that passes its declaration but means nothing: a date that does not exist, a "
           "full-text search SQLite cannot read, since after until.",
    "401": "The server needs a token and the request brings none (or a wrong one).",
    "404": "No such id.",
    "422": "A parameter outside its declared bounds (limit, offset, length, kind).",
    "503": "The query ran past its time (too_slow), or the store cannot be read.",
}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def rewrite(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with every operation's error responses pointing at the one Error schema."""
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                if status == "404" and "{" not in path:
                    continue
                responses[status] = _error_response(description)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR_SCHEMA
    return schema


def error_schema_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """A replacement for `app.openapi` that builds the rewritten schema once."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = rewrite(get_openapi(title=app.title, version=app.version, summary=app.summary,
                                                     description=app.description, routes=app.routes))
        return app.openapi_schema

    return openapi


def _bounds(schema: dict[str, Any]) -> str:
    parts = []
    for key, shown in (("minimum", ">= {}"), ("maximum", "<= {}"), ("minLength", "at least {} characters"),
                       ("maxLength", "at most {} characters"), ("pattern", "matches {}")):
        if key in schema:
            parts.append(shown.format(schema[key]))
    for option in schema.get("anyOf", []):
        parts += [p for p in [_bounds(option)] if p]
    return ", ".join(parts)


def _type(schema: dict[str, Any]) -> str:
    if "type" in schema:
        return str(schema["type"])
    kinds = [str(o.get("type")) for o in schema.get("anyOf", []) if o.get("type") not in (None, "null")]
    return " or ".join(kinds) or "any"


def _example(param: dict[str, Any]) -> Any:
    schema = param.get("schema", {})
    for holder in (param, schema):
        if "example" in holder:
            return holder["example"]
        if holder.get("examples"):
            examples = holder["examples"]
            return examples[0] if isinstance(examples, list) else next(iter(examples.values())).get("value")
    return None


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of `schema` for the readable API page: method, path, what it does, its parameters
    (type, bounds, default, example), an example URL and the answers it can give."""
    out = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            params: list[dict[str, Any]] = []
            query: list[tuple[str, Any]] = []
            example_path = path
            for param in operation.get("parameters", []):
                pschema = param.get("schema", {})
                example = _example(param)
                params.append({"name": param["name"], "where": param["in"], "required": param.get("required", False),
                               "type": _type(pschema), "bounds": _bounds(pschema), "default": pschema.get("default"),
                               "description": param.get("description") or pschema.get("description") or "",
                               "example": example})
                if param["in"] == "path":
                    example_path = example_path.replace("{" + param["name"] + "}", str(example or 1))
                elif example is not None and len(query) < 2:  # two filters make a telling example
                    query.append((param["name"], example))
            responses = [{"status": status, "description": body.get("description", "")}
                         for status, body in sorted(operation.get("responses", {}).items())]
            out.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""), "params": params, "responses": responses,
                        "example": example_path + ("?" + urlencode(query) if query else "")})
    return out
