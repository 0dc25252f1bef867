"""IR(old) vs IR(new): every change between two versions of one API, or of several packages.

Types that only a removed operation used and that went with it are not listed on their own: the
operation's entry names them (the same for added operations and their new types), so removing
an endpoint reads as one change, not as one per inline schema it had.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from generator.diff.changes import Change, ordered, pointer
from generator.diff.named_types import TypeComparer
from generator.diff.operations import OperationComparer
from generator.diff.usage import reached, usage
from generator.ir.model import API
from generator.render.python.surface_names import Surface, python_surface


def diff_api(old: API, new: API, name: str | None = None) -> list[Change]:
    """The changes from `old` to `new`, ordered for reports; `name` labels them (default: new.name)."""
    label = name or new.name
    both_ways = usage(old).merged(usage(new))
    changes = list(OperationComparer(label).compare(old, new))
    changes.extend(TypeComparer(label, both_ways).compare(old, new))
    changes = _fold(changes, old, new, "operation_removed", "type_removed", "with its types")
    changes = _fold(changes, new, old, "operation_added", "type_added", "with new types")
    if changes:
        changes = _name_python(changes, python_surface(old), python_surface(new))
    return ordered(changes)


def _name_python(changes: list[Change], old: Surface, new: Surface) -> list[Change]:
    """Each operation or type change with the Python name users write (old -> new when it moved)."""
    out = []
    for change in changes:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in change.path.split("/")[1:]]
        names: list[str] = []
        if len(tokens) >= 2 and tokens[0] == "operations":
            names = [s.operations.get(tokens[1], "") for s in (old, new)]
        elif len(tokens) >= 4 and tokens[0] == "types" and tokens[2] == "fields":
            names = [s.fields.get((tokens[1], tokens[3]), "") for s in (old, new)]
        elif len(tokens) >= 2 and tokens[0] == "types":
            names = [s.types.get(tokens[1], "") for s in (old, new)]
        before, after = [*names, "", ""][:2]
        if before and after and before != after:
            text = f"`{before}` → `{after}`"
        else:
            text = f"`{after or before}`" if (after or before) else ""
        out.append(replace(change, python=text) if text else change)
    return out


def diff_apis(old: Sequence[API], new: Sequence[API]) -> list[Change]:
    """Changes between two sets of packages, paired by name (a single package on each side pairs
    whatever the names); a package on one side only is reported as added or removed."""
    if len(old) == 1 and len(new) == 1:
        return diff_api(old[0], new[0])
    old_by_name = {api.name: api for api in old}
    new_by_name = {api.name: api for api in new}
    changes: list[Change] = []
    for name in sorted(set(old_by_name) | set(new_by_name)):
        before, after = old_by_name.get(name), new_by_name.get(name)
        if before is None:
            changes.append(
                Change(name, "", "api_added", pointer(), "minor", f"package `{name}` added")
            )
        elif after is None:
            changes.append(
                Change(name, "", "api_removed", pointer(), "major", f"package `{name}` removed")
            )
        else:
            changes.extend(diff_api(before, after, name))
    return ordered(changes)


def _fold(
    changes: list[Change], side: API, other: API, op_kind: str, type_kind: str, words: str
) -> list[Change]:
    """Attach the type changes of kind `type_kind` that only the operations changed with `op_kind`
    reach in `side` to those operations' entries (removals: in the old API; additions: in the new)."""
    op_changes = [c for c in changes if c.kind == op_kind]
    type_changes = {c.path: c for c in changes if c.kind == type_kind}
    if not op_changes or not type_changes:
        return changes
    gone = {op.id for op in side.operations} - {op.id for op in other.operations}
    kept_reach = reached(side, (op for op in side.operations if op.id not in gone))
    folded: dict[str, list[str]] = {}
    taken: set[str] = set()
    for operation in sorted(side.operations, key=lambda o: o.id):
        if operation.id not in gone:
            continue
        own = sorted(
            type_id
            for type_id in reached(side, [operation]) - kept_reach - taken
            if pointer("types", type_id) in type_changes
        )
        if own:
            folded[operation.id] = own
            taken.update(own)
    taken_paths = {pointer("types", t) for t in taken}
    op_paths = {pointer("operations", op_id): op_id for op_id in folded}
    out: list[Change] = []
    for change in changes:
        if change.kind == type_kind and change.path in taken_paths:
            continue
        if change.kind == op_kind and change.path in op_paths:
            change = replace(
                change,
                message=f"{change.message}, {words} {_listing(folded[op_paths[change.path]])}",
            )
        out.append(change)
    return out


_LISTED = 8  # type names shown in an operation's entry; the rest are counted


def _listing(type_ids: list[str]) -> str:
    shown = ", ".join(f"`{t}`" for t in type_ids[:_LISTED])
    rest = len(type_ids) - _LISTED
    return f"{shown} and {rest} more" if rest > 0 else shown
