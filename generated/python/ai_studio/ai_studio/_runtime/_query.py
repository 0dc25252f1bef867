"""Encoding of query parameters, header values and path parameters."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TypeAlias
from urllib.parse import quote

from ._types import Omit

QueryPairs: TypeAlias = list[tuple[str, str | int | float | bool | None]]

__all__ = ["QueryPairs", "encode_path", "encode_query", "header_value", "scalar_text"]

_DELIMITERS = {"spaceDelimited": " ", "pipeDelimited": "|", "commaDelimited": ","}


def scalar_text(value: object) -> str:
    """The text form of one parameter value: true/false, enum values, ISO dates."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return str(value)
    if isinstance(value, enum.Enum):
        return scalar_text(value.value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def header_value(value: object) -> str:
    return value if isinstance(value, str) else scalar_text(value)


def encode_path(value: object) -> str:
    """One path segment, percent-encoded, so that `/`, `?` or `..` in a value stay data."""
    text = scalar_text(value)
    if not text:
        raise ValueError("a path parameter must not be empty")
    return quote(text, safe="")


def _skip(value: object) -> bool:
    return value is None or isinstance(value, Omit)


def _deep_object(name: str, value: object, out: QueryPairs) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not _skip(item):
                _deep_object(f"{name}[{key}]", item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if not _skip(item):
                _deep_object(name, item, out)
    else:
        out.append((name, scalar_text(value)))


def encode_query(
    params: Mapping[str, object], styles: Mapping[str, str] | None = None
) -> QueryPairs:
    """Query pairs in order; omitted and None values are dropped (a query has no null).

    Styles: "form" (the default; lists repeat the name, objects spread their properties),
    "commaDelimited" (form with explode=false), "spaceDelimited", "pipeDelimited", "deepObject".
    """
    out: QueryPairs = []
    for name, value in params.items():
        if value is None or isinstance(value, Omit):
            continue
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float:
            out.append((name, scalar_text(value)))
            continue
        style = styles.get(name, "form") if styles else "form"
        if style == "deepObject":
            _deep_object(name, value, out)
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = [scalar_text(item) for item in value if not _skip(item)]
            if isinstance(value, (set, frozenset)):
                items.sort()
            delimiter = _DELIMITERS.get(style)
            if delimiter is None:
                out.extend((name, item) for item in items)
            elif items:
                out.append((name, delimiter.join(items)))
        elif isinstance(value, Mapping):
            pairs = [
                (str(key), scalar_text(item)) for key, item in value.items() if not _skip(item)
            ]
            delimiter = _DELIMITERS.get(style)
            if delimiter is None:
                out.extend(pairs)
            elif pairs:
                out.append((name, delimiter.join(part for pair in pairs for part in pair)))
        else:
            out.append((name, scalar_text(value)))
    return out
