"""A deterministic, seeded mutator of OpenAPI descriptions.

Case `index` of seed `seed` is always the same: its random generator is seeded with both, its
main mutation is the `index`-th of MUTATIONS (so any run of len(MUTATIONS) cases covers each
one), and one or two further random mutations may stack on top. Seeds are small inline
documents and our own `specs/openapi/ai_studio.yaml`.
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import yaml

from tests.adversarial.harness import CANARY_NAME, OUTSIDE_MARK, Case
from tests.support.paths import REPO

Doc = dict[str, Any]

# Spec text that would run if it ever became code; it creates the canary in the working folder.
CODE = f'"""); __import__("pathlib").Path("{CANARY_NAME}").touch(); ("""'
HOSTILE_NAMES = [
    '"""', "'''", "class", "__init__", "../x", "../../etc/passwd", "/abs", "é中文", "", " ", "None",
    "self", "1abc", "a-b", "def", "import", "match", "_", "__", "x" * 300, "Model", "BaseModel",
    CODE, "{x}", "a\nb", "a\x00b", "💥", "model_config", "json", "type", "A.B", "c:\\x",
]
HOSTILE_TEXTS = [
    CODE,
    "\\", '"', '"""', "'''", "\\N{BULLET}", "{{ jinja }} {% if %}", "<script>alert(1)</script>",
    "`" * 500, "\x00\x01\x1b[31m", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "line\r\nline\rline", "é" * 200_000, "ab\n" * 200_000, " " * 100_000 + "x", "*" * 50_000,
]


# --- seeds --------------------------------------------------------------------------------


def _small() -> Doc:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Small", "version": "1", "description": "A small API."},
        "servers": [{"url": "https://example.test/v1"}],
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "summary": "List things.",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
                        {"name": "after", "in": "query", "schema": {"type": "string"}},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingList"}}},
                        }
                    },
                },
                "post": {
                    "operationId": "createThing",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                    "responses": {
                        "201": {
                            "description": "made",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        },
                        "default": {"description": "error"},
                    },
                },
            },
            "/things/{thing_id}": {
                "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "delete": {"operationId": "deleteThing", "responses": {"204": {"description": "gone"}}},
            },
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "description": "A thing.",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "size": {"type": ["integer", "null"], "minimum": 0},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "meta": {"type": "object", "additionalProperties": {"type": "string"}},
                        "shape": {"$ref": "#/components/schemas/Shape"},
                        "inner": {"type": "object", "properties": {"a": {"type": "boolean"}}},
                    },
                },
                "Color": {"type": "string", "enum": ["red", "green", "blue"]},
                "Shape": {
                    "oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                    "discriminator": {"propertyName": "kind"},
                },
                "Circle": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "Circle"}, "r": {"type": "number"}}},
                "Square": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "Square"}, "side": {"type": "number"}}},
                "ThingList": {
                    "allOf": [
                        {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}},
                        {"type": "object", "properties": {"last_id": {"type": "string"}, "has_more": {"type": "boolean"}}},
                    ]
                },
            }
        },
    }


def _tiny() -> Doc:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Tiny", "version": "0"},
        "paths": {
            "/ping": {
                "get": {
                    "operationId": "ping",
                    "responses": {"200": {"description": "pong", "content": {"text/plain": {"schema": {"type": "string"}}}}},
                }
            }
        },
    }


@cache
def _ai_studio() -> Doc:
    data: Doc = yaml.load((REPO / "specs/openapi/ai_studio.yaml").read_bytes(), Loader=yaml.CSafeLoader)
    return data


SEEDS: dict[str, Callable[[], Doc]] = {"small": _small, "tiny": _tiny, "ai_studio": _ai_studio}


# --- walking ------------------------------------------------------------------------------


def _slots(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of the document, in document order."""
    out: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            out.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    return out


def _schemas(doc: Any) -> list[dict[str, Any]]:
    found = [
        node[key]
        for node, key in _slots(doc)
        if isinstance(node[key], dict) and ("type" in node[key] or "properties" in node[key] or "$ref" in node[key])
    ]
    return found or [doc.setdefault("components", {}).setdefault("schemas", {}).setdefault("X", {"type": "string"})]


def _refs(doc: Any) -> list[dict[str, Any]]:
    return [node for node, key in _slots(doc) if key == "$ref" and isinstance(node, dict)]


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return items[rng.randrange(len(items))]


def _deep_text(kind: str, levels: int) -> str:
    """JSON text of a schema nested `levels` deep (as text: json.dumps itself would recurse)."""
    opening, closing = {
        "object": ('{"type": "object", "properties": {"p": ', "}}"),
        "array": ('{"type": "array", "items": ', "}"),
        "union": ('{"anyOf": [{"type": "null"}, ', "]}"),
        "allof": ('{"allOf": [', "]}"),
    }[kind]
    return opening * levels + '{"type": "string"}' + closing * levels


_DEEP = re.compile(r"""["']@DEEP:(\w+):(\d+)@["']""")


# --- mutations ----------------------------------------------------------------------------
# A structural mutation changes the document in place; a file mutation returns the files.

Files = dict[str, bytes]


def dangling_ref(rng: random.Random, doc: Doc) -> None:
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = _pick(rng, ["#/components/schemas/Nope", "#/nowhere/x", "#", "missing.yaml#/A", "#/components/schemas/Thing/properties/zzz"])


def cyclic_ref(rng: random.Random, doc: Doc) -> None:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    style = rng.randrange(3)
    if style == 0:
        schemas["LoopA"] = {"$ref": "#/components/schemas/LoopB"}
        schemas["LoopB"] = {"$ref": "#/components/schemas/LoopA"}
    elif style == 1:
        schemas["Self"] = {"type": "object", "properties": {"me": {"$ref": "#/components/schemas/Self"}}}
    else:
        schemas["Inline"] = {"$ref": "#/components/schemas/Inline"}
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = _pick(rng, ["#/components/schemas/LoopA", "#/components/schemas/Self", "#/components/schemas/Inline"])


def change_type(rng: random.Random, doc: Doc) -> None:
    for _ in range(rng.randint(1, 5)):
        _pick(rng, _schemas(doc))["type"] = _pick(rng, ["object", "array", "string", "integer", "nonsense", 5, ["string", "null"], None, [], "null", {"a": 1}])


def delete_key(rng: random.Random, doc: Doc) -> None:
    slots = _slots(doc)
    for _ in range(rng.randint(1, 4)):
        if not slots:
            return
        node, key = _pick(rng, slots)
        with contextlib.suppress(KeyError, IndexError):
            del node[key]
        slots = _slots(doc)


def replace_value(rng: random.Random, doc: Doc) -> None:
    slots = _slots(doc)
    for _ in range(rng.randint(1, 4)):
        node, key = _pick(rng, slots)
        node[key] = _pick(rng, [None, 0, -1, "", [], {}, True, 1.5, "x", [None], {"$ref": 1}])


def hostile_names(rng: random.Random, doc: Doc) -> None:
    for _ in range(rng.randint(1, 4)):
        name = _pick(rng, HOSTILE_NAMES)
        choice = rng.randrange(4)
        schemas = doc.get("components", {}).get("schemas", {})
        if choice == 0 and isinstance(schemas, dict) and schemas:
            old = _pick(rng, sorted(schemas))
            schemas[name] = schemas.pop(old)
        elif choice == 1:
            objects = [s for s in _schemas(doc) if isinstance(s.get("properties"), dict) and s["properties"]]
            if objects:
                props = _pick(rng, objects)["properties"]
                props[name] = props.pop(_pick(rng, sorted(props)))
        elif choice == 2:
            operations = [n for n, k in _slots(doc) if k == "operationId"]
            if operations:
                _pick(rng, operations)["operationId"] = name
        else:
            params = [n for n, k in _slots(doc) if k == "in" and isinstance(n, dict) and "name" in n]
            if params:
                _pick(rng, params)["name"] = name


def hostile_text(rng: random.Random, doc: Doc) -> None:
    for _ in range(rng.randint(1, 3)):
        text = _pick(rng, HOSTILE_TEXTS)
        target = _pick(rng, _schemas(doc))
        field = _pick(rng, ["description", "title", "default", "example", "enum", "const", "pattern", "format"])
        target[field] = [text, text + "2"] if field == "enum" else text
    info = doc.get("info")
    if isinstance(info, dict):
        info[_pick(rng, ["title", "description", "version"])] = _pick(rng, HOSTILE_TEXTS)


def deep_nesting(rng: random.Random, doc: Doc) -> None:
    levels = _pick(rng, [10, 40, 48, 60, 64, 65, 130, 1000, 100_000])
    kind = _pick(rng, ["object", "array", "union", "allof"])
    doc.setdefault("components", {}).setdefault("schemas", {})["Deep"] = f"@DEEP:{kind}:{levels}@"  # see _dump
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = "#/components/schemas/Deep"


def huge_enum(rng: random.Random, doc: Doc) -> None:
    size = _pick(rng, [1000, 5000, 20_000])
    style = rng.randrange(3)
    if style == 0:
        values: list[Any] = [f"v{i}" for i in range(size)]
    elif style == 1:
        values = ["same"] * (size // 2) + [f"S{'_' * (i % 7)}ame" for i in range(size // 2)]
    else:
        values = list(range(size))
    doc.setdefault("components", {}).setdefault("schemas", {})["Big"] = {"type": "string" if style < 2 else "integer", "enum": values}
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = "#/components/schemas/Big"


def huge_text(rng: random.Random, doc: Doc) -> None:
    text = _pick(rng, ["é" * 300_000, "ab\n" * 400_000, "word " * 100_000, "`" * 200_000, "- item\n" * 100_000])
    _pick(rng, _schemas(doc))["description"] = text


def duplicate_ids(rng: random.Random, doc: Doc) -> None:
    operations = [n for n, k in _slots(doc) if k == "operationId"]
    for node in operations:
        node["operationId"] = _pick(rng, ["same", "Same", "sAme"])
    paths = doc.get("paths")
    if isinstance(paths, dict) and paths:
        first = _pick(rng, sorted(paths))
        paths[first + "/{undeclared}"] = copy.deepcopy(paths[first])


def outside_ref(rng: random.Random, doc: Doc) -> None:
    refs = _refs(doc)
    target = _pick(rng, [
        "../outside/secret.yaml#/Thing", "../outside/secret.yaml", "OUTSIDE_ABS", "file://OUTSIDE_ABS",
        "/etc/hostname", "../../../../etc/passwd", "https://example.invalid/x.yaml#/A", "sub/../../outside/secret.yaml#/Thing",
    ])
    if refs:
        _pick(rng, refs)["$ref"] = target
    else:
        doc.setdefault("components", {}).setdefault("schemas", {})["Out"] = {"$ref": target}


def external_files(rng: random.Random, doc: Doc) -> None:
    """Valid and broken references between files of the spec folder (the file is added by `_case`)."""
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = _pick(rng, ["parts/other.yaml#/Other", "parts/other.yaml#/Loop", "parts/other.yaml#/Missing", "parts/other.yaml"])


def bad_discriminator(rng: random.Random, doc: Doc) -> None:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas["Disc"] = {
        "oneOf": [{"type": "object", "properties": {"k": {"const": "a"}}}, {"type": "string"}, {"$ref": "#/components/schemas/Nope"}],
        "discriminator": {"propertyName": _pick(rng, ["k", "", "missing"]), "mapping": {"a": "#/components/schemas/Zip", "b": "Zap", "": ""}},
    }
    refs = _refs(doc)
    if refs:
        _pick(rng, refs)["$ref"] = "#/components/schemas/Disc"


STRUCTURAL: list[Callable[[random.Random, Doc], None]] = [
    dangling_ref, cyclic_ref, change_type, delete_key, replace_value, hostile_names, hostile_text,
    deep_nesting, huge_enum, huge_text, duplicate_ids, outside_ref, external_files, bad_discriminator,
]


def alias_bomb(rng: random.Random, files: Files, entry: str) -> None:
    levels = _pick(rng, [6, 9, 12])
    lines = ["openapi: 3.0.3", "info: {title: Bomb, version: '1'}", "paths: {}", "x-bomb:", '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"components: {{schemas: {{Bomb: {{type: object, description: *a{levels - 1}}}}}}}")
    files[entry] = "\n".join(lines).encode() + b"\n"


def recursive_alias(rng: random.Random, files: Files, entry: str) -> None:
    files[entry] = b"openapi: 3.0.3\ninfo: {title: R, version: '1'}\npaths: {}\nx-loop: &loop [*loop]\n"


def not_utf8(rng: random.Random, files: Files, entry: str) -> None:
    data = bytearray(files[entry])
    for _ in range(rng.randint(1, 5)):
        data.insert(rng.randrange(len(data) + 1), _pick(rng, [0xFF, 0xFE, 0xC3, 0x80, 0xED]))
    files[entry] = bytes(data) if rng.random() < 0.7 else b"\xff\xfe" + files[entry].decode().encode("utf-16-le")


def other_version(rng: random.Random, files: Files, entry: str) -> None:
    doc = json.loads(files[entry]) if entry.endswith(".json") else yaml.safe_load(files[entry])
    doc.pop("openapi", None)
    key, value = _pick(rng, [("swagger", "2.0"), ("openapi", "4.0.0"), ("openapi", "2.0"), ("openapi", 3), ("openapi", "3"), ("openapi", None), ("asyncapi", "2.6.0")])
    doc[key] = value
    files[entry] = _dump(doc, entry)


def empty_file(rng: random.Random, files: Files, entry: str) -> None:
    files[entry] = _pick(rng, [b"", b"   \n", b"# only a comment\n", b"null\n", b"[]\n", b"42\n", b"---\n---\n", b"{", b"\t\x00"])


def truncate(rng: random.Random, files: Files, entry: str) -> None:
    data = files[entry]
    files[entry] = data[: rng.randrange(max(1, len(data)))]


def directory(rng: random.Random, files: Files, entry: str) -> None:
    """The entry is a folder (the case renames the entry to a folder, see `_case`)."""


FILE_LEVEL: list[Callable[[random.Random, Files, str], None]] = [
    alias_bomb, recursive_alias, not_utf8, other_version, empty_file, truncate, directory,
]
MUTATIONS: list[Any] = [*STRUCTURAL, *FILE_LEVEL]

OTHER_FILE = b"""Other:
  type: object
  properties:
    back: {$ref: '../spec.yaml#/components/schemas/Thing'}
    name: {type: string}
Loop: {$ref: '#/Loop2'}
Loop2: {$ref: '#/Loop'}
"""


def _dump(doc: Any, entry: str) -> bytes:
    if entry.endswith(".json"):
        text = json.dumps(doc, ensure_ascii=False)
    else:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
    text = _DEEP.sub(lambda m: _deep_text(m[1], int(m[2])), text)  # JSON is YAML too
    return text.encode("utf-8", "surrogatepass")


def case(seed: int, index: int) -> Case:
    """Case `index` of `seed`: the same every time."""
    rng = random.Random(f"openapi:{seed}:{index}")
    main = MUTATIONS[index % len(MUTATIONS)]
    seed_name = "ai_studio" if rng.random() < 0.08 else _pick(rng, ["small", "small", "tiny"])
    doc = copy.deepcopy(SEEDS[seed_name]())
    applied = [main]
    if main in STRUCTURAL:
        main(rng, doc)
        for _ in range(rng.choice([0, 0, 1, 2])):
            extra = _pick(rng, STRUCTURAL)
            extra(rng, doc)
            applied.append(extra)
    entry = "spec.json" if seed_name == "ai_studio" or rng.random() < 0.4 else "spec.yaml"
    files: Files = {entry: _dump(doc, entry), "parts/other.yaml": OTHER_FILE}
    folders: tuple[str, ...] = ()
    if main in FILE_LEVEL:
        main(rng, files, entry)
    if main is directory:
        del files[entry]
        folders = (entry,)
    what = f"{seed_name}: " + ", ".join(m.__name__ for m in applied)
    for name, data in list(files.items()):
        files[name] = data.replace(b"OUTSIDE_ABS", OUTSIDE_MARK + b"/secret.yaml")
    return Case(id=f"openapi-{seed}-{index}", kind="openapi", what=what, files=files, entry=entry, folders=folders)


def cases(seed: int, count: int) -> Iterator[Case]:
    for index in range(count):
        yield case(seed, index)
