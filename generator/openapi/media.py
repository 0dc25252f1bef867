"""Media type families that decide how a body is sent or read."""

from __future__ import annotations

NDJSON = frozenset({"application/x-ndjson", "application/jsonl", "application/json-seq"})
_BINARY_EXACT = frozenset(
    {
        "application/octet-stream",
        "application/zip",
        "application/gzip",
        "application/pdf",
        "application/x-tar",
    }
)
_BINARY_FAMILIES = ("audio/", "image/", "video/", "font/")


def essence(media_type: str) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    kind = essence(media_type)
    return kind == "application/json" or kind.endswith("+json")


def is_sse(media_type: str) -> bool:
    return essence(media_type) == "text/event-stream"


def is_ndjson(media_type: str) -> bool:
    return essence(media_type) in NDJSON


def is_binary(media_type: str) -> bool:
    kind = essence(media_type)
    return kind in _BINARY_EXACT or kind.startswith(_BINARY_FAMILIES)


def is_text(media_type: str) -> bool:
    return essence(media_type).startswith("text/") and not is_sse(media_type)
