"""How deeply a parsed document nests, checked before anything walks it recursively.

Every later stage (validation, conversion, rendering, the generated models at import time)
recurses over schemas, a few Python frames per level. Bounding the nesting of the document up
front keeps all of them far from Python's recursion limit, whatever the spec holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from generator.openapi import pointers

# Mappings and lists nested inside each other, counted from the top of a document. An inline
# object property takes two levels (`properties`, then the property), an array's items one.
# Real specs stay under 30 (the AI Studio description: 17).
MAX_NESTING_DEPTH = 128


def too_deep(document: Any, limit: int = MAX_NESTING_DEPTH) -> str | None:
    """The JSON pointer of the first mapping or list nested deeper than `limit`, or None.

    Iterative and linear in the number of distinct nodes, also when YAML aliases share a node
    between several places (it counts at its deepest use) or nest a node inside itself
    (endlessly deep).
    """
    heights = _heights(document)
    if heights.get(id(document), 0) <= limit:
        return None
    node, pointer = document, ""
    for _ in range(limit):
        key, node = max(_containers(node), key=lambda pair: heights.get(id(pair[1]), 0))
        pointer = pointers.join(pointer, key)
    return pointer or "/"


def _heights(document: Any) -> dict[int, float]:
    """Levels of containers from each container down (1 for one holding only scalars)."""
    heights: dict[int, float] = {}
    open_nodes: set[int] = set()  # on the path from the top: meeting one again is a cycle
    stack: list[tuple[Any, bool]] = [(document, False)]
    while stack:
        node, finished = stack.pop()
        if not isinstance(node, dict | list):
            continue
        key = id(node)
        if finished:
            open_nodes.discard(key)
            below = (heights.get(id(child), math.inf) for _, child in _containers(node))
            heights[key] = 1 + max(below, default=0)
        elif key not in heights and key not in open_nodes:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for _, child in _containers(node))
    return heights


def _containers(node: Any) -> Iterator[tuple[str | int, Any]]:
    items = node.items() if isinstance(node, dict) else enumerate(node)
    return ((key, value) for key, value in items if isinstance(value, dict | list))
