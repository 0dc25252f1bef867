"""Request bodies: omitted values dropped, models dumped as sent by the caller, fast JSON bytes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import to_json

from ._types import Omit

__all__ = ["json_bytes", "jsonable", "merge_extra"]

_PLAIN = frozenset({str, int, float, bool, type(None)})


def _dict(value: Mapping[Any, Any]) -> Any:
    if type(value) is dict:
        for item in value.values():
            if type(item) not in _PLAIN:
                break
        else:
            return value  # nothing to convert: no copy
    return {
        key: item if type(item) in _PLAIN else jsonable(item)
        for key, item in value.items()
        if not isinstance(item, Omit)
    }


def jsonable(value: Any) -> Any:
    """`value` with Omit entries removed and pydantic models dumped (only the fields that were set).

    Enums, datetimes, UUIDs and the like are left to the JSON encoder.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return _dict(value)
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN else jsonable(item) for item in value]
    if hasattr(value, "model_dump") and hasattr(value, "model_fields_set"):  # a pydantic model
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return _dict(value)
    return value


def merge_extra(body: object, extra: Mapping[str, object] | None) -> object:
    """The body with `extra_body` merged over its top level (which must then be an object)."""
    if not extra:
        return body
    if isinstance(body, dict):
        return {**body, **extra}
    raise TypeError("extra_body can only be merged into a JSON object body")


def json_bytes(value: object) -> bytes:
    # pydantic-core's encoder: about 5x faster than json.dumps for typical request bodies
    return to_json(jsonable(value))
