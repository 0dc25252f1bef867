"""Run-time dependency ranges of generated packages: one list each, read by both the package's
pyproject.toml and its README (which repeats them for those who vendor the folder)."""

from __future__ import annotations

from collections.abc import Sequence

REQUIRES_PYTHON = ">=3.11"
HTTP = ("httpx2>=2.16", "pydantic>=2.10")  # every package: the HTTP runtime and its models
WEBSOCKETS = "websockets>=13"  # packages with a WebSocket channel
BUILD = "flit_core>=3.4,<5"  # what `pip install <folder>` fetches to build the wheel
SERVICE_ACCOUNT = ("pyjwt>=2.8", "cryptography>=42")  # the AI Studio bundle's `service-account` extra


def http_requirements(websockets: bool) -> list[str]:
    """An OpenAPI package's dependencies."""
    return [*HTTP, *([WEBSOCKETS] if websockets else [])]


def bundle_requirements(proto: Sequence[str], websockets: bool) -> list[str]:
    """A bundle's dependencies: the HTTP runtime, its proto parts' ranges, websockets."""
    return [*HTTP, *proto, *([WEBSOCKETS] if websockets else [])]
