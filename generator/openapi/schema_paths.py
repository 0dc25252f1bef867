"""The validator's node lookups (jsonschema_path), each path resolved once per part.

openapi-spec-validator reads the document through `SchemaPath`s: every `key in path`, `path / key`
and `read_value()` resolves the whole path from the root (following each `$ref` on the way)
behind an LRU of 128 paths and a cache of prefixes, which hashes and slices the path at each
step. On large documents that bookkeeping was a third of the validator's CPU. `QuickAccessor`
gives the same `Resolved` nodes from one dictionary by path, each path resolved from its longest
resolved prefix with the library's own steps (`SchemaNode._get_subnode`, `_resolve_node`). As in
the library, a lookup that grew the registry (a `$ref` into another file) starts afresh.

Only on the jsonschema_path version read here (its accessor resolves every lookup through
`get_resolved`); on another, the library's own accessor is kept.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from generator.code_digest import tool_version


def quick_schema_path(path: Any) -> Any:
    """`path` (the library's root `SchemaPath`) reading through a `QuickAccessor` on the same
    document and resolver."""
    quick = _accessor_class()
    if quick is None:
        return path
    old = path.accessor
    accessor = quick(old.node, old._path_resolver.resolver)
    return path._from_parsed_parts(path.parts, separator=path.separator, accessor=accessor)


def forget(path: Any) -> None:
    """Drop what `path`'s accessor remembers. Validating by parts, it is called after each part,
    so memory stays bounded by one part's paths; a whole-document validation keeps every path it
    read until the end (as the library's own prefix cache does: a few MB on the OpenAI one)."""
    quick = _accessor_class()
    accessor: Any = path.accessor
    if quick is not None and isinstance(accessor, quick):
        accessor.forget()


@functools.cache
def _accessor_class() -> Any:  # (a class, or None)
    if not tool_version("jsonschema-path").startswith("0.4."):
        return None
    from jsonschema_path.accessors import SchemaAccessor
    from jsonschema_path.nodes import SchemaNode

    class QuickAccessor(SchemaAccessor):
        """A `SchemaAccessor` whose resolved nodes are kept by path (until `forget`)."""

        def __init__(self, schema: Any, resolver: Any) -> None:
            super().__init__(schema, resolver)
            self._by_path: dict[tuple[Any, ...], Any] = {}

        def forget(self) -> None:
            self._by_path.clear()

        def get_resolved(self, parts: Sequence[Any]) -> Any:
            key = parts if type(parts) is tuple else tuple(parts)
            by_path = self._by_path
            found = by_path.get(key)
            if found is not None:
                return found
            # (looked up here: `validate._quick_lookups` replaces the first)
            get_subnode, resolve_node = SchemaNode._get_subnode, SchemaNode._resolve_node
            start = len(key) - 1
            while start >= 0 and key[:start] not in by_path:  # the longest prefix resolved
                start -= 1
            paths: Any = self._path_resolver
            registry = paths.resolver._registry
            resolved: Any
            if start < 0:  # nothing yet: from the root
                resolved = by_path[()] = resolve_node(self.node, paths.resolver)
                start = 0
            else:
                resolved = by_path[key[:start]]
            for index in range(start, len(key)):
                node = get_subnode(resolved.contents, key[index])
                resolved = resolve_node(node, resolved.resolver)
                by_path[key[: index + 1]] = resolved
            if resolved.resolver._registry is not registry:  # another file was read
                paths._sync_registry(resolved.resolver._registry)
                by_path.clear()
                by_path[key] = resolved  # (the library keeps this path's result too)
            return resolved

    return QuickAccessor
