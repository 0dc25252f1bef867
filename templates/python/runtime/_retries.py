"""The one retry, backoff and deadline policy of every transport (REST, proto-REST, gRPC, WebSocket).

Each failed attempt is first named by what it tells about the call (an `Outcome`), then one
table says whether it may be repeated:

| outcome    | what failed                                                          | any call | idempotent |
|------------|----------------------------------------------------------------------|----------|------------|
| REJECTED   | the server turned the call away: 429, 503, RESOURCE_EXHAUSTED, an     | yes      | yes        |
|            | UNAVAILABLE the server sent                                          |          |            |
| NOT_SENT   | nothing reached a server: refused, DNS, connect or pool timeout,     | yes      | yes        |
|            | gRPC's "failed to connect"                                           |          |            |
| FAILED     | the server may have done the work: 408, 500, 502, 504, INTERNAL,     | no       | yes        |
|            | UNKNOWN, a connection broken mid-call, a read timeout                |          |            |
| FINAL      | anything else: other 4xx, 501, this client's own size limit          | no       | no         |

A call is idempotent when the spec says so (GET, an idempotency level) or it carries an
idempotency key. Attempts stop after `max_retries` retries, and never run past the call's
deadline (`timeout=` is the time for the whole call): the wait before the next attempt is the
server's `retry-after-ms` / `Retry-After` when it gave one, else an exponential backoff with
jitter (`initial_retry_delay` doubling up to `max_retry_delay`, each wait 75-100 % of that).
A server asking for a longer wait than the time left ends the call at once with its error;
without a deadline a requested wait is capped at `MAX_RETRY_AFTER`.
"""

from __future__ import annotations

import enum
import random
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RULES",
    "Attempts",
    "Deadline",
    "Outcome",
    "grpc_outcome",
    "not_sent",
    "retryable",
    "status_outcome",
    "transport_outcome",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0  # the longest wait a server may ask for when the call has no deadline


class Outcome(enum.Enum):
    REJECTED = "rejected"
    NOT_SENT = "not sent"
    FAILED = "failed"
    FINAL = "final"


# outcome -> (retried for any call, retried for an idempotent call)
RULES: Mapping[Outcome, tuple[bool, bool]] = {
    Outcome.REJECTED: (True, True),
    Outcome.NOT_SENT: (True, True),
    Outcome.FAILED: (False, True),
    Outcome.FINAL: (False, False),
}


def retryable(outcome: Outcome, idempotent: bool) -> bool:
    return RULES[outcome][1 if idempotent else 0]


def status_outcome(status: int) -> Outcome:
    """An HTTP error status (REST, proto-REST, a WebSocket handshake)."""
    if status == 429 or status == 503:
        return Outcome.REJECTED
    if status == 408 or (status >= 500 and status != 501):
        return Outcome.FAILED
    return Outcome.FINAL


# how httpx2 names failures where not a byte of the request left the client
_NOT_SENT_ERRORS = ("ConnectError", "ConnectTimeout", "PoolTimeout")
# how httpx2 names failures that no second attempt can mend
_FINAL_ERRORS = ("TooManyRedirects", "UnsupportedProtocol", "InvalidURL", "DecodingError")


def transport_outcome(exc: BaseException) -> Outcome:
    """A failure below HTTP (httpx2's TransportError and friends, OSError of a WebSocket)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names.intersection(_NOT_SENT_ERRORS) or isinstance(exc, ConnectionRefusedError):
        return Outcome.NOT_SENT
    if names.intersection(_FINAL_ERRORS):
        return Outcome.FINAL
    return Outcome.FAILED


# how gRPC words a call that never left the client (no connection, no address) ...
_GRPC_NOT_SENT = ("failed to connect to all addresses", "dns resolution failed", "errors resolving")
# ... and a connection that broke while the call was on it
_GRPC_BROKEN = ("socket closed", "connection reset", "broken pipe", "goaway", "stream removed")


def not_sent(details: str) -> bool:
    """True when an UNAVAILABLE is gRPC's own connect failure: the server never saw the call."""
    return details.lower().startswith(_GRPC_NOT_SENT)


def grpc_outcome(code: str, details: str) -> Outcome:
    """A gRPC status by name (`StatusCode.name`), with its details text."""
    lowered = details.lower()
    if code == "RESOURCE_EXHAUSTED":
        # "Received message larger than max": this client's own size limit, not the server's
        return Outcome.FINAL if "larger than max" in lowered else Outcome.REJECTED
    if code == "UNAVAILABLE":
        if not_sent(details):
            return Outcome.NOT_SENT
        return Outcome.FAILED if any(p in lowered for p in _GRPC_BROKEN) else Outcome.REJECTED
    if code in ("INTERNAL", "UNKNOWN", "DEADLINE_EXCEEDED"):
        return Outcome.FAILED
    return Outcome.FINAL


def requested_wait(headers: Mapping[str, str] | None) -> float | None:
    """The server's requested wait in seconds (retry-after-ms, or Retry-After seconds or date)."""
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(float(value) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def backoff(retries_done: int, initial: float, maximum: float) -> float:
    delay = min(initial * (2.0 ** min(retries_done, 62)), maximum)
    # jitter spreads clients that failed together: 75-100 % of the backoff
    return delay * (1.0 - 0.25 * random.random())


class Deadline:
    """The end of a call (`timeout` seconds from now; None: none), on the monotonic clock."""

    __slots__ = ("at",)

    def __init__(self, timeout: float | None) -> None:
        self.at = None if timeout is None else time.monotonic() + timeout

    def left(self) -> float | None:
        """Seconds left (never below 0), or None without a deadline."""
        if self.at is None:
            return None
        return max(self.at - time.monotonic(), 0.0)

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def cap(self, seconds: float | None) -> float | None:
        """`seconds` (a per-phase timeout) lowered to the time left."""
        left = self.left()
        if left is None:
            return seconds
        return left if seconds is None else min(seconds, left)


class Attempts:
    """One call across its attempts (sans I/O: the transports send and sleep, this decides).

    `after(outcome, headers)` answers the seconds to wait before the next attempt, or None:
    raise the last error.
    """

    __slots__ = ("_initial", "_left", "_maximum", "deadline", "idempotent", "number", "retries_done")

    def __init__(
        self,
        *,
        max_retries: int,
        deadline: Deadline,
        idempotent: bool,
        initial_delay: float = INITIAL_RETRY_DELAY,
        max_delay: float = MAX_RETRY_DELAY,
    ) -> None:
        self._left = max_retries
        self._initial = initial_delay
        self._maximum = max_delay
        self.deadline = deadline
        self.idempotent = idempotent
        self.number = 0  # the attempt being made: 0, 1, ...
        self.retries_done = 0

    def after(self, outcome: Outcome, headers: Mapping[str, str] | None = None) -> float | None:
        if self._left <= 0 or not retryable(outcome, self.idempotent):
            return None
        delay = requested_wait(headers)
        if delay is None:
            delay = backoff(self.retries_done, self._initial, self._maximum)
        left = self.deadline.left()
        if left is None:
            delay = min(delay, MAX_RETRY_AFTER)
        elif delay >= left:
            return None  # the next attempt could not even start in time
        self._left -= 1
        self.retries_done += 1
        self.number += 1
        return delay

    def again(self) -> None:
        """One more attempt that is not a retry (a fresh token after a 401)."""
        self.number += 1
