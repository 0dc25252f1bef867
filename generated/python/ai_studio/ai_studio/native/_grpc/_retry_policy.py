"""The shared retry policy (`_runtime/_retries.py`) fitted to gRPC and proto-REST calls.

What is tried again, after how long, and the deadline are decided by the one table in
`_runtime/_retries.py` (the same for REST, proto-REST, gRPC and WebSocket). Proto specifics
live here: which methods are idempotent (the generator marks a method idempotent when its
google.api.http binding is GET, its proto declares an `idempotency_level`, or, without a
binding, its name starts with Get, List or Describe; an idempotency key makes any call so),
the metadata each attempt carries, and the gRPC channel's own reconnect schedule. Never
retried besides: a server stream once a message arrived, and calls that stream requests (a
request iterator cannot be replayed).

Every attempt carries the same `x-client-request-id` (a uuid4) and `x-retry-attempt` (0, 1, ...).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import grpc

from ..._runtime._logging import get_logger
from ..._runtime._retries import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    Attempts as _Attempts,
    Deadline,
    Outcome,
    grpc_outcome,
    status_outcome,
    transport_outcome,
)
from ._methods import Metadata, Method

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_DELAY",
    "Attempts",
    "RetryPolicy",
    "request_id",
]

_LOG = get_logger(__name__.split(".", 1)[0])
_UUID4_BITS = (0x4 << 76) | (0x2 << 62)  # version 4, variant RFC 4122 ("10")
_UUID4_MASK = ~((0xF << 76) | (0x3 << 62))
_FIRST_ATTEMPT = ("x-retry-attempt", "0")
_NO_DEADLINE = Deadline(None)  # shared: a Deadline is never changed once made


def request_id() -> str:
    """A random version 4 UUID, as `str(uuid.uuid4())` but a third of its cost (no `os.urandom`
    call per request): it identifies a call in logs, it guards nothing."""
    digits = "%032x" % (random.getrandbits(128) & _UUID4_MASK | _UUID4_BITS)
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


@dataclass(frozen=True)
class RetryPolicy:
    """The client's settings; each call may lower or raise `max_retries`."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY

    def channel_options(self) -> tuple[tuple[str, int], ...]:
        """A gRPC channel reconnects on the same schedule (its own default: 1 s up to 120 s),
        so that a retry after a refused connection finds the channel trying again."""
        return (
            ("grpc.initial_reconnect_backoff_ms", max(1, round(self.initial_delay * 1000))),
            ("grpc.max_reconnect_backoff_ms", max(1, round(self.max_delay * 1000))),
        )


class Attempts:
    """One proto call across its attempts: what each carries, the time left, the next wait.

    Made for every call, so the first attempt costs only its request id and its deadline; the
    retry state (`_runtime._retries.Attempts`) is made when an attempt fails.
    """

    __slots__ = ("_key", "_max_retries", "_method", "_pairs", "_policy", "_state", "deadline")

    def __init__(
        self,
        policy: RetryPolicy,
        method: Method[Any, Any],
        timeout: float | None,
        max_retries: int | None,
        idempotency_key: str | None,
    ) -> None:
        self._policy = policy
        self._method = method
        self._max_retries = max_retries
        self._key = idempotency_key
        self._state: _Attempts | None = None
        self.deadline = _NO_DEADLINE if timeout is None else Deadline(timeout)
        self._pairs: Metadata = (("x-client-request-id", request_id()),)
        if idempotency_key:
            self._pairs = (("idempotency-key", idempotency_key), *self._pairs)

    @property
    def number(self) -> int:
        """The attempt being made: 0, 1, ..."""
        return 0 if self._state is None else self._state.number

    def metadata(self, pairs: Metadata) -> Metadata:
        """`pairs` plus the idempotency key, the request id and the attempt number."""
        if self._state is None:
            return (*pairs, *self._pairs, _FIRST_ATTEMPT)
        return (*pairs, *self._pairs, ("x-retry-attempt", str(self._state.number)))

    def timeout(self) -> float | None:
        """Seconds left before the call's deadline (None: no deadline)."""
        return self.deadline.left()

    def after_grpc_error(self, error: grpc.RpcError) -> float | None:
        """Seconds to wait before the next attempt, or None: raise this error."""
        call: grpc.Call = error  # type: ignore[assignment]
        code = call.code()
        outcome = grpc_outcome(code.name, call.details() or "")
        return self._next(outcome, _text_pairs(call.trailing_metadata()), code.name)

    def after_status(self, status: int, headers: Any) -> float | None:
        return self._next(status_outcome(status), headers, str(status))

    def after_connection_error(self, error: Exception) -> float | None:
        return self._next(transport_outcome(error), None, type(error).__name__)

    def _next(self, outcome: Outcome, headers: Any, reason: str) -> float | None:
        state = self._state
        if state is None:
            policy, method = self._policy, self._method
            state = self._state = _Attempts(
                max_retries=policy.max_retries if self._max_retries is None else self._max_retries,
                deadline=self.deadline,
                idempotent=method.idempotent or bool(self._key),
                initial_delay=policy.initial_delay,
                max_delay=policy.max_delay,
            )
        failed = state.number
        delay = state.after(outcome, headers)
        if delay is not None:
            path = self._method.path
            _LOG.info("retrying %s in %.2f s (attempt %d failed: %s)", path, delay, failed, reason)
        return delay


def _text_pairs(items: Iterable[tuple[str, str | bytes]] | None) -> dict[str, str] | None:
    """gRPC trailing metadata as headers (binary `-bin` values left out)."""
    pairs = {key.lower(): value for key, value in items or () if isinstance(value, str)}
    return pairs or None
