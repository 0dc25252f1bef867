"""Helpers the generated methods use to build request paths and multipart file lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from ._types import FileTypes, Omit


def encode_path(value: object) -> str:
    """One path segment: percent-encoded, so that `/`, `?` or `..` in a value stay data."""
    text = value.value if hasattr(value, "value") and not isinstance(value, str) else value
    text = str(text)
    if not text:
        raise ValueError("a path parameter must not be empty")
    return quote(text, safe="")


def file_parts(*parts: tuple[str, Any]) -> list[tuple[str, FileTypes]]:
    """Multipart file fields: omitted ones dropped, a sequence of files sent under one name."""
    out: list[tuple[str, FileTypes]] = []
    for name, value in parts:
        if isinstance(value, Omit) or value is None:
            continue
        if isinstance(value, Sequence) and not isinstance(value, (bytes, str, tuple)):
            out.extend((name, item) for item in value)
        else:
            out.append((name, value))
    return out
