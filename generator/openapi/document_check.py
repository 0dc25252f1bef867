"""The check of a whole document against the OpenAPI meta-schema, listed with bounded memory.

A failed `oneOf` is reported with the errors of each of its branches, each holding its own copy of
the node it failed on, and a schema nested in a schema fails one `oneOf` per level. So listing the
errors of a node costs memory in proportion to its size times its depth, and jsonschema_rs builds
every error before it hands over the first: a 245 KB document of deeply nested invalid schemas
took 620 MB, and a single invalid node costs as much as all of them (its first error is the whole
cost). Whether a document is valid is cheap to ask; listing why is what is bounded here.

A document light enough (`weight`) is listed whole, as the library lists it. A heavier one is
listed part by part: each path item, webhook and component in a document of its own (a part's
errors are released before the next part is checked), and the rest of the document with every
part replaced by a stand-in. A part too heavy to list is reported by one finding where it is.
The meta-schemas of OpenAPI 3.0 and 3.1 check a member of `paths`, `webhooks` or a components
group by its own value and its key alone, so the parts' errors are the whole document's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# The heaviest node whose errors are listed one by one (`weight`): listing them costs up to
# ~1.2 KB per unit of weight (schemas nested through `items`, measured; ~0.7 KB through
# `properties`), so at most ~60 MB here. The heaviest path item or component of the OpenAI
# description weighs ~4,400; that whole document ~430,000, so an invalid one is listed by parts.
MAX_LISTED_WEIGHT = 50_000

# What the meta-schemas accept in place of a part (both versions accept a reference wherever a
# component may stand, and an empty path item)
_COMPONENT_STAND_IN = {"$ref": "#/apigen-part-listed-on-its-own"}
_ITEM_STAND_IN: dict[str, Any] = {}

HEAVY_PART = (
    "does not match the OpenAPI meta-schema (its problems are not listed one by one here: the "
    "node is too large and nested too deeply for that; the other findings locate them)"
)

Path = tuple[Any, ...]  # keys and indexes from the document's top


def weight(value: Any) -> int:
    """What listing the errors of `value` may cost: the sum of the depths of its nodes (each
    node is copied into an error once for every level of nesting above it that fails)."""
    total = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        total += depth
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
    return total


def document_errors(checker: Any, document: Any) -> Iterator[tuple[Path, str]]:
    """(where, message) of each error `checker` (the library's meta-schema validator of the
    document's version) finds in `document`, which it has said is invalid."""
    if weight(document) <= MAX_LISTED_WEIGHT:
        yield from _listed(checker, document)
        return
    if not isinstance(document, dict):
        yield (), HEAVY_PART
        return
    parts = list(_parts(document))
    skeleton = _with_stand_ins(document, parts)
    standing = {place for place, _, _ in parts}
    for where, message in _listed(checker, skeleton):
        if not any(where[: len(place)] == place for place in standing):
            yield where, message
    for place, value, _ in parts:
        alone = _alone(document, place, value)
        if checker.is_valid(alone):
            continue
        if weight(value) > MAX_LISTED_WEIGHT:
            yield place, HEAVY_PART
            continue
        for where, message in _listed(checker, alone):
            if where[: len(place)] == place:  # (not the stand-in document's own key checks)
                yield where, message


def _listed(checker: Any, document: Any) -> Iterator[tuple[Path, str]]:
    for error in checker.iter_errors(document):
        yield tuple(error.absolute_path), error.message


def _parts(document: dict[Any, Any]) -> Iterator[tuple[Path, Any, Any]]:
    """(where, value, stand-in) of each path item, webhook and component of `document`."""
    for key in ("paths", "webhooks"):
        group = document.get(key)
        if isinstance(group, dict):
            for name, value in group.items():
                yield (key, name), value, _ITEM_STAND_IN
    components = document.get("components")
    if isinstance(components, dict):
        for kind, group in components.items():
            if isinstance(group, dict):
                stand_in = _ITEM_STAND_IN if kind == "pathItems" else _COMPONENT_STAND_IN
                for name, value in group.items():
                    yield ("components", kind, name), value, stand_in


def _with_stand_ins(document: dict[Any, Any], parts: list[tuple[Path, Any, Any]]) -> Any:
    """`document` with each part's value replaced by its stand-in (copies of the mappings on
    the way to them; the document itself is not changed)."""
    skeleton = dict(document)
    copied: set[Path] = set()
    for place, _, stand_in in parts:
        node = skeleton
        for depth, key in enumerate(place[:-1], start=1):
            if place[:depth] not in copied:
                node[key] = dict(node[key])
                copied.add(place[:depth])
            node = node[key]
        node[place[-1]] = stand_in
    return skeleton


def _alone(document: dict[Any, Any], place: Path, value: Any) -> dict[Any, Any]:
    """A document holding only the part at `place` (as valid as can be around it)."""
    alone = {key: document[key] for key in ("openapi", "jsonSchemaDialect") if key in document}
    alone.update(info={"title": "", "version": ""}, paths={})
    node = alone
    for key in place[:-1]:
        node = node.setdefault(key, {})
    node[place[-1]] = value
    return alone
