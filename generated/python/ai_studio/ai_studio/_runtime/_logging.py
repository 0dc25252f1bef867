"""Secrets out of every text the client writes: log records, error messages, error bodies.

Two nets, applied together by `redact`: the exact secrets this process's clients hold (API keys,
static IAM tokens, tokens handed out by a token provider; registered by `remember_secret` when a
client receives them), and patterns that look like credentials (`Bearer …`, `api_key=…`).
The first catches a key a server echoes back in any shape; the second, keys we never saw.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping
from typing import Any

__all__ = [
    "MAX_REMEMBERED_TOKENS",
    "SENSITIVE_HEADERS",
    "RedactingFilter",
    "get_logger",
    "hide_secrets",
    "redact",
    "redact_headers",
    "redact_value",
    "remember_secret",
]

SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "set-cookie"}
)

_SECRET = re.compile(
    r"(?i)"
    r"(?P<scheme>\b(?:bearer|api-key|basic)\s+)[^\s\"',;&]+"
    r"|(?P<header>\bauthorization\b[\"']?\s*[:=]\s*[\"']?)(?!(?:bearer|api-key|basic)\s)[^\s\"',;&]+"
    r"|(?P<key>\b(?:api[_-]?key|access[_-]?token|refresh[_-]?token|token|secret|password)"
    r"[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&]+"
)
_REDACTED = "<redacted>"

# the secrets handed to clients in this process. Keys and fixed credential headers are kept for
# good; tokens that rotate (from a token provider, newest last) are bounded: a provider hands
# out a new one every hour or, for a plain token, on every call, and old ones fall out long
# after they stopped working without ever pushing a key out.
MAX_REMEMBERED_TOKENS = 64
_MIN_SECRET_LENGTH = 4  # shorter values would redact ordinary words
_LASTING: dict[str, None] = {}
_ROTATING: dict[str, None] = {}
_SECRETS_LOCK = threading.Lock()
_longest_first: tuple[str, ...] = ()  # so that "Bearer key" is replaced before "key"


def remember_secret(value: str | None, *, rotating: bool = False) -> None:
    """Hide `value` (an API key, a token; with or without its scheme) from every message.

    `rotating`: a token that a newer one replaces (kept among the last MAX_REMEMBERED_TOKENS)."""
    global _longest_first
    if not value:
        return
    parts = [p for p in (value, value.rsplit(" ", 1)[-1]) if len(p) >= _MIN_SECRET_LENGTH]
    if all(p in _LASTING or p in _ROTATING for p in parts):
        return  # known already: the usual case on the request path, no lock taken
    with _SECRETS_LOCK:
        for part in parts:
            if part in _LASTING:
                continue
            if rotating:
                _ROTATING[part] = None
                while len(_ROTATING) > MAX_REMEMBERED_TOKENS:
                    del _ROTATING[next(iter(_ROTATING))]
            else:
                _ROTATING.pop(part, None)
                _LASTING[part] = None
        _longest_first = tuple(sorted({**_LASTING, **_ROTATING}, key=len, reverse=True))


def hide_secrets(text: str) -> str:
    """`text` with the secrets this process's clients hold replaced by `<redacted>`."""
    for secret in _longest_first:
        if secret in text:
            text = text.replace(secret, _REDACTED)
    return text


def _replace(match: re.Match[str]) -> str:
    prefix = match.group("scheme") or match.group("header") or match.group("key") or ""
    return prefix + _REDACTED


def redact(text: str) -> str:
    """`text` with credentials (the client's own secrets, Bearer/Api-Key values, api_key=...,
    Authorization: ...) hidden."""
    return _SECRET.sub(_replace, hide_secrets(text))


def redact_value(value: object) -> object:
    """A parsed error body with the client's own secrets hidden in its strings (keys too).

    Walks without recursion, so a body nested a million levels deep costs time, not the stack.
    """
    if not _longest_first:
        return value
    if isinstance(value, str):
        return hide_secrets(value)
    if not isinstance(value, (dict, list)):
        return value
    root: list[object] = [value]
    # (container copy, key or index, original child) still to visit
    stack: list[tuple[Any, Any, object]] = [(root, 0, value)]
    while stack:
        parent, key, item = stack.pop()
        if isinstance(item, str):
            parent[key] = hide_secrets(item)
        elif isinstance(item, dict):
            copy: dict[str, object] = {}
            for name, child in item.items():
                name = hide_secrets(name) if isinstance(name, str) else name
                copy[name] = child
                stack.append((copy, name, child))
            parent[key] = copy
        elif isinstance(item, list):
            items = list(item)
            stack.extend((items, index, child) for index, child in enumerate(items))
            parent[key] = items
    return root[0]


def redact_headers(headers: Mapping[Any, Any]) -> dict[Any, Any]:
    """A copy of `headers` with the values of credential-carrying headers replaced."""
    return {
        name: (_REDACTED if str(name).lower() in SENSITIVE_HEADERS else value)
        for name, value in headers.items()
    }


class RedactingFilter(logging.Filter):
    """Formats a record's message, then hides credentials in it, so no secret reaches a handler.

    Formatting first also catches a secret split between the format string and its arguments
    (`"api_key=%s", key`). Mappings among the arguments (headers) have sensitive values replaced.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and args:
            record.args = tuple(
                redact_headers(arg) if isinstance(arg, Mapping) else arg for arg in args
            )
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


_FILTER = RedactingFilter()
# named after the package that holds this runtime (`ai_studio`), not after the generator
_ROOT = logging.getLogger(__name__.split(".", 1)[0])


def _with_filter(logger: logging.Logger) -> logging.Logger:
    # a logger's filters apply only to records logged on it, so every child gets its own
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger


def _configure_from_env() -> None:
    level = os.environ.get("APIGEN_LOG", "").strip().lower()
    if level not in ("debug", "info"):
        return
    _ROOT.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    if not _ROOT.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        handler.addFilter(_FILTER)
        _ROOT.addHandler(handler)


_with_filter(_ROOT)
_configure_from_env()


def get_logger(name: str = "") -> logging.Logger:
    """The logger `name` (default: the package's own), with the redacting filter."""
    return _with_filter(logging.getLogger(name) if name else _ROOT)
