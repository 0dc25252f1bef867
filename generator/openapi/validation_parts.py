"""Validation by parts: after a small edit, openapi-spec-validator re-checks only the parts it changed.

A part is one path item (`/paths/<url>`) or one component (`/components/<kind>/<name>`). The
library's findings are mostly a function of a part and what its `$ref`s name, but not wholly: it
checks each schema node once per run (by identity), so a few findings depend on the order it meets
them in the whole document:
- "Required list has not defined properties" is reported only when a schema is first met as a
  schema of its own (a component, a media type's or parameter's `schema`), not nested in another;
- a schema that fails its meta-schema check is visited only when the library meets it again;
- duplicate operationIds are reported at the second and later occurrences.

So each part is checked by the library on its own (`PartValidator`) with every other part's root
schema counted as checked, and the run records, in order, which roots it reached and how (a
`Touch`). Those records, cached by the digest of what the part's findings depend on, are then
replayed in the library's own order (path items, then component schemas, each reached root
expanded where it is first met), which gives the whole-document findings exactly. The checks
across parts (operationIds, tag names) run on a skeleton of the document, and the meta-schema
check of the whole document (fast, with jsonschema_rs) always runs.

Outside what this reproduces (several files, `$ref`s to anything but a component, `$id`s, path
items by `$ref`, schema checks nested deeper than `MAX_NESTING`, anything the library raises on)
the whole document is validated as before. tests/unit/test_validation_parts.py compares the two on
real descriptions with random edits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.openapi import pointers
from generator.openapi.cache import Cache, digest
from generator.openapi.validate import (
    Finding,
    PartResult,
    PartValidator,
    Touch,
    across_findings,
    document_findings,
    engine,
    skeleton_of,
    validate,
)

# Schema checks nested deeper than this in the whole document (the library recurses once per
# level): the whole-document run decides, as it may stop early where Python's stack ends.
MAX_NESTING = 100
_KIND = "validated-parts"
# a `$ref` (or `$id`) key in JSON text as `json.dumps` writes it: a quote right after `{` or `,`
# never occurs inside a string, where quotes are escaped
_REF = re.compile(r'[{,]"\$ref":"([^"]*)"')


class NotByParts(Exception):
    """The document is outside what validation by parts reproduces: validate it whole."""


@dataclass
class Part:
    tokens: tuple[str, ...]
    text: str
    refs: list[str]  # pointers of the parts its `$ref`s name
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        self.digest = digest(self.text.encode("utf-8"))


@dataclass
class Outcome:
    findings: list[Finding]
    parts: int = 0  # parts checked on their own (0: validated whole)
    validated: int = 0  # of those, checked by the library in this run (the rest from the cache)


def validate_by_parts(
    root: str, document: Any, cache: Cache, variant: str = "", documents: dict[str, Any] | None = None
) -> Outcome:
    """The findings `validate(root, document, documents)` gives, re-checking only changed parts.

    `document` must not share nodes between places (as parsed from JSON); `variant` names what
    else the findings depend on (as for the whole-document cache)."""
    if documents or cache.folder is None:
        return Outcome(validate(root, document, documents))
    try:
        return _by_parts(root, document, cache, variant)
    except NotByParts:
        return Outcome(validate(root, document, documents))


def _by_parts(root: str, document: Any, cache: Cache, variant: str) -> Outcome:
    parts = _split(document)
    roots = _roots(document, parts)
    scope = digest(
        json.dumps([engine(), variant, document["openapi"], document.get("jsonSchemaDialect")]).encode()
    )
    keys = _Keys(parts, roots, scope)
    store_key = digest(f"{root}\0{engine()}".encode())
    stored = cache.get(_KIND, store_key)
    old: dict[str, Any] = stored.get("units", {}) if isinstance(stored, dict) else {}
    units: dict[str, Any] = {}
    runner: PartValidator | None = None
    validated = 0
    results: dict[str, PartResult] = {}
    for unit, part in _units(document, roots):
        key = keys.key(part, unit)
        result = _load(old.get(key))
        if result is None:
            if runner is None:
                runner = PartValidator(root, document, {id(_node(document, _tokens(p))): p for p in roots})
            try:
                result = _run(runner, unit)
            except Exception as exc:  # the library raises many kinds: the whole run reports it
                raise NotByParts from exc
            validated += 1
        units[key] = _dump(result)
        results[unit] = result
    across_key = scope + digest(json.dumps(skeleton_of(document), ensure_ascii=False).encode())
    across = _load_findings(old.get(across_key))
    if across is None:
        try:
            across = across_findings(root, document)
        except Exception as exc:
            raise NotByParts from exc
    units[across_key] = [[f.file, f.pointer, f.message] for f in across]
    found = set(document_findings(root, document)) | set(across)
    found |= _replay(document, results)
    if validated or units.keys() != old.keys():
        cache.put(_KIND, store_key, {"units": units})
    return Outcome(sorted(found), len(results), validated)


# --- the parts --------------------------------------------------------------------------------


def _split(document: Any) -> dict[str, Part]:
    """The parts by pointer, each with its JSON text and the parts its `$ref`s name."""
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith(("3.0", "3.1")):
        raise NotByParts
    places: list[tuple[tuple[str, ...], Any]] = []
    paths = document.get("paths", {})
    components = document.get("components", {})
    if not isinstance(paths, dict) or not isinstance(components, dict):
        raise NotByParts
    for url, item in paths.items():
        if not isinstance(item, dict) or "$ref" in item:
            raise NotByParts  # a path item shared by `$ref` would be checked from several parts
        places.append((("paths", url), item))
    for kind, group in components.items():
        if not isinstance(group, dict):
            raise NotByParts
        places += [(("components", kind, name), value) for name, value in group.items()]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
    targets: dict[str, str] = {}
    parts: dict[str, Part] = {}
    for tokens, value in places:
        text = encode(value)
        if '"$id":' in text:
            raise NotByParts  # `$id` changes what the `$ref`s inside mean
        refs = []
        for ref in _REF.findall(text):
            if ref not in targets:
                targets[ref] = _target(ref)
            refs.append(targets[ref])
        parts[_pointer(tokens)] = Part(tokens, text, refs)
    if any(target not in parts for target in targets.values()):
        raise NotByParts  # a broken `$ref`: the library stops; the whole run says where
    return parts


def _target(ref: str) -> str:
    if not ref.startswith("#/") or "\\" in ref:
        raise NotByParts  # another file, an anchor, or escapes JSON text would need decoded
    tokens = pointers.split(pointers.from_fragment(ref[1:]))
    if len(tokens) != 3 or tokens[0] != "components":
        raise NotByParts
    return _pointer(tuple(tokens))


def _roots(document: dict[str, Any], parts: dict[str, Part]) -> list[str]:
    """Pointers of the nodes the library may meet as schemas of their own from several parts:
    components, and the `schema` of components (parameters, headers) and of their media types
    (responses, request bodies). The library checks each once per run."""
    found = []
    for pointer, part in parts.items():
        if part.tokens[0] != "components":
            continue
        value = _node(document, part.tokens)
        if _is_schema(value):  # not only schemas: a `$ref` may name any component as a schema
            found.append(pointer)
        if not isinstance(value, dict) or "$ref" in value:
            continue
        if _is_schema(value.get("schema")):
            found.append(f"{pointer}/schema")
        content = value.get("content")
        if isinstance(content, dict):
            for media_type, media in content.items():
                if isinstance(media, dict) and _is_schema(media.get("schema")):
                    found.append(_pointer((*part.tokens, "content", media_type, "schema")))
    return found


def _is_schema(value: Any) -> bool:
    """A node the library checks as written (a `$ref` it follows instead)."""
    return isinstance(value, dict) and not isinstance(value.get("$ref"), str)


def _units(document: dict[str, Any], roots: list[str]) -> Iterator[tuple[str, str]]:
    """(unit, its part): every path item, component schema and other root, each checked alone."""
    for url in document.get("paths", {}):
        pointer = _pointer(("paths", url))
        yield pointer, pointer
    schemas = document.get("components", {}).get("schemas", {})
    for name in schemas:
        pointer = _pointer(("components", "schemas", name))
        yield pointer, pointer
    for pointer in roots:
        if not pointer.startswith("/components/schemas/"):
            yield pointer, _pointer(tuple(_tokens(pointer)[:3]))


def _run(runner: PartValidator, unit: str) -> PartResult:
    tokens = _tokens(unit)
    if tokens[0] == "paths":
        return runner.run_path(tokens[1])
    return runner.run_schema(tuple(tokens))


class _Keys:
    """What a part's findings depend on: its text; for each part its `$ref`s name, whether that is
    a schema root (reached, not read) or else its text; and, when the part has a `default` or an
    `allOf` (checked by following `$ref`s), the text of all it reaches."""

    def __init__(self, parts: dict[str, Part], roots: list[str], scope: str) -> None:
        self.parts = parts
        self.roots = set(roots)
        self.scope = scope
        self.signatures: dict[str, str] = {}

    def key(self, pointer: str, unit: str) -> str:
        part = self.parts[pointer]
        named = [self._signature(ref) for ref in sorted(set(part.refs))]
        deep = self._reach(pointer) if '"default"' in part.text or '"allOf"' in part.text else ""
        return digest(json.dumps([self.scope, unit, part.digest, named, deep]).encode())

    def _signature(self, pointer: str, seen: frozenset[str] = frozenset()) -> str:
        if pointer in self.roots:
            return "root"
        if pointer in seen:
            return "cycle"
        if pointer not in self.signatures:
            part = self.parts[pointer]
            inner = [self._signature(ref, seen | {pointer}) for ref in sorted(set(part.refs))]
            self.signatures[pointer] = digest(json.dumps([part.digest, inner]).encode())
        return self.signatures[pointer]

    def _reach(self, pointer: str) -> str:
        seen, stack = {pointer}, [pointer]
        while stack:
            for ref in self.parts[stack.pop()].refs:
                if ref not in seen:
                    seen.add(ref)
                    stack.append(ref)
        return digest("".join(sorted(self.parts[p].digest for p in seen)).encode())


# --- the whole document from its parts ----------------------------------------------------------


def _replay(document: dict[str, Any], results: dict[str, PartResult]) -> set[Finding]:
    """The findings of the parts as the library meets them in one run over the whole document."""
    found: set[Finding] = set()
    visited: set[str] = set()
    checked: set[str] = set()

    def reach(root: str, top: bool, base: int) -> None:
        result = results[root]
        if top and root not in checked:
            checked.add(root)
            found.update(result.meta)
            if result.failed:
                return
        if root in visited:
            return
        visited.add(root)
        if top:
            found.update(result.extra)
        apply(result, base)

    def apply(result: PartResult, base: int) -> None:
        if base + result.depth > MAX_NESTING:
            raise NotByParts
        found.update(result.visit)
        for touch in result.touches:
            reach(touch.root, touch.top, base + touch.depth - 1)

    for url in document.get("paths", {}):
        apply(results[_pointer(("paths", url))], 0)
    for name in document.get("components", {}).get("schemas", {}):
        pointer = _pointer(("components", "schemas", name))
        if results[pointer].root:
            reach(pointer, True, 0)
        else:  # a `$ref` to another schema, or not a schema: as the library reaches it
            apply(results[pointer], 0)
    return found


# --- records ---------------------------------------------------------------------------------


def _dump(result: PartResult) -> dict[str, Any]:
    return {
        "visit": [[f.file, f.pointer, f.message] for f in result.visit],
        "touches": [[t.root, t.top, t.depth] for t in result.touches],
        "depth": result.depth,
        "meta": [[f.file, f.pointer, f.message] for f in result.meta],
        "failed": result.failed,
        "extra": [[f.file, f.pointer, f.message] for f in result.extra],
        "root": result.root,
    }


def _load(entry: Any) -> PartResult | None:
    """A cached record, or None when absent or damaged (a miss)."""
    try:
        return PartResult(
            _findings(entry["visit"]),
            [Touch(str(r), bool(top), int(depth)) for r, top, depth in entry["touches"]],
            int(entry["depth"]),
            _findings(entry["meta"]),
            bool(entry["failed"]),
            _findings(entry["extra"]),
            bool(entry["root"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _load_findings(entry: Any) -> list[Finding] | None:
    try:
        return _findings(entry)
    except (KeyError, TypeError, ValueError):
        return None


def _findings(rows: Any) -> list[Finding]:
    return [Finding(str(file), str(pointer), str(message)) for file, pointer, message in rows]


def _pointer(tokens: tuple[str, ...]) -> str:
    return pointers.join("", *tokens)


def _tokens(pointer: str) -> list[str]:
    return pointers.split(pointer)


def _node(document: Any, tokens: Any) -> Any:
    node = document
    for token in tokens:
        node = node[token]
    return node
