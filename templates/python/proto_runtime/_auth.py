"""Credentials as gRPC metadata and HTTP headers: fixed ones, and tokens from a provider."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Iterable

from .._runtime._logging import SENSITIVE_HEADERS, remember_secret
from .._runtime._types import (
    TOKEN_REFRESH_MARGIN,
    AsyncTokenProvider,
    TokenProvider,
    TokenResult,
)
from ._methods import Metadata

__all__ = [
    "AsyncTokenProvider",
    "AsyncTokenSource",
    "TokenProvider",
    "TokenSource",
    "credential_metadata",
    "one_of",
    "renew_token",
]


def one_of(**values: object) -> str:
    """The name of the one credential given (or "none", for `repr`); `ValueError` naming the
    arguments (never their values) when several are."""
    given = [name for name, value in values.items() if value]
    if len(given) > 1:
        raise ValueError(f"pass one of {', '.join(values)}, not several")
    return given[0] if given else "none"


def credential_metadata(
    rest: bool,
    credentials: Iterable[tuple[str, str, str, str | None, bool]],
    extra: Iterable[tuple[str, str]] = (),
) -> Metadata:
    """The fixed credentials of a client, then any extra pairs.

    `credentials` holds `(grpc_key, rest_key, prefix, value, secret)`; a pair is sent when its
    value is set, as `<key>: <prefix> <value>`; a secret (a key or token, not a folder id) is
    kept out of every error message the client builds. gRPC metadata keys are lower case; HTTP headers are
    case-insensitive, so the REST key keeps the spelling of the configuration.
    """
    pairs: list[tuple[str, str]] = []
    for grpc_key, rest_key, prefix, value, secret in credentials:
        if value:
            if secret:
                remember_secret(value)
            pairs.append((rest_key if rest else grpc_key, f"{prefix} {value}" if prefix else value))
    for key, value in extra:
        if key.lower() in SENSITIVE_HEADERS:
            remember_secret(value)
        pairs.append((key.lower(), value))
    return tuple(pairs)


class _Cache:
    """The last token and when to ask for a new one: `(token, expires_at)` results are kept
    until 60 s before `expires_at` (seconds since the epoch); a plain token is asked for anew
    on every call."""

    __slots__ = ("_cached", "_key", "_prefix")

    def __init__(self, key: str = "authorization", prefix: str = "Bearer") -> None:
        self._key, self._prefix = key, prefix
        # the last pair and when to renew it, stored together (see `remember`)
        self._cached: tuple[tuple[str, str], float] | None = None

    def cached(self) -> tuple[str, str] | None:
        cached = self._cached
        if cached is not None and time.time() < cached[1]:
            return cached[0]
        return None

    def remember(self, result: TokenResult) -> tuple[str, str]:
        if isinstance(result, tuple):
            token, expires_at = result
            refresh_at = float(expires_at) - TOKEN_REFRESH_MARGIN
        else:
            token, refresh_at = result, 0.0
        remember_secret(token, rotating=True)
        pair = (self._key, f"{self._prefix} {token}" if self._prefix else token)
        # one store: a caller reading meanwhile (without the lock) finds the old token with its
        # own, passed renewal time, never the old token as if it lasted as long as the new one
        self._cached = (pair, refresh_at)
        return pair

    def forget(self, provider: object) -> bool:
        """A server rejected the token: drop it and tell `provider` (if it has `invalidate`),
        so that the next call gets a new one. False if there was no token to drop."""
        cached, self._cached = self._cached, None
        if cached is None:
            return False
        pair = cached[0]
        invalidate = getattr(provider, "invalidate", None)
        if invalidate is not None:
            invalidate(pair[1].removeprefix(f"{self._prefix} ") if self._prefix else pair[1])
        return True

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<redacted>)"


class TokenSource(_Cache):
    """`authorization: Bearer <token>` (or another key and prefix) from a callable, refreshed
    before the token expires."""

    __slots__ = ("_lock", "_provider")

    def __init__(self, provider: TokenProvider, key: str = "authorization", prefix: str = "Bearer") -> None:
        super().__init__(key, prefix)
        self._provider = provider
        self._lock = threading.Lock()

    def renew(self) -> bool:
        """After UNAUTHENTICATED / 401: True if a new token may fix it (retry once)."""
        return self.forget(self._provider)

    def pair(self) -> tuple[str, str]:
        pair = self.cached()
        if pair is not None:
            return pair
        with self._lock:  # one refresh for the threads that found the token stale together
            return self.cached() or self.remember(self._provider())


class AsyncTokenSource(_Cache):
    """The same for the async client; the provider may be a plain or an async callable."""

    __slots__ = ("_lock", "_provider")

    def __init__(
        self, provider: AsyncTokenProvider, key: str = "authorization", prefix: str = "Bearer"
    ) -> None:
        super().__init__(key, prefix)
        self._provider = provider
        self._lock: asyncio.Lock | None = None  # created inside the running loop

    def renew(self) -> bool:
        """After UNAUTHENTICATED / 401: True if a new token may fix it (retry once)."""
        return self.forget(self._provider)

    async def pair(self) -> tuple[str, str]:
        pair = self.cached()
        if pair is not None:
            return pair
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            pair = self.cached()
            if pair is not None:
                return pair
            result = self._provider()
            if isinstance(result, Awaitable):
                result = await result
            return self.remember(result)


def renew_token(tokens: TokenSource | AsyncTokenSource | None, error: object) -> bool:
    """True if `error` is a gRPC UNAUTHENTICATED and the token was dropped to be renewed."""
    code = getattr(error, "code", None)
    if tokens is None or code is None or getattr(code(), "name", "") != "UNAUTHENTICATED":
        return False
    return tokens.renew()
