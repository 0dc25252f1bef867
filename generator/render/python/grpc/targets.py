"""What the fields of each message hold: the one rule for the walks over a package's types (the
docs' messages, the types that need client-side checks, the messages `params.py` shapes)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping

from generator.ir.model import NamedType, ObjectType, TypeExpr


def field_target(expr: TypeExpr) -> str:
    """The message or enum a field holds (also as list items or map values), or ""."""
    while expr.kind in ("list", "map") and expr.items is not None:
        expr = expr.items
    return expr.ref if expr.kind == "ref" else ""


def field_targets(types: Iterable[NamedType]) -> dict[str, tuple[str, ...]]:
    """Message id -> what its fields hold (`field_target`, in field order, scalars left out):
    worked out once per render for the walks over the whole package (docs, checks)."""
    out: dict[str, tuple[str, ...]] = {}
    for named in types:
        if isinstance(named, ObjectType):
            found = []
            for f in named.fields:
                expr = f.type
                if expr.kind == "ref":  # (most fields: `field_target` spelled out, no call)
                    found.append(expr.ref)
                elif expr.kind in ("list", "map"):
                    target = field_target(expr)
                    if target:
                        found.append(target)
            out[named.id] = tuple(found)
    return out


def reachable(
    roots: Iterable[str], targets: Mapping[str, tuple[str, ...]], follow: Callable[[str], bool]
) -> list[str]:
    """The ids `follow` accepts that `roots` reach through what fields hold (`targets`), in
    first-seen (breadth-first) order; the walk does not pass through an id it refuses."""
    seen: dict[str, None] = {}
    queue = deque(root for root in roots if follow(root))
    while queue:
        type_id = queue.popleft()
        if type_id in seen:
            continue
        seen[type_id] = None
        queue.extend(t for t in targets.get(type_id, ()) if t not in seen and follow(t))
    return list(seen)
