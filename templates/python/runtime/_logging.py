"""The package's logger: DEBUG lines per request, with secrets redacted from every record."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["SENSITIVE_HEADERS", "RedactingFilter", "get_logger", "redact", "redact_headers"]

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


def _replace(match: re.Match[str]) -> str:
    prefix = match.group("scheme") or match.group("header") or match.group("key") or ""
    return prefix + _REDACTED


def redact(text: str) -> str:
    """`text` with credentials (Bearer/Api-Key values, api_key=..., Authorization: ...) hidden."""
    return _SECRET.sub(_replace, text)


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
