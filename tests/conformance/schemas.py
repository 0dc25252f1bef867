"""OpenAPI schemas turned into standalone JSON Schemas that hypothesis-jsonschema can draw from.

hypothesis-jsonschema needs one self-contained schema without recursive references. This module
inlines `$ref`s, cuts recursion (an optional recursive property is left out, a recursive array is
kept empty, a recursive union branch is dropped), drops the keywords that only annotate, and
narrows what the spec leaves open so that draws stay small and readable. Every narrowing keeps
the draws valid for the original schema: a converted schema allows a subset of what the original
allows, never more.

- references nested deeper than the chosen depth (see `Converter.convert`) are inlined
  *minimally*: objects keep only their required properties, unions their first variant that can
  be drawn, arrays and maps stay empty where they may; so a large schema shrinks without any
  part becoming looser than the spec;
- a property left out (cut, minimal, `readOnly`/`writeOnly`) is forbidden (`false`) where an
  `allOf` keeps the object open, and a name that any part of an `allOf` requires counts as
  required in every part (a required name must never be drawn from "anything");
- arrays without `maxItems` get at most `MAX_ITEMS` items, free strings at most `MAX_STRING`
  characters, free maps at most `MAX_PROPERTIES` entries, unbounded numbers stay within
  `NUMBER_RANGE` (not where `anyOf`/`allOf`/`not` beside the type say more: OpenAI's
  `grader` is `type: object` beside a `oneOf` of objects with 3 to 5 required properties);
- objects with `properties` and no `additionalProperties` get no unknown properties;
- `oneOf` is drawn as `anyOf`: the variants of the specs' unions differ by a constant tag, so a
  draw from one variant matches only that one, and `anyOf` avoids hypothesis filtering draws;
- `full=True` marks every property required (the "all optional arguments" draws), except the
  names that a `oneOf` of `required` lists chooses between (OpenAI's `file_search`:
  `vector_store_ids` or `vector_stores`, never both);
- a schema with `properties` and no `type` is drawn as an object, one with `items` and no `type`
  as an array (what the spec means, and how the generator reads it);
- `nullable: true` (3.0) allows null in replies, and in requests of 3.0 documents only;
- `readOnly` properties are left out of requests and `writeOnly` ones out of responses.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis_jsonschema._from_schema import STRING_FORMATS

from tests.conformance.spec import Api

MAX_ITEMS = 2
MAX_STRING = 12
MAX_PROPERTIES = 2
NUMBER_RANGE = 1_000_000
MAX_REF_DEPTH = 14  # nested references followed before a branch counts as recursive
MIN_REF_DEPTH = 3
# a union variant (or a whole schema) larger than this, as JSON text, is inlined less deeply:
# hypothesis-jsonschema's time grows with the schema (OpenAI's `createResponse` inlines to 1.6 MB)
MAX_SCHEMA_CHARS = 40_000

_ANNOTATIONS = {
    "description", "title", "example", "examples", "discriminator", "deprecated", "default",
    "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "$schema", "contentEncoding",
    "contentMediaType", "nullable", "$id", "$anchor", "$defs", "definitions",
}  # fmt: skip


class Cut(Exception):
    """This branch can only be drawn by following a reference cycle."""


class Converter:
    def __init__(
        self, api: Api, *, direction: str, full: bool = False, max_chars: int = MAX_SCHEMA_CHARS
    ) -> None:
        assert direction in ("request", "response")
        self.api = api
        self.direction = direction
        self.full = full
        self.max_depth = MAX_REF_DEPTH
        self.max_chars = max_chars
        # `nullable` is OpenAPI 3.0; a 3.1 document that still uses it (OpenAI's) means it, and
        # servers send null there, but a 3.1 validator refuses null in requests: draw null only
        # in replies (waived in test_draws.py) and in 3.0 documents
        self.openapi31 = not str(api.document.get("openapi")).startswith("3.0")
        self.nullable = direction == "response" or not self.openapi31

    def convert(self, node: Any) -> Any:
        """The deepest inlining whose largest union variant fits in MAX_SCHEMA_CHARS (at the
        least deep one, what it gives). Raises Cut when the schema is recursive on every path."""
        result: Any = None
        for depth in range(MAX_REF_DEPTH, MIN_REF_DEPTH - 1, -1):
            self.max_depth = depth
            result = self._schema(node, (), None)
            parts = (
                result["anyOf"]
                if isinstance(result, dict) and set(result) == {"anyOf"}
                else [result]
            )
            if max(len(json.dumps(part)) for part in parts) <= self.max_chars:
                break
        return result

    def _schema(self, node: Any, stack: tuple[str, ...], shared: frozenset[str] | None) -> Any:
        """`stack`: the references followed to get here; `shared`: inside an `allOf`, the names
        its parts require together (None elsewhere)."""
        if node is True or node == {}:
            return {}
        if node is False:
            return False
        assert isinstance(node, dict), node
        minimal = len(stack) > self.max_depth
        if "$ref" in node:
            ref = node["$ref"]
            if ref in stack:
                raise Cut(ref)
            rest = {k: v for k, v in node.items() if k != "$ref" and k not in _ANNOTATIONS}
            if not rest:
                return self._schema(self.api.pointer(ref), (*stack, ref), shared)
            # a reference with siblings (3.1) is an `allOf` of the two
            shared = (shared or frozenset()) | self._required_names(node)
            target = self._schema(self.api.pointer(ref), (*stack, ref), shared)
            return {"allOf": [target, self._schema(rest, stack, shared)]}
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key in ("anyOf", "oneOf"):
                out.setdefault("anyOf", []).extend(self._branches(value, stack, shared, minimal))
            elif key == "allOf":
                names = (shared or frozenset()) | self._required_names(node)
                out["allOf"] = [self._schema(part, stack, names) for part in value]
            elif key == "properties":
                out["properties"] = self._properties(node, value, stack, shared, minimal)
            elif key == "items" and minimal and node.get("minItems", 0) == 0:
                out["maxItems"] = 0  # an empty array: valid whatever its items are
            elif key in ("items", "additionalItems", "contains", "propertyNames", "not"):
                try:
                    out[key] = self._schema(value, stack, None)
                except Cut:
                    if key != "items" or node.get("minItems", 0) > 0:
                        raise
                    out["maxItems"] = 0
            elif key == "additionalProperties":
                if isinstance(value, bool):
                    out[key] = value
                elif minimal and node.get("minProperties", 0) == 0:
                    out[key] = False
                else:
                    try:
                        out[key] = self._schema(value, stack, None)
                    except Cut:
                        out[key] = False
            elif key == "prefixItems":  # 2020-12 tuples, drawn as draft-7 `items` lists
                out["items"] = [self._schema(part, stack, None) for part in value]
            elif key == "format":
                if value in STRING_FORMATS and node.get("type") in ("string", None):
                    out[key] = value
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
                bound = self._boolean_bound(node, key, value)  # OpenAPI 3.0 spelling
                if bound is not None:
                    out[key] = bound
            elif key == "required":
                out[key] = list(value)  # in an allOf part, names may come from its siblings
            else:
                out[key] = value
        if "properties" in out and "type" not in out:
            out["type"] = "object"  # what the spec means (OpenAI's `OpenAIFile` omits the type)
        if "items" in out and "type" not in out:
            out["type"] = "array"  # ditto (`RealtimeTranscriptionSessionCreateResponse.modalities`)
        if "properties" in out:
            kept = [name for name, schema in out["properties"].items() if schema is not False]
            if self.full:  # not the names a `oneOf` of `required` lists chooses between
                exclusive = {n for v in node.get("oneOf", []) for n in v.get("required", [])}
                optional = [name for name in kept if name not in exclusive]
                out["required"] = sorted({*out.get("required", []), *optional})
            if "additionalProperties" not in out and shared is None and "allOf" not in out:
                out["additionalProperties"] = False
                for name in out.get("required", []):  # required, but not described: anything
                    out["properties"].setdefault(name, {})
        self._narrow(out)
        if node.get("nullable") is True and self.nullable:
            return {"anyOf": [out, {"type": "null"}]}
        return out

    def _boolean_bound(self, node: dict[str, Any], key: str, value: bool) -> float | None:
        """The exclusive bound of OpenAPI 3.0's `exclusiveMinimum: true` (`minimum` becomes
        exclusive). A 3.1 document that still writes it (OpenAI's learning rates: `minimum: 0,
        exclusiveMinimum: true`) means that too, but a 3.1 validator reads the boolean as the
        number 1 (or 0): the draws satisfy both readings."""
        minimum = key == "exclusiveMinimum"
        name = "minimum" if minimum else "maximum"
        bounds = [node[name]] if value and name in node else []
        if self.openapi31:
            bounds.append(int(value))
        if not bounds:
            return None
        return max(bounds) if minimum else min(bounds)

    def _branches(
        self, value: list[Any], stack: tuple[str, ...], shared: frozenset[str] | None, minimal: bool
    ) -> list[Any]:
        """The variants of a union that can be drawn (only the first one, inlining minimally)."""
        branches = []
        for branch in value:
            try:
                branches.append(self._schema(branch, stack, shared))
            except Cut:
                continue
            if minimal:
                break
        if not branches:
            raise Cut("every variant")
        return branches

    def _properties(
        self,
        node: dict[str, Any],
        properties: dict[str, Any],
        stack: tuple[str, ...],
        shared: frozenset[str] | None,
        minimal: bool,
    ) -> dict[str, Any]:
        """The properties to draw; one left out is `false` (absent), since an object in an
        `allOf` stays open to names no part declares."""
        required = set(node.get("required", [])) | (shared or frozenset())
        skip = "readOnly" if self.direction == "request" else "writeOnly"
        out: dict[str, Any] = {}
        for name, schema in properties.items():
            out[name] = False
            if name not in required and (
                minimal or (isinstance(schema, dict) and self.api.resolve(schema).get(skip))
            ):
                continue
            try:
                out[name] = self._schema(schema, stack, None)
            except Cut:
                if name in required:
                    raise
        return out

    def _required_names(self, node: Any, depth: int = 0) -> frozenset[str]:
        """The names an object schema requires, through its `allOf` parts and references."""
        node = self.api.resolve(node)
        if not isinstance(node, dict) or depth > MAX_REF_DEPTH:
            return frozenset()
        names = frozenset(node.get("required", []))
        for part in node.get("allOf", []):
            names |= self._required_names(part, depth + 1)
        return names

    @staticmethod
    def _narrow(out: dict[str, Any]) -> None:
        if {"anyOf", "allOf", "not"} & set(out):
            return  # the parts say what the value holds (a bound here could exclude them all)
        types = out.get("type")
        types = set(types) if isinstance(types, list) else {types}
        if "array" in types and "maxItems" not in out:
            out["maxItems"] = max(out.get("minItems", 0), MAX_ITEMS)
        free = not ({"pattern", "format", "enum", "const", "maxLength"} & set(out))
        if "string" in types and free:
            out["maxLength"] = max(out.get("minLength", 0), MAX_STRING)
        if "object" in types and "properties" not in out and "maxProperties" not in out:
            out["maxProperties"] = max(out.get("minProperties", 0), MAX_PROPERTIES)
        if types & {"integer", "number"}:
            if "minimum" not in out and "exclusiveMinimum" not in out:
                out["minimum"] = -NUMBER_RANGE
            if "maximum" not in out and "exclusiveMaximum" not in out:
                out["maximum"] = NUMBER_RANGE
