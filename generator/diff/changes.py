"""One API change: what moved, where, and what it means for code written against the old client.

Every change carries a semver level for the generated package:
- `major`: breaking — code that worked with the old client may fail (to type-check or at run time);
- `minor`: a compatible addition (operation, type, optional field or parameter, enum value, ...),
  or a compatible change of behaviour (a default value);
- `patch`: compatible and nothing new to use (a requirement relaxed, a response type narrowed, ...).
The suggested bump for a set of changes is the highest level among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from generator.lazy_dataclass import lazy_dataclass

Level = Literal["major", "minor", "patch"]
Bump = Literal["major", "minor", "patch", "none"]

_RANK: dict[str, int] = {"none": 0, "patch": 1, "minor": 2, "major": 3}

# Every kind a change can have, with what it covers; the Markdown and JSON reports use these names.
KINDS: dict[str, str] = {
    "api_added": "a package present only in the new version",
    "api_removed": "a package present only in the old version",
    "operation_added": "an operation (OpenAPI) or rpc (proto) added",
    "operation_removed": "an operation or rpc removed",
    "operation_renamed": "the client method of an operation moved (group or name changed)",
    "http_changed": "HTTP verb, path or body binding changed; for proto also bindings added",
    "websocket_changed": "the WebSocket URL of an operation changed",
    "streaming_changed": "how an operation streams changed (none, SSE, server stream, ...)",
    "parameter_added": "a parameter added",
    "parameter_removed": "a parameter removed",
    "parameter_required_changed": "a parameter became required or optional",
    "parameter_type_changed": "the type of a parameter changed",
    "parameter_default_changed": "the default value of a parameter changed",
    "request_body_added": "a request body (or another media type for it) added",
    "request_body_removed": "a request body (or one of its media types) removed",
    "request_body_required_changed": "a request body became required or optional",
    "request_body_type_changed": "the type of a request body changed",
    "request_type_changed": "the request message of an rpc (or client events of a socket) changed",
    "response_added": "a response status or media type added",
    "response_removed": "a response status or media type removed",
    "response_type_changed": "the type of a response (rpc response, long-running result) changed",
    "type_added": "a named type added",
    "type_removed": "a named type removed",
    "type_changed": "a named type changed its kind, or an alias its target",
    "field_added": "a field added to an object",
    "field_removed": "a field removed from an object",
    "field_type_changed": "the type of a field changed (proto: its scalar or message type)",
    "field_required_changed": "a field became required or optional",
    "field_nullable_changed": "a field became nullable or not (proto: explicit presence)",
    "field_default_changed": "the default value of a field changed",
    "field_number_changed": "proto: the number of a field changed",
    "field_number_reused": "proto: a new field took the number of a removed one",
    "field_label_changed": "proto: a field became repeated, singular or required",
    "json_name_changed": "proto: the JSON name of a field changed",
    "reserved_number_reused": "proto: a field uses a number the old version reserved",
    "reserved_name_reused": "proto: a field uses a name the old version reserved",
    "enum_value_added": "an enum value added",
    "enum_value_removed": "an enum value removed",
    "enum_number_changed": "proto: the number of an enum value changed",
    "union_variant_added": "an alternative added to a union",
    "union_variant_removed": "an alternative removed from a union",
}


@lazy_dataclass(frozen=True)
class Change:
    api: str  # package name
    group: str  # service (proto) or resource (OpenAPI) of an operation; "" for types and packages
    kind: str  # one of KINDS
    path: str  # JSON pointer to the changed node: /operations/<id>/..., /types/<id>/...
    level: Level
    message: str  # one Markdown line: names in backticks
    python: str = ""  # what users call or import: `client.tasks.get_task(...)`, `Task.title`

    @property
    def breaking(self) -> bool:
        return self.level == "major"

    def sort_key(self) -> tuple[str, int, str, int, str, str, str]:
        return (
            self.api,
            0 if self.group else 1,
            self.group,
            0 if self.breaking else 1,
            self.path,
            self.kind,
            self.message,
        )


def bump(changes: Iterable[Change]) -> Bump:
    """The semver part to raise for the generated package: the highest level among the changes."""
    best: Bump = "none"
    for change in changes:
        if _RANK[change.level] > _RANK[best]:
            best = change.level
    return best


def ordered(changes: Iterable[Change]) -> list[Change]:
    """Reports list changes by package, operation groups before types, breaking first, then path."""
    return sorted(set(changes), key=Change.sort_key)


def next_version(current: str, level: Bump) -> str:
    """`current` raised by `level` (1.4.2 + minor = 1.5.0); below 1.0 a major change raises the minor."""
    import re

    found = re.match(r"^(\d+)\.(\d+)\.(\d+)", current)
    if found is None or level == "none":
        return current
    major, minor, patch = (int(part) for part in found.groups())
    if level == "major" and major == 0:
        level = "minor"
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def pointer(*segments: str | int) -> str:
    """A JSON pointer (RFC 6901) from raw segments: `~` and `/` inside a segment are escaped."""
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in segments)
