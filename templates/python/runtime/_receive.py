"""Reading a response body within the call's deadline and the client's size limit.

The size is counted after decompression, chunk by chunk, so a compression bomb stops at
`max_response_bytes` (plus one inflated chunk) instead of filling memory. httpx2 (2.16 and
later) inflates at most 1 MiB at a time, however much one network read brings, so that chunk
is at most 1 MiB.

The deadline: per-read timeouts alone let a server that drips a byte now and then keep a call
alive forever. Async code wraps the read in `asyncio.timeout`. Sync code cannot interrupt a
blocking read, so one watchdog thread (shared by every client of the process) shuts the
connection's socket down when a call's deadline passes; the blocked read then fails at once.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import socket
import threading
import time
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from ._errors import APITimeoutError, ResponseTooLargeError
from ._retries import Deadline

if TYPE_CHECKING:
    import httpx2

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "ReadDeadline", "aread_body", "read_body"]

DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024  # a buffered (JSON, error) body: 256 MiB


# Below this many entries the watchdog's heap is never compacted (see `_Watchdog.cancel`).
COMPACT_FROM = 64


class _Watchdog:
    """Shuts sockets down at their deadlines: one daemon thread, a heap of [when, id, socket].

    Watching is cheap enough for every call: the thread sleeps until the earliest deadline in
    the heap, cancelled or not, and is woken only by an entry due before that. A cancelled
    entry is taken out at once when it is the heap's last (calls in sequence) and others
    remain; else it stays, its socket cleared, until its deadline passes or cancelled entries
    make up half the heap, which is then compacted. Taking entries out never moves the
    thread's wake-up time, so the next call need not wake it: calls with one timeout wake the
    thread about once per timeout, not once per call. (Woken per call, a thread switch and a GIL
    hand-over each time, it cost a sync call ~80 us: most of what its deadline cost.)
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._heap: list[list[Any]] = []
        self._cancelled = 0  # entries in the heap whose socket was cleared
        self._wake_at = math.inf  # when the thread wakes next on its own
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None
        self.wakeups = 0  # how often the thread woke up (to show it sleeps through calls)

    def watch(self, when: float, sock: socket.socket) -> list[Any]:
        entry = [when, next(self._ids), sock]
        with self._condition:
            heapq.heappush(self._heap, entry)
            if when < self._wake_at:
                self._wake_at = when
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="apigen-deadlines", daemon=True
                    )
                    self._thread.start()
                else:
                    self._condition.notify()
        return entry

    def cancel(self, entry: list[Any]) -> None:
        heap = self._heap
        with self._condition:
            if entry[2] is None:  # its deadline passed: the thread took it out
                return
            # the latest deadline (calls in sequence) goes at once, unless it is the only one:
            # a thread finding the heap empty would sleep without end, and the next call would
            # have to wake it (calls in sequence would wake it once each)
            if len(heap) > 1 and heap[-1] is entry:
                heap.pop()
                return
            entry[2] = None
            self._cancelled += 1
            if self._cancelled * 2 >= len(heap) >= COMPACT_FROM:
                heap[:] = [kept for kept in heap if kept[2] is not None]
                heapq.heapify(heap)
                self._cancelled = 0

    def _run(self) -> None:
        heap = self._heap
        with self._condition:
            while True:
                now = time.monotonic()
                while heap and heap[0][0] <= now:
                    entry = heapq.heappop(heap)
                    sock, entry[2] = entry[2], None
                    if sock is None:
                        self._cancelled -= 1
                        continue
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                self._wake_at = heap[0][0] if heap else math.inf
                self._condition.wait(self._wake_at - now if heap else None)
                self.wakeups += 1


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):
    # a forked child has no watchdog thread (only the thread that forked lives on in it), and
    # the parent's entries are not its calls: it starts afresh, its first call starts the thread
    os.register_at_fork(after_in_child=_WATCHDOG._reset)


def _too_large(response: httpx2.Response, limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The response body is larger than max_response_bytes={limit}",
        limit=limit,
        request=response.request,
    )


def _timed_out(response: httpx2.Response) -> APITimeoutError:
    return APITimeoutError("Request timed out (the call's deadline passed).", request=response.request)


def _keep(response: httpx2.Response, chunks: list[bytes]) -> bytes:
    content = b"".join(chunks)
    response._content = content  # what `response.read()` would have kept: `.content` works
    return content


def async_deadline(deadline: Deadline) -> AbstractAsyncContextManager[object]:
    """Within the block, awaits end with TimeoutError when `deadline` passes (async code).

    asyncio's own timeout (or a no-op), not an `@asynccontextmanager`: every async generator
    costs the event loop a hook call and a weak-set entry, twice per request."""
    if deadline.at is None:
        return nullcontext()
    import asyncio

    return asyncio.timeout_at(asyncio.get_running_loop().time() + (deadline.left() or 0.0))


class ReadDeadline:
    """Within its block, reads of `response` end when `deadline` passes: `with` in sync code,
    where the watchdog shuts the connection's socket down, `async with` in async code, where
    the reads run under `async_deadline`."""

    def __init__(self, response: httpx2.Response, deadline: Deadline) -> None:
        self.response = response
        self.deadline = deadline
        self._watched: list[Any] | None = None
        self._timeout: AbstractAsyncContextManager[object] | None = None

    def __enter__(self) -> None:
        stream = self.response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if self.deadline.at is not None and isinstance(sock, socket.socket):
            self._watched = _WATCHDOG.watch(self.deadline.at, sock)

    def __exit__(self, *exc_info: object) -> None:
        if self._watched is not None:
            _WATCHDOG.cancel(self._watched)

    async def __aenter__(self) -> None:
        self._timeout = async_deadline(self.deadline)
        await self._timeout.__aenter__()

    async def __aexit__(self, *exc_info: Any) -> bool | None:
        assert self._timeout is not None
        return await self._timeout.__aexit__(*exc_info)


# unasync: begin
async def aread_body(response: httpx2.Response, deadline: Deadline, limit: int) -> bytes:
    """The whole (decompressed) body; ResponseTooLargeError past `limit`, APITimeoutError past
    the deadline. Transport errors other than the deadline's propagate (the caller maps them)."""
    import httpx2

    chunks: list[bytes] = []
    size = 0
    try:
        async with ReadDeadline(response, deadline):
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _too_large(response, limit)
                chunks.append(chunk)
    except TimeoutError as exc:  # unasync: async only
        raise _timed_out(response) from exc  # unasync: async only
    except httpx2.TransportError as exc:
        if deadline.passed():  # the deadline ended the read (sync: the watchdog shut the socket)
            raise _timed_out(response) from exc
        raise
    finally:
        await response.aclose()
    return _keep(response, chunks)
# unasync: end
