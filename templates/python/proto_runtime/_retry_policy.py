"""When a failed call is tried again, and after how long: one rule for gRPC and REST.

A call is tried again up to `max_retries` times (default 2; per client and per call), after an
exponential backoff with jitter (0.5 s, 1 s, 2 s, ... at most 8 s; each wait 75-100 % of that),
or after the wait a server asked for in `retry-after-ms` / `retry-after` (trailing metadata over
gRPC, headers over REST; at most 60 s). What is tried again:

- Idempotent calls (reads: the generator marks a method idempotent when its google.api.http
  binding is GET, its proto declares an `idempotency_level`, or, without a binding, its name
  starts with Get, List or Describe) and calls sent with an idempotency key: UNAVAILABLE and
  RESOURCE_EXHAUSTED; over REST also 408, 429, 5xx but 501, and any connection failure.
- Every other call (generation, create, ...) only when it surely was not processed:
  RESOURCE_EXHAUSTED / 429 (the server turned it away), and a connection that failed before
  the request went out: over gRPC an UNAVAILABLE whose details are gRPC's own connect failure
  ("failed to connect to all addresses", a name resolution error), over REST a refused
  connection. An UNAVAILABLE / 503 that the server sent, a reset, a timeout: not retried, the
  server may have done the work.
- Never: DEADLINE_EXCEEDED or a client timeout (`timeout=` is the deadline of the whole call,
  across attempts: no backoff sleeps past it), a server stream once a message arrived, and
  calls that stream requests (a request iterator cannot be replayed).

Every attempt carries the same `x-client-request-id` (a uuid4) and `x-retry-attempt` (0, 1, ...).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import grpc
import httpx2

from .._runtime._logging import get_logger
from .._runtime._retries import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    retry_delay,
)
from ._methods import Metadata, Method

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_DELAY",
    "Attempts",
    "RetryPolicy",
    "connection_retryable",
    "grpc_retryable",
    "http_retryable",
    "not_sent",
    "request_id",
]

# how gRPC words a call that never left the client (no connection, no address)
_NOT_SENT = ("failed to connect to all addresses", "dns resolution failed", "errors resolving")
_LOG = get_logger(__name__.split(".", 1)[0])
_UUID4_BITS = (0x4 << 76) | (0x2 << 62)  # version 4, variant RFC 4122 ("10")
_UUID4_MASK = ~((0xF << 76) | (0x3 << 62))


def request_id() -> str:
    """A random version 4 UUID, as `str(uuid.uuid4())` but a third of its cost (no `os.urandom`
    call per request): it identifies a call in logs, it guards nothing."""
    digits = "%032x" % (random.getrandbits(128) & _UUID4_MASK | _UUID4_BITS)
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def not_sent(details: str) -> bool:
    """True when an UNAVAILABLE is gRPC's own connect failure: the server never saw the call."""
    return details.lower().startswith(_NOT_SENT)


def grpc_retryable(code: grpc.StatusCode, details: str, idempotent: bool) -> bool:
    if code is grpc.StatusCode.RESOURCE_EXHAUSTED:
        # "Received message larger than max": this client's own size limit, not the server's
        return "larger than max" not in details
    if code is grpc.StatusCode.UNAVAILABLE:
        return idempotent or not_sent(details)
    return False


def http_retryable(status: int, idempotent: bool) -> bool:
    if status == 429:
        return True
    return idempotent and (status == 408 or (status >= 500 and status != 501))


def connection_retryable(sent: bool, idempotent: bool) -> bool:
    """A failed connection: repeatable when the request never went out, or is idempotent."""
    return idempotent or not sent


@dataclass(frozen=True)
class RetryPolicy:
    """The client's settings; each call may lower or raise `max_retries`."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY

    def delay(self, retries_done: int, headers: httpx2.Headers | None) -> float:
        return retry_delay(
            retries_done, headers, initial=self.initial_delay, maximum=self.max_delay
        )

    def channel_options(self) -> tuple[tuple[str, int], ...]:
        """A gRPC channel reconnects on the same schedule (its own default: 1 s up to 120 s),
        so that a retry after a refused connection finds the channel trying again."""
        return (
            ("grpc.initial_reconnect_backoff_ms", max(1, round(self.initial_delay * 1000))),
            ("grpc.max_reconnect_backoff_ms", max(1, round(self.max_delay * 1000))),
        )


class Attempts:
    """One call across its attempts: what each carries, the time left, the wait before the next."""

    __slots__ = ("_deadline", "_idempotent", "_left", "_pairs", "_path", "_policy", "number")

    def __init__(
        self,
        policy: RetryPolicy,
        method: Method[Any, Any],
        timeout: float | None,
        max_retries: int | None,
        idempotency_key: str | None,
    ) -> None:
        self._policy = policy
        self._path = method.path
        self._left = policy.max_retries if max_retries is None else max_retries
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._idempotent = method.idempotent or bool(idempotency_key)
        self._pairs: Metadata = (("x-client-request-id", request_id()),)
        if idempotency_key:
            self._pairs = (("idempotency-key", idempotency_key), *self._pairs)
        self.number = 0

    def metadata(self, pairs: Metadata) -> Metadata:
        """`pairs` plus the idempotency key, the request id and the attempt number."""
        return (*pairs, *self._pairs, ("x-retry-attempt", str(self.number)))

    def timeout(self) -> float | None:
        """Seconds left before the call's deadline (None: no deadline)."""
        if self._deadline is None:
            return None
        return max(self._deadline - time.monotonic(), 0.0)

    def after_grpc_error(self, error: grpc.RpcError) -> float | None:
        """Seconds to wait before the next attempt, or None: raise this error."""
        call: grpc.Call = error  # type: ignore[assignment]
        code = call.code()
        if not grpc_retryable(code, call.details() or "", self._idempotent):
            return None
        return self._next(_text_pairs(call.trailing_metadata()), code.name)

    def after_status(self, status: int, headers: httpx2.Headers) -> float | None:
        if not http_retryable(status, self._idempotent):
            return None
        return self._next(headers, str(status))

    def after_connection_error(self, error: httpx2.TransportError) -> float | None:
        sent = not isinstance(error, httpx2.ConnectError)
        if not connection_retryable(sent, self._idempotent):
            return None
        return self._next(None, type(error).__name__)

    def _next(self, headers: httpx2.Headers | None, reason: str) -> float | None:
        if self._left <= 0:
            return None
        delay = self._policy.delay(self.number, headers)
        if self._deadline is not None and time.monotonic() + delay >= self._deadline:
            return None  # the next attempt could not finish in time
        _LOG.info(
            "retrying %s in %.2f s (attempt %d failed: %s)", self._path, delay, self.number, reason
        )
        self._left -= 1
        self.number += 1
        return delay


def _text_pairs(items: Iterable[tuple[str, str | bytes]] | None) -> httpx2.Headers | None:
    """gRPC trailing metadata as headers (binary `-bin` values left out)."""
    pairs = [(key, value) for key, value in items or () if isinstance(value, str)]
    return httpx2.Headers(pairs) if pairs else None
