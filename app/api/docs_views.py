"""The OpenAPI document and a readable reference page, both generated from the code.

The page is rendered on the server from the same document (no CDN, no script): it reads well,
prints, and passes the accessibility checks like every other page.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import current_app, jsonify, render_template
from flask.typing import ResponseReturnValue

from . import docs

METHODS = ("get", "post", "put", "patch", "delete")


def openapi_document() -> dict[str, Any]:
    """The document flask-openapi3 builds, once per process, with docstrings read as prose."""
    cached = current_app.extensions.get("ecotone_openapi")
    if cached is None:
        cached = copy.deepcopy(current_app.api_doc)  # type: ignore[attr-defined]
        for item in cached.get("paths", {}).values():
            for operation in item.values():
                text = operation.get("description", "")
                text = text.replace("<br/><br/>", "\n\n").replace("<br/>", " ").strip()
                operation["description"] = text
        current_app.extensions["ecotone_openapi"] = cached
    return cached


@docs.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    return jsonify(openapi_document())


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_label(schema: dict[str, Any]) -> str:
    """A schema in a few words: `integer`, `string | null`, `array of ThemeOut`, `'yes' | 'no'`."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "enum" in schema:
        return " | ".join(repr(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    if "anyOf" in schema:
        return " | ".join(type_label(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {type_label(schema.get('items', {}))}"
    return str(schema.get("type", "any"))


def _fields(schema: dict[str, Any], components: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per property of an object schema (following a top-level `$ref`)."""
    if "$ref" in schema:
        schema = components.get(_ref_name(schema["$ref"]), {})
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_label(definition),
            "required": name in required,
            "description": definition.get("description", ""),
        }
        for name, definition in schema.get("properties", {}).items()
    ]


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    components = document.get("components", {}).get("schemas", {})
    operations = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or ["other"])[0],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "public": operation.get("security") == [{}],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "type": type_label(parameter.get("schema", {})),
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": _fields(body["schema"], components) if body else None,
                    "responses": [
                        {
                            "status": status,
                            "description": response.get("description", ""),
                            "type": ", ".join(
                                f"{media}: {type_label(content.get('schema', {}))}"
                                for media, content in response.get("content", {}).items()
                            ),
                        }
                        for status, response in sorted(operation.get("responses", {}).items())
                    ],
                }
            )
    return operations


def _models(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The response models a client reads, with their fields."""
    components = document.get("components", {}).get("schemas", {})
    return [
        {"name": name, "fields": _fields(schema, components)}
        for name, schema in sorted(components.items())
        if schema.get("properties")
    ]


@docs.get("/docs")
def reference() -> ResponseReturnValue:
    document = openapi_document()
    return render_template(
        "api/reference.html",
        document=document,
        operations=_operations(document),
        models=_models(document),
        tags=document.get("tags", []),
    )
