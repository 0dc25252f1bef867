"""The check of a whole document against the OpenAPI meta-schema, listed with bounded memory.

A failed `oneOf` is reported with the errors of each of its branches, each holding its own copy of
the node it failed on, and a schema nested in a schema fails one `oneOf` per level. So listing the
errors of a node costs memory in proportion to its size times its depth, and jsonschema_rs builds
every error before it hands over the first: a 245 KB document of deeply nested invalid schemas
took 620 MB, and a single invalid node costs as much as all of them (its first error is the whole
cost); and an error of a member's name holds a copy of the whole group it is in (3,000 bad names
among 6,000 schemas: 15 GB). Whether a document is valid is cheap to ask; listing why is what is
bounded here.

An invalid document is listed part by part, each part in a document of its own, so that its errors
are released before the next is checked: the document with `paths`, `webhooks` and each components
group emptied; each such group's member names, KEYS_AT_A_TIME at a time with stand-ins for values;
and each path item, webhook and component, whose errors cost at most its `weight` times a constant.
A part too heavy to list is one finding where it is. The meta-schemas of OpenAPI 3.0 and 3.1 check
a member of those groups by its own value and its name alone, so the parts' errors are the whole
document's (but that a group's unexpected names are named in one error per KEYS_AT_A_TIME of them).

The rest of the document is listed in one pass with its heavy lists (`servers`, `tags`,
`security`) left empty, and each such list's items in runs of bounded weight (an error costs
~2.6 KB: 0.9 MB of security requirements with 300,000 scopes that are no strings took 790 MB).
A heavy list's own errors (`uniqueItems` of 3.0 `tags`) are listed once none of its items has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

# The heaviest node whose errors are listed one by one (`weight`): listing them costs up to
# ~1.8 KB per unit of weight (schemas nested through `additionalProperties`, measured; ~1.2 KB
# through `items`, ~0.7 KB through `properties`), so at most ~90 MB here. The heaviest path item
# or component of the OpenAI description weighs ~4,400.
MAX_LISTED_WEIGHT = 50_000

# What the meta-schemas accept in place of a part (both versions accept a reference wherever a
# component may stand, and an empty path item)
_COMPONENT_STAND_IN = {"$ref": "#/apigen-part-listed-on-its-own"}
_ITEM_STAND_IN: dict[str, Any] = {}

# How many names of a group are checked at a time (an error of a name holds the group: ~0.5 KB
# per member as stand-ins, so ~256 errors of ~128 KB at most)
KEYS_AT_A_TIME = 256

HEAVY_PART = (
    "does not match the OpenAPI meta-schema (its problems are not listed one by one: the node is "
    "too large and nested too deeply to list them within bounded memory)"
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
    if not isinstance(document, dict):
        yield from _listed(checker, document) if weight(document) <= MAX_LISTED_WEIGHT else [((), HEAVY_PART)]
        return
    groups = [group for group in _groups(document) if _is_checked(checker, document, group[0])]
    rest = _without_members(document, groups)
    lists = [key for key, value in rest.items() if _is_heavy_list(checker, document, key, value)]
    for where, message in _listed(checker, {**rest, **{key: [] for key in lists}}):
        if not any(where[: len(place)] == place for place, _, _ in groups):
            yield where, message
    for key in lists:
        yield from _items_errors(checker, document, key, rest[key])
    for place, members, stand_in in groups:
        yield from _keys_errors(checker, document, place, members, stand_in)
        for name, value in members.items():
            yield from _part_errors(checker, document, (*place, name), value)


def _keys_errors(
    checker: Any, document: Any, place: Path, members: dict[Any, Any], stand_in: Any
) -> Iterator[tuple[Path, str]]:
    """The errors of the group at `place` itself (its members' names), KEYS_AT_A_TIME names at a
    time, each member a stand-in: an error of a name holds a copy of the whole group it is in."""
    names = list(members)
    for start in range(0, max(len(names), 1), KEYS_AT_A_TIME):
        some = {name: stand_in for name in names[start : start + KEYS_AT_A_TIME]}
        for where, message in _listed(checker, _alone(document, place, some)):
            if where == place:
                yield where, message


def _is_heavy_list(checker: Any, document: dict[Any, Any], key: Any, value: Any) -> bool:
    """Whether `value`, at the document's top, is a list too heavy to list whole that the
    meta-schema checks item by item (`servers`, `tags`, `security`; a key it refuses is refused
    whole, with one copy of the document in the error, and stays in the rest)."""
    return (
        isinstance(value, list)
        and weight(value) > MAX_LISTED_WEIGHT
        and bool(checker.is_valid(_alone(document, (key,), [])))
    )


def _items_errors(checker: Any, document: Any, key: Any, items: list[Any]) -> Iterator[tuple[Path, str]]:
    """The errors of the list at the document's top under `key`: its items' in runs of at most
    MAX_LISTED_WEIGHT; the list's own (`uniqueItems`) only when no item has any (listing the whole
    list would list its items' errors too: 300,000 bad scopes in 0.9 MB of `security` took 790 MB)."""
    items_valid = True
    for start, end in _runs(items):
        alone = _alone(document, (key,), items[start:end])
        if checker.is_valid(alone):
            continue
        items_valid = False
        if end - start == 1 and weight(items[start]) > MAX_LISTED_WEIGHT:
            yield (key, start), HEAVY_PART
            continue
        for where, message in _listed(checker, alone):
            if where[:1] == (key,) and len(where) > 1 and isinstance(where[1], int):
                yield (key, where[1] + start, *where[2:]), message
    whole = _alone(document, (key,), items)
    if items_valid and not checker.is_valid(whole):
        for where, message in _listed(checker, whole):
            if where == (key,):
                yield where, message


def _runs(items: list[Any]) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive items weighing at most MAX_LISTED_WEIGHT together (or one)."""
    start, total = 0, 0
    for index, item in enumerate(items):
        heft = weight(item)
        if index > start and total + heft > MAX_LISTED_WEIGHT:
            yield start, index
            start, total = index, 0
        total += heft
    if start < len(items):
        yield start, len(items)


def _part_errors(checker: Any, document: Any, place: Path, value: Any) -> Iterator[tuple[Path, str]]:
    alone = _alone(document, place, value)
    if checker.is_valid(alone):
        return
    if weight(value) > MAX_LISTED_WEIGHT:
        yield place, HEAVY_PART
        return
    for where, message in _listed(checker, alone):
        if where[: len(place)] == place:  # (not the stand-in document's own checks)
            yield where, message


def _listed(checker: Any, document: Any) -> Iterator[tuple[Path, str]]:
    for error in checker.iter_errors(document):
        yield _as_written(document, error.absolute_path), error.message


def _as_written(document: Any, path: Iterable[Any]) -> Path:
    """`path` with each key as `document` spells it: jsonschema_rs reports a key of ASCII digits
    as a number ("404" as 404, "01" as 1)."""
    node, written = document, []
    for part in path:
        if isinstance(node, dict):
            if part not in node and isinstance(part, int):
                part = next((key for key in node if _spells(key, part)), part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        written.append(part)
    return tuple(written)


def _spells(key: Any, number: int) -> bool:
    return isinstance(key, str) and key.isascii() and key.isdigit() and int(key) == number


def _is_checked(checker: Any, document: dict[Any, Any], place: Path) -> bool:
    """Whether the meta-schema takes a group at `place` (`webhooks` only from 3.1; known
    components groups and extensions): one it does not is refused whole, not member by member,
    so it stays in the rest of the document."""
    return bool(checker.is_valid(_alone(document, place, {})))


def _groups(document: dict[Any, Any]) -> Iterator[tuple[Path, dict[Any, Any], Any]]:
    """(where, members, stand-in) of `paths`, `webhooks` and each group of `components`."""
    for key in ("paths", "webhooks"):
        group = document.get(key)
        if isinstance(group, dict):
            yield (key,), group, _ITEM_STAND_IN
    components = document.get("components")
    if isinstance(components, dict):
        for kind, group in components.items():
            if isinstance(group, dict):
                stand_in = _ITEM_STAND_IN if kind == "pathItems" else _COMPONENT_STAND_IN
                yield ("components", kind), group, stand_in


def _without_members(document: dict[Any, Any], groups: list[tuple[Path, Any, Any]]) -> Any:
    """`document` with each group emptied (copies of the mappings on the way to them; the
    document itself is not changed)."""
    rest = dict(document)
    if "components" in rest and any(place[0] == "components" for place, _, _ in groups):
        rest["components"] = dict(rest["components"])
    for place, _, _ in groups:
        parent = rest if len(place) == 1 else rest["components"]
        parent[place[-1]] = {}
    return rest


def _alone(document: dict[Any, Any], place: Path, value: Any) -> dict[Any, Any]:
    """A document holding only the part at `place`, in a valid document of the same version
    (whatever else is wrong with `document` is listed from the rest of it)."""
    version = "3.1.0" if str(document.get("openapi", "")).startswith("3.1") else "3.0.3"
    alone: dict[Any, Any] = {"openapi": version, "info": {"title": "", "version": ""}, "paths": {}}
    node = alone
    for key in place[:-1]:
        node = node.setdefault(key, {})
    node[place[-1]] = value
    return alone
