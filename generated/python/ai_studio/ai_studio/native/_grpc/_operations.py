"""Handles for long-running operations (`yandex.cloud.operation.Operation`).

A method that starts an operation returns `Operation[ResponseT, MetadataT]`. `wait()` polls
`OperationService.Get` with a growing interval until the operation is done, then returns the
response unpacked from its `Any` into the type the method's `(api.operation)` option names,
or raises the typed status error the operation finished with. When the option names no
type, the packed `google.protobuf.Any` itself is returned.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from google.protobuf import any_pb2
from google.protobuf.message import Message
from google.rpc import status_pb2  # type: ignore[import-untyped, unused-ignore]

from ..._runtime._errors import APIError, APITimeoutError
from ._errors import RpcConnectionError, RpcStatusError, RpcTimeoutError, from_status

__all__ = [
    "AsyncOperation",
    "AsyncPoller",
    "Operation",
    "OperationNotDoneError",
    "OperationTimeoutError",
    "Poller",
    "Progress",
]

ResponseT = TypeVar("ResponseT", bound=Message)
MetadataT = TypeVar("MetadataT", bound=Message)
MessageT = TypeVar("MessageT", bound=Message)


class RawOperation(Protocol):
    """The fields of yandex.cloud.operation.Operation that the handle reads."""

    @property
    def id(self) -> str: ...
    @property
    def done(self) -> bool: ...
    @property
    def metadata(self) -> any_pb2.Any: ...
    @property
    def response(self) -> any_pb2.Any: ...
    @property
    def error(self) -> status_pb2.Status: ...
    def HasField(self, field_name: str) -> bool: ...


# called after each poll of `wait(progress=...)` with the handle (its `.metadata`) and elapsed seconds
Progress = Callable[["_Handle[Any, Any]", float], object]
OperationCall = Callable[[str, float | None], RawOperation]
AsyncOperationCall = Callable[[str, float | None], Awaitable[RawOperation]]


@dataclass(frozen=True)
class Poller:
    """OperationService.Get and .Cancel bound to a transport: (operation id, timeout) -> raw."""

    get: OperationCall
    cancel: OperationCall


@dataclass(frozen=True)
class AsyncPoller:
    get: AsyncOperationCall
    cancel: AsyncOperationCall


class OperationTimeoutError(APITimeoutError):
    """`wait(timeout=...)` ran out before the operation finished (it may still finish later)."""

    def __init__(self, operation_id: str, timeout: float) -> None:
        super().__init__(f"operation {operation_id} not done after {timeout:g} s")
        self.operation_id = operation_id


class OperationNotDoneError(APIError):
    """`result()` on an operation that is still running."""


def _unpack(packed: any_pb2.Any, cls: type[MessageT]) -> MessageT:
    if cls is any_pb2.Any:
        return packed  # type: ignore[return-value]
    message = cls()
    if packed.type_url and not packed.Unpack(message):
        raise TypeError(
            f"operation carries {packed.TypeName()}, expected {cls.DESCRIPTOR.full_name}"
        )
    return message


class _Handle(Generic[ResponseT, MetadataT]):
    def __init__(
        self, raw: RawOperation, response_type: type[ResponseT], metadata_type: type[MetadataT]
    ) -> None:
        self.raw = raw
        self._response_type = response_type
        self._metadata_type = metadata_type

    @property
    def id(self) -> str:
        return self.raw.id

    @property
    def done(self) -> bool:
        return self.raw.done

    @property
    def metadata(self) -> MetadataT | None:
        """The operation's metadata, unpacked; None while the server has sent none."""
        if not self.raw.HasField("metadata"):
            return None
        return _unpack(self.raw.metadata, self._metadata_type)

    @property
    def error(self) -> RpcStatusError | RpcTimeoutError | RpcConnectionError | None:
        """The typed error the operation finished with (not raised), or None."""
        if not self.raw.HasField("error"):
            return None
        return from_status(self.raw.error, operation_id=self.raw.id)

    def result(self) -> ResponseT:
        """The response of a finished operation; raises its error if it failed."""
        error = self.error
        if error is not None:
            raise error
        if not self.raw.done:
            raise OperationNotDoneError(f"operation {self.raw.id} is not done yet")
        return _unpack(self.raw.response, self._response_type)

    def __repr__(self) -> str:
        state = "done" if self.raw.done else "running"
        return f"<{type(self).__name__} {self.raw.id} {state}>"


class Operation(_Handle[ResponseT, MetadataT]):
    def __init__(
        self,
        raw: RawOperation,
        response_type: type[ResponseT],
        metadata_type: type[MetadataT],
        poller: Poller | None,
    ) -> None:
        super().__init__(raw, response_type, metadata_type)
        self._poller = poller

    def _require_poller(self) -> Poller:
        if self._poller is None:
            raise APIError("OperationService is not part of this package: cannot poll")
        return self._poller

    def refresh(self, timeout: float | None = None) -> Operation[ResponseT, MetadataT]:
        """Fetch the operation's current state (one OperationService.Get call)."""
        self.raw = self._require_poller().get(self.raw.id, timeout)
        return self

    def cancel(self, timeout: float | None = None) -> Operation[ResponseT, MetadataT]:
        self.raw = self._require_poller().cancel(self.raw.id, timeout)
        return self

    def wait(
        self,
        timeout: float | None = None,
        poll_interval: float = 0.5,
        max_poll_interval: float = 10.0,
        progress: Progress | None = None,
    ) -> ResponseT:
        """Poll until done (at most `timeout` seconds), then return the response or raise.

        `progress(operation, elapsed_seconds)` is called after each poll.
        """
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        interval = poll_interval
        while not self.raw.done:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OperationTimeoutError(self.raw.id, timeout or 0.0)
                time.sleep(min(interval, remaining))
            else:
                time.sleep(interval)
            self.refresh()
            if progress is not None:
                progress(self, time.monotonic() - started)
            interval = min(interval * 1.5, max_poll_interval)
        return self.result()


class AsyncOperation(_Handle[ResponseT, MetadataT]):
    def __init__(
        self,
        raw: RawOperation,
        response_type: type[ResponseT],
        metadata_type: type[MetadataT],
        poller: AsyncPoller | None,
    ) -> None:
        super().__init__(raw, response_type, metadata_type)
        self._poller = poller

    def _require_poller(self) -> AsyncPoller:
        if self._poller is None:
            raise APIError("OperationService is not part of this package: cannot poll")
        return self._poller

    async def refresh(self, timeout: float | None = None) -> AsyncOperation[ResponseT, MetadataT]:
        """Fetch the operation's current state (one OperationService.Get call)."""
        self.raw = await self._require_poller().get(self.raw.id, timeout)
        return self

    async def cancel(self, timeout: float | None = None) -> AsyncOperation[ResponseT, MetadataT]:
        self.raw = await self._require_poller().cancel(self.raw.id, timeout)
        return self

    async def wait(
        self,
        timeout: float | None = None,
        poll_interval: float = 0.5,
        max_poll_interval: float = 10.0,
        progress: Progress | None = None,
    ) -> ResponseT:
        """Poll until done (at most `timeout` seconds), then return the response or raise.

        `progress(operation, elapsed_seconds)` is called after each poll.
        """
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        interval = poll_interval
        while not self.raw.done:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OperationTimeoutError(self.raw.id, timeout or 0.0)
                await asyncio.sleep(min(interval, remaining))
            else:
                await asyncio.sleep(interval)
            await self.refresh()
            if progress is not None:
                progress(self, time.monotonic() - started)
            interval = min(interval * 1.5, max_poll_interval)
        return self.result()
