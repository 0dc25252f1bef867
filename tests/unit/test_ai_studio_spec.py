"""Checks of `specs/openapi/ai_studio.yaml`, our description of AI Studio's OpenAI-compatible surface.

Our spec keeps OpenAI's wire format, so every schema and operation that shares a name (or path and
method) with the upstream OpenAI description is compared with it fact by fact: ours may leave things
out (properties, enum values, union variants) but must not add or contradict anything, except for the
AI Studio facts listed in ``ALLOWED_DIFFERENCES``.  The vendor extensions our generator reads are
checked for presence and consistency, and descriptions for having been written by us.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "specs" / "openapi" / "ai_studio.yaml"
UPSTREAM_PATH = ROOT.parent / "shared" / "upstream" / "openai" / "openapi.yaml"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Deliberate differences from the OpenAI description (AI Studio facts, or a stricter but still valid
# wire form), keyed by the location the comparison reports, each with its reason.  Every entry must
# still be needed: a stale entry fails the test.
ALLOWED_DIFFERENCES: dict[str, str] = {
    # OpenAI lets a client leave out `type: message` on input messages; we always send it, so that
    # input items form a union discriminated by `type` (the API accepts the explicit value).
    "EasyInputMessage.type": "explicit discriminator",
    # OpenAI describes the download as a JSON string; AI Studio (like OpenAI in practice) sends the
    # stored bytes, which a client must not try to parse.
    "GET /files/{file_id}/content 200 application/octet-stream": "raw bytes",
    # Recorded AI Studio traffic: the official SDK sends `top_k` on chat completions, and
    # non-streamed replies number their tool calls with `index`, as stream fragments do.
    "CreateChatCompletionRequest.top_k": "AI Studio sampling parameter",
    "ChatCompletionMessageToolCall.index": "AI Studio sends it in non-streamed replies",
}

# Operations of ours with no OpenAI counterpart at the same path and method.
AI_STUDIO_ONLY_OPERATIONS: set[tuple[str, str]] = set()

# List operations that return everything at once (no cursor in the request or the response).
UNPAGINATED_LISTS = {"listModels"}


# --------------------------------------------------------------------------- loading


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    assert isinstance(data, dict), path
    return data


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return _load(SPEC_PATH)


@pytest.fixture(scope="module")
def upstream() -> dict[str, Any]:
    assert UPSTREAM_PATH.is_file(), f"reference data missing: {UPSTREAM_PATH}"
    return resolve_recursive_refs(_load(UPSTREAM_PATH))


def resolve_recursive_refs(doc: dict[str, Any]) -> dict[str, Any]:
    """Turn `$recursiveRef: '#'` inside a component with `$recursiveAnchor` into a plain `$ref` to it."""

    def replace(node: Any, target: str) -> Any:
        if isinstance(node, dict):
            if node.get("$recursiveRef") == "#":
                return {"$ref": target}
            return {k: replace(v, target) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v, target) for v in node]
        return node

    schemas = doc["components"]["schemas"]
    for name, schema in schemas.items():
        if isinstance(schema, dict) and schema.get("$recursiveAnchor"):
            schemas[name] = replace(schema, f"#/components/schemas/{name}")
    return doc


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


# --------------------------------------------------------------------------- normalization


@dataclass
class Norm:
    """The wire facts of one schema, with `$ref`, `allOf`, nested unions and null spellings undone."""

    names: tuple[str, ...] = ()  # component names passed through on the way here
    types: set[str] = field(default_factory=set)  # JSON types other than "null"; empty = any
    nullable: bool = False
    enum: set[Any] | None = None  # const is a one-value enum; null is moved to `nullable`
    format: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)  # raw sub-schemas
    required: set[str] = field(default_factory=set)
    required_options: set[str] = field(default_factory=set)  # from `anyOf: [{required: [a]}, ...]`
    items: Any = None
    additional: Any = None  # additionalProperties as written (bool or schema), None when absent
    variants: list[Any] | None = None  # raw sub-schemas, null variants removed
    discriminator: str | None = None


def _resolve(doc: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"only local $ref expected, got {ref}"
    node: Any = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "null"
        or schema.get("enum") == [None]
        or ("const" in schema and schema["const"] is None)
    )


_UNION_KEYS = ("anyOf", "oneOf")
_ANNOTATIONS = {
    "description",
    "title",
    "summary",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "x-oaiMeta",
    "x-oaiTypeLabel",
    "x-stainless-const",
    "x-oaiExpandable",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "discriminator",
    "$recursiveAnchor",
}


def normalize(doc: dict[str, Any], schema: Any, names: tuple[str, ...] = ()) -> Norm:
    if schema is True or schema is None:
        return Norm(names=names, nullable=True)
    assert isinstance(schema, dict), schema
    if not set(schema) - _ANNOTATIONS:
        return Norm(names=names, nullable=True)  # no constraint: anything, null included
    if "$ref" in schema:
        ref = schema["$ref"]
        name = ref.rsplit("/", 1)[-1]
        target = normalize(doc, _resolve(doc, ref), (*names, name))
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        if set(rest) - _ANNOTATIONS:
            return _merge([target, normalize(doc, rest)], target.names)
        return target
    if "allOf" in schema:
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        parts = [normalize(doc, part) for part in schema["allOf"] if set(part) - _ANNOTATIONS]
        if set(rest) - _ANNOTATIONS:
            parts.append(normalize(doc, rest))
        return _merge(parts, names)
    for key in _UNION_KEYS:
        if key in schema and all(
            isinstance(v, dict) and set(v) == {"required"} for v in schema[key]
        ):
            # "at least one of these properties" is a constraint on required-ness, not a union
            norm = normalize(doc, {k: v for k, v in schema.items() if k != key}, names)
            norm.required_options = {name for v in schema[key] for name in v["required"]}
            return norm
        if key in schema:
            rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
            union = _normalize_union(doc, schema, key, names)
            structural = {k: v for k, v in rest.items() if k not in _ANNOTATIONS}
            if structural:
                return _merge([normalize(doc, structural), union], names)
            return union

    norm = Norm(names=names)
    declared = schema.get("type")
    if isinstance(declared, str):
        declared = [declared]
    for t in declared or []:
        if t == "null":
            norm.nullable = True
        else:
            norm.types.add(t)
    if schema.get("nullable") is True:
        norm.nullable = True
    values: list[Any] | None = None
    if "const" in schema:
        values = [schema["const"]]
    elif "enum" in schema:
        values = list(schema["enum"])
    if values is not None:
        if None in values:
            norm.nullable = True
        norm.enum = {v for v in values if v is not None}
    norm.format = schema.get("format")
    norm.properties = dict(schema.get("properties", {}))
    norm.required = set(schema.get("required", []))
    norm.items = schema.get("items")
    norm.additional = schema.get("additionalProperties")
    if len(norm.types) > 1:  # type: [string, array] is a union of one schema per type
        only = {"array": {"items"}, "object": {"properties", "required", "additionalProperties"}}
        foreign = set().union(*only.values())
        variants = [
            {
                **{k: v for k, v in schema.items() if k not in foreign - only.get(t, set())},
                "type": t,
                "nullable": False,
            }
            for t in sorted(norm.types)
        ]
        return Norm(names=names, nullable=norm.nullable, variants=variants)
    if not norm.types:
        if norm.properties:
            norm.types.add("object")
        elif norm.items is not None:
            norm.types.add("array")
        elif norm.enum:
            norm.types.update(_json_type(v) for v in norm.enum)
    return norm


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


def _normalize_union(
    doc: dict[str, Any], schema: dict[str, Any], key: str, names: tuple[str, ...]
) -> Norm:
    variants: list[Any] = []
    nullable = False

    def flatten(options: list[Any]) -> None:
        nonlocal nullable
        for option in options:
            if _is_null_schema(option):
                nullable = True
                continue
            inner = option
            while isinstance(inner, dict) and set(inner) == {"$ref"}:
                inner = _resolve(doc, inner["$ref"])
            # A pure union inside a union (anyOf: [oneOf: [...], null]) is flattened into this one;
            # named unions are kept by reference so that variants are matched by name.
            if (
                isinstance(option, dict)
                and "$ref" not in option
                and any(k in option for k in _UNION_KEYS)
                and not set(option) - {*_UNION_KEYS, *_ANNOTATIONS}
            ):
                for k in _UNION_KEYS:
                    flatten(option.get(k, []))
            else:
                variants.append(option)

    flatten(schema[key])
    if schema.get("nullable") is True:
        nullable = True
    if len(variants) == 1:
        norm = normalize(doc, variants[0], names)
        norm.nullable = norm.nullable or nullable
        return norm
    disc = schema.get("discriminator", {}).get("propertyName")
    return Norm(names=names, nullable=nullable, variants=variants, discriminator=disc)


def _merge(parts: list[Norm], names: tuple[str, ...]) -> Norm:
    merged = Norm(names=names)
    for part in parts:
        merged.nullable = merged.nullable or part.nullable
        if part.types:
            merged.types = (
                part.types if not merged.types else (merged.types & part.types or part.types)
            )
        if part.enum is not None:
            merged.enum = part.enum if merged.enum is None else merged.enum & part.enum
        merged.format = part.format or merged.format
        merged.properties.update(part.properties)  # a later allOf part refines an earlier one
        merged.required |= part.required
        merged.required_options |= part.required_options
        if part.items is not None:
            merged.items = part.items
        if part.additional is not None:
            merged.additional = part.additional
        if part.variants is not None:
            merged.variants = part.variants
            merged.discriminator = part.discriminator
    return merged


# --------------------------------------------------------------------------- comparison


@dataclass
class Comparator:
    """Compares a schema of ours with its upstream counterpart; problems collect in `errors`."""

    ours: dict[str, Any]
    theirs: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def compare(self, mine: Any, up: Any, where: str, null_checked: bool = False) -> None:
        o = normalize(self.ours, mine)
        u = normalize(self.theirs, up)
        if o.names and u.names:
            pair = (o.names[-1], u.names[-1])
            if pair in self.seen:  # recursion, or compared already
                return
            self.seen.add(pair)
        if o.names:
            where = o.names[-1]  # a stable location, whichever way the schema was reached

        if o.nullable and not u.nullable and not null_checked:
            self.errors.append(f"{where}: null allowed here, not upstream")

        if o.variants is not None:
            for i, variant in enumerate(o.variants):
                label = _variant_label(self.ours, variant, i)
                if u.variants is not None:
                    self._match_variant(variant, u, f"{where}|{label}")
                else:
                    self.compare(variant, up, f"{where}|{label}")
            if o.discriminator and u.discriminator and o.discriminator != u.discriminator:
                self.errors.append(
                    f"{where}: discriminator {o.discriminator!r}, upstream {u.discriminator!r}"
                )
            return
        if u.variants is not None:
            self._match_variant(mine, u, where, null_checked=True)
            return
        self._compare_plain(o, u, where)

    def _compare_plain(self, o: Norm, u: Norm, where: str) -> None:
        if o.types and u.types:
            for t in o.types:
                if t not in u.types and not (t == "integer" and "number" in u.types):
                    self.errors.append(f"{where}: type {t}, upstream {sorted(u.types)}")
        if o.enum is not None:
            if u.enum is None:
                self.errors.append(f"{where}: enum {sorted(map(str, o.enum))}, upstream has none")
            elif extra := o.enum - u.enum:
                self.errors.append(f"{where}: enum values not upstream: {sorted(map(str, extra))}")
        if o.format != u.format:
            self.errors.append(f"{where}: format {o.format!r}, upstream {u.format!r}")

        for name, sub in o.properties.items():
            if name not in u.properties:
                self.errors.append(f"{where}.{name}: property not upstream")
                continue
            if (name in o.required) != (name in u.required) and name not in u.required_options:
                state = "required" if name in o.required else "optional"
                self.errors.append(f"{where}.{name}: {state} here, not upstream")
            self.compare(sub, u.properties[name], f"{where}.{name}")
        for name in o.required - set(o.properties):
            if name not in u.required | u.required_options:
                self.errors.append(f"{where}.{name}: required here, not upstream")

        if o.items is not None:
            if u.items is None:
                if u.types and "array" not in u.types:
                    self.errors.append(f"{where}[]: array here, not upstream")
            else:
                self.compare(o.items, u.items, f"{where}[]")
        if isinstance(o.additional, dict):
            if u.additional is False:
                self.errors.append(f"{where}{{}}: extra properties allowed here, not upstream")
            elif isinstance(u.additional, dict):
                self.compare(o.additional, u.additional, f"{where}{{}}")

    def _match_variant(self, mine: Any, u: Norm, where: str, null_checked: bool = False) -> None:
        """Find the upstream variant that `mine` stands for and compare with it."""
        o = normalize(self.ours, mine)
        leaves = self._leaves(u)
        # 1. same component name
        if o.names:
            for candidate in leaves:
                cn = normalize(self.theirs, candidate)
                if cn.names and cn.names[-1] == o.names[-1]:
                    self.compare(mine, candidate, where, null_checked)
                    return
        # 2. same discriminator value
        for prop in filter(None, (u.discriminator, "type", "role")):
            value = _const_of(self.ours, o, prop)
            if value is None:
                continue
            matches = []
            for candidate in leaves:
                sub = normalize(self.theirs, candidate).properties.get(prop)
                if sub is not None:
                    enum = normalize(self.theirs, sub).enum
                    if enum and value in enum:
                        matches.append(candidate)
            if not matches:
                self.errors.append(f"{where}: no upstream variant with {prop}={value!r}")
            elif len(matches) == 1:
                self.compare(mine, matches[0], where, null_checked)
            else:
                self._first_fit(mine, matches, where, null_checked)
            return
        # 3. the only variant of the same JSON type
        if o.types:
            same_type = [c for c in leaves if o.types & normalize(self.theirs, c).types]
            if len(same_type) == 1:
                self.compare(mine, same_type[0], where, null_checked)
                return
        # 4. the first variant that fits without complaint
        self._first_fit(mine, leaves, where, null_checked)

    def _leaves(self, u: Norm, depth: int = 0) -> list[Any]:
        """Upstream variants, with named unions among them opened up (Item inside InputItem)."""
        leaves: list[Any] = []
        for candidate in u.variants or []:
            cn = normalize(self.theirs, candidate)
            if cn.variants is not None and depth < 3:
                leaves.extend(self._leaves(cn, depth + 1))
            else:
                leaves.append(candidate)
        return leaves

    def _first_fit(
        self, mine: Any, candidates: list[Any], where: str, null_checked: bool = False
    ) -> None:
        best: list[str] | None = None
        for candidate in candidates:
            trial = Comparator(self.ours, self.theirs, seen=set(self.seen))
            trial.compare(mine, candidate, where, null_checked)
            if not trial.errors:
                return
            if best is None or len(trial.errors) < len(best):
                best = trial.errors
        self.errors.append(f"{where}: fits no upstream variant")
        self.errors.extend(f"  (closest) {e}" for e in (best or [])[:5])


def _const_of(doc: dict[str, Any], norm: Norm, prop: str) -> Any:
    sub = norm.properties.get(prop)
    if sub is None:
        return None
    enum = normalize(doc, sub).enum
    if enum is not None and len(enum) == 1:
        return next(iter(enum))
    return None


def _variant_label(doc: dict[str, Any], variant: Any, index: int) -> str:
    norm = normalize(doc, variant)
    if norm.names:
        return norm.names[-1]
    for prop in ("type", "role"):
        value = _const_of(doc, norm, prop)
        if value is not None:
            return f"{prop}={value}"
    return f"#{index}:{'/'.join(sorted(norm.types)) or 'any'}"


def _parameters(
    doc: dict[str, Any], item: dict[str, Any], op: dict[str, Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    params = {}
    for p in [*item.get("parameters", []), *op.get("parameters", [])]:
        if "$ref" in p:
            p = _resolve(doc, p["$ref"])
        params[(p["name"], p["in"])] = p
    return params


def compare_with_upstream(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Wire-level differences between our spec and the upstream one, as located messages."""
    cmp = Comparator(ours, theirs)
    their_schemas = theirs["components"]["schemas"]
    for name in ours["components"]["schemas"]:
        if name in their_schemas:
            cmp.compare(
                {"$ref": f"#/components/schemas/{name}"},
                {"$ref": f"#/components/schemas/{name}"},
                name,
            )

    for path, method, op in _operations(ours):
        where = f"{method.upper()} {path}"
        up_item = theirs["paths"].get(path, {})
        up = up_item.get(method)
        if up is None:
            if (method, path) not in AI_STUDIO_ONLY_OPERATIONS:
                cmp.errors.append(f"{where}: operation not upstream")
            continue
        if op.get("operationId") != up.get("operationId"):
            cmp.errors.append(
                f"{where}: operationId {op.get('operationId')!r}, upstream {up.get('operationId')!r}"
            )
        mine_params = _parameters(ours, ours["paths"][path], op)
        up_params = _parameters(theirs, up_item, up)
        for key, p in mine_params.items():
            label = f"{where} {key[1]} parameter {key[0]}"
            if key not in up_params:
                cmp.errors.append(f"{label}: not upstream")
                continue
            if bool(p.get("required")) != bool(up_params[key].get("required")):
                cmp.errors.append(
                    f"{label}: required={bool(p.get('required'))} differs from upstream"
                )
            cmp.compare(p.get("schema", {}), up_params[key].get("schema", {}), label)
        for key, p in up_params.items():
            if p.get("required") and key not in mine_params:
                cmp.errors.append(
                    f"{where} {key[1]} parameter {key[0]}: required upstream, missing here"
                )
        body = op.get("requestBody", {})
        up_body = up.get("requestBody", {})
        if bool(body.get("required")) != bool(up_body.get("required")):
            cmp.errors.append(f"{where} request body: required flag differs from upstream")
        for media, content in body.get("content", {}).items():
            up_content = up_body.get("content", {}).get(media)
            if up_content is None:
                cmp.errors.append(f"{where} request body {media}: not upstream")
                continue
            cmp.compare(
                content.get("schema", {}), up_content.get("schema", {}), f"{where} request {media}"
            )
        for status, response in op.get("responses", {}).items():
            if "$ref" in response:
                response = _resolve(ours, response["$ref"])
            up_response = up.get("responses", {}).get(status)
            if up_response is None:
                continue  # error responses we describe and upstream leaves out
            if "$ref" in up_response:
                up_response = _resolve(theirs, up_response["$ref"])
            for media, content in response.get("content", {}).items():
                up_content = up_response.get("content", {}).get(media)
                if up_content is None:
                    cmp.errors.append(f"{where} {status} {media}: not upstream")
                    continue
                cmp.compare(
                    content.get("schema", {}),
                    up_content.get("schema", {}),
                    f"{where} {status} {media}",
                )
    return cmp.errors


def _apply_exceptions(errors: list[str]) -> tuple[list[str], set[str]]:
    remaining, used = [], set()
    for error in errors:
        location = error.split(": ", 1)[0]
        if location in ALLOWED_DIFFERENCES:
            used.add(location)
        else:
            remaining.append(error)
    return remaining, used


# --------------------------------------------------------------------------- the comparator itself


def _doc(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"components": {"schemas": schemas}, "paths": {}}


def _diff(mine: dict[str, Any], up: dict[str, Any]) -> list[str]:
    return compare_with_upstream(_doc(mine), _doc(up))


UP_FIXTURE = {
    "Msg": {
        "oneOf": [{"$ref": "#/components/schemas/User"}, {"$ref": "#/components/schemas/Tool"}],
        "discriminator": {"propertyName": "role"},
    },
    "User": {
        "type": "object",
        "required": ["role", "content"],
        "properties": {
            "role": {"type": "string", "enum": ["user"]},
            "content": {
                "anyOf": [
                    {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    {"type": "null"},
                ]
            },
            "when": {"type": "integer", "format": "unixtime"},
            "kind": {"type": "string", "enum": ["a", "b"], "nullable": True},
        },
    },
    "Tool": {
        "type": "object",
        "required": ["role"],
        "properties": {"role": {"type": "string", "enum": ["tool"]}, "id": {"type": "string"}},
    },
}


def test_comparator_accepts_a_faithful_subset() -> None:
    mine: dict[str, Any] = {
        "Msg": {
            "oneOf": [{"$ref": "#/components/schemas/User"}],
            "discriminator": {
                "propertyName": "role",
                "mapping": {"user": "#/components/schemas/User"},
            },
        },
        "User": {
            "type": "object",
            "required": ["role", "content"],
            "properties": {
                "role": {"type": "string", "const": "user"},
                "content": {"type": ["string", "array", "null"], "items": {"type": "string"}},
                "kind": {"anyOf": [{"type": "string", "enum": ["b"]}, {"type": "null"}]},
            },
        },
    }
    assert _diff(mine, UP_FIXTURE) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda u: u["properties"].update(extra={"type": "string"}),
            "User.extra: property not upstream",
        ),
        (
            lambda u: u["properties"]["role"].update(const="admin"),
            "User.role: enum values not upstream",
        ),
        (lambda u: u["required"].append("when"), "User.when: required here, not upstream"),
        (lambda u: u["required"].remove("content"), "User.content: optional here, not upstream"),
        (lambda u: u["properties"]["when"].update(format="int64"), "User.when: format 'int64'"),
        (lambda u: u["properties"]["when"].update(type="string"), "User.when: type string"),
        (
            lambda u: u["properties"]["when"].update(type=["integer", "null"]),
            "User.when: null allowed",
        ),
        (
            lambda u: u["properties"]["content"]["oneOf"][1].update(items={"type": "integer"}),
            "User.content|#1:array[]: type integer",
        ),
    ],
)
def test_comparator_reports_contradictions(change: Any, expected: str) -> None:
    user: dict[str, Any] = {
        "type": "object",
        "required": ["role", "content"],
        "properties": {
            "role": {"type": "string", "const": "user"},
            "content": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
            "when": {"type": "integer", "format": "unixtime"},
        },
    }
    assert _diff({"User": user}, UP_FIXTURE) == []
    change(user)
    errors = _diff({"User": user}, UP_FIXTURE)
    assert any(e.startswith(expected) for e in errors), errors


def test_comparator_matches_union_variants_by_discriminator_value() -> None:
    mine: dict[str, Any] = {
        "Msg": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["role"],
                    "properties": {"role": {"const": "tool"}, "id": {"type": "integer"}},
                },
                {"type": "object", "required": ["role"], "properties": {"role": {"const": "bot"}}},
            ],
            "discriminator": {"propertyName": "role"},
        }
    }
    errors = _diff(mine, UP_FIXTURE)
    assert "Msg|role=tool.id: type integer, upstream ['string']" in errors
    assert "Msg|role=bot: no upstream variant with role='bot'" in errors


def test_comparator_understands_openai_idioms() -> None:
    up: dict[str, Any] = {
        # "send a or b": an anyOf of bare required lists
        "Batch": {
            "type": "object",
            "properties": {
                "a": {"type": "array", "items": {"type": "string"}},
                "b": {"type": "string"},
            },
            "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
        },
        # a 3.0-style nullable next to a 3.1 document, a $ref with siblings, a recursive union
        "Holder": {
            "type": "object",
            "properties": {
                "n": {"type": "integer", "nullable": True},
                "usage": {"$ref": "#/components/schemas/Batch", "nullable": True},
                "tree": {"$ref": "#/components/schemas/Tree"},
            },
        },
        "Tree": {
            "$recursiveAnchor": True,
            "type": "object",
            "properties": {
                "kids": {
                    "type": "array",
                    "items": {"oneOf": [{"type": "string"}, {"$recursiveRef": "#"}]},
                }
            },
        },
    }
    resolve_recursive_refs(_doc(up))
    mine: dict[str, Any] = {
        "Batch": {
            "type": "object",
            "required": ["a"],
            "properties": {"a": {"type": "array", "items": {"type": "string"}}},
        },
        "Holder": {
            "type": "object",
            "properties": {
                "n": {"type": ["integer", "null"]},
                "usage": {"anyOf": [{"$ref": "#/components/schemas/Batch"}, {"type": "null"}]},
                "tree": {"$ref": "#/components/schemas/Tree"},
            },
        },
        "Tree": {
            "type": "object",
            "properties": {
                "kids": {
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Tree"}]},
                }
            },
        },
    }
    assert _diff(mine, up) == []
    mine["Tree"]["properties"]["kids"]["items"]["anyOf"].append({"type": "integer"})
    mine["Batch"]["required"].append("c")
    errors = _diff(mine, up)
    assert "Batch.c: required here, not upstream" in errors
    assert any(e.startswith("Tree.kids[]|#2:integer: fits no upstream variant") for e in errors), (
        errors
    )


def test_comparator_checks_operations() -> None:
    def doc(op_id: str, required: bool, media: str) -> dict[str, Any]:
        return {
            "components": {"schemas": {}},
            "paths": {
                "/things/{id}": {
                    "get": {
                        "operationId": op_id,
                        "parameters": [
                            {
                                "name": "id",
                                "in": "path",
                                "required": True,
                                "schema": {"type": "string"},
                            },
                            {
                                "name": "limit",
                                "in": "query",
                                "required": required,
                                "schema": {"type": "integer"},
                            },
                        ],
                        "responses": {"200": {"content": {media: {"schema": {"type": "string"}}}}},
                    }
                }
            },
        }

    up = doc("getThing", False, "application/json")
    assert compare_with_upstream(doc("getThing", False, "application/json"), up) == []
    assert compare_with_upstream(doc("readThing", True, "text/plain"), up) == [
        "GET /things/{id}: operationId 'readThing', upstream 'getThing'",
        "GET /things/{id} query parameter limit: required=True differs from upstream",
        "GET /things/{id} 200 text/plain: not upstream",
    ]
    extra = doc("getThing", False, "application/json")
    extra["paths"]["/other"] = {"post": {"operationId": "other", "responses": {}}}
    assert compare_with_upstream(extra, up) == ["POST /other: operation not upstream"]


# --------------------------------------------------------------------------- the spec


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_spec_is_tidy_yaml(spec: dict[str, Any]) -> None:
    order = ["openapi", "info", "servers", "security", "tags", "paths", "components"]
    keys = list(spec)
    assert keys[: len(order)] == order
    assert all(k.startswith("x-") for k in keys[len(order) :]), keys
    text = SPEC_PATH.read_text(encoding="utf-8")
    assert "\t" not in text
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"line {number}: odd indentation"
        assert line == line.rstrip(), f"line {number}: trailing whitespace"


class _UniqueKeyLoader(yaml.CSafeLoader):
    """Refuses a mapping that repeats a key (plain YAML loading keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            assert key not in seen, f"duplicate key {key!r} at line {key_node.start_mark.line + 1}"
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def test_spec_has_no_duplicate_keys() -> None:
    with pytest.raises(AssertionError, match="duplicate key 'a' at line 4"):
        yaml.load("x: 1\ny:\n  a: 1\n  a: 2\n", Loader=_UniqueKeyLoader)
    with SPEC_PATH.open("rb") as fh:
        yaml.load(fh, Loader=_UniqueKeyLoader)


def test_spec_matches_openai_wire_format(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    errors, used = _apply_exceptions(compare_with_upstream(spec, upstream))
    assert errors == [], "\n".join(errors)
    assert used == set(ALLOWED_DIFFERENCES), f"stale exceptions: {set(ALLOWED_DIFFERENCES) - used}"


def test_spec_shares_names_with_openai(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    shared = set(spec["components"]["schemas"]) & set(upstream["components"]["schemas"])
    for name in [
        "CreateChatCompletionRequest",
        "CreateChatCompletionResponse",
        "CreateChatCompletionStreamResponse",
        "ChatCompletionRequestMessage",
        "Model",
        "ListModelsResponse",
        "CreateEmbeddingRequest",
    ]:
        assert name in shared, name
    for path, method, _ in _operations(spec):
        if (method, path) not in AI_STUDIO_ONLY_OPERATIONS:
            assert path in upstream["paths"] and method in upstream["paths"][path], (method, path)


# --------------------------------------------------------------------------- our own words


def _texts(node: Any, inside_properties: bool = False) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if (
                not inside_properties
                and key in ("description", "summary")
                and isinstance(value, str)
            ):
                yield value
            else:
                yield from _texts(value, key == "properties" and not inside_properties)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_descriptions_are_our_own(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    theirs = {_squash(t) for t in _texts(upstream)}
    corpus = "\n".join(theirs)
    ours = [_squash(t) for t in _texts(spec)]
    assert len(ours) > 50
    copied = [t for t in ours if len(t) > 40 and t in theirs]
    assert copied == []
    # no long sentence lifted from an upstream description either
    lifted = [
        sentence
        for text in ours
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence) > 60 and sentence in corpus
    ]
    assert lifted == []


# --------------------------------------------------------------------------- generator extensions


def test_every_operation_names_its_resource_and_method(spec: dict[str, Any]) -> None:
    pairs: dict[tuple[str, str], str] = {}
    ids = set()
    for path, method, op in _operations(spec):
        where = f"{method.upper()} {path}"
        resource, verb = op.get("x-codegen-resource"), op.get("x-codegen-method")
        assert isinstance(resource, str) and re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", resource), where
        assert isinstance(verb, str) and re.fullmatch(r"[a-z_]+", verb), where
        assert (resource, verb) not in pairs, (
            f"{where} and {pairs[(resource, verb)]} share {resource}.{verb}"
        )
        pairs[(resource, verb)] = where
        assert op.get("operationId") and op["operationId"] not in ids, where
        ids.add(op["operationId"])
        assert op.get("summary") and op.get("description"), where


def test_list_operations_paginate(spec: dict[str, Any]) -> None:
    for path, method, op in _operations(spec):
        verb = op["x-codegen-method"]
        is_list = verb.startswith("list") or op["operationId"].startswith("list")
        pagination = op.get("x-codegen-pagination")
        if op["operationId"] in UNPAGINATED_LISTS:
            assert pagination is None, path
            continue
        assert is_list == (pagination is not None), f"{method} {path}"
        if pagination is None:
            continue
        assert set(pagination) == {
            "style",
            "request_param",
            "response_cursor",
            "items",
            "has_more",
            "page_size_param",
        }
        assert pagination["style"] == "cursor"
        params = {p["name"] for p in _parameters(spec, spec["paths"][path], op).values()}
        assert pagination["request_param"] in params and pagination["page_size_param"] in params, (
            path
        )
        body = normalize(spec, op["responses"]["200"]["content"]["application/json"]["schema"])
        for key in ("items", "has_more"):
            assert pagination[key] in body.properties, (path, key)
        assert normalize(spec, body.properties[pagination["items"]]).types == {"array"}
        if pagination["response_cursor"]:
            assert pagination["response_cursor"] in body.properties, path


def test_streamed_operations(spec: dict[str, Any]) -> None:
    streamed = []
    for path, _, op in _operations(spec):
        content = op["responses"]["200"].get("content", {})
        if "text/event-stream" not in content:
            assert "x-codegen-sse-terminator" not in op, path
            continue
        streamed.append(op["operationId"])
        assert "application/json" in content, path
        body = normalize(spec, op["requestBody"]["content"]["application/json"]["schema"])
        assert normalize(spec, body.properties["stream"]).types == {"boolean"}, path
    assert sorted(streamed) == ["createChatCompletion", "createResponse"]
    assert spec["paths"]["/chat/completions"]["post"]["x-codegen-sse-terminator"] == "[DONE]"
    # the Responses stream ends with a terminal event, not with a [DONE] line
    assert "x-codegen-sse-terminator" not in spec["paths"]["/responses"]["post"]
    events = spec["paths"]["/responses"]["post"]["responses"]["200"]["content"]["text/event-stream"]
    assert events["schema"] == {"$ref": "#/components/schemas/ResponseStreamEvent"}
    mapping = spec["components"]["schemas"]["ResponseStreamEvent"]["discriminator"]["mapping"]
    for name in (
        "response.created",
        "response.output_text.delta",
        "response.completed",
        "response.failed",
        "error",
    ):
        assert name in mapping, name


EXPECTED_METHODS = {
    "models": {"list", "retrieve"},
    "chat.completions": {"create"},
    "embeddings": {"create"},
    "files": {"create", "list", "retrieve", "delete", "content"},
    "vector_stores": {"create", "list", "retrieve", "update", "delete", "search"},
    "vector_stores.files": {"create", "list", "retrieve", "delete"},
    "vector_stores.file_batches": {"create", "retrieve", "cancel", "list_files"},
    "responses": {"create", "retrieve", "delete", "cancel"},
    "responses.input_items": {"list"},
    "conversations": {"create", "retrieve", "update", "delete"},
    "conversations.items": {"create", "list", "retrieve", "delete"},
}


def test_surface_is_complete(spec: dict[str, Any]) -> None:
    found: dict[str, set[str]] = {}
    for _, _, op in _operations(spec):
        found.setdefault(op["x-codegen-resource"], set()).add(op["x-codegen-method"])
    assert found == EXPECTED_METHODS


def test_binary_bodies(spec: dict[str, Any]) -> None:
    upload = spec["paths"]["/files"]["post"]["requestBody"]["content"]["multipart/form-data"][
        "schema"
    ]
    form = normalize(spec, upload)
    assert form.required == {"file", "purpose"}
    assert (
        spec["components"]["schemas"]["CreateFileRequest"]["properties"]["file"]["format"]
        == "binary"
    )
    download = spec["paths"]["/files/{file_id}/content"]["get"]["responses"]["200"]["content"]
    assert download == {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
    }


REALTIME_CLIENT_EVENTS = {
    "session.update",
    "input_audio_buffer.append",
    "input_audio_buffer.commit",
    "input_audio_buffer.clear",
    "conversation.item.create",
    "response.create",
    "response.cancel",
}
REALTIME_SERVER_EVENTS = {
    "session.created",
    "session.updated",
    "conversation.item.created",
    "input_audio_buffer.committed",
    "response.created",
    "response.output_text.delta",
    "response.output_audio.delta",
    "response.output_audio_transcript.delta",
    "response.done",
    "error",
    "rate_limits.updated",
}


def test_realtime_channel(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    channels = spec["x-codegen-websockets"]
    assert list(channels) == ["realtime"]
    channel = channels["realtime"]
    assert channel["x-codegen-resource"] == "realtime" and channel["x-codegen-method"] == "connect"
    assert channel["url"] == "wss://ai.api.cloud.yandex.net/v1/realtime/openai"
    assert channel["summary"] and channel["description"]
    assert [(p["name"], p["in"], p["required"]) for p in channel["parameters"]] == [
        ("model", "query", True)
    ]
    assert channel["parameters"][0]["schema"] == {"type": "string"}
    for key, expected, prefix in (
        ("client_events", REALTIME_CLIENT_EVENTS, "RealtimeClientEvent"),
        ("server_events", REALTIME_SERVER_EVENTS, "RealtimeServerEvent"),
    ):
        union = _resolve(spec, channel[key]["$ref"])
        assert union["discriminator"]["propertyName"] == "type"
        assert set(union["discriminator"]["mapping"]) == expected, key
        # every event is one of OpenAI's, under the same schema name, so the wire comparison covers it
        for ref in union["discriminator"]["mapping"].values():
            name = ref.rsplit("/", 1)[-1]
            assert name.startswith(prefix) and name in upstream["components"]["schemas"], name


def _all_schemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _all_schemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _all_schemas(value, f"{where}/{i}")


def test_discriminated_unions_are_consistent(spec: dict[str, Any]) -> None:
    count = 0
    for where, node in _all_schemas(spec):
        disc = node.get("discriminator")
        if not isinstance(disc, dict) or "propertyName" not in disc:
            continue
        count += 1
        prop = disc["propertyName"]
        variants = node.get("oneOf") or node.get("anyOf")
        assert variants, where
        mapping = disc.get("mapping")
        assert mapping, f"{where}: discriminator without mapping"
        refs = [v["$ref"] for v in variants]
        assert sorted(refs) == sorted(mapping.values()), where
        for value, ref in mapping.items():
            target = normalize(spec, {"$ref": ref})
            assert prop in target.required, f"{ref}: {prop} not required"
            assert normalize(spec, target.properties[prop]).enum == {value}, (
                f"{ref}: {prop} != {value}"
            )
    assert count >= 5


def test_refs_resolve(spec: dict[str, Any]) -> None:
    for _, node in _all_schemas(spec):
        ref = node.get("$ref")
        if isinstance(ref, str):
            _resolve(spec, ref)
        if isinstance(node.get("discriminator"), dict):
            for ref in node["discriminator"].get("mapping", {}).values():
                _resolve(spec, ref)


def test_servers_auth_and_folder_header(spec: dict[str, Any]) -> None:
    urls = [s["url"] for s in spec["servers"]]
    assert urls == ["https://ai.api.cloud.yandex.net/v1", "https://llm.api.cloud.yandex.net/v1"]
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {
        **schemes["ApiKey"],
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
    }
    assert "Api-Key <" in schemes["ApiKey"]["description"]
    assert schemes["IamToken"]["type"] == "http" and schemes["IamToken"]["scheme"] == "bearer"
    assert spec["security"] == [{"ApiKey": []}, {"IamToken": []}]
    header = spec["x-codegen-client-headers"]["OpenAI-Project"]
    assert header["env"] == "YC_FOLDER_ID" and header["description"]
