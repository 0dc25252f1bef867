"""Encoding of query, header, cookie and path parameters (OpenAPI's parameter styles)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TypeAlias
from urllib.parse import quote

from ._types import Omit

QueryPairs: TypeAlias = list[tuple[str, str | int | float | bool | None]]

__all__ = [
    "QueryPairs",
    "cookie_header",
    "encode_cookies",
    "encode_path",
    "encode_query",
    "header_value",
    "scalar_text",
]

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


def _items(value: object) -> list[str] | None:
    """The texts of a list value (a set's sorted, for stable requests); None when not a list."""
    if not isinstance(value, (list, tuple, set, frozenset)):
        return None
    items = [scalar_text(item) for item in value if not _skip(item)]
    if isinstance(value, (set, frozenset)):
        items.sort()
    return items


def _pairs(value: object) -> list[tuple[str, str]] | None:
    """The (key, text) pairs of an object value (a model: the fields that were set, by wire
    name); None when not an object."""
    if hasattr(value, "model_dump"):
        from ._body import jsonable

        value = jsonable(value)
    if not isinstance(value, Mapping):
        return None
    return [(str(key), scalar_text(item)) for key, item in value.items() if not _skip(item)]


def header_value(value: object, style: str = "") -> str:
    """A header parameter in OpenAPI's `simple` style: a list `a,b`; an object `k,v,k2,v2`, or
    `k=v,k2=v2` when exploded (`style="simpleExploded"`); anything else its text."""
    if isinstance(value, str):
        return value
    items = _items(value)
    if items is not None:
        return ",".join(items)
    pairs = _pairs(value)
    if pairs is not None:
        joiner = "=" if style == "simpleExploded" else ","
        return ",".join(f"{key}{joiner}{text}" for key, text in pairs)
    return scalar_text(value)


def _cookie_text(text: str) -> str:
    # percent-encoded like a form value: `;`, `,`, spaces and quotes cannot break the header
    return quote(text, safe="")


def encode_cookies(cookies: Mapping[str, object], styles: Mapping[str, str] | None = None) -> str:
    """Cookie parameters as one `Cookie` header value, in OpenAPI's `form` style: `name=value`
    pairs joined by `; `; omitted and None values dropped. Exploded (the default), a list repeats
    its name (`id=1; id=2`) and an object sends its properties (`k=v; k2=v2`); not exploded
    (`styles[name] == "commaDelimited"`) a list is `id=1,2` and an object `name=k,v,k2,v2`."""
    out: list[str] = []
    for name, value in cookies.items():
        if _skip(value):
            continue
        exploded = not styles or styles.get(name) != "commaDelimited"
        key = _cookie_text(name)
        items = _items(value)
        pairs = _pairs(value) if items is None else None
        if items is not None:
            parts = [_cookie_text(item) for item in items]
            if exploded:
                out.extend(f"{key}={part}" for part in parts)
            elif parts:
                out.append(f"{key}={','.join(parts)}")
        elif pairs is not None:
            if exploded:
                out.extend(f"{_cookie_text(k)}={_cookie_text(v)}" for k, v in pairs)
            elif pairs:
                out.append(f"{key}={','.join(_cookie_text(part) for pair in pairs for part in pair)}")
        else:
            out.append(f"{key}={_cookie_text(scalar_text(value))}")
    return "; ".join(out)


def cookie_header(existing: str | None, ours: str) -> str:
    """The `Cookie` header with the call's cookie parameters added to the cookies already there
    (the caller's `extra_headers`, the http client's cookie jar). A cookie an argument sets
    replaces one of the same name from those: the argument is the more specific."""
    if not existing:
        return ours
    names = {pair.split("=", 1)[0] for pair in ours.split("; ")}
    kept = [
        pair.strip()
        for pair in existing.split(";")
        if pair.strip() and pair.strip().split("=", 1)[0] not in names
    ]
    return "; ".join([*kept, ours])


def encode_path(value: object) -> str:
    """One path segment, percent-encoded, so that `/`, `?` or `..` in a value stay data."""
    text = scalar_text(value)
    if not text:
        raise ValueError("a path parameter must not be empty")
    return quote(text, safe="")


def _skip(value: object) -> bool:
    return value is None or isinstance(value, Omit)


def _deep_object(name: str, value: object, out: QueryPairs) -> None:
    if hasattr(value, "model_dump"):
        from ._body import jsonable

        value = jsonable(value)
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
            continue
        delimiter = _DELIMITERS.get(style)
        items = _items(value)
        pairs = _pairs(value) if items is None else None
        if items is not None:  # a list: exploded repeats the name, else one delimited value
            if delimiter is None:
                out.extend((name, item) for item in items)
            elif items:
                out.append((name, delimiter.join(items)))
        elif pairs is not None:  # an object (a mapping or a model): exploded spreads its fields
            if delimiter is None:
                out.extend(pairs)
            elif pairs:
                out.append((name, delimiter.join(part for pair in pairs for part in pair)))
        else:
            out.append((name, scalar_text(value)))
    return out
