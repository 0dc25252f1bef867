"""The classification rules: is a change breaking for code written against the old client?

Code *builds* request values and *reads* response values, so direction decides:
- request: a new requirement breaks callers (new required field or parameter, optional -> required,
  nullable -> not nullable, a narrower or different type); relaxing one is compatible;
- response: losing a guarantee breaks readers (required -> optional, not nullable -> nullable, a
  wider or different type); gaining one is compatible;
- both ways (or not reachable from any operation): only changes compatible in both are compatible.
Always breaking: anything removed (operation, field, parameter, type, enum value), a changed
path, verb, streaming kind, proto number, label, type or JSON name. Always compatible: additions
of optional things, enum values (generated enums are open: unknown values still parse) and union
alternatives (code that handles the old alternatives keeps working).
"""

from __future__ import annotations

from generator.diff.changes import Level
from generator.diff.relation import Relation
from generator.diff.usage import REQUEST, RESPONSE, Directions


def type_change(rel: Relation, directions: Directions) -> Level | None:
    """The level of a type change between old and new (None when nothing changed)."""
    if rel == "same":
        return None
    if rel == "added_alternatives":
        return "minor"
    if rel in ("narrowed", "removed_alternatives"):
        return "patch" if directions == RESPONSE else "major"
    if rel == "widened":
        return "patch" if directions == REQUEST else "major"
    return "major"


def required_change(now_required: bool, directions: Directions) -> Level:
    if now_required:
        return "major" if "request" in directions else "patch"
    return "major" if "response" in directions else "patch"


def nullable_change(now_nullable: bool, directions: Directions) -> Level:
    if now_nullable:
        return "major" if "response" in directions else "patch"
    return "major" if "request" in directions else "patch"


def member_added(required: bool, directions: Directions) -> Level:
    """A field or parameter added: breaking only when callers must now send it."""
    return "major" if required and "request" in directions else "minor"


def direction_text(directions: Directions) -> str:
    if directions == REQUEST:
        return "in requests"
    if directions == RESPONSE:
        return "in responses"
    return "in requests and responses"
