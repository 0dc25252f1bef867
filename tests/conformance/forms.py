"""A multipart body read the way its schema asks, for the second opinion on form findings.

openapi-core 0.23 decodes every part of a `multipart/form-data` body by rules of its own (a file
becomes bytes, `temperature=0.5` stays the string '0.5', an absent array becomes []), and its
validator then objects to what its decoder made; waivers.py names those messages. A waiver of
them holds only if the body, decoded as the part schemas ask (werkzeug parses the parts; a text
part takes the scalar type its schema allows, a file part is its content as text, a repeated
name or an array schema gives a list), passes the same validator (see unions.py): otherwise the
values under the waived message would go unchecked.
"""

from __future__ import annotations

import json
import re
from typing import Any

from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Request

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def decoded_form(request: Request, schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    """The form's fields by name, each cast to what the property's schema allows."""
    properties = _resolved(schema, document).get("properties", {})
    out: dict[str, Any] = {}
    for name in dict.fromkeys([*request.form.keys(), *request.files.keys()]):
        declared = _resolved(properties.get(name, {}), document)
        parts: list[str | FileStorage] = [*request.form.getlist(name), *request.files.getlist(name)]
        if "array" in _types(declared, document):
            items = _item_schema(declared, document)
            out[name] = [_value(part, items, document) for part in parts]
        elif len(parts) == 1:
            out[name] = _value(parts[0], declared, document)
        else:  # a name sent twice for one value: a list, which the schema refuses
            out[name] = [_value(part, declared, document) for part in parts]
    return out


def _value(part: str | FileStorage, schema: dict[str, Any], document: dict[str, Any]) -> Any:
    types = _types(schema, document)
    if isinstance(part, FileStorage):
        content = part.read()
        if part.mimetype == "application/json" and "string" not in types:
            try:
                return json.loads(content)  # an object sent as a JSON part
            except ValueError:
                return content.decode("latin-1")
        if not _takes_file(schema, document):
            return {"a file where the schema takes no file": part.filename}
        return content.decode("latin-1")  # a file is a string of bytes (`format: binary`)
    if _takes_file(schema, document) and types <= {"string"}:
        return {"text where the schema takes a file": part}
    if "integer" in types and _INTEGER.fullmatch(part):
        return int(part)
    if "number" in types and _NUMBER.fullmatch(part):
        return float(part) if any(c in part for c in ".eE") else int(part)
    if "boolean" in types and part in ("true", "false"):
        return part == "true"
    if types & {"object", "array"} and part[:1] in ("{", "["):
        try:
            return json.loads(part)
        except ValueError:
            return part
    return part


def _item_schema(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """The items of an array schema, or of the array variant of a union (a file or files)."""
    if "items" in schema:
        return _resolved(schema["items"], document)
    for key in ("anyOf", "oneOf"):
        for variant in schema.get(key, ()):
            found = _resolved(variant, document)
            if "items" in found:
                return _resolved(found["items"], document)
    return {}


def _takes_file(schema: dict[str, Any], document: dict[str, Any], depth: int = 0) -> bool:
    """Whether the schema, or one of its union variants, is a file (`format: binary`, or a
    `contentMediaType` in OpenAPI 3.1)."""
    if schema.get("format") == "binary" or "contentMediaType" in schema:
        return True
    return depth < 8 and any(
        _takes_file(_resolved(variant, document), document, depth + 1)
        for key in ("anyOf", "oneOf")
        for variant in schema.get(key, ())
    )


def _types(schema: dict[str, Any], document: dict[str, Any], depth: int = 0) -> set[str]:
    """Every JSON type the schema or one of its union variants allows."""
    declared = schema.get("type")
    found = set(declared) if isinstance(declared, list) else {declared} if declared else set()
    if depth < 8:
        for key in ("anyOf", "oneOf", "allOf"):
            for variant in schema.get(key, ()):
                found |= _types(_resolved(variant, document), document, depth + 1)
    return found


def _resolved(schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    """The schema behind local `$ref`s (the conformance specs keep every schema in one file)."""
    for _ in range(16):
        if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
            break
        node: Any = document
        for token in schema["$ref"].removeprefix("#/").split("/"):
            node = (
                node.get(token.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(node, dict)
                else {}
            )
        schema = node
    return schema if isinstance(schema, dict) else {}
