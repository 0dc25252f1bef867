"""Questions about raw Schema Objects that the converters ask: is it null, only notes, a constant?"""

from __future__ import annotations

from typing import Any

from generator.ir.model import JSONValue

# Keywords that describe a schema without changing which values it accepts.
ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "summary",
        "deprecated",
        "readOnly",
        "writeOnly",
        "default",
        "example",
        "examples",
        "externalDocs",
        "nullable",
        "$comment",
        "xml",
    }
)
# Keywords that only restrict an object the schema's siblings already define
# (e.g. `anyOf: [{required: [a]}, {required: [b]}]`: "give a or b").
CONSTRAINTS = frozenset({"required", "not", "minProperties", "maxProperties", "dependentRequired"})

_PRIMITIVES = frozenset({"string", "integer", "number", "boolean"})


def is_extension(key: str) -> bool:
    return key.startswith("x-")


def only_annotations(node: Any) -> bool:
    return isinstance(node, dict) and all(k in ANNOTATIONS or is_extension(k) for k in node)


def only_constraints(node: Any) -> bool:
    return isinstance(node, dict) and all(
        k in CONSTRAINTS or k in ANNOTATIONS or is_extension(k) for k in node
    )


def is_ref(node: Any) -> bool:
    return isinstance(node, dict) and isinstance(node.get("$ref"), str)


def is_pure_ref(node: Any) -> bool:
    """A `$ref` whose siblings (3.1 allows some) only annotate it."""
    return is_ref(node) and all(k == "$ref" or k in ANNOTATIONS or is_extension(k) for k in node)


def is_null_schema(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    if node.get("type") != "null" and node.get("enum") != [None] and node.get("const", 0) is not None:
        return False  # (none of the three forms below: most schemas, told apart without a copy)
    rest = {k: v for k, v in node.items() if k not in ANNOTATIONS and not is_extension(k)}
    if rest == {"type": "null"}:
        return True
    if set(rest) == {"const"} and rest["const"] is None:
        return True
    return set(rest) <= {"enum", "type"} and rest.get("enum") == [None]


def single_value(node: Any) -> tuple[bool, JSONValue]:
    """(True, value) when the schema admits exactly one non-null value: `const` or a one-value enum."""
    if not isinstance(node, dict):
        return False, None
    if "const" in node:
        return True, node["const"]
    enum = node.get("enum")
    if isinstance(enum, list):
        values = [v for v in enum if v is not None]
        if len(values) == 1:
            return True, values[0]
    return False, None


def description(node: Any) -> str:
    """The description, else the title as plain text (titles never become names)."""
    if not isinstance(node, dict):
        return ""
    for key in ("description", "title"):
        text = node.get(key)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""


def type_names(node: dict[str, Any]) -> list[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str)]
    return []


def looks_like_object(node: dict[str, Any]) -> bool:
    types = type_names(node)
    if types:
        return "object" in types
    return "properties" in node or "additionalProperties" in node



def union_variants(node: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The keyword and variants of a oneOf/anyOf that chooses between types.

    Unions whose variants only restrict the sibling object (see CONSTRAINTS) are not type
    choices and give None.
    """
    for keyword in ("oneOf", "anyOf"):
        variants = node.get(keyword)
        if isinstance(variants, list) and variants:
            if all(only_constraints(v) and not is_null_schema(v) for v in variants):
                continue
            return keyword, variants
    return None
