"""When a failed attempt may be repeated, and how long to wait before the next one."""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "retry_delay",
    "should_retry_error",
    "should_retry_status",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0


def should_retry_error(exc: httpx2.TransportError, idempotent: bool) -> bool:
    """A transport failure is retried when the request surely was not sent, or may safely repeat."""
    import httpx2

    # these are raised before a single byte of the request reached the server
    return idempotent or isinstance(
        exc, (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)
    )


def should_retry_status(status: int, idempotent: bool) -> bool:
    """429 and 503 mean "not processed"; 408 and other 5xx only for idempotent requests."""
    if status == 429 or status == 503:
        return True
    return idempotent and (status == 408 or status >= 500)


def _retry_after(headers: httpx2.Headers) -> float | None:
    """The server's requested wait in seconds (retry-after-ms, or Retry-After seconds or date)."""
    value = headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.timestamp() - time.time()


def retry_delay(
    retries_done: int,
    headers: httpx2.Headers | None,
    *,
    initial: float = INITIAL_RETRY_DELAY,
    maximum: float = MAX_RETRY_DELAY,
) -> float:
    """Seconds to wait: Retry-After when the server gave one (capped at 60 s), else backoff."""
    if headers is not None:
        requested = _retry_after(headers)
        if requested is not None and requested >= 0:
            return min(requested, MAX_RETRY_AFTER)
    delay = min(initial * (2.0**retries_done), maximum)
    # jitter spreads clients that failed together: 75-100 % of the backoff
    return delay * (1.0 - 0.25 * random.random())
